// pnpm db:migration:create <name>
import { relative } from 'node:path';
import { createMigration } from '../create-migration';
import { repoRoot } from '../paths';

const name = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!name) {
  console.error('usage: pnpm db:migration:create <name>');
  process.exit(2);
}
const created = await createMigration(name, {
  log: process.argv.includes('--verbose') ? (m) => console.error(m) : undefined,
});
if (created) {
  console.log(`created ${relative(repoRoot, created.dir)}/migration.sql`);
} else {
  console.log('no changes: prisma/schema.prisma matches the committed migrations; nothing written');
}
