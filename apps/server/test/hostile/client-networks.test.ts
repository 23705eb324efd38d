import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { mutate, startHostileServer } from './http';

// Behind one trusted proxy, with a per-IP budget of 3 logins and a roomy one per account.
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    TRUST_PROXY: '1',
    RATE_LIMIT_LOGIN: 'ip=3/900,account=50/900',
  });
});
afterAll(() => server.close());

let attempt = 0;
const loginFrom = async (ip: string) => {
  attempt += 1;
  const answer = await mutate(
    server,
    'auth.login',
    { email: `network-${attempt}@example.com`, password: 'guessing-123' },
    { headers: { 'x-forwarded-for': ip } },
  );
  return answer.status;
};

describe('clients counted per network', () => {
  it('ASVS 4.0.3 2.2.1: IPv6 clients of one /64 share one per-IP budget, however they write it', async () => {
    const statuses = [];
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:DB8:1:2:ffff:ffff:ffff:ffff']) {
      statuses.push(await loginFrom(ip));
    }
    expect(statuses).toEqual([401, 401, 401]);
    // A fourth address of the same /64 is the same client: over budget.
    expect(await loginFrom('2001:db8:1:2:abcd::1')).toBe(429);
    expect(await loginFrom('2001:0db8:0001:0002::3')).toBe(429);
    // The next /64 is another client.
    expect(await loginFrom('2001:db8:1:3::1')).toBe(401);
  });

  it('ASVS 4.0.3 2.2.1: IPv4 clients are counted per address, mapped or not', async () => {
    for (let i = 0; i < 3; i++) expect(await loginFrom('198.51.100.7')).toBe(401);
    expect(await loginFrom('::ffff:198.51.100.7')).toBe(429);
    expect(await loginFrom('198.51.100.8')).toBe(401);
  });
});
