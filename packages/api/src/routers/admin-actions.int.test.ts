// What admins do to an account, on PGlite and on PostgreSQL: disable and enable, end sessions,
// mail a verification or reset code, delete; each one an audit event naming the admin; one
// account's detail; the audit log's filters and pages; the owner's recent activity; and when
// each account last signed in.
import { totpCode } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';

const RESET = /password reset code/;

describe.each(['pglite', 'postgres'] as const)('admin actions (%s)', (database) => {
  let h: Harness;
  let admin: Awaited<ReturnType<Harness['signUpAdmin']>>;
  let adminId: string;
  const as = () => h.as(admin.tokens.access);
  const idOf = async (access: string) => (await h.as(access).account.profile()).id;
  const eventsOf = (userId: string) =>
    h.db.prisma.auditEvent.findMany({
      where: { OR: [{ userId }, { actorId: userId }] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { type: true, userId: true, actorId: true, detail: true },
    });
  const signIn = (user: { email: string; password: string }) =>
    h.caller().auth.login({ email: user.email, password: user.password });

  beforeAll(async () => {
    h = await createHarness({}, { database });
    admin = await h.signUpAdmin();
    adminId = await idOf(admin.tokens.access);
  });
  // Tests move the clock on; a fresh sign-in keeps the admin's access token within its life.
  beforeEach(async () => {
    admin = { ...admin, tokens: tokensOf(await signIn(admin)) };
  });
  afterAll(() => h.close());

  it('stamps last_login_at on every sign-in: password, and the second step', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const first = (await as().admin.user({ user_id: userId })).user.last_login_at;
    expect(first).toBe(h.clock.now().toISOString());

    h.clock.advance(60_000);
    tokensOf(await signIn(user));
    const second = (await as().admin.user({ user_id: userId })).user.last_login_at;
    expect(second).toBe(h.clock.now().toISOString());

    const me = h.as(user.tokens.access);
    const { secret } = await me.twoFactor.setupTotp({ password: user.password });
    await me.twoFactor.confirmTotp({ code: totpCode(secret, h.clock.now()) });
    h.clock.advance(60_000);
    const challenge = await signIn(user);
    if (!('mfa_required' in challenge)) throw new Error('expected a second step');
    // The password step alone is no sign-in.
    expect((await as().admin.user({ user_id: userId })).user.last_login_at).toBe(second);
    await h.caller().twoFactor.login({
      mfa_token: challenge.mfa_token,
      code: totpCode(secret, h.clock.now()),
    });
    const detail = await as().admin.user({ user_id: userId });
    expect(detail.user.last_login_at).toBe(h.clock.now().toISOString());
    expect(detail.sign_in.two_factor).toMatchObject({ enabled: true, recovery_codes_left: 10 });
  });

  it('disables: tokens refused at once, sessions over, the right password told; enables', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const other = tokensOf(await signIn(user));

    const disabled = await as().admin.disableUser({ user_id: userId });
    expect(disabled).toMatchObject({
      message: `${user.email} is disabled; 2 sessions ended.`,
      user: { id: userId, state: 'disabled' },
    });
    for (const access of [user.tokens.access, other.access]) {
      expect(await failure(h.as(access).account.profile())).toMatchObject({
        status: 'UNAUTHORIZED',
        code: 'token_not_valid',
      });
    }
    expect(await failure(h.caller().auth.refresh({ refresh: user.tokens.refresh }))).toMatchObject({
      code: 'token_not_valid',
    });
    // Only the owner knows the password: the right one is told why; a wrong one learns nothing.
    expect(await failure(signIn(user))).toMatchObject({
      status: 'FORBIDDEN',
      code: 'account_disabled',
      message: "This account is disabled. Contact the service's administrator.",
    });
    expect(await failure(signIn({ ...user, password: 'not-the-password' }))).toMatchObject({
      status: 'UNAUTHORIZED',
      code: 'invalid_credentials',
    });
    expect((await as().admin.disableUser({ user_id: userId })).message).toBe(
      `${user.email} is already disabled.`,
    );

    const enabled = await as().admin.enableUser({ user_id: userId });
    expect(enabled).toMatchObject({
      message: `${user.email} is enabled: it can sign in again.`,
      user: { state: 'active' },
    });
    // No session comes back with it; a new sign-in works.
    expect((await failure(h.as(other.access).account.profile())).code).toBe('token_not_valid');
    const again = tokensOf(await signIn(user));
    expect(await h.as(again.access).account.profile()).toMatchObject({ id: userId });

    const events = (await eventsOf(userId)).filter((e) => e.actorId === adminId);
    expect(events).toEqual([
      {
        type: 'account_disabled',
        userId,
        actorId: adminId,
        detail: { sessions_ended: 2 },
      },
      { type: 'account_enabled', userId, actorId: adminId, detail: null },
    ]);
  });

  it('a disabled account with two-factor is told so at the second step too', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const me = h.as(user.tokens.access);
    const { secret } = await me.twoFactor.setupTotp({ password: user.password });
    await me.twoFactor.confirmTotp({ code: totpCode(secret, h.clock.now()) });
    h.clock.advance(60_000);
    const challenge = await signIn(user);
    if (!('mfa_required' in challenge)) throw new Error('expected a second step');
    await as().admin.disableUser({ user_id: userId });
    const refused = await failure(
      h.caller().twoFactor.login({
        mfa_token: challenge.mfa_token,
        code: totpCode(secret, h.clock.now()),
      }),
    );
    expect(refused).toMatchObject({ status: 'FORBIDDEN', code: 'account_disabled' });
  });

  it('never disables or deletes the last active admin; another admin may be', async () => {
    const own = await createHarness({}, { database });
    try {
      const only = await own.signUpAdmin();
      const onlyId = (await own.as(only.tokens.access).account.profile()).id;
      const me = own.as(only.tokens.access);
      for (const call of [
        () => me.admin.disableUser({ user_id: onlyId }),
        () => me.admin.deleteUser({ user_id: onlyId }),
      ]) {
        expect(await failure(call())).toMatchObject({ status: 'CONFLICT', code: 'last_admin' });
      }
      expect((await me.admin.user({ user_id: onlyId })).user.state).toBe('active');

      const second = await own.signUpAdmin();
      const secondId = (await own.as(second.tokens.access).account.profile()).id;
      await me.admin.disableUser({ user_id: secondId });
      // Now the first is the last active admin again, even for the other admin's hand.
      await me.admin.enableUser({ user_id: secondId });
      const relogged = tokensOf(
        await own.caller().auth.login({ email: second.email, password: second.password }),
      );
      await own.as(relogged.access).admin.disableUser({ user_id: onlyId });
      expect(
        await failure(own.as(relogged.access).admin.deleteUser({ user_id: secondId })),
      ).toMatchObject({ code: 'last_admin' });
    } finally {
      await own.close();
    }
  });

  it('ends one session or every session of an account', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const second = tokensOf(await signIn(user));
    const third = tokensOf(await signIn(user));
    const { sessions } = await as().admin.user({ user_id: userId });
    expect(sessions).toHaveLength(3);
    const secondSid = (await h.as(second.access).account.sessions()).sessions.find(
      (s) => s.current,
    )?.id;
    if (!secondSid) throw new Error('no current session');

    const one = await as().admin.endSessions({ user_id: userId, session_id: secondSid });
    expect(one).toEqual({ message: `Ended a session of ${user.email}.`, ended: 1 });
    expect((await failure(h.as(second.access).account.profile())).code).toBe('token_not_valid');
    expect((await h.as(third.access).account.profile()).id).toBe(userId);
    // Gone already, or another account's: not found.
    expect(
      await failure(as().admin.endSessions({ user_id: userId, session_id: secondSid })),
    ).toMatchObject({ status: 'NOT_FOUND', code: 'not_found' });
    expect(
      await failure(as().admin.endSessions({ user_id: adminId, session_id: secondSid })),
    ).toMatchObject({ code: 'not_found' });

    const all = await as().admin.endSessions({ user_id: userId });
    expect(all).toEqual({ message: `Ended 2 sessions of ${user.email}.`, ended: 2 });
    for (const access of [user.tokens.access, third.access]) {
      expect((await failure(h.as(access).account.profile())).code).toBe('token_not_valid');
    }
    expect((await as().admin.endSessions({ user_id: userId })).message).toBe(
      `${user.email} has no live session.`,
    );
    const events = (await eventsOf(userId)).filter((e) => e.actorId === adminId);
    expect(events).toEqual([
      { type: 'session_revoke', userId, actorId: adminId, detail: { sessionId: secondSid } },
      { type: 'session_revoke_all', userId, actorId: adminId, detail: { ended: 2 } },
    ]);
  });

  it('mails a pending account a new verification code, within the send limits', async () => {
    const email = `pending${String(Date.now())}@example.com`;
    await h.caller().auth.register({
      email,
      username: `pending${String(Date.now())}`,
      phone_number: '1234567890',
      password: 'strongpassword123',
    });
    await h.smtp.codeFor(email);
    const userId = (
      await h.db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
    ).id;
    expect((await as().admin.users({ search: email })).users[0]?.state).toBe('pending');
    // The sign-up code went out moments ago: the cooldown holds for admins too.
    expect(await failure(as().admin.resendVerification({ user_id: userId }))).toMatchObject({
      status: 'TOO_MANY_REQUESTS',
      code: 'rate_limited',
      retryAfter: 60,
    });
    h.clock.advance(61_000);
    const seen = h.smtp.countTo(email);
    expect(await as().admin.resendVerification({ user_id: userId })).toEqual({
      message: `A new verification code was sent to ${email}.`,
    });
    const otp = await h.smtp.codeFor(email, seen);
    await h.caller().auth.verifyOtp({ email, otp });
    h.clock.advance(61_000);
    expect(await failure(as().admin.resendVerification({ user_id: userId }))).toMatchObject({
      status: 'CONFLICT',
      code: 'account_state_conflict',
      message: 'This account is already verified.',
    });
    expect((await eventsOf(userId)).filter((e) => e.actorId === adminId)).toEqual([
      { type: 'verification_resent', userId, actorId: adminId, detail: null },
    ]);
  });

  it('mails a password reset code the owner uses as their own; never to a disabled account', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const seen = h.smtp.countTo(user.email);
    expect(await as().admin.sendPasswordReset({ user_id: userId })).toEqual({
      message: `A password reset code was sent to ${user.email}.`,
    });
    const otp = await h.smtp.codeFor(user.email, seen, RESET);
    await h.caller().auth.resetPassword({
      email: user.email,
      otp,
      new_password: 'brand-new-secret-42',
      confirm_password: 'brand-new-secret-42',
    });
    tokensOf(await signIn({ email: user.email, password: 'brand-new-secret-42' }));

    await as().admin.disableUser({ user_id: userId });
    h.clock.advance(61_000);
    expect(await failure(as().admin.sendPasswordReset({ user_id: userId }))).toMatchObject({
      status: 'CONFLICT',
      code: 'account_state_conflict',
      message: 'This account is disabled: enable it first.',
    });
    const types = (await eventsOf(userId)).filter((e) => e.actorId === adminId).map((e) => e.type);
    expect(types).toEqual(['password_reset_requested', 'account_disabled']);
  });

  it('deletes an account as its owner would, and the event says which and by whom', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const seen = h.smtp.countTo(user.email);
    expect(await as().admin.deleteUser({ user_id: userId })).toEqual({
      message: `${user.email} was deleted. A confirmation was sent to that address.`,
    });
    await h.smtp.waitFor(
      (mail) => mail.to === user.email && /your account was deleted/.test(mail.subject),
    );
    expect(h.smtp.countTo(user.email)).toBeGreaterThan(seen);
    expect((await failure(h.as(user.tokens.access).account.profile())).code).toBe(
      'token_not_valid',
    );
    expect(await h.db.prisma.user.count({ where: { id: userId } })).toBe(0);
    expect(await h.db.prisma.session.count({ where: { userId } })).toBe(0);
    expect(await h.db.prisma.emailCode.count({ where: { email: user.email } })).toBe(0);
    // Its own events keep only type and time; the deletion names the account and the admin.
    expect(await eventsOf(userId)).toEqual([
      { type: 'account_delete', userId, actorId: adminId, detail: null },
    ]);
    expect(await h.db.prisma.auditEvent.count({ where: { email: user.email } })).toBe(0);
    expect(await failure(as().admin.user({ user_id: userId }))).toMatchObject({
      status: 'NOT_FOUND',
      code: 'not_found',
    });
    expect(await failure(as().admin.deleteUser({ user_id: userId }))).toMatchObject({
      code: 'not_found',
    });
  });

  it('answers 404 for an unknown account on every action', async () => {
    const user_id = '0190a0a0-0000-7000-8000-000000000000';
    const a = as().admin;
    for (const call of [
      () => a.user({ user_id }),
      () => a.disableUser({ user_id }),
      () => a.enableUser({ user_id }),
      () => a.endSessions({ user_id }),
      () => a.resendVerification({ user_id }),
      () => a.sendPasswordReset({ user_id }),
      () => a.deleteUser({ user_id }),
    ]) {
      expect(await failure(call())).toMatchObject({ status: 'NOT_FOUND', code: 'not_found' });
    }
  });

  it('shows one account: profile, sign-in, live sessions and recent events, never a secret', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    h.clock.advance(1000); // the newest-used session comes first
    await h.caller({ ip: '198.51.100.9', userAgent: 'probe/1' }).auth.login({
      email: user.email,
      password: user.password,
    });
    const detail = await as().admin.user({ user_id: userId });
    expect(detail.user).toMatchObject({
      id: userId,
      email: user.email,
      username: user.username,
      phone_number: user.phone_number,
      role: 'user',
      state: 'active',
      two_factor: false,
    });
    expect(detail.user.email_verified_at).not.toBeNull();
    expect(detail.sign_in).toEqual({
      has_password: true,
      two_factor: { enabled: false, confirmed_at: null, recovery_codes_left: 0 },
      providers: [],
    });
    expect(detail.sessions).toHaveLength(2);
    expect(detail.sessions[0]).toMatchObject({ ip: '198.51.100.9', user_agent: 'probe/1' });
    expect(detail.recent_events.map((e) => e.type)).toEqual([
      'login_success',
      'login_success',
      'verify',
      'register',
    ]);
    expect(JSON.stringify(detail)).not.toMatch(/\$2[aby]\$|strongpassword/);
  });

  it("lists the account's linked sign-in providers, oldest link first", async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    const linkedAt = h.clock.now();
    await h.db.prisma.externalIdentity.create({
      data: {
        userId,
        provider: 'dev',
        subject: `s-${userId}`,
        email: user.email,
        createdAt: linkedAt,
      },
    });
    await h.db.prisma.externalIdentity.create({
      data: {
        userId,
        provider: 'github',
        subject: `g-${userId}`,
        email: null,
        createdAt: new Date(linkedAt.getTime() + 1000),
        lastUsedAt: new Date(linkedAt.getTime() + 2000),
      },
    });
    const { sign_in } = await as().admin.user({ user_id: userId });
    expect(sign_in.providers).toEqual([
      {
        provider: 'dev',
        provider_name: 'dev',
        email: user.email,
        linked_at: linkedAt.toISOString(),
        last_used_at: null,
      },
      {
        provider: 'github',
        provider_name: 'github',
        email: null,
        linked_at: new Date(linkedAt.getTime() + 1000).toISOString(),
        last_used_at: new Date(linkedAt.getTime() + 2000).toISOString(),
      },
    ]);
  });

  it('filters the audit log by account, admin, type, address and time, page by page', async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.1']) {
      await failure(
        h.caller({ ip }).auth.login({ email: user.email, password: 'wrong-password-1' }),
      );
    }
    const everything = await as().admin.auditEvents({ user_id: userId, limit: 100 });
    expect(everything.events.map((e) => e.type)).toEqual([
      'login_failure',
      'login_failure',
      'login_failure',
      'login_success',
      'verify',
      'register',
    ]);
    const failures = await as().admin.auditEvents({ user_id: userId, type: 'login_failure' });
    expect(failures.events).toHaveLength(3);
    expect(failures.events[0]).toMatchObject({ email: user.email, ip: '192.0.2.1' });
    const fromOne = await as().admin.auditEvents({ ip: '192.0.2.1', user_id: userId });
    expect(fromOne.events.map((e) => e.id)).toEqual(
      failures.events.filter((e) => e.ip === '192.0.2.1').map((e) => e.id),
    );
    // `from` inclusive, `to` exclusive, at the first failure's time.
    const at = failures.events.at(-1)?.created_at ?? '';
    const ids = (events: { id: string }[]) => events.map((e) => e.id);
    expect(ids((await as().admin.auditEvents({ user_id: userId, from: at })).events)).toEqual(
      ids(everything.events.filter((e) => e.created_at >= at)),
    );
    const before = await as().admin.auditEvents({ user_id: userId, to: at });
    expect(ids(before.events)).toEqual(ids(everything.events.filter((e) => e.created_at < at)));
    expect(before.events.map((e) => e.type)).not.toContain('login_failure');

    // Two at a time: the same events, in the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as().admin.auditEvents({ user_id: userId, limit: 2, cursor });
      paged.push(...page.events.map((e) => e.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(everything.events.map((e) => e.id));

    await as().admin.disableUser({ user_id: userId });
    const byAdmin = await as().admin.auditEvents({ actor_id: adminId, user_id: userId });
    expect(byAdmin.events.map((e) => e.type)).toEqual(['account_disabled']);

    for (const [input, field] of [
      [{ type: 'no_such_type' }, 'type'],
      [{ ip: 'not-an-ip' }, 'ip'],
      [{ from: 'yesterday' }, 'from'],
      [{ user_id: 'x' }, 'user_id'],
    ] as const) {
      const refused = await failure(as().admin.auditEvents(input as never));
      expect(Object.keys(refused.fields ?? {}), field).toEqual([field]);
    }
  });

  it("shows the owner their own recent activity, an admin's hand marked, never its name", async () => {
    const user = await h.signUp();
    const userId = await idOf(user.tokens.access);
    await failure(signIn({ ...user, password: 'wrong-password-1' }));
    tokensOf(await signIn(user));
    await as().admin.endSessions({ user_id: userId });
    const relogged = tokensOf(await signIn(user));
    const activity = await h.as(relogged.access).account.activity({ limit: 3 });
    expect(activity.events.map((e) => [e.type, e.by_admin])).toEqual([
      ['login_success', false],
      ['session_revoke_all', true],
      ['login_success', false],
    ]);
    expect(Object.keys(activity.events[0] ?? {}).sort()).toEqual([
      'by_admin',
      'created_at',
      'ip',
      'type',
      'user_agent',
    ]);
    const rest = await h
      .as(relogged.access)
      .account.activity({ cursor: activity.next_cursor ?? undefined });
    expect(rest.events.map((e) => e.type)).toEqual([
      'login_failure',
      'login_success',
      'verify',
      'register',
    ]);
    expect(rest.next_cursor).toBeNull();
  });
});
