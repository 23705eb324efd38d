import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../apps/server/test/support';
import { authenticatorApp } from '../../../apps/server/test/totp-codes';
import {
  createAuthClient,
  isClientError,
  needsSecondStep,
  type AuthClient,
  memoryStorage,
  type AuthClientOptions,
  type ClientError,
  type SessionEndEvent,
  type TokenPair,
} from './index';
import { createSoftwareAuthenticator } from '@otp-auth/auth/testing';
import { readTokenTimes } from './jwt';

const ACCESS_TTL_SECONDS = 3;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS) });
});
afterAll(() => server.close());

/** A client whose fetch counts the requests per procedure (the network is real). */
function countingClient(options: Partial<AuthClientOptions> = {}) {
  const calls = new Map<string, number>();
  const client = createAuthClient({
    url: server.url,
    fetch: (input, init) => {
      const path = new URL(input instanceof Request ? input.url : input).pathname.replace(
        '/trpc/',
        '',
      );
      calls.set(path, (calls.get(path) ?? 0) + 1);
      return fetch(input, init);
    },
    ...options,
  });
  return { client, calls };
}

async function failure(call: Promise<unknown>): Promise<ClientError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isClientError(error)) throw new Error(`expected a ClientError, got ${String(error)}`);
  return error;
}

const password = 'strongpassword123';

async function signUp(name: string) {
  const client = createAuthClient({ url: server.url });
  const email = `${name}@example.com`;
  await client.register({ email, username: name, phone_number: '1234567890', password });
  await client.verifyOtp({ email, otp: await server.smtp.codeFor(email) });
  return { email, tokens: pairOf(await client.login({ email, password })) };
}

/** The pair of a login that needed no second step. */
function pairOf(result: Awaited<ReturnType<AuthClient['login']>>): TokenPair {
  if (needsSecondStep(result)) throw new Error('expected tokens, got a second step');
  return result;
}

