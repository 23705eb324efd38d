import { randomBytes } from 'node:crypto';
import type { RateLimitedAction, RateLimiter } from '@otp-auth/api';
import { AuthError, createAuthContext, defineAuthConfig } from '@otp-auth/auth';
import { createTestDatabase, type Database } from '@otp-auth/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app';

// The edge: a limiter that has just said no. Everything between it and the socket is real.
const retryAfter: Partial<Record<RateLimitedAction, number>> = { login: 42, register: 1.2 };
const refusal = (action: RateLimitedAction) =>
  Promise.reject(
    new AuthError('rate_limited', 'Too many attempts.', { retryAfter: retryAfter[action] }),
  );
const rateLimiter: RateLimiter = {
  consume: refusal,
  beginSignIn: () => refusal('login'),
};

let db: Database;
let app: App;
beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({
    log: pino({ level: 'silent' }),
    deps: {
      auth: createAuthContext({
        prisma: db.prisma,
        config: defineAuthConfig({ jwtSecret: randomBytes(32), otpSecret: randomBytes(32) }),
      }),
      rateLimiter,
    },
    db,
    jwksMaxAgeSeconds: 60,
    migrationsDir: '',
    webDist: '',
    trustProxy: { kind: 'none' },
    publicUrl: () => 'http://127.0.0.1',
    corsOrigins: [],
    devInbox: undefined,
    refreshCookie: { secure: false, maxAgeSeconds: 60 },
    shutdownGraceMs: 1_000,
  });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const login = JSON.stringify({ email: 'a@example.com', password: 'strongpassword123' });
const register = JSON.stringify({
  email: 'a@example.com',
  username: 'someone',
  phone_number: '1234567890',
  password: 'strongpassword123',
});

async function post(url: string, payload: string) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload,
  });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.json() };
}

describe('a rate-limited call', () => {
  it('is a 429 with Retry-After over REST', async () => {
    const res = await post('/api/login/', login);
    expect(res).toMatchObject({ status: 429, retryAfter: '42' });
    expect(res.body).toEqual({ detail: 'Too many attempts.', code: 'rate_limited' });
    expect(await post('/api/register/', register)).toMatchObject({ status: 429, retryAfter: '2' });
  });

  it('is a 429 with Retry-After over tRPC', async () => {
    const res = await post('/trpc/auth.login', login);
    expect(res).toMatchObject({ status: 429, retryAfter: '42' });
    expect(res.body).toMatchObject({ error: { data: { code: 'rate_limited', retryAfter: 42 } } });
    expect(await post('/trpc/auth.register', register)).toMatchObject({
      status: 429,
      retryAfter: '2',
    });
  });
});
