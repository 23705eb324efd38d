import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { defineConfig } from 'tsup';

// The server as plain JavaScript (ADR 060): our workspace packages are bundled in, every npm
// package stays an import resolved from node_modules at run time (native addons, WASM files and
// package assets need their own folders). The build fails if the bundle imports a package that
// is not among this package's dependencies, since `pnpm release` installs only those, or if one
// of them goes unimported.
// One npm package is bundled too: trpc-to-openapi's entry re-exports adapters for six
// frameworks we never load; bundling keeps its generator only (about 17 MB less at run time).
const inlined = /^(@otp-auth\/|trpc-to-openapi$)/;
const bare = /^[^./]/;
// Read as files (the docs route serves Swagger UI's), never imported.
const readAsFiles = new Set(['swagger-ui-dist']);

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

export default defineConfig({
  entry: {
    main: 'src/main.ts',
    migrate: 'src/migrate.ts',
    'rotate-keys': 'src/cli/rotate-keys.ts',
    'admin-role': 'src/cli/admin-role.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  noExternal: [inlined],
  esbuildPlugins: [
    {
      name: 'npm-packages-external',
      setup(build) {
        build.onResolve({ filter: bare }, (args) => {
          if (isBuiltin(args.path) || inlined.test(args.path)) return undefined;
          // Nothing of ours imports a package for its side effects alone: an import whose
          // bindings go unused can go (and with it, a package never loaded).
          return { path: args.path, external: true, sideEffects: false };
        });
      },
    },
  ],
  onSuccess: () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const used = new Set<string>();
    for (const file of readdirSync('dist').filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(`dist/${file}`, 'utf8');
      for (const [, specifier = ''] of code.matchAll(
        /(?:from|import\(?)\s*["']([^"'./][^"']*)["']/g,
      )) {
        if (!isBuiltin(specifier)) used.add(packageName(specifier) ?? specifier);
      }
    }
    const missing = [...used].filter((name) => !declared.has(name)).sort();
    if (missing.length > 0) {
      throw new Error(`apps/server/package.json lacks dependencies: ${missing.join(', ')}`);
    }
    // And the other way: a dependency the bundle never imports is dead weight in every release.
    const unused = [...declared].filter((name) => !used.has(name) && !readAsFiles.has(name));
    if (unused.length > 0) {
      throw new Error(`apps/server/package.json has unused dependencies: ${unused.join(', ')}`);
    }
    return Promise.resolve();
  },
});
