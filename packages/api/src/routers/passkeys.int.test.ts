// Passkeys end to end through the router, with a software authenticator (ES256 over
// node:crypto) answering real ceremonies: adding, usernameless sign-in, the second step,
// management, and every refusal as a 400 with a stable code.
import { createAuthContext } from '@otp-auth/auth';
import {
  createSoftwareAuthenticator,
  totpCode,
  type SoftwareAuthenticator,
} from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context';
import { appRouter } from '../root';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';
import { createCallerFactory } from '../trpc';

const ORIGIN = 'http://localhost:5173';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A signed-up account with one passkey on a fresh authenticator. */
async function withPasskey(name: string, options: { synced?: boolean } = {}) {
  const user = await h.signUp(name);
  const device = createSoftwareAuthenticator({ origin: ORIGIN, ...options });
  const me = h.as(user.tokens.access);
  const passkey = await me.passkeys.register({
    response: device.register(await me.passkeys.registrationOptions({ password: user.password })),
  });
  return { ...user, me, device, passkey };
}

async function signInWith(device: SoftwareAuthenticator, tweaks = {}) {
  const options = await h.caller().passkeys.signInOptions();
  return h.caller().passkeys.signIn({ response: device.authenticate(options, tweaks) });
}

describe('adding a passkey', () => {
  it('asks for the password, then stores what the authenticator told, and tells the owner', async () => {
    const user = await h.signUp('pk-add');
    const me = h.as(user.tokens.access);
    const wrong = await failure(me.passkeys.registrationOptions({ password: 'not-it-at-all' }));
    expect(wrong).toMatchObject({
      status: 'BAD_REQUEST',
      fields: { password: ['Wrong password.'] },
    });

    const options = await me.passkeys.registrationOptions({ password: user.password });
    expect(options.rp).toEqual({ name: 'otp-auth', id: 'localhost' });
    expect(options.user.name).toBe(user.email);
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(options.excludeCredentials).toEqual([]);

    const device = createSoftwareAuthenticator({ origin: ORIGIN });
    const seen = h.smtp.countTo(user.email);
    const added = await me.passkeys.register({
      response: device.register(options),
      name: '  My laptop ',
    });
    expect(added).toMatchObject({
      name: 'My laptop',
      synced: false,
      backed_up: false,
      transports: ['internal'],
      last_used_at: null,
    });
    expect(added.aaguid).toMatch(/^[0-9a-f-]{36}$/);
    const row = await h.db.prisma.passkey.findUniqueOrThrow({ where: { id: added.id } });
    expect(row.credentialId).toBe(device.credentialIds()[0]);
    expect(row.publicKey.length).toBeGreaterThan(60);
    expect(row.counter).toBe(1n);

    const mail = await h.smtp.waitFor(
      (m) => m.to === user.email && /passkey was added/.test(m.subject),
    );
    expect(mail.text).toContain('My laptop');
    expect(h.smtp.countTo(user.email)).toBeGreaterThan(seen);
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { userId: row.userId, type: 'passkey_added' },
    });
    expect(audit?.detail).toEqual({ passkey_id: added.id });

    // The next options exclude it, so the same device is not registered twice.
    const again = await me.passkeys.registrationOptions({ password: user.password });
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([row.credentialId]);
    expect(() => device.register(again)).toThrow(/InvalidStateError/);
    // A made-up name when none is given.
    const second = createSoftwareAuthenticator({ origin: ORIGIN });
    expect((await me.passkeys.register({ response: second.register(again) })).name).toBe(
      'Passkey 2',
    );
  });

  it('refuses an answer without user verification, from another origin, or to a spent challenge', async () => {
    const user = await h.signUp('pk-add-refused');
    const me = h.as(user.tokens.access);
    const device = createSoftwareAuthenticator({ origin: ORIGIN });
    const options = () => me.passkeys.registrationOptions({ password: user.password });

    const noUv = await failure(
      me.passkeys.register({
        response: device.register(await options(), { noUserVerification: true }),
      }),
    );
    expect(noUv).toMatchObject({ status: 'BAD_REQUEST', code: 'passkey_verification_failed' });
    const elsewhere = await failure(
      me.passkeys.register({
        response: device.register(await options(), { origin: 'https://evil.example' }),
      }),
    );
    expect(elsewhere).toMatchObject({ status: 'BAD_REQUEST', code: 'passkey_verification_failed' });
    // The message says nothing of what failed; that is for the log.
    expect(elsewhere.message).not.toMatch(/origin|evil/i);

    const fresh = await options();
    const response = createSoftwareAuthenticator({ origin: ORIGIN }).register(fresh);
    await me.passkeys.register({ response });
    const replay = await failure(me.passkeys.register({ response }));
    expect(replay).toMatchObject({ status: 'BAD_REQUEST', code: 'passkey_challenge_invalid' });

    // Another account's challenge is not this account's.
    const other = await h.signUp('pk-add-other');
    const theirs = await h.as(other.tokens.access).passkeys.registrationOptions({
      password: other.password,
    });
    const stolen = await failure(
      me.passkeys.register({
        response: createSoftwareAuthenticator({ origin: ORIGIN }).register(theirs),
      }),
    );
    expect(stolen.code).toBe('passkey_challenge_invalid');

    // Expired: five minutes is the challenge's whole life (and the access token's: a new one).
    const late = await options();
    h.clock.advance(5 * 60_000 + 1);
    const fresher = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    const expired = await failure(
      h.as(fresher.access).passkeys.register({
        response: createSoftwareAuthenticator({ origin: ORIGIN }).register(late),
      }),
    );
    expect(expired.code).toBe('passkey_challenge_invalid');
    expect((await h.as(fresher.access).passkeys.list()).passkeys).toHaveLength(1);
  });
});

