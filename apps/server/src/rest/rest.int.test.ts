import { normalizePath, restOperations } from '@otp-auth/api';
import { setRoleByEmail } from '@otp-auth/auth';
import { createSoftwareAuthenticator, startWebhookReceiver } from '@otp-auth/auth/testing';
import type { AuthenticationOptionsOutput, RegistrationOptionsOutput } from '@otp-auth/validators';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support';
import { authenticatorApp } from '../../test/totp-codes';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Every REST call this file makes, as `METHOD /normalized/path`, and every answer's status. */
const called = new Set<string>();
const statuses: number[] = [];

async function api(path: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const { json, token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  if (token) headers.set('authorization', `Bearer ${token}`);
  const method = rest.method ?? 'GET';
  const res = await fetch(`${server.url}${path}`, {
    ...rest,
    method,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  called.add(`${method} ${normalizePath(new URL(path, 'http://x').pathname)}`);
  statuses.push(res.status);
  const text = await res.text();
  expect(text).not.toMatch(/\bat \/|node_modules|prisma|"stack"/i);
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

const password = 'strongpassword123';
let registered = 0;

async function registerUser(verified: boolean) {
  registered += 1;
  const email = `rest-${registered}@example.com`;
  const created = await api('/api/register', {
    method: 'POST',
    json: { email, username: `rest_user_${registered}`, phone_number: '1234567890', password },
  });
  expect(created.status).toBe(201);
  if (verified) {
    const otp = await server.smtp.codeFor(email);
    expect((await api('/api/otp/verify', { method: 'POST', json: { email, otp } })).status).toBe(
      200,
    );
  }
  return email;
}

async function login(email: string) {
  const res = await api('/api/login/', { method: 'POST', json: { email, password } });
  expect(res.status).toBe(200);
  return res.body as { access: string; refresh: string };
}

describe('REST contract over HTTP', () => {
  it('answers with and without the trailing slash', async () => {
    const email = await registerUser(true);
    const tokens = await login(email);
    for (const path of ['/api/profile/', '/api/profile']) {
      const profile = await api(path, { token: tokens.access });
      expect(profile.status).toBe(200);
      expect(profile.body.email).toBe(email);
    }
  });

  it('answers GET /api/ping/ without a token', async () => {
    const ping = await api('/api/ping/');
    expect(ping.status).toBe(200);
    expect(ping.body).toEqual({ status: 'ok' });
  });

  it('lists the live sessions and ends one by id', async () => {
    const email = await registerUser(true);
    const mine = await login(email);
    const other = await login(email);
    const listed = await api('/api/sessions/', { token: mine.access });
    expect(listed.status).toBe(200);
    const sessions = listed.body.sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    const target = sessions.find((session) => !session.current);
    const revoked = await api('/api/sessions/revoke/', {
      method: 'POST',
      token: mine.access,
      json: { id: target?.id },
    });
    expect(revoked.status).toBe(200);
    expect((await api('/api/profile/', { token: other.access })).status).toBe(401);
    const unknown = await api('/api/sessions/revoke/', {
      method: 'POST',
      token: mine.access,
      json: { id: '00000000-0000-7000-8000-000000000000' },
    });
    expect(unknown.status).toBe(404);
  });

  it('logs out everywhere with POST /api/logout/all/ and a Bearer token', async () => {
    const email = await registerUser(true);
    const first = await login(email);
    const second = await login(email);
    const res = await api('/api/logout/all/', { method: 'POST', token: first.access });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: expect.any(String) as unknown });
    for (const access of [first.access, second.access]) {
      const refused = await api('/api/profile/', { token: access });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('token_not_valid');
    }
    const refresh = await api('/api/token/refresh/', {
      method: 'POST',
      json: { refresh: second.refresh },
    });
    expect(refresh.status).toBe(401);
  });

  it('resets a forgotten password with the mailed code', async () => {
    const email = await registerUser(true);
    const tokens = await login(email);
    const asked = await api('/api/password/forgot/', { method: 'POST', json: { email } });
    const ghost = await api('/api/password/forgot/', {
      method: 'POST',
      json: { email: 'rest-ghost@example.com' },
    });
    expect(asked.status).toBe(200);
    expect(ghost.body).toEqual(asked.body);
    const otp = await server.smtp.codeFor(email, 0, /password reset code/);
    const reset = await api('/api/password/forgot/confirm/', {
      method: 'POST',
      json: { email, otp, new_password: 'newpassword456', confirm_password: 'newpassword456' },
    });
    expect(reset.status).toBe(200);
    expect((await api('/api/profile/', { token: tokens.access })).status).toBe(401);
    const again = await api('/api/login/', {
      method: 'POST',
      json: { email, password: 'newpassword456' },
    });
    expect(again.status).toBe(200);
  });

  it('edits the profile with PATCH on the profile path', async () => {
    const email = await registerUser(true);
    const { access } = await login(email);
    const edited = await api('/api/profile/', {
      method: 'PATCH',
      token: access,
      json: { phone_number: '+15550001111' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ email, phone_number: '+15550001111' });
    const bad = await api('/api/profile/', {
      method: 'PATCH',
      token: access,
      json: { username: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.username).toBeDefined();
    const options = await fetch(`${server.url}/api/profile/`, { method: 'OPTIONS' });
    expect(options.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS');
    const wrong = await api('/api/profile/', { method: 'PUT', token: access });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS');
  });

  it('changes the email in two steps', async () => {
    const email = await registerUser(true);
    const { access } = await login(email);
    const target = `moved-${email}`;
    const asked = await api('/api/email/change/', {
      method: 'POST',
      token: access,
      json: { new_email: target, password },
    });
    expect(asked.status).toBe(200);
    expect((await api('/api/profile/', { token: access })).body.email).toBe(email);
    const otp = await server.smtp.codeFor(target, 0, /email change code/);
    const confirmed = await api('/api/email/change/confirm/', {
      method: 'POST',
      token: access,
      json: { otp },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.email).toBe(target);
  });

  it('exports the data as an attachment, then deletes the account', async () => {
    const email = await registerUser(true);
    const { access } = await login(email);
    const exported = await api('/api/account/export/', { token: access });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      'attachment; filename="otp-auth-export.json"',
    );
    expect(exported.body).toMatchObject({ profile: { email } });
    const refused = await api('/api/account/delete/', {
      method: 'POST',
      token: access,
      json: { password: 'not-the-password' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.password).toEqual(['Wrong password.']);
    const deleted = await api('/api/account/delete/', {
      method: 'POST',
      token: access,
      json: { password },
    });
    expect(deleted.status).toBe(200);
    expect((await api('/api/profile/', { token: access })).status).toBe(401);
  });

  it('reports bad fields DRF-style with a 400', async () => {
    const res = await api('/api/register/', {
      method: 'POST',
      json: { email: 'not-an-email', username: 'ok_name', password: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      email: ['Enter a valid email address.'],
      phone_number: ['This field is required.'],
      password: [expect.stringMatching(/at least 8/) as unknown],
      code: 'invalid_input',
      detail: expect.any(String) as unknown,
    });
  });

  it('refuses bodies that are not JSON objects with a 400', async () => {
    for (const body of [
      '{',
      '{"email": ',
      '[]',
      '[{"email": "a@example.com"}]',
      'null',
      '"x"',
      '5',
    ]) {
      const res = await api('/api/login/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.body.code, body).toBe('invalid_input');
      expect(res.body.non_field_errors, body).toEqual([expect.any(String)]);
    }
    const array = await api('/api/login/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(array.body.non_field_errors).toEqual(['Expected a JSON object.']);
    const empty = await api('/api/otp/resend/', { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ email: ['This field is required.'] });
  });

  it('refuses non-JSON media types with a 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await api('/api/login/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'email=a@example.com&password=x',
      });
      expect(res.status, type).toBe(415);
      expect(res.body.code).toBe('unsupported_media_type');
    }
  });

  it('refuses a 1 MB body with a 413, declared or streamed', async () => {
    const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(1024 * 1024) });
    const declared = await api('/api/login/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe('payload_too_large');

    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 16) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await api('/api/register/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers a wrong method with a 405 and the allowed ones', async () => {
    const cases: [string, string][] = [
      ['GET', '/api/login/'],
      ['PUT', '/api/register/'],
      ['DELETE', '/api/profile/'],
      ['POST', '/api/profile/'],
      ['PATCH', '/api/password/reset/'],
      ['GET', '/api/logout/all/'],
    ];
    for (const [method, path] of cases) {
      const res = await api(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.body.code).toBe('method_not_allowed');
      expect(res.headers.get('allow')).toMatch(/POST|GET/);
    }
    const options = await fetch(`${server.url}/api/login/`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
    const head = await fetch(`${server.url}/api/profile/`, { method: 'HEAD' });
    expect(head.status).toBe(401);
    expect(await head.text()).toBe('');
  });

  it('answers missing, tampered and wrong-kind tokens with a 401 and WWW-Authenticate', async () => {
    const email = await registerUser(true);
    const tokens = await login(email);
    const [header, payload, signature = ''] = tokens.access.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const cases: [string, RequestInit & { token?: string }, string][] = [
      ['missing', {}, 'not_authenticated'],
      ['another scheme', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 'not_authenticated'],
      ['garbage', { token: 'not.a.token' }, 'token_not_valid'],
      ['tampered', { token: `${header}.${payload}.${flipped}` }, 'token_not_valid'],
      ['a refresh token', { token: tokens.refresh }, 'token_not_valid'],
    ];
    for (const [label, init, code] of cases) {
      for (const [method, path] of [
        ['GET', '/api/profile/'],
        ['POST', '/api/logout/all/'],
      ] as const) {
        const res = await api(path, { method, ...init });
        expect(res.status, label).toBe(401);
        expect(res.body.code, label).toBe(code);
        expect(res.headers.get('www-authenticate'), label).toMatch(/^Bearer/);
      }
    }
    const changed = await api('/api/password/reset/', {
      method: 'POST',
      token: `${header}.${payload}.${flipped}`,
      json: { old_password: password, new_password: 'newpassword456', confirm_password: 'x' },
    });
    expect(changed.status).toBe(401);
    const refresh = await api('/api/token/refresh/', {
      method: 'POST',
      json: { refresh: tokens.access },
    });
    expect(refresh.status).toBe(401);
    expect(refresh.body.code).toBe('token_not_valid');
    const logout = await api('/api/logout/', { method: 'POST', json: { refresh_token: 'nope' } });
    expect(logout.status).toBe(401);
    expect(logout.body.code).toBe('token_not_valid');
  });

  it('answers wrong credentials with a 401 and an unverified account with a 403', async () => {
    const email = await registerUser(false);
    const unverified = await api('/api/login/', { method: 'POST', json: { email, password } });
    expect(unverified.status).toBe(403);
    expect(unverified.body.code).toBe('account_not_verified');
    const wrong = await api('/api/login/', {
      method: 'POST',
      json: { email, password: 'wrongpassword1' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('tells how many guesses a code has left', async () => {
    const email = await registerUser(false);
    const res = await api('/api/otp/verify/', { method: 'POST', json: { email, otp: '000000' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'otp_invalid', attempts_left: 2 });
    const resend = await api('/api/otp/resend/', { method: 'POST', json: { email } });
    expect(resend.status).toBe(200);
  });

  it('answers unknown /api/ paths with a JSON 404', async () => {
    const res = await api('/api/nothing/here/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Not found.', code: 'not_found' });
  });

  it('never answered anything with a 5xx', () => {
    expect(statuses.length).toBeGreaterThan(40);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});

describe('two-factor over REST', () => {
  it('sets up, confirms, signs in with a code and a recovery code, turns it off', async () => {
    const email = await registerUser(true);
    const { access } = await login(email);
    const setup = await api('/api/2fa/totp/setup/', {
      method: 'POST',
      token: access,
      json: { password },
    });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    expect(setup.body.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    const app = authenticatorApp(secret);
    const confirmed = await api('/api/2fa/totp/confirm/', {
      method: 'POST',
      token: access,
      json: { code: await app.code() },
    });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recovery_codes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect((await api('/api/2fa/', { token: access })).body).toEqual({
      enabled: true,
      recovery_codes_left: 10,
    });

    const first = await api('/api/login/', { method: 'POST', json: { email, password } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfa_required: true, mfa_token: expect.any(String) });
    const mfaToken = first.body.mfa_token as string;
    const asBearer = await api('/api/profile/', { token: mfaToken });
    expect(asBearer.status).toBe(401);
    expect(asBearer.body.code).toBe('token_not_valid');
    const wrong = await api('/api/login/2fa/', {
      method: 'POST',
      json: { mfa_token: mfaToken, recovery_code: 'aaaaa-aaaaa' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'otp_invalid', recovery_code: [expect.any(String)] });
    const second = await api('/api/login/2fa/', {
      method: 'POST',
      json: { mfa_token: mfaToken, code: await app.code() },
    });
    expect(second.status).toBe(200);
    expect(Object.keys(second.body).sort()).toEqual(['access', 'refresh']);
    const used = await api('/api/login/2fa/', {
      method: 'POST',
      json: { mfa_token: mfaToken, code: '123456' },
    });
    expect(used.status).toBe(401);
    expect(used.body.code).toBe('mfa_token_invalid');

    const again = await api('/api/login/', { method: 'POST', json: { email, password } });
    const byRecovery = await api('/api/login/2fa/', {
      method: 'POST',
      json: { mfa_token: again.body.mfa_token, recovery_code: recoveryCodes[0] },
    });
    expect(byRecovery.status).toBe(200);
    const current = (byRecovery.body as { access: string }).access;

    const renewed = await api('/api/2fa/recovery-codes/', {
      method: 'POST',
      token: current,
      json: { password, code: await app.code() },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recovery_codes).toHaveLength(10);

    const off = await api('/api/2fa/totp/disable/', {
      method: 'POST',
      token: current,
      json: { password, code: await app.code() },
    });
    expect(off.status).toBe(200);
    expect(Object.keys((await login(email)) as object).sort()).toEqual(['access', 'refresh']);
  }, 90_000);
});

describe('passkeys over REST', () => {
  it('adds one, signs in with it usernameless and as the second step, renames and removes it', async () => {
    const email = await registerUser(true);
    const { access } = await login(email);
    const device = createSoftwareAuthenticator({ origin: 'http://localhost:5173' });
    const options = await api('/api/passkeys/register/options/', {
      method: 'POST',
      token: access,
      json: { password },
    });
    expect(options.status).toBe(200);
    const added = await api('/api/passkeys/register/', {
      method: 'POST',
      token: access,
      json: {
        response: device.register(options.body as unknown as RegistrationOptionsOutput),
        name: 'Laptop',
      },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Laptop', synced: false });
    const id = added.body.id as string;

    const signInOptions = await api('/api/passkeys/sign-in/options/', { method: 'POST' });
    expect(signInOptions.status).toBe(200);
    const signedIn = await api('/api/login/passkey/', {
      method: 'POST',
      json: {
        response: device.authenticate(signInOptions.body as unknown as AuthenticationOptionsOutput),
      },
    });
    expect(signedIn.status).toBe(200);
    expect(Object.keys(signedIn.body).sort()).toEqual(['access', 'refresh']);
    // A refusal is a 400 with a stable code, never a 500.
    const wrongOrigin = await api('/api/login/passkey/', {
      method: 'POST',
      json: {
        response: device.authenticate(
          (await api('/api/passkeys/sign-in/options/', { method: 'POST' }))
            .body as unknown as AuthenticationOptionsOutput,
          { origin: 'https://evil.example' },
        ),
      },
    });
    expect(wrongOrigin.status).toBe(400);
    expect(wrongOrigin.body).toMatchObject({ code: 'passkey_verification_failed' });

    // With two-factor on, the second step takes the passkey instead of a code.
    const setup = await api('/api/2fa/totp/setup/', {
      method: 'POST',
      token: access,
      json: { password },
    });
    const app = authenticatorApp(setup.body.secret as string);
    await api('/api/2fa/totp/confirm/', {
      method: 'POST',
      token: access,
      json: { code: await app.code() },
    });
    const first = await api('/api/login/', { method: 'POST', json: { email, password } });
    const mfaToken = first.body.mfa_token as string;
    const stepOptions = await api('/api/login/2fa/passkey/options/', {
      method: 'POST',
      json: { mfa_token: mfaToken },
    });
    expect(stepOptions.status).toBe(200);
    const second = await api('/api/login/2fa/', {
      method: 'POST',
      json: {
        mfa_token: mfaToken,
        passkey: device.authenticate(stepOptions.body as unknown as AuthenticationOptionsOutput),
      },
    });
    expect(second.status).toBe(200);

    // Step-up: a sensitive change proven with the passkey instead of a code.
    const stepUpOptions = await api('/api/passkeys/step-up/options/', {
      method: 'POST',
      token: access,
    });
    expect(stepUpOptions.status).toBe(200);
    const stepUp = await api('/api/email/change/', {
      method: 'POST',
      token: access,
      json: {
        new_email: `passkey-moved-${String(registered)}@example.com`,
        password,
        passkey: device.authenticate(stepUpOptions.body as unknown as AuthenticationOptionsOutput),
      },
    });
    expect(stepUp.status).toBe(200);

    const renamed = await api(`/api/passkeys/${id}/`, {
      method: 'PATCH',
      token: access,
      json: { name: 'Work laptop' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Work laptop');
    const listed = await api('/api/passkeys/', { token: access });
    expect(listed.body).toMatchObject({ passkeys: [{ id, name: 'Work laptop' }] });
    const removed = await api(`/api/passkeys/${id}/delete/`, {
      method: 'POST',
      token: access,
      json: { password },
    });
    expect(removed.status).toBe(200);
    const gone = await api(`/api/passkeys/${id}/delete/`, {
      method: 'POST',
      token: access,
      json: { password },
    });
    expect(gone.status).toBe(404);
  }, 90_000);
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the key that signs access tokens, public members only, cacheable', async () => {
    const email = await registerUser(true);
    const { access } = await login(email);
    const kid = (
      JSON.parse(Buffer.from(access.split('.')[0] ?? '', 'base64url').toString()) as {
        kid: string;
      }
    ).kid;
    const res = await api('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const keys = res.body.keys as Record<string, unknown>[];
    expect(keys.map((key) => key.kid)).toContain(kid);
    for (const key of keys) {
      // No private member of any JWK type (EC d; RSA d, p, q, dp, dq, qi, oth; oct k).
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
    const raw = await (await fetch(`${server.url}/.well-known/jwks.json`)).text();
    expect(raw).not.toMatch(/"(d|p|q|dp|dq|qi|oth|k)":/);
  });

  it('answers GET and HEAD only', async () => {
    const posted = await api('/.well-known/jwks.json', { method: 'POST', json: {} });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const head = await fetch(`${server.url}/.well-known/jwks.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('admin API over REST', () => {
  const adminEmail = async () => {
    const email = await registerUser(true);
    await setRoleByEmail(server.app.auth, email, 'admin');
    return email;
  };
  const idOf = async (access: string) =>
    (await api('/api/profile/', { token: access })).body.id as string;

  it('answers 401 without a token and 403 to a non-admin, on every admin path', async () => {
    const user = await login(await registerUser(true));
    const userId = await idOf(user.access);
    // Every admin path the server serves, from its own table, so a new one cannot be missed.
    const calls = restOperations
      .filter((op) => op.procedure.startsWith('admin.'))
      .map((op) => ({
        path: op.path.replace('{user_id}', userId),
        method: op.method,
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { json: { role: 'admin' } }),
      }));
    expect(calls.length).toBeGreaterThanOrEqual(11);
    for (const call of calls) {
      expect((await api(call.path, call)).status).toBe(401);
      const refused = await api(call.path, { ...call, token: user.access });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        detail: 'You do not have permission to perform this action.',
        code: 'permission_denied',
      });
    }
    expect((await api('/api/profile/', { token: user.access })).status).toBe(200);
  });

  it('lists admins, and sets a role by the id in the path', async () => {
    const admin = await login(await adminEmail());
    const otherEmail = await registerUser(true);
    const other = await login(otherEmail);
    const otherId = await idOf(other.access);

    const granted = await api(`/api/admin/users/${otherId}/role`, {
      method: 'PUT',
      token: admin.access,
      // The path names the account; an id in the body does not.
      json: { role: 'admin', user_id: await idOf(admin.access) },
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      message: `${otherEmail} is now an admin.`,
      user: { id: otherId, email: otherEmail, role: 'admin', state: 'active' },
    });
    const listed = await api('/api/admin/admins/', { token: admin.access });
    expect(listed.status).toBe(200);
    expect((listed.body.admins as { id: string }[]).map((a) => a.id)).toContain(otherId);

    const badPath = await api('/api/admin/users/not-a-uuid/role/', {
      method: 'PUT',
      token: admin.access,
      json: { role: 'admin' },
    });
    expect(badPath.status).toBe(400);
    expect(badPath.body).toMatchObject({ code: 'invalid_input', user_id: [expect.any(String)] });
    const badRole = await api(`/api/admin/users/${otherId}/role/`, {
      method: 'PUT',
      token: admin.access,
      json: { role: 'root' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body).toMatchObject({ role: ['Choose "user" or "admin".'] });
    const unknown = await api('/api/admin/users/00000000-0000-7000-8000-000000000000/role/', {
      method: 'PUT',
      token: admin.access,
      json: { role: 'admin' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'No such user.', code: 'not_found' });
  });
  it('finds an account by query parameters, acts on it by path, and reads the audit log', async () => {
    const admin = await login(await adminEmail());
    const adminId = await idOf(admin.access);
    const email = await registerUser(true);
    const user = await login(email);
    const userId = await idOf(user.access);
    const as = { token: admin.access };

    const found = await api(`/api/admin/users/?search=${encodeURIComponent(email)}&limit=5`, as);
    expect(found).toMatchObject({ status: 200, body: { total: 1, next_cursor: null } });
    expect((found.body.users as { id: string }[]).map((u) => u.id)).toEqual([userId]);
    const badQuery = await api('/api/admin/users/?limit=1000&state=gone', as);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({
      code: 'invalid_input',
      limit: [expect.any(String)],
      state: [expect.any(String)],
    });

    const detail = await api(`/api/admin/users/${userId}/`, as);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      user: { id: userId, email, state: 'active' },
      sign_in: { has_password: true, providers: [] },
    });
    const sessionId = (detail.body.sessions as { id: string }[])[0]?.id;

    const endOne = await api(`/api/admin/users/${userId}/sessions/end/`, {
      ...as,
      method: 'POST',
      json: { session_id: sessionId },
    });
    expect(endOne).toMatchObject({ status: 200, body: { ended: 1 } });
    expect((await api('/api/profile/', { token: user.access })).status).toBe(401);
    const endAll = await api(`/api/admin/users/${userId}/sessions/end/`, {
      ...as,
      method: 'POST',
      json: {},
    });
    expect(endAll).toMatchObject({ status: 200, body: { ended: 0 } });

    const disabled = await api(`/api/admin/users/${userId}/disable/`, { ...as, method: 'POST' });
    expect(disabled).toMatchObject({ status: 200, body: { user: { state: 'disabled' } } });
    const signIn = await api('/api/login/', { method: 'POST', json: { email, password } });
    expect(signIn.status).toBe(403);
    expect(signIn.body).toMatchObject({ code: 'account_disabled' });
    const noReset = await api(`/api/admin/users/${userId}/password-reset/`, {
      ...as,
      method: 'POST',
    });
    expect(noReset).toMatchObject({ status: 409, body: { code: 'account_state_conflict' } });
    const enabled = await api(`/api/admin/users/${userId}/enable/`, { ...as, method: 'POST' });
    expect(enabled).toMatchObject({ status: 200, body: { user: { state: 'active' } } });
    const reset = await api(`/api/admin/users/${userId}/password-reset/`, {
      ...as,
      method: 'POST',
    });
    expect(reset).toMatchObject({ status: 200, body: { message: expect.stringContaining(email) } });
    const verified = await api(`/api/admin/users/${userId}/verification/resend/`, {
      ...as,
      method: 'POST',
    });
    expect(verified).toMatchObject({ status: 409, body: { code: 'account_state_conflict' } });

    const audit = await api(`/api/admin/audit/?user_id=${userId}&actor_id=${adminId}&limit=2`, as);
    expect(audit.status).toBe(200);
    expect((audit.body.events as { type: string }[]).map((e) => e.type)).toEqual([
      'password_reset_requested',
      'account_enabled',
    ]);
    expect(audit.body.next_cursor).toEqual(expect.any(String));
    const next = await api(
      `/api/admin/audit/?user_id=${userId}&actor_id=${adminId}&limit=2&cursor=${encodeURIComponent(String(audit.body.next_cursor))}`,
      as,
    );
    expect((next.body.events as { type: string }[]).map((e) => e.type)).toEqual([
      'account_disabled',
      'session_revoke',
    ]);

    const again = await login(email);
    const activity = await api('/api/account/activity/?limit=3', { token: again.access });
    expect(activity.status).toBe(200);
    expect(activity.body.events).toEqual([
      expect.objectContaining({ type: 'login_success', by_admin: false }),
      expect.objectContaining({ type: 'password_reset_requested', by_admin: true }),
      expect.objectContaining({ type: 'account_enabled', by_admin: true }),
    ]);

    const deleted = await api(`/api/admin/users/${userId}/`, { ...as, method: 'DELETE' });
    expect(deleted).toMatchObject({
      status: 200,
      body: { message: expect.stringContaining(email) },
    });
    expect((await api(`/api/admin/users/${userId}/`, as)).status).toBe(404);
  });
});

describe('webhook endpoints over REST', () => {
  it('creates (201, the secret once), reads, edits, rotates, logs, redelivers and deletes', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const userEmail = await registerUser(true);
      const user = await login(userEmail);
      expect((await api('/api/admin/webhooks/', { token: user.access })).status).toBe(403);
      expect((await api('/api/admin/webhooks/')).status).toBe(401);

      const email = await registerUser(true);
      await setRoleByEmail(server.app.auth, email, 'admin');
      const admin = await login(email);
      const created = await api('/api/admin/webhooks/', {
        method: 'POST',
        token: admin.access,
        json: { url: receiver.url, events: ['user.created'], description: 'crm' },
      });
      expect(created.status).toBe(201);
      const secret = created.body.secret as string;
      expect(secret).toMatch(/^whsec_/);
      receiver.trust(secret);
      const id = (created.body.endpoint as { id: string }).id;

      const refused = await api('/api/admin/webhooks/', {
        method: 'POST',
        token: admin.access,
        json: { url: 'ftp://example.com/' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'invalid_input',
        url: ['Only http:// and https:// URLs are allowed.'],
      });

      // An event: a registration, delivered by the server's own worker.
      await registerUser(false);
      await receiver.until((all) => all.some((r) => r.verified && r.status === 200));
      const [event] = receiver.received;
      expect(event?.payload?.type).toBe('user.created');

      const listed = await api('/api/admin/webhooks', { token: admin.access });
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect((await api(`/api/admin/webhooks/${id}/`, { token: admin.access })).body).toMatchObject(
        {
          id,
          events: ['user.created'],
          description: 'crm',
        },
      );
      const log = await api(`/api/admin/webhooks/${id}/deliveries/?limit=1&status=delivered`, {
        token: admin.access,
      });
      expect(log.status).toBe(200);
      const [delivery] = log.body.deliveries as { id: string; event_id: string; status: string }[];
      expect(delivery).toMatchObject({ event_id: event?.id, status: 'delivered' });
      const badLimit = await api(`/api/admin/webhooks/${id}/deliveries/?limit=0`, {
        token: admin.access,
      });
      expect(badLimit.status).toBe(400);
      expect(badLimit.body).toMatchObject({ limit: ['Enter a number from 1 to 100.'] });

      const redelivered = await api(
        `/api/admin/webhooks/${id}/deliveries/${delivery?.id ?? ''}/redeliver/`,
        { method: 'POST', token: admin.access },
      );
      expect(redelivered.status).toBe(200);
      await receiver.until((all) => all.filter((r) => r.id === event?.id).length === 2);
      expect(receiver.received.filter((r) => r.id === event?.id).every((r) => r.verified)).toBe(
        true,
      );

      const rotated = await api(`/api/admin/webhooks/${id}/rotate-secret/`, {
        method: 'POST',
        token: admin.access,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(secret);
      const disabled = await api(`/api/admin/webhooks/${id}/`, {
        method: 'PATCH',
        token: admin.access,
        json: { enabled: false },
      });
      expect(disabled.body).toMatchObject({ id, enabled: false });
      expect(disabled.body.previous_secret_expires_at).toEqual(expect.any(String));

      const deleted = await api(`/api/admin/webhooks/${id}/`, {
        method: 'DELETE',
        token: admin.access,
      });
      expect(deleted).toMatchObject({ status: 200, body: { message: 'Endpoint deleted.' } });
      expect((await api(`/api/admin/webhooks/${id}/`, { token: admin.access })).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });
});

describe('sign-in providers over REST', () => {
  it('lists none here, and answers the account routes with stable codes', async () => {
    expect(await api('/api/oidc/providers/')).toMatchObject({
      status: 200,
      body: { providers: [] },
    });
    const tokens = await login(await registerUser(true));
    expect(await api('/api/oidc/identities/', { token: tokens.access })).toMatchObject({
      status: 200,
      body: { has_password: true, identities: [] },
    });
    expect((await api('/api/oidc/identities/')).status).toBe(401);
    const link = await api('/api/oidc/link/', {
      method: 'POST',
      token: tokens.access,
      json: { provider: 'google', password },
    });
    expect(link).toMatchObject({ status: 404, body: { code: 'oidc_provider_unknown' } });
    const unlink = await api('/api/oidc/unlink/', {
      method: 'POST',
      token: tokens.access,
      json: { provider: 'google', password },
    });
    expect(unlink).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const bad = await api('/api/oidc/link/', {
      method: 'POST',
      token: tokens.access,
      json: { provider: 'Not A Provider!' },
    });
    expect(bad).toMatchObject({ status: 400, body: { provider: ['Unknown provider.'] } });
  });

  it('redirects the browser routes into the app, never answering an error page', async () => {
    for (const [route, code] of [
      ['start', 'oidc_provider_unknown'],
      ['callback', 'oidc_provider_unknown'],
    ] as const) {
      const res = await fetch(`${server.url}/api/oidc/google/${route}?state=x&code=y`, {
        redirect: 'manual',
      });
      called.add(`GET /api/oidc/{provider}/${route}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`${server.url}/login?external_error=${code}`);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('OpenAPI document and reference', () => {
  it('is a valid OpenAPI 3.1 document with the bearer scheme and examples', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as Record<string, unknown>;
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document).toMatchObject({
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      paths: {
        '/api/register/': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: { examples: [{ email: 'testuser@example.com' }] },
                },
              },
            },
            responses: { '201': {}, '400': {} },
          },
        },
        '/api/logout/': { post: { responses: { '200': {} } } },
        '/api/admin/webhooks/': {
          post: {
            security: [{ bearerAuth: [] }],
            requestBody: {
              content: {
                'application/json': {
                  schema: { examples: [{ url: 'https://crm.example.com/hooks/otp-auth' }] },
                },
              },
            },
            responses: {
              '201': {
                content: {
                  'application/json': {
                    schema: { examples: [{ secret: expect.stringMatching(/^whsec_/) }] },
                  },
                },
              },
              '400': {},
              '403': {},
            },
          },
        },
        '/api/profile/': {
          get: { security: [{ bearerAuth: [] }], responses: { '401': {} } },
          patch: {
            security: [{ bearerAuth: [] }],
            requestBody: {
              content: { 'application/json': { schema: { examples: [{ username: 'newname' }] } } },
            },
            responses: { '200': {}, '400': {}, '401': {} },
          },
        },
        '/api/account/export/': {
          get: {
            responses: {
              '200': {
                headers: {
                  'Content-Disposition': {
                    example: 'attachment; filename="otp-auth-export.json"',
                  },
                },
              },
            },
          },
        },
        '/api/login/': {
          post: {
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: {
                      anyOf: [
                        { examples: [{ refresh: expect.any(String) }] },
                        { examples: [{ mfa_required: true }] },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
        '/api/login/2fa/': { post: { responses: { '200': {}, '400': {}, '401': {} } } },
        '/api/2fa/': { get: { security: [{ bearerAuth: [] }] } },
        '/api/password/forgot/confirm/': {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { examples: [{ otp: '123456' }] } } },
            },
          },
        },
      },
    });
    expect(
      (document.paths as Record<string, { post?: { security?: unknown } }>)['/api/logout/']?.post
        ?.security,
    ).toBeUndefined();
  });

  it('lists exactly the contract paths, each one exercised by a test in this file', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/.well-known/jwks.json',
      '/api/2fa/',
      '/api/2fa/recovery-codes/',
      '/api/2fa/totp/confirm/',
      '/api/2fa/totp/disable/',
      '/api/2fa/totp/setup/',
      '/api/account/activity/',
      '/api/account/delete/',
      '/api/account/export/',
      '/api/admin/admins/',
      '/api/admin/audit/',
      '/api/admin/users/',
      '/api/admin/users/{user_id}/',
      '/api/admin/users/{user_id}/disable/',
      '/api/admin/users/{user_id}/enable/',
      '/api/admin/users/{user_id}/password-reset/',
      '/api/admin/users/{user_id}/role/',
      '/api/admin/users/{user_id}/sessions/end/',
      '/api/admin/users/{user_id}/verification/resend/',
      '/api/admin/webhooks/',
      '/api/admin/webhooks/{id}/',
      '/api/admin/webhooks/{id}/deliveries/',
      '/api/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver/',
      '/api/admin/webhooks/{id}/rotate-secret/',
      '/api/email/change/',
      '/api/email/change/confirm/',
      '/api/login/',
      '/api/login/2fa/',
      '/api/login/2fa/passkey/options/',
      '/api/login/passkey/',
      '/api/logout/',
      '/api/logout/all/',
      '/api/oidc/identities/',
      '/api/oidc/link/',
      '/api/oidc/providers/',
      '/api/oidc/unlink/',
      '/api/oidc/{provider}/callback',
      '/api/oidc/{provider}/start',
      '/api/otp/resend/',
      '/api/otp/verify/',
      '/api/passkeys/',
      '/api/passkeys/register/',
      '/api/passkeys/register/options/',
      '/api/passkeys/sign-in/options/',
      '/api/passkeys/step-up/options/',
      '/api/passkeys/{id}/',
      '/api/passkeys/{id}/delete/',
      '/api/password/forgot/',
      '/api/password/forgot/confirm/',
      '/api/password/reset/',
      '/api/ping/',
      '/api/profile/',
      '/api/register/',
      '/api/sessions/',
      '/api/sessions/revoke/',
      '/api/token/refresh/',
    ]);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        // `{user_id}` stands for any one segment.
        const literal = normalizePath(path).replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        const pattern = new RegExp(
          `^${method.toUpperCase()} ${literal.replace(/\{\w+\}/g, '[^/]+')}$`,
        );
        expect(
          [...called].some((call) => pattern.test(call)),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it('serves the interactive reference and all its assets itself', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets).toEqual(
      expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']),
    );
    for (const asset of assets) {
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(50);
    }
    const init = await (await fetch(`${server.url}/api/docs/init.js`)).text();
    expect(init).toContain("url: '/api/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    expect((await fetch(`${server.url}/api/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/openapi.json`, { method: 'POST' })).status).toBe(405);
  });
});
