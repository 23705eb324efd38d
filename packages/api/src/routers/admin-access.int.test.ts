// Who may call the admin API, on PGlite and on PostgreSQL: every procedure of the admin router
// (found by walking the router itself, so a new one cannot be left out) refuses a signed-in
// non-admin with 403, and an anonymous caller with 401; the role rides in the access token, and
// taking it away takes effect at once.
import { setRoleByEmail } from '@otp-auth/auth';
import type { TRPCRouterRecord } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restOperations } from '../rest-operations';
import { createHarness, failure, tokensOf, type Harness } from '../testing/harness';
import { adminRouter } from './admin';

/** The dotted paths of every procedure in a router record, nested records included. */
function procedurePaths(record: TRPCRouterRecord, prefix = ''): string[] {
  return Object.entries(record).flatMap(([name, value]) =>
    typeof value === 'function' ? [`${prefix}${name}`] : procedurePaths(value, `${prefix}${name}.`),
  );
}

type Call = (input?: unknown) => Promise<unknown>;

/** The caller's function for `admin.<path>`. */
function adminCall(caller: ReturnType<Harness['caller']>, path: string): Call {
  let node: unknown = caller.admin;
  for (const segment of path.split('.')) node = (node as Record<string, unknown>)[segment];
  return node as Call;
}

const adminProcedures = procedurePaths(adminRouter);

const roleOf = (access: string) =>
  (JSON.parse(Buffer.from(access.split('.')[1] ?? '', 'base64url').toString()) as { role?: string })
    .role;