describe('signing in with a passkey', () => {
  it('usernameless: a token pair like a password sign-in, the passkey marked used', async () => {
    const user = await withPasskey('pk-sign-in');
    const options = await h.caller().passkeys.signInOptions();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials).toEqual([]);

    const tokens = await h
      .caller()
      .passkeys.signIn({ response: user.device.authenticate(options) });
    expect((await h.as(tokens.access).account.profile()).email).toBe(user.email);
    const refreshed = await h.caller().auth.refresh({ refresh: tokens.refresh });
    expect(refreshed.access).toEqual(expect.any(String));

    const [listed] = (await user.me.passkeys.list()).passkeys;
    expect(listed?.last_used_at).toBe(h.clock.now().toISOString());
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { type: 'login_success', detail: { path: ['method'], equals: 'passkey' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit?.detail).toMatchObject({ passkey_id: user.passkey.id });
  });

  it('counts as two factors: no second step with two-factor on', async () => {
    const user = await withPasskey('pk-two-factor');
    const { secret } = await user.me.twoFactor.setupTotp({ password: user.password });
    await user.me.twoFactor.confirmTotp({ code: totpCode(secret, h.clock.now()) });
    h.clock.advance(30_000);
    const password = await h.caller().auth.login({ email: user.email, password: user.password });
    expect(password).toMatchObject({ mfa_required: true });
    const tokens = await signInWith(user.device);
    expect(Object.keys(tokens).sort()).toEqual(['access', 'refresh']);
  });

  it('refuses: no user verification, another origin, a replay, a credential it does not know', async () => {
    const user = await withPasskey('pk-refusals');
    const refused = async (tweaks: object) => failure(signInWith(user.device, tweaks));
    expect(await refused({ noUserVerification: true })).toMatchObject({
      status: 'BAD_REQUEST',
      code: 'passkey_verification_failed',
    });
    expect(await refused({ origin: 'http://127.0.0.1:5173' })).toMatchObject({
      status: 'BAD_REQUEST',
      code: 'passkey_verification_failed',
    });

    const options = await h.caller().passkeys.signInOptions();
    const response = user.device.authenticate(options);
    await h.caller().passkeys.signIn({ response });
    expect((await failure(h.caller().passkeys.signIn({ response }))).code).toBe(
      'passkey_challenge_invalid',
    );

    // A challenge issued for another purpose does not open a session.
    const registration = await user.me.passkeys.registrationOptions({ password: user.password });
    const crossed = await failure(
      h.caller().passkeys.signIn({
        response: user.device.authenticate({
          challenge: registration.challenge,
          rpId: 'localhost',
        }),
      }),
    );
    expect(crossed.code).toBe('passkey_challenge_invalid');

    // A passkey the server no longer has (removed on another device).
    const stranger = createSoftwareAuthenticator({ origin: ORIGIN });
    const alone = await withPasskey('pk-removed');
    await h.db.prisma.passkey.delete({ where: { id: alone.passkey.id } });
    expect((await failure(signInWith(alone.device))).code).toBe('passkey_not_recognized');
    expect(() => stranger.authenticate({ challenge: 'x', rpId: 'localhost' })).toThrow(
      /NotAllowedError/,
    );
    // A forged body is a 400 too, never a 500.
    const forged = user.device.authenticate(await h.caller().passkeys.signInOptions());
    forged.response.signature = forged.response.signature.slice(0, -4) + 'AAAA';
    expect(await failure(h.caller().passkeys.signIn({ response: forged }))).toMatchObject({
      status: 'BAD_REQUEST',
    });
    const garbage = await failure(
      h.caller().passkeys.signIn({
        response: { ...forged, response: { ...forged.response, clientDataJSON: 'bm90IGpzb24' } },
      }),
    );
    expect(garbage).toMatchObject({ status: 'BAD_REQUEST', code: 'passkey_challenge_invalid' });
  });

  it('checks the counter of a single-device passkey; a synced one at 0 keeps working', async () => {
    const single = await withPasskey('pk-counter');
    await signInWith(single.device);
    const cloned = await failure(signInWith(single.device, { counter: 1 }));
    expect(cloned).toMatchObject({ status: 'BAD_REQUEST', code: 'passkey_verification_failed' });

    const synced = await withPasskey('pk-synced', { synced: true });
    expect(synced.passkey).toMatchObject({ synced: true, backed_up: true });
    for (let i = 0; i < 3; i++) await signInWith(synced.device);
    const row = await h.db.prisma.passkey.findUniqueOrThrow({ where: { id: synced.passkey.id } });
    expect(row.counter).toBe(0n);
  });

  it('a disabled account gets no session', async () => {
    const user = await withPasskey('pk-disabled');
    await h.db.prisma.user.update({ where: { email: user.email }, data: { isActive: false } });
    expect(await failure(signInWith(user.device))).toMatchObject({ code: 'account_disabled' });
  });
});

