// Gives the PostgreSQL-only tests a server even when TEST_DATABASE_URL is not set: a throwaway
// one from the machine's PostgreSQL binaries, stopped when the run ends. The app's integration
// tests keep using PGlite unless TEST_DATABASE_URL is set.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ci = fileURLToPath(new URL('../.ci/', import.meta.url));

export default function setup(): (() => void) | undefined {
  if (process.env.TEST_DATABASE_URL) {
    process.env.POSTGRES_TEST_URL = process.env.TEST_DATABASE_URL;
    return undefined;
  }
  let exports: string;
  try {
    exports = execFileSync('bash', [`${ci}start-postgres.sh`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    throw new Error(
      'The PostgreSQL tests need a server: install Debian\'s "postgresql" package, or set ' +
        'TEST_DATABASE_URL to a postgres:// URL where tests may create databases.',
    );
  }
  const vars = Object.fromEntries(
    [...exports.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  process.env.POSTGRES_TEST_URL = vars.TEST_DATABASE_URL;
  const dir = vars.OTP_AUTH_PG_DIR ?? '';
  return () => {
    execFileSync('bash', [`${ci}stop-postgres.sh`], {
      env: { ...process.env, OTP_AUTH_PG_DIR: dir },
      stdio: 'ignore',
    });
  };
}