describe('the admin router', () => {
  it('is walked whole: the procedures we know of are found', () => {
    expect(adminProcedures).toEqual(expect.arrayContaining(['admins', 'setRole']));
  });

  it('serves REST under /api/admin/ only, and every admin path is an admin procedure', () => {
    const adminRest = restOperations.filter((op) => op.procedure.startsWith('admin.'));
    expect(adminRest.length).toBeGreaterThan(0);
    for (const op of adminRest) {
      expect(op.path).toMatch(/^\/api\/admin\//);
      expect(op.errorStatuses).toContain(403);
      expect(adminProcedures).toContain(op.procedure.slice('admin.'.length));
    }
    for (const op of restOperations.filter((o) => o.path.startsWith('/api/admin/'))) {
      expect(op.procedure).toMatch(/^admin\./);
    }
  });
});

describe.each(['pglite', 'postgres'] as const)('admin API access (%s)', (database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({}, { database });
  });
  afterAll(() => h.close());

  it('refuses every admin procedure to a non-admin (403) and to nobody (401), whatever the input', async () => {
    const user = await h.signUp();
    for (const path of adminProcedures) {
      for (const input of [undefined, {}, { user_id: user.tokens.access }]) {
        const refused = await failure(adminCall(h.as(user.tokens.access), path)(input));
        expect(refused, `admin.${path}`).toMatchObject({
          status: 'FORBIDDEN',
          code: 'permission_denied',
          message: 'You do not have permission to perform this action.',
        });
      }
      const anonymous = await failure(adminCall(h.caller(), path)(undefined));
      expect(anonymous, `admin.${path}`).toMatchObject({
        status: 'UNAUTHORIZED',
        code: 'not_authenticated',
      });
    }
  });

  it('the role rides in the access token: a grant counts from the next token', async () => {
    const user = await h.signUp();
    expect(roleOf(user.tokens.access)).toBe('user');
    await setRoleByEmail(h.auth, user.email, 'admin');
    // The token in hand was issued as `user`: it opens nothing yet.
    expect((await failure(h.as(user.tokens.access).admin.admins())).status).toBe('FORBIDDEN');
    // A refresh (or a new sign-in) carries the role.
    const refreshed = await h.caller().auth.refresh({ refresh: user.tokens.refresh });
    expect(roleOf(refreshed.access)).toBe('admin');
    const { admins } = await h.as(refreshed.access).admin.admins();
    expect(admins.map((admin) => admin.email)).toContain(user.email);
    const signedIn = tokensOf(
      await h.caller().auth.login({ email: user.email, password: user.password }),
    );
    expect(roleOf(signedIn.access)).toBe('admin');
  });

  it('an admin grants and takes the role; taken away, it is refused at once; each change audited', async () => {
    const admin = await h.signUpAdmin();
    const other = await h.signUp();
    const otherId = (await h.as(other.tokens.access).account.profile()).id;
    const adminId = (await h.as(admin.tokens.access).account.profile()).id;

    const granted = await h
      .as(admin.tokens.access)
      .admin.setRole({ user_id: otherId, role: 'admin' });
    expect(granted).toMatchObject({
      message: `${other.email} is now an admin.`,
      user: { id: otherId, email: other.email, role: 'admin', state: 'active', two_factor: false },
    });
    const again = await h
      .as(admin.tokens.access)
      .admin.setRole({ user_id: otherId, role: 'admin' });
    expect(again.message).toBe(`${other.email} is already an admin.`);

    const otherAdmin = tokensOf(
      await h.caller().auth.login({ email: other.email, password: other.password }),
    );
    expect((await h.as(otherAdmin.access).admin.admins()).admins.map((a) => a.id)).toContain(
      otherId,
    );

    await h.as(admin.tokens.access).admin.setRole({ user_id: otherId, role: 'user' });
    // The token still says admin; the account no longer is.
    expect(roleOf(otherAdmin.access)).toBe('admin');
    expect(await failure(h.as(otherAdmin.access).admin.admins())).toMatchObject({
      status: 'FORBIDDEN',
      code: 'permission_denied',
    });
    // Signed in, the token is otherwise as good as before.
    expect((await h.as(otherAdmin.access).account.profile()).id).toBe(otherId);

    const events = await h.db.prisma.auditEvent.findMany({
      where: { userId: otherId, type: { in: ['role_granted', 'role_revoked'] } },
      orderBy: { createdAt: 'asc' },
      select: { type: true, actorId: true },
    });
    // The repeated grant changed nothing and recorded nothing.
    expect(events).toEqual([
      { type: 'role_granted', actorId: adminId },
      { type: 'role_revoked', actorId: adminId },
    ]);
  });

  it('never takes the role from the last active admin, nor lets one lock everybody out', async () => {
    // Alone among admins in a database of its own.
    const own = await createHarness({}, { database });
    try {
      const admin = await own.signUpAdmin();
      const adminId = (await own.as(admin.tokens.access).account.profile()).id;
      const refused = await failure(
        own.as(admin.tokens.access).admin.setRole({ user_id: adminId, role: 'user' }),
      );
      expect(refused).toMatchObject({ status: 'CONFLICT', code: 'last_admin' });
      await expect(setRoleByEmail(own.auth, admin.email, 'user')).rejects.toMatchObject({
        code: 'last_admin',
      });
      expect((await own.as(admin.tokens.access).admin.admins()).admins).toHaveLength(1);

      // With a second admin, either may step down, and the CLI's change is audited as such.
      const second = await own.signUp();
      await setRoleByEmail(own.auth, second.email, 'admin');
      const stepDown = await own
        .as(admin.tokens.access)
        .admin.setRole({ user_id: adminId, role: 'user' });
      expect(stepDown.message).toBe(`${admin.email} is no longer an admin.`);
      const cli = await own.db.prisma.auditEvent.findFirstOrThrow({
        where: { type: 'role_granted', actorId: null },
        orderBy: { createdAt: 'desc' },
        select: { detail: true },
      });
      expect(cli.detail).toEqual({ via: 'cli' });
    } finally {
      await own.close();
    }
  });

  it('of two admins taking each other’s role at once, one succeeds', async () => {
    const own = await createHarness({}, { database });
    try {
      const [x, y] = await Promise.all([own.signUpAdmin(), own.signUpAdmin()]);
      const idOf = async (access: string) => (await own.as(access).account.profile()).id;
      const [xId, yId] = await Promise.all([idOf(x.tokens.access), idOf(y.tokens.access)]);
      const results = await Promise.allSettled([
        own.as(x.tokens.access).admin.setRole({ user_id: yId, role: 'user' }),
        own.as(y.tokens.access).admin.setRole({ user_id: xId, role: 'user' }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(await own.db.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('answers 404 for an unknown user and 400 for a bad id or role', async () => {
    const admin = await h.signUpAdmin();
    const as = h.as(admin.tokens.access);
    expect(
      await failure(
        as.admin.setRole({ user_id: '0190a0a0-0000-7000-8000-000000000000', role: 'admin' }),
      ),
    ).toMatchObject({ status: 'NOT_FOUND', code: 'not_found' });
    const bad = await failure(as.admin.setRole({ user_id: 'nope', role: 'root' as 'admin' }));
    expect(bad).toMatchObject({ status: 'BAD_REQUEST', code: 'invalid_input' });
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['role', 'user_id']);
  });
});
