import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshCookie } from '../browser-cookie';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function signUpWith(email: string, username: string, password = 'strongpassword123') {
  await h.caller().auth.register({ email, username, phone_number: '1234567890', password });
  const stored = email.trim().toLowerCase();
  await h.caller().auth.verifyOtp({ email: stored, otp: await h.smtp.codeFor(stored) });
  return tokensOf(await h.caller().auth.login({ email: stored, password }));
}

function browserCookie(): RefreshCookie & { token?: string } {
  const cookie: RefreshCookie & { token?: string } = {
    value: undefined,
    fromOwnScript: true,
    set: (token) => {
      cookie.token = token;
    },
    clear: () => undefined,
  };
  return cookie;
}

describe('email addresses as the HTML standard writes them', () => {
  it("registers, verifies and signs in with ' and = in the address", async () => {
    const pair = await signUpWith("O'Neil=Team@Example.com", 'oneil');
    const profile = await h.as(pair.access).account.profile();
    expect(profile.email).toBe("o'neil=team@example.com");
  });

  it('stores an internationalized domain in punycode and signs in with either form', async () => {
    await signUpWith('kunde@bücher.example', 'kunde');
    const pair = tokensOf(
      await h
        .caller()
        .auth.login({ email: 'kunde@xn--bcher-kva.example', password: 'strongpassword123' }),
    );
    expect((await h.as(pair.access).account.profile()).email).toBe('kunde@xn--bcher-kva.example');
  });

  it('answers a login with an unusual but valid address as a wrong login, not bad input', async () => {
    const error = await failure(
      h.caller().auth.login({ email: 'x/y!z@example.org', password: 'strongpassword123' }),
    );
    expect(error.code).toBe('invalid_credentials');
  });
});

describe('usernames in any script', () => {
  it('registers Jürgen_名前 and Łukasz as typed', async () => {
    const first = await signUpWith('jurgen@example.com', 'Jürgen_名前');
    expect((await h.as(first.access).account.profile()).username).toBe('Jürgen_名前');
    const second = await signUpWith('lukasz@example.com', 'Łukasz');
    expect((await h.as(second.access).account.profile()).username).toBe('Łukasz');
  });

  it('stores a compatibility form NFKC-normalized', async () => {
    const pair = await signUpWith('ligature@example.com', 'ﬁle');
    expect((await h.as(pair.access).account.profile()).username).toBe('file');
  });

  it('refuses a taken name in another case, or another normalization, with a field error', async () => {
    for (const username of ['ŁUKASZ', 'łukasz', 'FILE', 'ＦＩＬＥ']) {
      const before = await h.db.prisma.user.count();
      const error = await failure(
        h.caller().auth.register({
          email: `taken-${before}@example.com`,
          username,
          phone_number: '1234567890',
          password: 'strongpassword123',
        }),
      );
      expect(error.code).toBe('username_taken');
      expect(error.fields?.username).toEqual(['A user with that username already exists.']);
      expect(await h.db.prisma.user.count()).toBe(before);
    }
  });

  it.each(['with space', 'semi;colon', 'a'.repeat(151)])(
    'refuses %s on the username field',
    async (username) => {
      const error = await failure(
        h.caller().auth.register({
          email: 'refused@example.com',
          username,
          phone_number: '1234567890',
          password: 'strongpassword123',
        }),
      );
      expect(error.code).toBe('invalid_input');
      expect(Object.keys(error.fields ?? {})).toEqual(['username']);
    },
  );
});

describe('the 72-byte password bound everywhere a password is checked', () => {
  const exact = `${'p'.repeat(60)}strongpass12`;
  const wide = 'пароль'.repeat(6); // 36 two-byte characters: 72 bytes

  it('a 72-byte password registers and signs in; one more character never matches', async () => {
    expect(new TextEncoder().encode(exact)).toHaveLength(72);
    await signUpWith('bound@example.com', 'bound', exact);
    const wrong = await failure(
      h.caller().auth.login({ email: 'bound@example.com', password: 'not the password' }),
    );
    const longer = await failure(
      h.caller().auth.login({ email: 'bound@example.com', password: `${exact}x` }),
    );
    expect(longer).toEqual(wrong);
    expect(longer.code).toBe('invalid_credentials');
  });

  it('holds at the multi-byte boundary', async () => {
    expect(new TextEncoder().encode(wide)).toHaveLength(72);
    await signUpWith('wide@example.com', 'wide', wide);
    const error = await failure(
      h.caller().auth.login({ email: 'wide@example.com', password: `${wide}ж` }),
    );
    expect(error.code).toBe('invalid_credentials');
  });

  it('browser sign-in refuses the longer value and sets no cookie', async () => {
    const cookie = browserCookie();
    const error = await failure(
      h
        .caller({ refreshCookie: cookie })
        .browser.login({ email: 'bound@example.com', password: `${exact}suffix` }),
    );
    expect(error.code).toBe('invalid_credentials');
    expect(cookie.token).toBeUndefined();
    const ok = browserCookie();
    await h
      .caller({ refreshCookie: ok })
      .browser.login({ email: 'bound@example.com', password: exact });
    expect(ok.token).toBeTruthy();
  });

  it('a change of password refuses the longer value as old_password, and changes nothing', async () => {
    const pair = tokensOf(
      await h.caller().auth.login({ email: 'bound@example.com', password: exact }),
    );
    const before = await h.db.prisma.password.findFirstOrThrow({
      where: { user: { email: 'bound@example.com' } },
    });
    const error = await failure(
      h.as(pair.access).account.changePassword({
        old_password: `${exact}x`,
        new_password: 'brandnewpassword9',
        confirm_password: 'brandnewpassword9',
      }),
    );
    expect(error.fields).toEqual({ old_password: ['Wrong password.'] });
    const after = await h.db.prisma.password.findFirstOrThrow({
      where: { user: { email: 'bound@example.com' } },
    });
    expect(after.hash).toBe(before.hash);
  });
});
