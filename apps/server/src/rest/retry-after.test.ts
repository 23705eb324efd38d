import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, type AuthService } from '@otp-auth/auth';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestHandler } from '../http/request-handler';
import { createTrpcRoute } from '../http/trpc-route';
import { createRestApi } from '.';

// The edge: a domain whose limiter has just said no. Everything between it and the socket is real.
const limited = (retryAfter: number) => () =>
  Promise.reject(new AuthError('rate_limited', 'Too many attempts.', { retryAfter }));
const auth = { login: limited(42), register: limited(1.2) } as unknown as AuthService;

let server: Server;
let url: string;
beforeAll(async () => {
  const log = pino({ level: 'silent' });
  server = createServer(
    createRequestHandler([createTrpcRoute({ auth }, log), createRestApi({ auth }, log)], log),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const login = JSON.stringify({ email: 'a@example.com', password: 'strongpassword123' });
const register = JSON.stringify({
  email: 'a@example.com',
  username: 'someone',
  phone_number: '1234567890',
  password: 'strongpassword123',
});

async function post(path: string, body: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
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
