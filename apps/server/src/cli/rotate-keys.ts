// pnpm keys:rotate [--now] — adds a new access-token signing key to the shared database.
// Without --now the key is published at once and signs after SIGNING_KEY_PUBLISH_AHEAD_SECONDS;
// the old key stays published until its tokens have expired. With --now (a leaked key) the new
// key signs at once and every other key is deleted: their tokens are refused everywhere.
import { join } from 'node:path';
import { createAuthContext } from '@otp-auth/auth';
import { openDatabase } from '@otp-auth/db';
import { loadConfig } from '../config';
import { parseEnv } from '../env';

const args = process.argv.slice(2);
if (args.some((arg) => arg !== '--now')) {
  console.error('usage: pnpm keys:rotate [--now]');
  process.exit(2);
}
const immediate = args.includes('--now');

const config = await loadConfig(parseEnv());
const db = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
  migrate: true,
});
try {
  const auth = createAuthContext({ prisma: db.prisma, config: config.auth });
  const created = await auth.keys.rotate({ immediate });
  const within = `${String(config.auth.signingKeyRefreshSeconds)} s`;
  console.log(`new signing key ${created.kid} (generation ${String(created.generation)})`);
  if (immediate) {
    console.log(`signs now; removed: ${created.removed.join(', ') || 'none'}`);
    console.log(`every instance refuses the removed keys' tokens within ${within}`);
  } else {
    console.log(`published now; signs from ${created.activatesAt.toISOString()}`);
  }
} finally {
  await db.close();
}
