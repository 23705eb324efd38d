import { totpCode } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const STEP_MS = 30_000;
const at = (offsetSteps = 0) => new Date(h.clock.now().getTime() + offsetSteps * STEP_MS);

/** Moves the manual clock to the next time step, so each test's first code is fresh. */
const nextStep = () => h.clock.advance(STEP_MS);

/** A code that is wrong for every step in the drift window. */
function wrongCodeFor(secret: string): string {
  const near = [-1, 0, 1].map((offset) => totpCode(secret, at(offset)));
  let candidate = 0;
  while (near.includes(String(candidate).padStart(6, '0'))) candidate++;
  return String(candidate).padStart(6, '0');
}

/** An account with two-factor on: its secret, recovery codes and a live token pair. */
async function withTwoFactor(name: string) {
  const user = await h.signUp(name);
  const me = h.as(user.tokens.access);
  const { secret } = await me.twoFactor.setupTotp({ password: user.password });
  const { recovery_codes } = await me.twoFactor.confirmTotp({ code: totpCode(secret, at()) });
  nextStep();
  return { ...user, secret, recoveryCodes: recovery_codes };
}

async function challenge(user: { email: string; password: string }) {
  const result = await h.caller().auth.login({ email: user.email, password: user.password });
  if (!('mfa_required' in result)) throw new Error('expected a second step');
  return result.mfa_token;
}

describe('setup and confirm', () => {
  it('issues a 160-bit base32 secret with its otpauth URL, pending until confirmed', async () => {
    const user = await h.signUp('tf-setup');
    const me = h.as(user.tokens.access);
    const setup = await me.twoFactor.setupTotp({ password: user.password });
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(setup.otpauth_url);
    expect(url.searchParams.get('secret')).toBe(setup.secret);
    expect(decodeURIComponent(url.pathname)).toContain(user.email);
    expect(await me.twoFactor.status()).toEqual({ enabled: false, recovery_codes_left: 0 });
    // Pending changes nothing at sign-in.
    const login = await h.caller().auth.login({ email: user.email, password: user.password });
    expect(Object.keys(login).sort()).toEqual(['access', 'refresh']);
    // The secret is sealed at rest.
    const userId = (await me.account.profile()).id;
    const row = await h.db.prisma.totpCredential.findUniqueOrThrow({ where: { userId } });
    expect(row.secretSealed).not.toContain(setup.secret);
    expect(row.confirmedAt).toBeNull();
  });

  it('refuses a wrong password and a wrong code, changing nothing', async () => {
    const user = await h.signUp('tf-wrong');
    const me = h.as(user.tokens.access);
    const wrongPassword = await failure(me.twoFactor.setupTotp({ password: 'not-the-password' }));
    expect(wrongPassword).toMatchObject({
      status: 'BAD_REQUEST',
      fields: { password: ['Wrong password.'] },
    });
    expect((await failure(me.twoFactor.confirmTotp({ code: '123456' }))).code).toBe(
      'two_factor_disabled',
    );
    const { secret } = await me.twoFactor.setupTotp({ password: user.password });
    const wrong = totpCode(secret, at(5));
    expect((await failure(me.twoFactor.confirmTotp({ code: wrong }))).code).toBe('otp_invalid');
    expect((await me.twoFactor.status()).enabled).toBe(false);
  });

  it('a second setup replaces a pending one', async () => {
    const user = await h.signUp('tf-replace');
    const me = h.as(user.tokens.access);
    const first = await me.twoFactor.setupTotp({ password: user.password });
    const second = await me.twoFactor.setupTotp({ password: user.password });
    expect(second.secret).not.toBe(first.secret);
    const stale = await failure(me.twoFactor.confirmTotp({ code: totpCode(first.secret, at()) }));
    expect(stale.code).toBe('otp_invalid');
    await me.twoFactor.confirmTotp({ code: totpCode(second.secret, at()) });
    expect((await me.twoFactor.status()).enabled).toBe(true);
  });

  it('confirming turns it on: 10 recovery codes, other sessions end, a mail, an audit event', async () => {
    const user = await h.signUp('tf-confirm');
    const other = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    const me = h.as(user.tokens.access);
    const { secret } = await me.twoFactor.setupTotp({ password: user.password });
    const { recovery_codes } = await me.twoFactor.confirmTotp({ code: totpCode(secret, at()) });

    expect(recovery_codes).toHaveLength(10);
    expect(new Set(recovery_codes).size).toBe(10);
    for (const code of recovery_codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(await me.twoFactor.status()).toEqual({ enabled: true, recovery_codes_left: 10 });
    expect((await failure(h.as(other.access).account.profile())).code).toBe('token_not_valid');

    const mail = await h.smtp.waitFor(
      (m) => m.to === user.email && /two-factor sign-in is on/.test(m.subject),
    );
    expect(mail.text).toContain('other sessions were signed out');
    const userId = (await me.account.profile()).id;
    const stored = await h.db.prisma.recoveryCode.findMany({ where: { userId } });
    expect(stored.map((r) => r.codeHmac)).not.toContain(recovery_codes[0]);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.codeHmac))).toBe(true);
    const events = await h.db.prisma.auditEvent.findMany({ where: { userId } });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['two_factor_setup', 'two_factor_enabled']),
    );
    expect(JSON.stringify(events)).not.toContain(secret);

    const again = await failure(me.twoFactor.setupTotp({ password: user.password }));
    expect(again.code).toBe('two_factor_enabled');
  });
});

