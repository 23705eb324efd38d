// Writes the package's declarations into dist/ so that they stand alone: tsc emits them from
// src/, then dist/app-router.d.ts, which would re-export the server's router type (and with it the
// server's context, database and domain types), is replaced by a structural copy of the router:
// every procedure's kind, input and output, and the error shape, spelled out in plain types.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { printRouter } from './print-router';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entries = ['src/index.ts', 'src/node.ts', 'src/verify.ts', 'src/passkeys.ts'].map((file) =>
  join(root, file),
);

const program = ts.createProgram(entries, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  declaration: true,
  emitDeclarationOnly: true,
  rootDir: join(root, 'src'),
  outDir: dist,
});

const problems = [
  ...program.getSemanticDiagnostics(),
  ...program.getDeclarationDiagnostics(),
].filter((d) => d.file && d.file.fileName.startsWith(join(root, 'src')));
const written: string[] = [];
const result = program.emit(undefined, (fileName, text) => {
  if (!fileName.startsWith(dist + '/')) throw new Error(`refusing to write ${fileName}`);
  written.push(fileName);
  ts.sys.writeFile(fileName, text);
});
const all = [...problems, ...result.diagnostics];
if (all.length > 0) {
  console.error(ts.formatDiagnostics(all, ts.createCompilerHost({})));
  process.exit(1);
}

await writeFile(
  join(dist, 'app-router.d.ts'),
  printRouter(program, join(root, 'src/app-router.ts')),
);

// Nothing published may point at the workspace's private packages.
for (const name of await readdir(dist)) {
  const text = await readFile(join(dist, name), 'utf8');
  if (text.includes('@otp-auth/')) throw new Error(`dist/${name} still refers to @otp-auth/*`);
}
console.log(`declarations: ${written.length} files in dist/, standalone`);
