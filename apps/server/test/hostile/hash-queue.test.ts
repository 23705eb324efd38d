import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { errorOf, mutate, query, signUp, startHostileServer, type Answer } from './http';

// A real cost (each hash takes a noticeable fraction of a second) and room for 2 waiting hashes.
const QUEUE_LIMIT = 2;
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    BCRYPT_COST: '13',
    HASH_QUEUE_LIMIT: String(QUEUE_LIMIT),
    RATE_LIMIT_LOGIN: 'ip=1000/900,account_ip=1000/900,account=1000/900',
  });
});
afterAll(() => server.close());

/** Waits until the hashing slots are all taken and the queue holds `waiting` hashes. */
async function untilQueued(waiting: number) {
  const slots = server.app.auth.hashSlots;
  const deadline = Date.now() + 20_000;
  while (slots.load().waiting < waiting) {
    if (Date.now() > deadline)
      throw new Error(`queue never filled: ${JSON.stringify(slots.load())}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('a bounded password-hash queue', () => {
  it('ASVS 4.0.3 11.1.4/2.2.1: a login flood beyond the queue gets 503 with Retry-After, and reads are still answered', async () => {
    const owner = await signUp(server, 'hash-flood');
    const guess = () =>
      mutate(server, 'auth.login', { email: owner.email, password: 'guessing-123' });
    const flood: Promise<Answer>[] = Array.from({ length: 12 }, guess);
    await untilQueued(QUEUE_LIMIT);

    // While every slot is busy and the queue is full: a read is answered at once…
    const [profile, refused, restRefused] = await Promise.all([
      query(server, 'account.profile', undefined, { token: owner.tokens.access }),
      guess(),
      fetch(`${server.url}/api/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: owner.email, password: 'guessing-123' }),
      }),
    ]);
    expect(profile.status).toBe(200);
    // …and the hashes it overtook are still waiting.
    expect(server.app.auth.hashSlots.load().waiting).toBeGreaterThan(0);
    // One more hash is turned away, on tRPC and REST alike.
    expect(refused.status).toBe(503);
    expect(errorOf(refused).code).toBe('service_unavailable');
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(restRefused.status).toBe(503);
    expect(restRefused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await restRefused.json()).toMatchObject({ code: 'service_unavailable' });

    // Every flooded login is answered: checked (401) or turned away (503), none left hanging.
    const statuses = (await Promise.all(flood)).map((answer) => answer.status);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(server.app.auth.hashSlots.load()).toEqual({ running: 0, waiting: 0 });
    // Once the queue has drained, the owner signs in as usual.
    const login = await mutate(server, 'auth.login', {
      email: owner.email,
      password: owner.password,
    });
    expect(login.status).toBe(200);
  });
});
