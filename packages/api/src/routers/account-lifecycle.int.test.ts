import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('profile edit', () => {
  it('changes username and phone number under the registration rules', async () => {
    const user = await h.signUp('edit-me');
    const api = h.as(user.tokens.access).account;
    const edited = await api.updateProfile({
      username: 'edited-me',
      phone_number: '+1 (555) 000-1111',
    });
    expect(edited).toMatchObject({
      username: 'edited-me',
      phone_number: '+15550001111',
      email: user.email,
    });
    expect((await api.profile()).username).toBe('edited-me');
    expect((await api.updateProfile({ phone_number: '1234567' })).username).toBe('edited-me');
    // A new spelling of one's own name is no clash.
    expect((await api.updateProfile({ username: 'Edited-Me' })).username).toBe('Edited-Me');
  });

  it('refuses a taken username and bad fields, changing nothing', async () => {
    const taken = await h.signUp('edit-taken');
    const user = await h.signUp('edit-other');
    const api = h.as(user.tokens.access).account;
    // Uniqueness ignores case, as at registration.
    const error = await failure(api.updateProfile({ username: taken.username.toUpperCase() }));
    expect(error).toMatchObject({
      code: 'username_taken',
      fields: { username: [expect.any(String)] },
    });
    const bad = await failure(api.updateProfile({ username: 'a b', phone_number: '12' }));
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['phone_number', 'username']);
    const empty = await failure(api.updateProfile({}));
    expect(empty.code).toBe('invalid_input');
    expect(await api.profile()).toMatchObject({
      username: user.username,
      phone_number: '1234567890',
    });
  });
});

describe('export', () => {
  it('holds the profile, the sessions and the audit events, and no secret', async () => {
    const user = await h.signUp('export-me');
    await h.caller({ ip: '203.0.113.9', userAgent: 'export-test/1' }).auth.login({
      email: user.email,
      password: user.password,
    });
    const data = await h.as(user.tokens.access).account.exportData();
    expect(data.profile).toMatchObject({ email: user.email, username: user.username });
    expect(data.profile.email_verified_at).not.toBeNull();
    expect(data.sessions).toHaveLength(2);
    expect(data.linked_providers).toEqual([]);
    expect(data.sessions).toContainEqual(
      expect.objectContaining({ ip: '203.0.113.9', user_agent: 'export-test/1', ended_at: null }),
    );
    expect(data.audit_events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['register', 'verify', 'login_success']),
    );
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/\$2[aby]\$|hash|code_hmac|jti/i);
    expect(text).not.toContain(user.tokens.refresh);
  });
});

describe('delete account', () => {
  it('refuses a wrong password and changes nothing', async () => {
    const user = await h.signUp('delete-refused');
    const error = await failure(
      h.as(user.tokens.access).account.deleteAccount({ password: 'wrong-one-1' }),
    );
    expect(error.fields?.password).toEqual(['Wrong password.']);
    expect(await h.db.prisma.user.count({ where: { email: user.email } })).toBe(1);
  });

  it('removes everything in one go, keeps anonymous audit rows, mails goodbye, frees the address', async () => {
    const user = await h.signUp('delete-me');
    const other = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    const { id } = await h.as(user.tokens.access).account.profile();
    await h.caller().auth.forgotPassword({ email: user.email }); // a live code to be removed
    const auditBefore = await h.db.prisma.auditEvent.count({ where: { userId: id } });
    expect(auditBefore).toBeGreaterThan(0);

    await h.as(user.tokens.access).account.deleteAccount({ password: user.password });

    const p = h.db.prisma;
    expect(await p.user.count({ where: { id } })).toBe(0);
    expect(await p.password.count({ where: { userId: id } })).toBe(0);
    expect(await p.session.count({ where: { userId: id } })).toBe(0);
    expect(
      await p.emailCode.count({ where: { OR: [{ userId: id }, { email: user.email }] } }),
    ).toBe(0);
    expect(
      await p.auditEvent.count({ where: { OR: [{ userId: id }, { email: user.email }] } }),
    ).toBe(0);
    expect(
      await p.auditEvent.count({ where: { type: 'account_delete', userId: null, ip: null } }),
    ).toBe(1);
    await h.smtp.waitFor((m) => m.to === user.email && /account was deleted/.test(m.subject));

    for (const tokens of [user.tokens, other]) {
      expect((await failure(h.as(tokens.access).account.profile())).code).toBe('token_not_valid');
      expect((await failure(h.caller().auth.refresh({ refresh: tokens.refresh }))).code).toBe(
        'token_not_valid',
      );
    }
    // The same address and username can register again.
    const again = await h.signUp('delete-me');
    expect((await h.as(again.tokens.access).account.profile()).id).not.toBe(id);
  });
});
