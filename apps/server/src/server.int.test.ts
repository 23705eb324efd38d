import type { AppRouter } from '@otp-auth/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function client(access?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.url}/trpc`,
        headers: () => (access ? { authorization: `Bearer ${access}` } : {}),
      }),
    ],
  });
}

async function errorOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCClientError)) throw new Error('expected a tRPC error');
  return error as TRPCClientError<AppRouter>;
}

describe('server over HTTP', () => {
  it('answers health and readiness', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('runs the whole flow with @trpc/client', async () => {
    const email = 'http-flow@example.com';
    const password = 'strongpassword123';
    await client().auth.register.mutate({
      email,
      username: 'httpflow',
      phone_number: '1234567890',
      password,
    });
    const otp = await server.smtp.codeFor(email);
    await client().auth.verifyOtp.mutate({ email, otp });
    const login = await client().auth.login.mutate({ email, password });
    if (!('access' in login)) throw new Error('this account has no second step');
    const tokens = login;

    const profile = await client(tokens.access).account.profile.query();
    expect(profile.email).toBe(email);

    const rotated = await client().auth.refresh.mutate({ refresh: tokens.refresh });
    const changed = await client(rotated.access).account.changePassword.mutate({
      old_password: password,
      new_password: 'newpassword456',
      confirm_password: 'newpassword456',
    });
    await client().auth.logout.mutate({ refresh_token: changed.refresh });

    const refused = await errorOf(client().auth.refresh.mutate({ refresh: changed.refresh }));
    expect(refused.data?.httpStatus).toBe(401);
    expect(refused.data?.code).toBe('token_not_valid');
    await client().auth.login.mutate({ email, password: 'newpassword456' });
  });

  it('returns field errors with a 400, and no stack', async () => {
    const error = await errorOf(
      client().auth.register.mutate({
        email: 'bad',
        username: 'ok_name',
        phone_number: '1234567',
        password: 'x',
      }),
    );
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.fields).toMatchObject({ email: ['Enter a valid email address.'] });
    expect(JSON.stringify(error.data)).not.toMatch(/stack|at \//);
  });

  it('never answers a client mistake with a 5xx', async () => {
    const bodies = ['{', '[]', 'null', '"x"', '{"email": 5}', 'x'.repeat(70_000)];
    for (const body of bodies) {
      const res = await fetch(`${server.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.status, body.slice(0, 20)).toBeLessThan(500);
    }
    const unknown = await fetch(`${server.url}/trpc/auth.nothing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
  });
});
