// pnpm admin:grant EMAIL | pnpm admin:revoke EMAIL — gives or takes the admin role on the
// server's own database: how the first admin is made (ADR 150). A release runs
// `npm run admin:grant -- EMAIL`. The event is audited as done through the CLI. Taking the role
// from the last active admin is refused, as it is through the API.
import { join } from 'node:path';
import { AuthError, createAuthContext, setRoleByEmail } from '@otp-auth/auth';
import { openDatabase } from '@otp-auth/db';
import { emailField } from '@otp-auth/validators';
import { loadConfig } from '../config';
import { parseEnv } from '../env';

const [action, address, ...rest] = process.argv.slice(2);
const email = emailField.safeParse(address ?? '');
if ((action !== 'grant' && action !== 'revoke') || !email.success || rest.length > 0) {
  console.error('usage: pnpm admin:grant EMAIL | pnpm admin:revoke EMAIL');
  process.exit(2);
}

const config = await loadConfig(parseEnv());
const db = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
  migrate: true,
});
try {
  const auth = createAuthContext({ prisma: db.prisma, config: config.auth });
  const { message } = await setRoleByEmail(auth, email.data, action === 'grant' ? 'admin' : 'user');
  console.log(message);
  if (action === 'grant') console.log('The role rides in access tokens issued from now on.');
} catch (error) {
  if (!(error instanceof AuthError)) throw error;
  console.error(
    error.code === 'not_found' ? `No account with the address ${email.data}.` : error.message,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
