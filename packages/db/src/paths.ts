// Paths found from this file, not from cwd, so the server, CLIs and tests agree wherever they run.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (packages/db/src/ is three levels down). */
export const repoRoot: string = fileURLToPath(new URL('../../../', import.meta.url));

export const schemaPath: string = join(repoRoot, 'prisma', 'schema.prisma');
export const migrationsDir: string = join(repoRoot, 'prisma', 'migrations');

/** Where the embedded PGlite database lives when DATABASE_URL is unset (server and CLI alike). */
export function defaultDataDir(root: string = repoRoot): string {
  return join(root, '.data', 'pglite');
}
