import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support';
import { authenticatorApp } from '../test/totp-codes';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const fromApp = { 'content-type': 'application/json', 'x-requested-with': 'otp-auth-web' };

async function call(path: string, body: unknown, headers: Record<string, string> = fromApp) {
  const response = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as {
    result?: { data: Record<string, string> };
    error?: { data: { code: string } };
  };
  return { response, json, cookie: response.headers.get('set-cookie') };
}

async function verifiedAccount(name: string) {
  const account = {
    email: `${name}@example.com`,
    username: name,
    phone_number: '1234567890',
    password: 'strongpassword123',
  };
  await call('auth.register', account);
  const otp = await server.smtp.codeFor(account.email);
  await call('auth.verifyOtp', { email: account.email, otp });
  return account;
}

const cookieValue = (setCookie: string | null) =>
  /otp_auth_refresh=([^;]*)/.exec(setCookie ?? '')?.[1];

describe('browser sessions', () => {
  it('keeps the refresh token in an httpOnly SameSite=Strict cookie, rotates it, logs out', async () => {
    const { email, password } = await verifiedAccount('cookie');
    const login = await call('browser.login', { email, password });
    expect(login.response.status).toBe(200);
    expect(Object.keys(login.json.result!.data)).toEqual(['access']);
    expect(login.cookie).toMatch(/HttpOnly/);
    expect(login.cookie).toMatch(/SameSite=Strict/);
    expect(login.cookie).toMatch(/Path=\/trpc/);
    expect(login.cookie).not.toMatch(/Secure/); // not production
    const first = cookieValue(login.cookie)!;
    expect(first.split('.')).toHaveLength(3);

    const withCookie = (value: string) => ({ ...fromApp, cookie: `otp_auth_refresh=${value}` });
    const refreshed = await call('browser.refresh', null, withCookie(first));
    expect(refreshed.response.status).toBe(200);
    const second = cookieValue(refreshed.cookie)!;
    expect(second).not.toBe(first);

    const out = await call('browser.logout', null, withCookie(second));
    expect(out.response.status).toBe(200);
    expect(out.cookie).toMatch(/otp_auth_refresh=; Max-Age=0/);
    const after = await call('browser.refresh', null, withCookie(second));
    expect(after.response.status).toBe(401);
    expect(after.json.error!.data.code).toBe('token_not_valid');
  });

  it('refuses cookie calls without the header only the app sends (CSRF)', async () => {
    const { email, password } = await verifiedAccount('csrf');
    const login = await call('browser.login', { email, password });
    const value = cookieValue(login.cookie)!;
    const forged = await call('browser.refresh', null, {
      'content-type': 'application/json',
      cookie: `otp_auth_refresh=${value}`,
    });
    expect(forged.response.status).toBe(400);
    expect(forged.cookie).toBeNull();
    const noCookie = await call('browser.refresh', null);
    expect(noCookie.response.status).toBe(401);
  });

  it('answers 404 for the dev inbox when SMTP is configured', async () => {
    const response = await fetch(`${server.url}/dev/inbox`);
    expect(response.status).toBe(404);
  });

  it('takes the same second step when two-factor is on, and sets the cookie only then', async () => {
    const { email, password } = await verifiedAccount('cookie2fa');
    const bearer = (token: string) => ({ ...fromApp, authorization: `Bearer ${token}` });
    const first = await call('browser.login', { email, password });
    const access = first.json.result!.data.access!;
    const setup = await call('twoFactor.setupTotp', { password }, bearer(access));
    const app = authenticatorApp(setup.json.result!.data.secret!);
    await call('twoFactor.confirmTotp', { code: await app.code() }, bearer(access));

    const login = await call('browser.login', { email, password });
    expect(login.response.status).toBe(200);
    expect(login.json.result!.data).toEqual({ mfa_required: true, mfa_token: expect.any(String) });
    expect(login.cookie).toBeNull();
    const mfaToken = login.json.result!.data.mfa_token;

    const noHeader = await call(
      'browser.loginSecondStep',
      { mfa_token: mfaToken, code: '000000' },
      { 'content-type': 'application/json' },
    );
    expect(noHeader.response.status).toBe(400);
    const done = await call('browser.loginSecondStep', {
      mfa_token: mfaToken,
      code: await app.code(),
    });
    expect(done.response.status).toBe(200);
    expect(Object.keys(done.json.result!.data)).toEqual(['access']);
    expect(cookieValue(done.cookie)).toEqual(expect.any(String));
    expect(done.cookie).toMatch(/HttpOnly/);
  }, 90_000);
});
