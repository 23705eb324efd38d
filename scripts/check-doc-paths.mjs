// `node scripts/check-doc-paths.mjs [ROOT]`: every repository path that the README, docs/ and the
// packages' READMEs name must exist, so a renamed or deleted file fails `pnpm lint` instead of
// leaving the docs wrong. A path is a word that starts with a top-level folder of the repository
// (`apps/server/src/env.ts`, `docs/decisions/080`: a record by its number) or a relative link.
// Paths git ignores (build output such as `apps/server/dist/main.js`) are made, not kept: skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const topFolders = ['apps', 'packages', 'docs', 'scripts', 'prisma', 'test', '.ci'];

function markdownFiles() {
  const files = ['README.md'];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  for (const group of ['apps', 'packages']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group))) files.push(join(group, name, 'README.md'));
  }
  return files.filter((file) => existsSync(join(root, file)));
}

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const kept = git('ls-files', '--cached', '--others', '--exclude-standard').split('\n');
const keptPaths = new Set(
  kept.flatMap((file) => file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))),
);

/** Ignored as a file or, before it is built, as the folder a `dist/` rule names. */
function ignored(path) {
  return [path, `${path}/`].some((candidate) => {
    try {
      git('check-ignore', '--quiet', '--no-index', candidate);
      return true;
    } catch {
      return false;
    }
  });
}

/** A path git keeps (or would: not ignored and on disk), or a decision record by its number
 * (`docs/decisions/080`). */
function exists(path) {
  if (keptPaths.has(path)) return true;
  const dir = dirname(path);
  const prefix = `${basename(path)}-`;
  return [...keptPaths].some((kept) => dirname(kept) === dir && basename(kept).startsWith(prefix));
}

const repoPath = new RegExp(
  `(?<![\\w./@-])((?:${topFolders.map((f) => f.replace('.', '\\.')).join('|')})/[\\w./-]*[\\w/])`,
  'g',
);
const link = /\]\((?!https?:|mailto:|#)([^)#\s]+)/g;

const dead = [];
for (const file of markdownFiles()) {
  const text = readFileSync(join(root, file), 'utf8');
  text.split('\n').forEach((line, index) => {
    const named = [...line.matchAll(repoPath)].map((match) => match[1] ?? '');
    const linked = [...line.matchAll(link)].map((match) =>
      relative(root, resolve(root, dirname(file), match[1] ?? '')),
    );
    for (const path of new Set([...named, ...linked])) {
      // A glob or a placeholder names no one file.
      if (path.includes('*') || path.includes('<')) continue;
      const clean = path.replace(/\/$/, '');
      if (!exists(clean) && !ignored(clean)) dead.push(`${file}:${index + 1}: ${path}`);
    }
  });
}

if (dead.length > 0) {
  console.error(`Paths named in the docs that do not exist:\n${dead.join('\n')}`);
  process.exit(1);
}
