import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const RESET = /password reset code/;
const NEW_PASSWORD = 'brand-new-secret-42';
const cooldown = () => h.clock.advance(61_000);

async function resetCode(email: string) {
  const after = h.smtp.countTo(email);
  await h.caller().auth.forgotPassword({ email });
  return h.smtp.codeFor(email, after, RESET);
}

const resetWith = (email: string, otp: string, password = NEW_PASSWORD) =>
  h.caller().auth.resetPassword({
    email,
    otp,
    new_password: password,
    confirm_password: password,
  });

describe('forgot password', () => {
  it('mails a reset code as text and HTML to an account, nothing to an unknown address, and answers both alike', async () => {
    const { email } = await h.signUp('forgot-known');
    const known = await h.caller().auth.forgotPassword({ email });
    const unknown = await h.caller().auth.forgotPassword({ email: 'forgot-ghost@example.com' });
    expect(unknown).toEqual(known);
    const code = await h.smtp.codeFor(email, 0, RESET);
    const mail = h.smtp.received.find((m) => m.to === email && RESET.test(m.subject));
    expect(mail?.text).toContain(code);
    expect(mail?.html).toMatch(new RegExp(`font-size:36px[^>]*>${code}<`));
    expect(mail?.html).toContain(h.config.productName);
    // The unknown address got a decoy row (same database work) and no mail.
    const decoy = await h.db.prisma.emailCode.findUniqueOrThrow({
      where: { email_purpose: { email: 'forgot-ghost@example.com', purpose: 'password_reset' } },
    });
    expect(decoy.userId).toBeNull();
    await h.caller().auth.forgotPassword({ email: 'forgot-ghost2@example.com' });
    expect(h.smtp.countTo('forgot-ghost@example.com')).toBe(0);
    const stored = await h.db.prisma.emailCode.findUniqueOrThrow({
      where: { email_purpose: { email, purpose: 'password_reset' } },
    });
    expect(stored.codeHmac).not.toContain(code);
  });

  it('keeps a cooldown, and a new code kills the old one', async () => {
    const { email } = await h.signUp('forgot-cooldown');
    const first = await resetCode(email);
    // A mail is queued in the same transaction as its code: no new row, no mail, ever.
    const queued = () => h.db.prisma.outboxMail.count({ where: { to: email } });
    const before = await queued();
    await h.caller().auth.forgotPassword({ email });
    expect(await queued()).toBe(before);
    cooldown();
    const second = await resetCode(email);
    expect(second).toMatch(/^\d{6}$/);
    // (One chance in a million that the two codes are equal.)
    expect((await failure(resetWith(email, first))).code).toBe('otp_invalid');
    await resetWith(email, second);
  });
});

describe('reset with the code', () => {
  it('answers a wrong code with attempts_left, the same for an unknown address', async () => {
    const { email } = await h.signUp('reset-wrong');
    const code = await resetCode(email);
    const guess = code === '000000' ? '111111' : '000000';
    const known = await failure(resetWith(email, guess));
    const unknown = await failure(resetWith('reset-nobody@example.com', guess));
    expect(known).toMatchObject({ code: 'otp_invalid', details: { attempts_left: 2 } });
    expect(unknown).toEqual(known);
  });

  it('evaluates at most MAX_OTP_ATTEMPTS of 10 parallel wrong guesses', async () => {
    const { email } = await h.signUp('reset-parallel');
    const code = await resetCode(email);
    const guess = code === '000000' ? '111111' : '000000';
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => failure(resetWith(email, guess))),
    );
    const evaluated = errors.filter((e) => e.code === 'otp_invalid');
    expect(evaluated).toHaveLength(h.config.maxOtpAttempts);
    expect(errors.filter((e) => e.code === 'otp_attempts_exceeded')).toHaveLength(
      10 - h.config.maxOtpAttempts,
    );
    // The right code is now refused too: the budget is spent.
    expect((await failure(resetWith(email, code))).code).toBe('otp_attempts_exceeded');
  });

  it('sets the password, ends every session (access and refresh tokens), mails a notice', async () => {
    const user = await h.signUp('reset-ok');
    const second = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    const code = await resetCode(user.email);
    const answer = await resetWith(user.email, code);
    expect(answer.message).toMatch(/Password reset/);

    for (const tokens of [user.tokens, second]) {
      expect((await failure(h.as(tokens.access).account.profile())).code).toBe('token_not_valid');
      expect((await failure(h.caller().auth.refresh({ refresh: tokens.refresh }))).code).toBe(
        'token_not_valid',
      );
    }
    const old = await failure(
      h.caller().auth.login({ email: user.email, password: user.password }),
    );
    expect(old.code).toBe('invalid_credentials');
    await h.caller().auth.login({ email: user.email, password: NEW_PASSWORD });
    const notice = await h.smtp.waitFor((m) => m.to === user.email && /was reset/.test(m.subject));
    expect(notice.html).toContain('<p');
    expect(notice.text).toMatch(/reset/);
    const { id } = await h.db.prisma.user.findUniqueOrThrow({ where: { email: user.email } });
    expect(
      await h.db.prisma.auditEvent.count({ where: { type: 'password_reset', userId: id } }),
    ).toBe(1);
    // Single use.
    expect((await failure(resetWith(user.email, code, 'another-secret-77'))).code).toMatch(/^otp_/);
  });

  it('verifies a pending account, since the code proves the inbox', async () => {
    const email = 'reset-pending@example.com';
    await h.caller().auth.register({
      email,
      username: 'reset-pending',
      phone_number: '1234567890',
      password: 'strongpassword123',
    });
    await h.smtp.codeFor(email);
    const code = await resetCode(email);
    await resetWith(email, code);
    const tokens = tokensOf(await h.caller().auth.login({ email, password: NEW_PASSWORD }));
    expect(tokens.access).toBeTruthy();
  });

  it('refuses bad passwords with field errors without spending a guess', async () => {
    const { email, username } = await h.signUp('reset-rules');
    const code = await resetCode(email);
    const cases: [object, string][] = [
      [{ new_password: 'short', confirm_password: 'short' }, 'new_password'],
      [{ new_password: NEW_PASSWORD, confirm_password: 'different-1' }, 'confirm_password'],
      [{ new_password: 'password123', confirm_password: 'password123' }, 'new_password'],
      [{ new_password: 'x'.repeat(73), confirm_password: 'x'.repeat(73) }, 'new_password'],
    ];
    for (const [passwords, field] of cases) {
      const error = await failure(
        h.caller().auth.resetPassword({ email, otp: code, ...passwords } as never),
      );
      expect(error.fields?.[field], field).toBeDefined();
    }
    const row = await h.db.prisma.emailCode.findUniqueOrThrow({
      where: { email_purpose: { email, purpose: 'password_reset' } },
    });
    expect(row.attempts).toBe(0);
    // The account's own username is refused once the code is known to be right.
    const similar = await failure(resetWith(email, code, username.toUpperCase()));
    expect(similar).toMatchObject({
      code: 'password_rejected',
      fields: { new_password: [expect.any(String)] },
    });
  });
});
