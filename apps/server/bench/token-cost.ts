// What the ES256 access-token check costs next to HS256, measured in this process through the
// token service the server uses: `verifyAccess` (ES256 under the database's signing key) and
// `verifyRefresh` (HS256 under JWT_SECRET, the algorithm access tokens had before). Shown in
// the bench table by rows/token-cost.ts.
import { randomBytes } from 'node:crypto';
import {
  createKeyring,
  createManualClock,
  createSecretBox,
  createTokenService,
  defineAuthConfig,
} from '@otp-auth/auth';
import { createTestDatabase } from '@otp-auth/db/testing';

export interface TokenCost {
  es256PerSecond: number;
  hs256PerSecond: number;
}

/** Checks per second of CPU time (process.cpuUsage): steadier than wall time on a shared
 * machine, and it counts work done off the main thread too. */
async function rate(check: () => unknown, count: number): Promise<number> {
  for (let i = 0; i < 500; i++) await check(); // warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await check();
  const used = process.cpuUsage(before);
  return (count * 1e6) / (used.user + used.system);
}

/** Verifications per CPU second, each algorithm through its real code path. */
export async function measureTokenCost(count = 20_000): Promise<TokenCost> {
  const db = await createTestDatabase();
  try {
    const config = defineAuthConfig({ jwtSecret: randomBytes(32), otpSecret: randomBytes(32) });
    const clock = createManualClock(new Date());
    const box = createSecretBox(config.otpSecret, 'signing-keys');
    const tokens = createTokenService(config, clock, createKeyring(db.prisma, box, config, clock));
    const access = (
      await tokens.issueAccess({ userId: 'bench-user', sessionId: 'bench-session', role: 'user' })
    ).token;
    const refresh = tokens.issueRefresh('bench-user', 'bench-session').token;
    return {
      es256PerSecond: await rate(() => tokens.verifyAccess(access), count),
      hs256PerSecond: await rate(() => tokens.verifyRefresh(refresh), count),
    };
  } finally {
    await db.close();
  }
}
