// `pnpm release [DIR]` (default release/): a folder that runs anywhere with Node 20 alone:
//   DIR/package.json            "main" → the compiled server; `node .` starts it
//   DIR/apps/server/dist/       the server, compiled (workspace packages bundled in)
//   DIR/apps/web/dist/          the built SPA it serves
//   DIR/prisma/migrations/      the migrations it applies (or `npm run migrate` does)
//   DIR/node_modules/           the server's production dependencies only (pnpm deploy --prod)
// The layout mirrors the repository's, so the server finds every file from its own location.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? 'release');
if (target === root || root.startsWith(`${target}/`))
  throw new Error(`refusing to replace ${target}`);

// A release is production software whatever the caller's NODE_ENV (a test runner sets "test",
// with which Vite would build the SPA's development-only pages in).
const env = { ...process.env, NODE_ENV: 'production' };
const pnpm = (...args) => execFileSync('pnpm', args, { cwd: root, env, stdio: 'inherit' });

pnpm('--filter', '@otp-auth/web', 'run', 'build');
pnpm('--filter', '@otp-auth/server', 'run', 'build');

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
// pnpm deploy writes the package with its production dependencies; only node_modules is kept
// (the server's own files come from the build, laid out as in the repository).
const deployed = join(target, '.deploy');
pnpm('--filter', '@otp-auth/server', 'deploy', '--prod', deployed);
renameSync(join(deployed, 'node_modules'), join(target, 'node_modules'));
rmSync(deployed, { recursive: true, force: true });

for (const path of ['apps/server/dist', 'apps/web/dist', 'prisma/migrations']) {
  if (!existsSync(join(root, path))) throw new Error(`${path} is missing`);
  cpSync(join(root, path), join(target, path), { recursive: true });
}

const { version, engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = {
  name: 'otp-auth',
  version: version ?? '0.0.0',
  private: true,
  type: 'module',
  main: 'apps/server/dist/main.js',
  engines,
  scripts: {
    start: 'NODE_ENV=production node .',
    migrate: 'node apps/server/dist/migrate.js',
    'keys:rotate': 'node apps/server/dist/rotate-keys.js',
    'admin:grant': 'node apps/server/dist/admin-role.js grant',
    'admin:revoke': 'node apps/server/dist/admin-role.js revoke',
  },
};
writeFileSync(join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`release written to ${target}: start it with node . (production by default)`);