describe('sign-in with two-factor on', () => {
  it('answers a challenge instead of tokens, then tokens for a code from the app', async () => {
    const user = await withTwoFactor('tf-login');
    const result = await h.caller().auth.login({ email: user.email, password: user.password });
    expect(result).toEqual({ mfa_required: true, mfa_token: expect.any(String) });
    const mfaToken = (result as { mfa_token: string }).mfa_token;

    const pair = await h
      .caller()
      .twoFactor.login({ mfa_token: mfaToken, code: totpCode(user.secret, at()) });
    expect((await h.as(pair.access).account.profile()).email).toBe(user.email);

    // Used once: refused after success, even with another good code.
    nextStep();
    const reuse = await failure(
      h.caller().twoFactor.login({ mfa_token: mfaToken, code: totpCode(user.secret, at()) }),
    );
    expect(reuse).toMatchObject({ status: 'UNAUTHORIZED', code: 'mfa_token_invalid' });
  });

  it('refuses a code replayed in the same time step', async () => {
    const user = await withTwoFactor('tf-replay');
    const code = totpCode(user.secret, at());
    await h.caller().twoFactor.login({ mfa_token: await challenge(user), code });
    const replay = await failure(
      h.caller().twoFactor.login({ mfa_token: await challenge(user), code }),
    );
    expect(replay.code).toBe('otp_invalid');
  });

  it('accepts one step of drift either side, not two', async () => {
    const user = await withTwoFactor('tf-drift');
    h.clock.advance(3 * STEP_MS); // clear of the step used to confirm
    const early = totpCode(user.secret, at(-1));
    await h.caller().twoFactor.login({ mfa_token: await challenge(user), code: early });
    h.clock.advance(3 * STEP_MS);
    const late = totpCode(user.secret, at(1));
    await h.caller().twoFactor.login({ mfa_token: await challenge(user), code: late });
    h.clock.advance(3 * STEP_MS);
    const tooOld = totpCode(user.secret, at(-2));
    const refused = await failure(
      h.caller().twoFactor.login({ mfa_token: await challenge(user), code: tooOld }),
    );
    expect(refused.code).toBe('otp_invalid');
    const tooNew = totpCode(user.secret, at(2));
    const refusedToo = await failure(
      h.caller().twoFactor.login({ mfa_token: await challenge(user), code: tooNew }),
    );
    expect(refusedToo.code).toBe('otp_invalid');
  });

  it('evaluates at most MAX_OTP_ATTEMPTS parallel wrong codes per mfa_token', async () => {
    const user = await withTwoFactor('tf-parallel');
    const mfaToken = await challenge(user);
    const right = totpCode(user.secret, at());
    const wrong = wrongCodeFor(user.secret);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        failure(h.caller().twoFactor.login({ mfa_token: mfaToken, code: wrong })),
      ),
    );
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === 'otp_invalid')).toHaveLength(h.config.maxOtpAttempts);
    expect(codes.filter((c) => c === 'otp_attempts_exceeded')).toHaveLength(
      10 - h.config.maxOtpAttempts,
    );
    // The budget is spent: even the right code no longer works with this token.
    const after = await failure(h.caller().twoFactor.login({ mfa_token: mfaToken, code: right }));
    expect(after.code).toBe('otp_attempts_exceeded');
  });

  it('counts wrong codes down and expires the mfa_token after 5 minutes', async () => {
    const user = await withTwoFactor('tf-expiry');
    const mfaToken = await challenge(user);
    const wrong = await failure(
      h.caller().twoFactor.login({ mfa_token: mfaToken, code: wrongCodeFor(user.secret) }),
    );
    expect(wrong).toMatchObject({ code: 'otp_invalid', details: { attempts_left: 2 } });
    h.clock.advance(5 * 60 * 1000 + 1000);
    const late = await failure(
      h.caller().twoFactor.login({ mfa_token: mfaToken, code: totpCode(user.secret, at()) }),
    );
    expect(late.code).toBe('mfa_token_invalid');
  });

  it('the mfa_token is no access token, no refresh token, and belongs to its user only', async () => {
    const user = await withTwoFactor('tf-purpose');
    const mfaToken = await challenge(user);
    expect((await failure(h.as(mfaToken).account.profile())).code).toBe('token_not_valid');
    expect((await failure(h.caller().auth.refresh({ refresh: mfaToken }))).code).toBe(
      'token_not_valid',
    );
    expect((await failure(h.caller().auth.logout({ refresh_token: mfaToken }))).code).toBe(
      'token_not_valid',
    );
    // Another account's valid code does not open this one's challenge.
    const other = await withTwoFactor('tf-purpose-other');
    const foreign = await failure(
      h.caller().twoFactor.login({ mfa_token: mfaToken, code: totpCode(other.secret, at()) }),
    );
    expect(foreign.code).toBe('otp_invalid');
    expect(
      (await failure(h.caller().twoFactor.login({ mfa_token: 'made-up', code: '123456' }))).code,
    ).toBe('mfa_token_invalid');
  });

  it('a recovery code signs in once, in any case and spacing', async () => {
    const user = await withTwoFactor('tf-recovery');
    const code = user.recoveryCodes[0]!;
    const typed = ` ${code.toUpperCase().replace('-', ' ')} `;
    const pair = await h
      .caller()
      .twoFactor.login({ mfa_token: await challenge(user), recovery_code: typed });
    expect((await h.as(pair.access).twoFactor.status()).recovery_codes_left).toBe(9);
    const again = await failure(
      h.caller().twoFactor.login({ mfa_token: await challenge(user), recovery_code: code }),
    );
    expect(again).toMatchObject({
      code: 'otp_invalid',
      fields: { recovery_code: expect.any(Array) },
    });
  });

  it('asks for exactly one of code and recovery_code', async () => {
    const user = await withTwoFactor('tf-shape');
    const mfaToken = await challenge(user);
    const both = await failure(
      h.caller().twoFactor.login({
        mfa_token: mfaToken,
        code: '123456',
        recovery_code: user.recoveryCodes[0]!,
      }),
    );
    expect(both).toMatchObject({ code: 'invalid_input', fields: { code: expect.any(Array) } });
    const neither = await failure(h.caller().twoFactor.login({ mfa_token: mfaToken }));
    expect(neither.code).toBe('invalid_input');
  });

  it('a password reset by mailed code leaves two-factor on', async () => {
    const user = await withTwoFactor('tf-reset');
    const after = h.smtp.countTo(user.email);
    await h.caller().auth.forgotPassword({ email: user.email });
    const otp = await h.smtp.codeFor(user.email, after, /password reset code/);
    await h.caller().auth.resetPassword({
      email: user.email,
      otp,
      new_password: 'resetpassword789',
      confirm_password: 'resetpassword789',
    });
    const login = await h.caller().auth.login({ email: user.email, password: 'resetpassword789' });
    expect(login).toMatchObject({ mfa_required: true });
    const pair = await h.caller().twoFactor.login({
      mfa_token: (login as { mfa_token: string }).mfa_token,
      code: totpCode(user.secret, at()),
    });
    expect((await h.as(pair.access).twoFactor.status()).enabled).toBe(true);
  });

  it('opens no session for an account disabled since the password step', async () => {
    const user = await withTwoFactor('tf-disabled');
    const mfaToken = await challenge(user);
    await h.db.prisma.user.update({ where: { email: user.email }, data: { isActive: false } });
    const refused = await failure(
      h.caller().twoFactor.login({ mfa_token: mfaToken, code: totpCode(user.secret, at()) }),
    );
    expect(refused).toMatchObject({ status: 'FORBIDDEN', code: 'account_disabled' });
    const userId = (await h.db.prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    expect(await h.db.prisma.session.count({ where: { userId, revokedAt: null } })).toBe(1);
  });

  it('a password change leaves two-factor on', async () => {
    const user = await withTwoFactor('tf-password');
    const pair = await h
      .caller()
      .twoFactor.login({ mfa_token: await challenge(user), code: totpCode(user.secret, at()) });
    nextStep();
    await h.as(pair.access).account.changePassword({
      old_password: user.password,
      new_password: 'newpassword456',
      confirm_password: 'newpassword456',
      code: totpCode(user.secret, at()),
    });
    const login = await h.caller().auth.login({ email: user.email, password: 'newpassword456' });
    expect(login).toMatchObject({ mfa_required: true });
  });
});

