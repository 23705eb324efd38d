import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { errorOf, mutate, query, signUp, startHostileServer } from './http';

// A real cost and room for 2 waiting hashes; rate limits out of the way of the flood.
const QUEUE_LIMIT = 2;
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    BCRYPT_COST: '12',
    HASH_QUEUE_LIMIT: String(QUEUE_LIMIT),
    RATE_LIMIT_LOGIN: 'ip=1000/900,account_ip=1000/900,account=1000/900',
    RATE_LIMIT_REGISTER: 'ip=1000/3600,account=1000/3600',
  });
});
afterAll(() => server.close());

const slots = () => server.app.auth.hashSlots;

/** Takes every hashing slot and fills the queue with work that ends only when released, as
 * long hashes would: the queue stays full for exactly as long as the test needs. */
function holdEverySlot() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: Promise<void>[] = [];
  while (slots().load().waiting < QUEUE_LIMIT) held.push(slots().run(() => gate));
  return async () => {
    release();
    await Promise.all(held);
  };
}

const restPost = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
};

describe('a bounded password-hash queue', () => {
  it('ASVS 4.0.3 11.1.4/2.2.1: with the queue full, hashing calls get 503 with Retry-After at once and reads are answered', async () => {
    const owner = await signUp(server, 'hash-full');
    const release = holdEverySlot();
    try {
      const refused = await mutate(server, 'auth.login', {
        email: owner.email,
        password: owner.password,
      });
      expect(refused.status).toBe(503);
      expect(errorOf(refused).code).toBe('service_unavailable');
      expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      // Over REST, and for every call that hashes (a registration hashes first).
      const login = await restPost('/api/login/', { email: 'nobody@example.com', password: 'x' });
      expect(login).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^[1-9]/) });
      const register = await restPost('/api/register/', {
        email: 'queued@example.com',
        username: 'queued',
        phone_number: '1234567890',
        password: 'strongpassword123',
      });
      expect(register.status).toBe(503);
      // Reads never wait for a hashing slot: answered while every slot is taken.
      const profile = await query(server, 'account.profile', undefined, {
        token: owner.tokens.access,
      });
      expect(profile.status).toBe(200);
      const refresh = await mutate(server, 'auth.refresh', { refresh: owner.tokens.refresh });
      expect(refresh.status).toBe(200);
      expect(slots().load().waiting).toBe(QUEUE_LIMIT);
    } finally {
      await release();
    }
    // Once the queue drains, the owner signs in as usual.
    const login = await mutate(server, 'auth.login', {
      email: owner.email,
      password: owner.password,
    });
    expect(login.status).toBe(200);
  });

  it('ASVS 4.0.3 11.1.4/2.2.1: a real login flood never queues more than the bound, and every login is answered', async () => {
    const owner = await signUp(server, 'hash-flood');
    let mostWaiting = 0;
    const sampler = setInterval(() => {
      mostWaiting = Math.max(mostWaiting, slots().load().waiting);
    }, 1);
    try {
      const answers = await Promise.all(
        Array.from({ length: 15 }, () =>
          mutate(server, 'auth.login', { email: owner.email, password: 'guessing-123' }),
        ),
      );
      for (const answer of answers) {
        expect([401, 503]).toContain(answer.status);
        if (answer.status === 503) expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      }
    } finally {
      clearInterval(sampler);
    }
    expect(mostWaiting).toBeLessThanOrEqual(QUEUE_LIMIT);
    expect(slots().load()).toEqual({ running: 0, waiting: 0 });
  });
});
