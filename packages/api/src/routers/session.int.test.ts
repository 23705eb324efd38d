import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('login', () => {
  it('returns an access and refresh pair for a verified account', async () => {
    const user = await h.signUp('lena');
    expect(user.tokens.access.split('.')).toHaveLength(3);
    const profile = await h.as(user.tokens.access).account.profile();
    expect(profile).toEqual({
      id: expect.any(String),
      email: 'lena@example.com',
      username: 'lena',
      phone_number: '1234567890',
      date_joined: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('fails identically for an unknown email and a wrong password', async () => {
    await h.signUp('mike');
    const unknown = await failure(
      h.caller().auth.login({ email: 'ghost@example.com', password: 'whatever123' }),
    );
    const wrong = await failure(
      h.caller().auth.login({ email: 'mike@example.com', password: 'whatever123' }),
    );
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ status: 'UNAUTHORIZED', code: 'invalid_credentials' });
  });

  it('tells the owner of an unverified account to verify (403)', async () => {
    await h.caller().auth.register({
      email: 'nina@example.com',
      username: 'nina',
      phone_number: '1234567',
      password: 'strongpassword123',
    });
    const error = await failure(
      h.caller().auth.login({ email: 'nina@example.com', password: 'strongpassword123' }),
    );
    expect(error).toMatchObject({ status: 'FORBIDDEN', code: 'account_not_verified' });
    const wrong = await failure(
      h.caller().auth.login({ email: 'nina@example.com', password: 'wrongpassword1' }),
    );
    expect(wrong.code).toBe('invalid_credentials');
  });
});

describe('tokens', () => {
  it('refuses a missing, malformed or refresh-typed bearer token', async () => {
    const user = await h.signUp('omar');
    expect((await failure(h.caller().account.profile())).code).toBe('not_authenticated');
    expect((await failure(h.as('garbage').account.profile())).code).toBe('token_not_valid');
    const confused = await failure(h.as(user.tokens.refresh).account.profile());
    expect(confused).toMatchObject({ status: 'UNAUTHORIZED', code: 'token_not_valid' });
  });

  it('expires access tokens after 5 minutes and refresh rotates them', async () => {
    const user = await h.signUp('pia');
    h.clock.advance(5 * 60 * 1000 + 1000);
    expect((await failure(h.as(user.tokens.access).account.profile())).code).toBe(
      'token_not_valid',
    );
    const next = await h.caller().auth.refresh({ refresh: user.tokens.refresh });
    expect(next.refresh).not.toBe(user.tokens.refresh);
    expect((await h.as(next.access).account.profile()).username).toBe('pia');
  });

  it('treats reuse of a rotated refresh token as theft and kills the family', async () => {
    const user = await h.signUp('quinn');
    const rotated = await h.caller().auth.refresh({ refresh: user.tokens.refresh });
    const reuse = await failure(h.caller().auth.refresh({ refresh: user.tokens.refresh }));
    expect(reuse.code).toBe('token_not_valid');
    // The legitimate holder's newer tokens die too.
    expect((await failure(h.caller().auth.refresh({ refresh: rotated.refresh }))).code).toBe(
      'token_not_valid',
    );
    expect((await failure(h.as(rotated.access).account.profile())).code).toBe('token_not_valid');
    const events = await h.db.prisma.auditEvent.findMany({ where: { type: 'refresh_reuse' } });
    expect(events).toHaveLength(1);
  });

  it('two parallel refreshes of one token: one wins, the family is then revoked', async () => {
    const user = await h.signUp('rita');
    const results = await Promise.allSettled([
      h.caller().auth.refresh({ refresh: user.tokens.refresh }),
      h.caller().auth.refresh({ refresh: user.tokens.refresh }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    const session = await h.db.prisma.session.findFirstOrThrow({
      where: { user: { username: 'rita' } },
    });
    expect(session.revokedAt).not.toBeNull();
  });
});

describe('logout', () => {
  it('kills the refresh token and the access tokens of its session at once', async () => {
    const user = await h.signUp('sam');
    await expect(h.caller().auth.logout({ refresh_token: user.tokens.refresh })).resolves.toEqual({
      message: 'Logged out.',
    });
    expect((await failure(h.caller().auth.refresh({ refresh: user.tokens.refresh }))).code).toBe(
      'token_not_valid',
    );
    expect((await failure(h.as(user.tokens.access).account.profile())).code).toBe(
      'token_not_valid',
    );
    // Logging out twice is harmless.
    await h.caller().auth.logout({ refresh_token: user.tokens.refresh });
  });

  it('refuses an access token as the token to log out, and garbage', async () => {
    const user = await h.signUp('tara');
    expect(
      (await failure(h.caller().auth.logout({ refresh_token: user.tokens.access }))).code,
    ).toBe('token_not_valid');
    expect((await failure(h.caller().auth.logout({ refresh_token: 'x.y.z' }))).code).toBe(
      'token_not_valid',
    );
    expect((await h.as(user.tokens.access).account.profile()).username).toBe('tara');
  });

  it('logout everywhere ends every session', async () => {
    const user = await h.signUp('uma');
    const second = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    await h.as(user.tokens.access).auth.logoutAll();
    for (const access of [user.tokens.access, second.access]) {
      expect((await failure(h.as(access).account.profile())).code).toBe('token_not_valid');
    }
  });
});

describe('change password', () => {
  it('needs the old password, matching confirmation, and ends other sessions', async () => {
    const user = await h.signUp('vera');
    const other = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    const me = h.as(user.tokens.access);

    const wrongOld = await failure(
      me.account.changePassword({
        old_password: 'nottheone1',
        new_password: 'newpassword456',
        confirm_password: 'newpassword456',
      }),
    );
    expect(wrongOld.fields?.old_password).toEqual(['Wrong password.']);
    const mismatch = await failure(
      me.account.changePassword({
        old_password: user.password,
        new_password: 'newpassword456',
        confirm_password: 'newpassword457',
      }),
    );
    expect(mismatch.fields?.confirm_password).toBeDefined();

    const changed = await me.account.changePassword({
      old_password: user.password,
      new_password: 'newpassword456',
      confirm_password: 'newpassword456',
    });
    expect((await h.as(changed.access).account.profile()).username).toBe('vera');
    expect((await failure(h.as(other.access).account.profile())).code).toBe('token_not_valid');
    expect((await failure(h.caller().auth.refresh({ refresh: other.refresh }))).code).toBe(
      'token_not_valid',
    );

    const oldLogin = await failure(
      h.caller().auth.login({ email: user.email, password: user.password }),
    );
    expect(oldLogin.code).toBe('invalid_credentials');
    await h.caller().auth.login({ email: user.email, password: 'newpassword456' });
    await h.smtp.waitFor((m) => m.to === user.email && /password was changed/.test(m.subject));
  });
});