describe('a passkey as the second step', () => {
  async function withTwoFactor(name: string) {
    const user = await withPasskey(name);
    const { secret } = await user.me.twoFactor.setupTotp({ password: user.password });
    await user.me.twoFactor.confirmTotp({ code: totpCode(secret, h.clock.now()) });
    h.clock.advance(30_000);
    return user;
  }
  async function mfaToken(user: { email: string; password: string }) {
    const result = await h.caller().auth.login({ email: user.email, password: user.password });
    if (!('mfa_token' in result)) throw new Error('expected a second step');
    return result.mfa_token;
  }

  it('answers the mfa_token step instead of a code', async () => {
    const user = await withTwoFactor('pk-second');
    const token = await mfaToken(user);
    const options = await h.caller().passkeys.secondStepOptions({ mfa_token: token });
    expect(options.allowCredentials?.map((c) => c.id)).toEqual(user.device.credentialIds());
    const tokens = await h.caller().twoFactor.login({
      mfa_token: token,
      passkey: user.device.authenticate(options),
    });
    expect((await h.as(tokens.access).account.profile()).email).toBe(user.email);
    // The token is spent.
    expect((await failure(h.caller().passkeys.secondStepOptions({ mfa_token: token }))).code).toBe(
      'mfa_token_invalid',
    );
  });

  it("refuses another account's passkey, spending an attempt", async () => {
    const user = await withTwoFactor('pk-second-wrong');
    const other = await withPasskey('pk-second-other');
    const token = await mfaToken(user);
    const options = await h.caller().passkeys.secondStepOptions({ mfa_token: token });
    const wrong = await failure(
      h.caller().twoFactor.login({
        mfa_token: token,
        passkey: other.device.authenticate(options, {
          credentialId: other.device.credentialIds()[0] ?? '',
        }),
      }),
    );
    expect(wrong).toMatchObject({
      status: 'BAD_REQUEST',
      code: 'passkey_verification_failed',
      details: { attempts_left: 2 },
    });
    // The challenge went with the attempt: fresh options, the right passkey, in.
    const retry = await h.caller().passkeys.secondStepOptions({ mfa_token: token });
    const tokens = await h.caller().twoFactor.login({
      mfa_token: token,
      passkey: user.device.authenticate(retry),
    });
    expect(tokens.access).toEqual(expect.any(String));
  });

  it('takes exactly one factor', async () => {
    const user = await withTwoFactor('pk-second-both');
    const token = await mfaToken(user);
    const options = await h.caller().passkeys.secondStepOptions({ mfa_token: token });
    const both = await failure(
      h.caller().twoFactor.login({
        mfa_token: token,
        code: '123456',
        passkey: user.device.authenticate(options),
      }),
    );
    expect(both).toMatchObject({ status: 'BAD_REQUEST', code: 'invalid_input' });
  });
});