describe('recovery codes and turning it off', () => {
  it('regenerating kills the old set', async () => {
    const user = await withTwoFactor('tf-regen');
    const me = h.as(user.tokens.access);
    expect(
      (await failure(me.twoFactor.regenerateRecoveryCodes({ password: 'nope-nope' }))).code,
    ).toBe('invalid_input');
    const { recovery_codes } = await me.twoFactor.regenerateRecoveryCodes({
      password: user.password,
      code: totpCode(user.secret, at()),
    });
    expect(recovery_codes).toHaveLength(10);
    expect(recovery_codes).not.toContain(user.recoveryCodes[0]);
    const old = await failure(
      h.caller().twoFactor.login({
        mfa_token: await challenge(user),
        recovery_code: user.recoveryCodes[0]!,
      }),
    );
    expect(old.code).toBe('otp_invalid');
    await h
      .caller()
      .twoFactor.login({ mfa_token: await challenge(user), recovery_code: recovery_codes[0]! });
  });

  it('turning off takes the password and a code; then sign-in is one step again', async () => {
    const user = await withTwoFactor('tf-off');
    const me = h.as(user.tokens.access);
    const code = totpCode(user.secret, at());
    const badPassword = await failure(me.twoFactor.disable({ password: 'wrong-one', code }));
    expect(badPassword.fields).toEqual({ password: ['Wrong password.'] });
    const wrongCode = wrongCodeFor(user.secret);
    const badCode = await failure(
      me.twoFactor.disable({ password: user.password, code: wrongCode }),
    );
    expect(badCode).toMatchObject({ code: 'otp_invalid', fields: { code: ['Wrong code.'] } });
    expect((await me.twoFactor.status()).enabled).toBe(true);

    await me.twoFactor.disable({ password: user.password, code });
    expect(await me.twoFactor.status()).toEqual({ enabled: false, recovery_codes_left: 0 });
    const login = await h.caller().auth.login({ email: user.email, password: user.password });
    expect(Object.keys(login).sort()).toEqual(['access', 'refresh']);
    await h.smtp.waitFor((m) => m.to === user.email && /two-factor sign-in is off/.test(m.subject));
    const userId = (await me.account.profile()).id;
    expect(
      await h.db.prisma.auditEvent.count({ where: { userId, type: 'two_factor_disabled' } }),
    ).toBe(1);
    expect(await h.db.prisma.recoveryCode.count({ where: { userId } })).toBe(0);
    expect((await failure(me.twoFactor.disable({ password: user.password, code }))).code).toBe(
      'two_factor_disabled',
    );
  });

  it('a recovery code also turns it off', async () => {
    const user = await withTwoFactor('tf-off-recovery');
    const me = h.as(user.tokens.access);
    await me.twoFactor.disable({ password: user.password, recovery_code: user.recoveryCodes[3]! });
    expect((await me.twoFactor.status()).enabled).toBe(false);
  });

  it('status and setup need a signed-in user', async () => {
    expect((await failure(h.caller().twoFactor.status())).code).toBe('not_authenticated');
    expect((await failure(h.caller().twoFactor.setupTotp({ password: 'x' }))).code).toBe(
      'not_authenticated',
    );
  });
});
