import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const CHANGE = /email change code/;

describe('email change', () => {
  it('needs the password and a new address; refusals change nothing', async () => {
    const user = await h.signUp('change-refused');
    const api = h.as(user.tokens.access).account;
    const wrong = await failure(
      api.changeEmail({ new_email: 'x-new@example.com', password: 'nope-nope' }),
    );
    expect(wrong.fields?.password).toEqual(['Wrong password.']);
    const same = await failure(api.changeEmail({ new_email: user.email, password: user.password }));
    expect(same.fields?.new_email).toBeDefined();
    const bad = await failure(
      api.changeEmail({ new_email: 'not-an-address', password: user.password }),
    );
    expect(bad.fields?.new_email).toBeDefined();
    expect(h.smtp.countTo('x-new@example.com')).toBe(0);
    expect(await h.db.prisma.emailCode.count({ where: { purpose: 'email_change' } })).toBe(0);
  });

  it('mails the code to the new address and switches only after it, telling the old one', async () => {
    const user = await h.signUp('change-ok');
    const other = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    const api = h.as(user.tokens.access).account;
    const target = 'change-ok-new@example.com';
    await api.changeEmail({ new_email: target, password: user.password });
    const code = await h.smtp.codeFor(target, 0, CHANGE);

    // Nothing switched yet: the old address still signs in, the new one does not.
    expect((await api.profile()).email).toBe(user.email);
    expect(
      (await failure(h.caller().auth.login({ email: target, password: user.password }))).code,
    ).toBe('invalid_credentials');
    const guess = code === '000000' ? '111111' : '000000';
    expect(await failure(api.confirmEmailChange({ otp: guess }))).toMatchObject({
      code: 'otp_invalid',
      details: { attempts_left: 2 },
    });
    expect((await api.profile()).email).toBe(user.email);

    const profile = await api.confirmEmailChange({ otp: code });
    expect(profile.email).toBe(target);
    expect((await api.profile()).email).toBe(target);
    const notice = await h.smtp.waitFor(
      (m) => m.to === user.email && /address was changed/.test(m.subject),
    );
    expect(notice.text).toContain(target);
    expect(notice.html).toContain(target);
    // Every other session ended; this one lives on.
    expect((await failure(h.as(other.access).account.profile())).code).toBe('token_not_valid');
    expect((await failure(h.caller().auth.refresh({ refresh: other.refresh }))).code).toBe(
      'token_not_valid',
    );
    await h.caller().auth.login({ email: target, password: user.password });
    expect(
      (await failure(h.caller().auth.login({ email: user.email, password: user.password }))).code,
    ).toBe('invalid_credentials');
    // Single use.
    expect((await failure(api.confirmEmailChange({ otp: code }))).code).toMatch(/^otp_/);
  });

  it('answers alike for an address that has an account, whose owner is told instead', async () => {
    const owner = await h.signUp('change-owner');
    const free = await h.signUp('change-free');
    const taker = await h.signUp('change-taker');
    const first = await h.as(free.tokens.access).account.changeEmail({
      new_email: 'change-free-target@example.com',
      password: free.password,
    });
    const second = await h.as(taker.tokens.access).account.changeEmail({
      new_email: owner.email,
      password: taker.password,
    });
    expect(second).toEqual(first);
    const warning = await h.smtp.waitFor(
      (m) => m.to === owner.email && /tried to use your address/.test(m.subject),
    );
    expect(warning.text).not.toMatch(/\b\d{6}\b/);
    // Every guess fails as a wrong code would, and nothing switches.
    const error = await failure(
      h.as(taker.tokens.access).account.confirmEmailChange({ otp: '123456' }),
    );
    expect(error).toMatchObject({ code: 'otp_invalid', details: { attempts_left: 2 } });
    expect((await h.as(taker.tokens.access).account.profile()).email).toBe(taker.email);
  });

  it('keeps a cooldown between requests', async () => {
    const user = await h.signUp('change-cooldown');
    const api = h.as(user.tokens.access).account;
    await api.changeEmail({ new_email: 'cooldown-a@example.com', password: user.password });
    const error = await failure(
      api.changeEmail({ new_email: 'cooldown-b@example.com', password: user.password }),
    );
    expect(error.code).toBe('rate_limited');
    h.clock.advance(61_000);
    await api.changeEmail({ new_email: 'cooldown-b@example.com', password: user.password });
    await h.smtp.codeFor('cooldown-b@example.com', 0, CHANGE);
  });
});
