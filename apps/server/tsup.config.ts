import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The server as plain JavaScript (ADR 060): our workspace packages are bundled in, every npm
// package stays an import resolved from node_modules at run time (native addons, WASM files and
// package assets need their own folders). The build fails if the bundle imports a package that
// is not among this package's dependencies, since `pnpm release` installs only those.
const workspace = /^@otp-auth\//;
const bare = /^[^./]/;
const imported = new Set<string>();

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

export default defineConfig({
  entry: { main: 'src/main.ts', migrate: 'src/migrate.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  noExternal: [workspace],
  esbuildPlugins: [
    {
      name: 'npm-packages-external',
      setup(build) {
        build.onResolve({ filter: bare }, (args) => {
          if (args.path.startsWith('node:') || workspace.test(args.path)) return undefined;
          if (args.kind !== 'entry-point') imported.add(packageName(args.path) ?? args.path);
          return { path: args.path, external: true };
        });
      },
    },
  ],
  onSuccess: async () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const missing = [...imported].filter((name) => !declared.has(name)).sort();
    if (missing.length > 0) {
      throw new Error(`apps/server/package.json lacks dependencies: ${missing.join(', ')}`);
    }
  },
});
