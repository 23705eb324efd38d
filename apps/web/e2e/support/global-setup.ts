// A PostgreSQL for the compiled server the e2e tests start: TEST_DATABASE_URL when set (CI
// starts one), otherwise a throwaway one from the machine's binaries, stopped at the end.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ci = fileURLToPath(new URL('../../../../.ci/', import.meta.url));

export default function globalSetup(): (() => void) | undefined {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const exports = execFileSync('bash', [`${ci}start-postgres.sh`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vars = Object.fromEntries(
    [...exports.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  process.env.TEST_DATABASE_URL = vars.TEST_DATABASE_URL;
  const dir = vars.OTP_AUTH_PG_DIR ?? '';
  return () => {
    execFileSync('bash', [`${ci}stop-postgres.sh`, dir], { stdio: 'ignore' });
  };
}
