// The admin's user list on 1,000 accounts, on PGlite and on PostgreSQL: every filter, both
// sorts in both orders, walked page by page, gives exactly the accounts it should, in order,
// with the right total on every page; and on PostgreSQL a prefix search is an index scan.
import { userCountStatement, userPageStatement } from '@otp-auth/auth';
import { Prisma } from '@otp-auth/db';
import { adminUsersInput, type AdminUsersInput } from '@otp-auth/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, type Harness } from '../testing/harness';

const SEEDED = 1000;
const base = Date.UTC(2026, 0, 1);
const minutes = (n: number) => new Date(base + n * 60_000);
const pad = (i: number) => String(i).padStart(4, '0');

interface Seeded {
  id: string;
  email: string;
  usernameKey: string;
  isActive: boolean;
  verified: boolean;
  twoFactor: boolean;
  dateJoined: Date;
  lastLoginAt: Date | null;
}

/** 1,000 accounts in every state: some pending, some disabled, some with two-factor (and some
 * with an authenticator only half set up, which does not count), joined three to a minute and
 * signed in at shared minutes (ties the id must break), a quarter never signed in. */
async function seed(h: Harness): Promise<Seeded[]> {
  const rows = Array.from({ length: SEEDED }, (_, i) => ({
    email: `${['alpha', 'bravo', 'charlie', 'delta', 'echo'][i % 5]}.${pad(i)}@example.com`,
    username: `${['Kilo', 'Lima', 'Mike', 'Nova'][i % 4]}_${pad(i)}`,
    usernameKey: `${['kilo', 'lima', 'mike', 'nova'][i % 4]}_${pad(i)}`,
    phoneNumber: '1234567890',
    isActive: i % 7 !== 0,
    emailVerifiedAt: i % 10 === 0 ? null : minutes(i),
    dateJoined: minutes(Math.floor(i / 3)),
    lastLoginAt: i % 4 === 0 ? null : minutes((i * 37) % 500),
  }));
  await h.db.prisma.user.createMany({ data: rows });
  const ids = new Map(
    (await h.db.prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [
      u.email,
      u.id,
    ]),
  );
  const idOf = (i: number) => ids.get(rows[i]?.email ?? '') ?? '';
  const confirmed = rows.flatMap((_, i) => (i % 6 === 0 ? [i] : []));
  const halfSetUp = rows.flatMap((_, i) => (i % 11 === 0 && i % 6 !== 0 ? [i] : []));
  await h.db.prisma.totpCredential.createMany({
    data: [
      ...confirmed.map((i) => ({ userId: idOf(i), secretSealed: 'x', confirmedAt: minutes(i) })),
      ...halfSetUp.map((i) => ({ userId: idOf(i), secretSealed: 'x', confirmedAt: null })),
    ],
  });
  return rows.map((row, i) => ({
    id: idOf(i),
    email: row.email,
    usernameKey: row.usernameKey,
    isActive: row.isActive,
    verified: row.emailVerifiedAt !== null,
    twoFactor: i % 6 === 0,
    dateJoined: row.dateJoined,
    lastLoginAt: row.lastLoginAt,
  }));
}

const stateOf = (u: Seeded) => (!u.isActive ? 'disabled' : u.verified ? 'active' : 'pending');

/** What the list must answer, computed here from what was seeded. A last sign-in that never
 * happened counts as the oldest. */