/** An access token the client believes good for an hour, that the service refuses. */
function forgedAccess(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ exp: now + 3600, iat: now })}.forged`;
}

async function sleepUntilExpired(access: string) {
  const times = readTokenTimes(access);
  if (!times) throw new Error('unreadable token');
  const wait = times.exp * 1000 + 250 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

describe('the client against the live server', () => {
  it('runs the whole flow and keeps the tokens itself', async () => {
    const storage = memoryStorage();
    const client = createAuthClient({ url: `${server.url}/`, storage });
    const email = 'client-flow@example.com';
    const registered = await client.register({
      email,
      username: 'clientflow',
      phone_number: '1234567890',
      password,
    });
    expect(registered.email).toBe(email);
    await client.verifyOtp({ email, otp: await server.smtp.codeFor(email) });
    expect(await client.tokens()).toBeNull();

    const pair = pairOf(await client.login({ email, password }));
    expect(await storage.get()).toEqual(pair);
    const profile = await client.profile();
    expect(profile).toMatchObject({ email, username: 'clientflow', phone_number: '1234567890' });
    const other = pairOf(await createAuthClient({ url: server.url }).login({ email, password }));
    const { sessions } = await client.sessions();
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const otherSession = sessions.find((session) => !session.current);
    expect(otherSession).toBeDefined();
    expect(await client.providers()).toEqual({ providers: [] });
    expect(await client.identities()).toEqual({ has_password: true, identities: [] });
    const linking = await failure(client.linkIdentity({ provider: 'google', password }));
    expect(linking.code).toBe('oidc_provider_unknown');
    expect((await failure(client.unlinkIdentity({ provider: 'google', password }))).code).toBe(
      'not_found',
    );
    await client.revokeSession({ id: otherSession!.id });
    expect((await client.sessions()).sessions).toHaveLength(1);
    expect(other.access).not.toBe(pair.access);

    const rotated = await client.refresh();
    expect(rotated.refresh).not.toBe(pair.refresh);
    expect(await client.tokens()).toEqual(rotated);

    const changed = await client.changePassword({
      old_password: password,
      new_password: 'newpassword456',
      confirm_password: 'newpassword456',
    });
    expect(await client.tokens()).toEqual({ access: changed.access, refresh: changed.refresh });
    expect((await client.trpc.account.profile.query()).email).toBe(email);

    await client.logout();
    expect(await client.tokens()).toBeNull();
    const dead = createAuthClient({ url: server.url, storage: memoryStorage(changed) });
    expect((await failure(dead.profile())).code).toBe('token_not_valid');
  });

  it('rejects with the typed error union, narrowed by code', async () => {
    const client = createAuthClient({ url: server.url });
    const bad = await failure(
      client.register({ email: 'nope', username: 'x y', phone_number: '12', password: 'short' }),
    );
    if (bad.code !== 'invalid_input') throw new Error(`unexpected ${bad.code}`);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.fields).sort()).toEqual([
      'email',
      'password',
      'phone_number',
      'username',
    ]);

    const email = 'client-errors@example.com';
    await client.register({ email, username: 'clienterrors', phone_number: '1234567', password });
    const unverified = await failure(client.login({ email, password }));
    expect(unverified).toMatchObject({ code: 'account_not_verified', status: 403 });

    const otp = await server.smtp.codeFor(email);
    const wrong = await failure(
      client.verifyOtp({ email, otp: otp === '000000' ? '111111' : '000000' }),
    );
    switch (wrong.code) {
      case 'otp_invalid':
        expect(wrong.attemptsLeft).toBe(2);
        break;
      default:
        throw new Error(`unexpected ${wrong.code}`);
    }
    // @ts-expect-error only field errors carry `fields`: the union makes callers narrow first.
    expect(wrong.fields).toBeUndefined();

    const credentials = await failure(client.login({ email, password: 'wrongpassword1' }));
    expect(credentials).toMatchObject({
      code: 'invalid_credentials',
      status: 401,
      path: 'auth.login',
    });
    expect(credentials.message).toBe('No active account found with the given credentials.');

    expect((await failure(client.profile())).code).toBe('not_authenticated');
    expect((await failure(client.refresh())).code).toBe('not_authenticated');
  });

  it('takes the second step for an account with two-factor on', { timeout: 90_000 }, async () => {
    const { email, tokens } = await signUp('client-2fa');
    const owner = createAuthClient({ url: server.url, storage: memoryStorage(tokens) });
    const { secret, otpauth_url } = await owner.setupTotp({ password });
    expect(otpauth_url).toContain(secret);
    const app = authenticatorApp(secret);
    const { recovery_codes } = await owner.confirmTotp({ code: await app.code() });
    expect(recovery_codes).toHaveLength(10);

    const client = createAuthClient({ url: server.url });
    const first = await client.login({ email, password });
    expect(needsSecondStep(first)).toBe(true);
    expect(await client.tokens()).toBeNull();
    const mfaToken = (first as { mfa_token: string }).mfa_token;
    const wrong = await failure(client.loginSecondStep({ mfa_token: mfaToken, code: '000000' }));
    expect(wrong.code).toBe('otp_invalid');
    const pair = await client.loginSecondStep({ mfa_token: mfaToken, code: await app.code() });
    expect(await client.tokens()).toEqual(pair);
    expect((await client.profile()).email).toBe(email);
    expect(await client.twoFactorStatus()).toEqual({ enabled: true, recovery_codes_left: 10 });
    await client.disableTwoFactor({ password, recovery_code: recovery_codes[0]! });
    expect((await client.twoFactorStatus()).enabled).toBe(false);
  });

  it('adds a passkey, signs in with it and keeps the tokens, lists and removes it', async () => {
    const { email } = await signUp('client-passkey');
    const owner = createAuthClient({ url: server.url });
    await owner.login({ email, password });
    const device = createSoftwareAuthenticator({ origin: 'http://localhost:5173' });
    const added = await owner.passkeys.register({
      response: device.register(await owner.passkeys.registrationOptions({ password })),
      name: 'Client laptop',
    });
    expect(added).toMatchObject({ name: 'Client laptop', synced: false });

    const other = createAuthClient({ url: server.url });
    const pair = await other.passkeys.signIn({
      response: device.authenticate(await other.passkeys.signInOptions()),
    });
    expect(await other.tokens()).toEqual(pair);
    expect((await other.profile()).email).toBe(email);
    const refused = await failure(
      other.passkeys.signIn({
        response: device.authenticate(await other.passkeys.signInOptions(), {
          noUserVerification: true,
        }),
      }),
    );
    expect(refused).toMatchObject({ code: 'passkey_verification_failed', status: 400 });

    expect((await owner.passkeys.list()).passkeys.map((p) => p.name)).toEqual(['Client laptop']);
    await owner.passkeys.rename({ id: added.id, name: 'Renamed' });
    await owner.passkeys.remove({ id: added.id, password });
    expect((await owner.passkeys.list()).passkeys).toEqual([]);
  });

  it('reports an unreachable service as network_error with status 0', async () => {
    const client = createAuthClient({ url: 'http://127.0.0.1:1' });
    const error = await failure(client.login({ email: 'a@example.com', password }));
    expect(error).toMatchObject({ code: 'network_error', status: 0 });
  });

  it('refreshes an expired access token once for many parallel calls', async () => {
    const { tokens } = await signUp('client-expiry');
    const storage = memoryStorage(tokens);
    const { client, calls } = countingClient({ storage });
    await sleepUntilExpired(tokens.access);

    const profiles = await Promise.all(Array.from({ length: 5 }, () => client.profile()));
    expect(profiles.map((p) => p.username)).toEqual(Array(5).fill('client-expiry'));
    expect(calls.get('auth.refresh')).toBe(1);
    const now = await storage.get();
    expect(now?.refresh).not.toBe(tokens.refresh);
    // The session survived: a second refresh with the same token would have killed it.
    expect((await client.refresh()).access).toEqual(expect.any(String));
  });

  it('refreshes shortly before expiry, without waiting for a refusal', async () => {
    const { tokens } = await signUp('client-leeway');
    const { client, calls } = countingClient({
      storage: memoryStorage(tokens),
      refreshLeewaySeconds: 3600,
    });
    // The leeway is capped at a quarter of the token's life: wait until inside that window.
    const times = readTokenTimes(tokens.access)!;
    const wait = (times.exp - ACCESS_TTL_SECONDS / 4) * 1000 + 50 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await client.profile();
    expect(calls.get('auth.refresh')).toBe(1);
    expect(calls.get('account.profile')).toBe(1);
  });

  it('on a refused access token, refreshes and retries once', async () => {
    const { tokens } = await signUp('client-retry');
    const storage = memoryStorage({ access: forgedAccess(), refresh: tokens.refresh });
    const { client, calls } = countingClient({ storage });

    const profiles = await Promise.all([client.profile(), client.trpc.account.profile.query()]);
    expect(profiles.map((p) => p.username)).toEqual(['client-retry', 'client-retry']);
    expect(calls.get('auth.refresh')).toBe(1);
    expect(calls.get('account.profile')).toBe(4);
    expect((await storage.get())?.refresh).not.toBe(tokens.refresh);
  });

  it('calls onSessionEnd and forgets the tokens when the refresh is refused', async () => {
    const { tokens } = await signUp('client-ended');
    const ended: SessionEndEvent[] = [];
    const storage = memoryStorage(tokens);
    const client = createAuthClient({
      url: server.url,
      storage,
      onSessionEnd: (event) => ended.push(event),
    });
    // Another holder of the same tokens logs out everywhere.
    await createAuthClient({ url: server.url, storage: memoryStorage(tokens) }).logoutAll();

    const error = await failure(client.profile());
    expect(error.code).toBe('token_not_valid');
    expect(ended).toHaveLength(1);
    expect(ended[0]?.reason).toBe('refresh_failed');
    expect(ended[0]?.error.code).toBe('token_not_valid');
    expect(await storage.get()).toBeNull();
    expect((await failure(client.profile())).code).toBe('not_authenticated');
    expect(ended).toHaveLength(1);
  });

  it('keeps the tokens when the refresh fails for want of a network', async () => {
    const tokens: TokenPair = { access: forgedAccess(), refresh: 'x.y.z' };
    const ended: SessionEndEvent[] = [];
    const storage = memoryStorage(tokens);
    const client = createAuthClient({
      url: 'http://127.0.0.1:1',
      storage,
      onSessionEnd: (event) => ended.push(event),
    });
    expect((await failure(client.refresh())).code).toBe('network_error');
    expect(ended).toHaveLength(0);
    expect(await storage.get()).toEqual(tokens);
  });

  it('recovers a password, edits the profile, moves the address, exports and deletes', async () => {
    const { email } = await signUp('client-lifecycle');
    const client = createAuthClient({ url: server.url });
    expect((await client.forgotPassword({ email })).message).toMatch(/reset code/);
    const otp = await server.smtp.codeFor(email, 0, /password reset code/);
    const wrong = await failure(
      client.resetPassword({
        email,
        otp: otp === '000000' ? '111111' : '000000',
        new_password: 'client-new-pass-1',
        confirm_password: 'client-new-pass-1',
      }),
    );
    expect(wrong).toMatchObject({ code: 'otp_invalid', attemptsLeft: 2 });
    await client.resetPassword({
      email,
      otp,
      new_password: 'client-new-pass-1',
      confirm_password: 'client-new-pass-1',
    });
    await client.login({ email, password: 'client-new-pass-1' });

    expect((await client.updateProfile({ username: 'client-renamed' })).username).toBe(
      'client-renamed',
    );
    const target = 'client-moved@example.com';
    await client.changeEmail({ new_email: target, password: 'client-new-pass-1' });
    const code = await server.smtp.codeFor(target, 0, /email change code/);
    expect((await client.confirmEmailChange({ otp: code })).email).toBe(target);

    const data = await client.exportData();
    expect(data.profile.email).toBe(target);
    expect(data.audit_events.map((e) => e.type)).toContain('email_change');

    await client.deleteAccount({ password: 'client-new-pass-1' });
    expect(await client.tokens()).toBeNull();
    const gone = await failure(client.login({ email: target, password: 'client-new-pass-1' }));
    expect(gone.code).toBe('invalid_credentials');
  });

  it('runs the admin API for an admin, and refuses it to anyone else', async () => {
    const admin = await signUp('client-admin');
    const target = await signUp('client-target');
    await server.app.db.prisma.user.update({
      where: { email: admin.email },
      data: { role: 'admin' },
    });
    const client = createAuthClient({ url: server.url });
    await client.login({ email: admin.email, password });
    const other = createAuthClient({ url: server.url });
    await other.login({ email: target.email, password });
    expect((await failure(other.admin.users())).code).toBe('permission_denied');

    const found = await client.admin.users({ search: 'client-tar' });
    expect(found.total).toBe(1);
    expect(found.users.map((u) => u.email)).toEqual([target.email]);
    const userId = found.users[0]?.id ?? '';
    const detail = await client.admin.user({ user_id: userId });
    expect(detail.sessions).toHaveLength(2);
    expect(detail.sign_in.providers).toEqual([]);

    expect((await client.admin.endSessions({ user_id: userId })).ended).toBe(2);
    expect((await failure(other.profile())).code).toBe('token_not_valid');
    expect((await client.admin.disableUser({ user_id: userId })).user.state).toBe('disabled');
    expect((await failure(other.login({ email: target.email, password }))).code).toBe(
      'account_disabled',
    );
    expect((await client.admin.enableUser({ user_id: userId })).user.state).toBe('active');

    const types: string[] = [];
    for await (const event of client.admin.allAuditEvents({ user_id: userId, limit: 2 })) {
      types.push(event.type);
    }
    expect(types.slice(0, 4)).toEqual([
      'account_enabled',
      'login_failure',
      'account_disabled',
      'session_revoke_all',
    ]);
    expect(types.at(-1)).toBe('register');
    const own = await client.activity({ limit: 1 });
    expect(own.events[0]?.type).toBe('login_success');
  });
});