describe('managing passkeys', () => {
  it('lists, renames and removes them, with a notice and never the last sign-in method', async () => {
    const user = await withPasskey('pk-manage');
    const renamed = await user.me.passkeys.rename({ id: user.passkey.id, name: 'Work phone' });
    expect(renamed.name).toBe('Work phone');
    expect((await user.me.passkeys.list()).passkeys.map((p) => p.name)).toEqual(['Work phone']);

    // Someone else's passkey is not found, for renaming or removing.
    const other = await h.signUp('pk-manage-other');
    const them = h.as(other.tokens.access);
    expect((await failure(them.passkeys.rename({ id: user.passkey.id, name: 'mine' }))).code).toBe(
      'not_found',
    );
    expect(
      (await failure(them.passkeys.remove({ id: user.passkey.id, password: other.password }))).code,
    ).toBe('not_found');

    expect(
      (await failure(user.me.passkeys.remove({ id: user.passkey.id, password: 'wrong-one' })))
        .fields,
    ).toEqual({ password: ['Wrong password.'] });
    await user.me.passkeys.remove({ id: user.passkey.id, password: user.password });
    expect((await user.me.passkeys.list()).passkeys).toEqual([]);
    await h.smtp.waitFor((m) => m.to === user.email && /passkey was removed/.test(m.subject));
    expect((await failure(signInWith(user.device))).code).toBe('passkey_not_recognized');
  });

  it('the last way to sign in stays', async () => {
    const user = await withPasskey('pk-last');
    // As an account made through a provider and then unlinked: no password, only the passkey.
    const userId = (await user.me.account.profile()).id;
    await h.db.prisma.password.delete({ where: { userId } });
    const last = await failure(user.me.passkeys.remove({ id: user.passkey.id }));
    expect(last).toMatchObject({ status: 'BAD_REQUEST', code: 'last_sign_in_method' });
    expect((await user.me.passkeys.list()).passkeys).toHaveLength(1);
  });
});

describe('step-up with a passkey', () => {
  it('an email change with two-factor on takes a passkey instead of a code', async () => {
    const user = await withPasskey('pk-step-up');
    const { secret } = await user.me.twoFactor.setupTotp({ password: user.password });
    await user.me.twoFactor.confirmTotp({ code: totpCode(secret, h.clock.now()) });
    h.clock.advance(30_000);
    const change = (proof: object) =>
      user.me.account.changeEmail({
        new_email: 'pk-step-up-new@example.com',
        password: user.password,
        ...proof,
      });
    expect((await failure(change({}))).code).toBe('second_factor_required');

    // Options for sign-in are not options for step-up; another account's passkey is not one.
    const signInOptions = await h.caller().passkeys.signInOptions();
    const crossed = await failure(change({ passkey: user.device.authenticate(signInOptions) }));
    expect(crossed).toMatchObject({ status: 'BAD_REQUEST', code: 'passkey_verification_failed' });
    const other = await withPasskey('pk-step-up-other');
    const theirs = await failure(
      change({
        passkey: other.device.authenticate(await user.me.passkeys.stepUpOptions(), {
          credentialId: other.device.credentialIds()[0] ?? '',
        }),
      }),
    );
    expect(theirs.code).toBe('passkey_verification_failed');

    const options = await user.me.passkeys.stepUpOptions();
    expect(options.allowCredentials?.map((c) => c.id)).toEqual(user.device.credentialIds());
    expect(await change({ passkey: user.device.authenticate(options) })).toEqual({
      message: expect.any(String) as unknown,
    });
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { type: 'email_change_request', userId: (await user.me.account.profile()).id },
    });
    expect(audit?.detail).toEqual({ second_factor: 'passkey' });
  });
});

describe('two instances on one database', () => {
  it('a challenge made by one is verified by the other, once', async () => {
    const user = await withPasskey('pk-instances');
    const other = createAuthContext({ prisma: h.db.prisma, config: h.config, clock: h.clock });
    const otherCaller = createCallerFactory(appRouter)(createContextInner({ auth: other }));
    const options = await h.caller().passkeys.signInOptions();
    const response = user.device.authenticate(options);
    const tokens = await otherCaller.passkeys.signIn({ response });
    expect((await h.as(tokens.access).account.profile()).email).toBe(user.email);
    expect((await failure(h.caller().passkeys.signIn({ response }))).code).toBe(
      'passkey_challenge_invalid',
    );
  });
});