function expected(all: Seeded[], input: AdminUsersInput): string[] {
  const query = adminUsersInput.parse(input);
  const search = query.search?.toLowerCase();
  const matching = all.filter(
    (u) =>
      (!search || u.email.startsWith(search) || u.usernameKey.startsWith(search)) &&
      (!query.state || stateOf(u) === query.state) &&
      (!query.two_factor || u.twoFactor === (query.two_factor === 'on')),
  );
  const key = (u: Seeded) =>
    query.sort === 'created' ? u.dateJoined.getTime() : (u.lastLoginAt?.getTime() ?? -Infinity);
  const sign = query.order === 'desc' ? -1 : 1;
  return matching
    .sort((a, b) => sign * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .map((u) => u.id);
}

describe.each(['pglite', 'postgres'] as const)(
  'the user list on 1,000 accounts (%s)',
  (database) => {
    let h: Harness;
    let all: Seeded[];
    let admin: ReturnType<Harness['as']>;
    let ownIds: string[];

    beforeAll(async () => {
      h = await createHarness({}, { database });
      const signedIn = await h.signUpAdmin('listadmin');
      admin = h.as(signedIn.tokens.access);
      ownIds = (await h.db.prisma.user.findMany({ select: { id: true } })).map((u) => u.id);
      all = await seed(h);
    }, 120_000);
    afterAll(() => h.close());

    /** Every page of a listing, with each page's total; the admin's own account left out. */
    async function walk(input: AdminUsersInput) {
      const ids: string[] = [];
      const totals = new Set<number>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await admin.admin.users({ ...input, ...(cursor ? { cursor } : {}) });
        expect(page.users.length).toBeLessThanOrEqual(input.limit ?? 25);
        ids.push(...page.users.map((u) => u.id));
        totals.add(page.total);
        cursor = page.next_cursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 100);
      return { ids: ids.filter((id) => !ownIds.includes(id)), totals: [...totals], pages };
    }

    const cases: [string, AdminUsersInput][] = [
      ['newest first', { limit: 37 }],
      ['oldest first', { order: 'asc', limit: 100 }],
      ['last sign-in, newest first', { sort: 'last_login', limit: 41 }],
      ['last sign-in, oldest first', { sort: 'last_login', order: 'asc', limit: 29 }],
      ['an address prefix', { search: 'bravo.01', limit: 7 }],
      ['a username prefix, any case', { search: 'LIMA_01', sort: 'last_login', limit: 6 }],
      ['pending', { state: 'pending', limit: 13 }],
      ['disabled, by last sign-in', { state: 'disabled', sort: 'last_login', order: 'asc' }],
      ['active with two-factor', { state: 'active', two_factor: 'on', limit: 17 }],
      ['without two-factor', { two_factor: 'off', sort: 'last_login', limit: 100 }],
      ['a prefix and a state', { search: 'echo.0', state: 'active', sort: 'last_login' }],
    ];

    it.each(cases)(
      '%s: every account once, in order, the same total on every page',
      async (_, input) => {
        const want = expected(all, input);
        const { ids, totals } = await walk(input);
        expect(ids).toEqual(want);
        // The admin's own account matches only the unfiltered listings.
        const own = input.search || input.state === 'pending' || input.state === 'disabled' ? 0 : 1;
        const ownMatches = input.two_factor === 'on' ? 0 : own;
        expect(totals).toEqual([want.length + ownMatches]);
      },
    );

    it('counts are what was seeded', async () => {
      expect((await admin.admin.users({ limit: 1 })).total).toBe(SEEDED + 1);
      expect((await admin.admin.users({ search: 'bravo.01' })).total).toBe(20);
      expect((await admin.admin.users({ search: 'Lima_01' })).total).toBe(25);
    });

    it('reads %, _ and \\ in a search as themselves, never as patterns', async () => {
      expect((await admin.admin.users({ search: 'm_ke' })).total).toBe(0);
      expect((await admin.admin.users({ search: 'mike%' })).total).toBe(0);
      expect((await admin.admin.users({ search: 'mike\\' })).total).toBe(0);
      expect((await admin.admin.users({ search: 'mike_' })).total).toBe(250);
    });

    it('refuses a cursor of another order, a forged one and a bad page size (400)', async () => {
      const { next_cursor } = await admin.admin.users({ limit: 5 });
      expect(next_cursor).not.toBeNull();
      for (const input of [
        { sort: 'last_login' as const, cursor: next_cursor ?? '' },
        { cursor: 'bm90IGEgY3Vyc29y' },
        { cursor: Buffer.from('["users:created:desc","x","y"]').toString('base64url') },
      ]) {
        const refused = await failure(admin.admin.users(input));
        expect(refused).toMatchObject({ status: 'BAD_REQUEST', code: 'invalid_input' });
        expect(Object.keys(refused.fields ?? {})).toEqual(['cursor']);
      }
      for (const limit of [0, 101, 2.5]) {
        const refused = await failure(admin.admin.users({ limit }));
        expect(Object.keys(refused.fields ?? {})).toEqual(['limit']);
      }
    });

    // The plans production runs: on PostgreSQL only (no skipped test on PGlite).
    if (database === 'postgres')
      it('finds accounts by prefix through the prefix indexes, never a scan of every row', async () => {
        await h.db.prisma.$executeRaw`ANALYZE users`;
        for (const search of ['bravo.01', 'lima_01', 'charlie.0042@example.com']) {
          const query = adminUsersInput.parse({ search });
          for (const statement of [userPageStatement(query), userCountStatement(query)]) {
            const [row] = await h.db.prisma.$queryRaw<{ 'QUERY PLAN': unknown }[]>(
              Prisma.sql`EXPLAIN (FORMAT JSON) ${statement}`,
            );
            const nodes = planNodes(row?.['QUERY PLAN']);
            const indexes = nodes.map((node) => {
              const name = node['Index Name'];
              return typeof name === 'string' ? name : '';
            });
            // Both columns compare bytes, so their unique indexes serve a prefix as a range.
            expect(indexes).toContain('users_email_key');
            expect(indexes).toContain('users_username_key_key');
            expect(
              nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'users'),
            ).toEqual([]);
          }
        }
      });
  },
);

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(plan: unknown): PlanNode[] {
  const roots = (plan as { Plan: PlanNode }[] | undefined) ?? [];
  const out: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    out.push(node);
    for (const child of node.Plans ?? []) visit(child);
  };
  for (const root of roots) visit(root.Plan);
  return out;
}
