// The admin's list of accounts (ADR 152): prefix search on the address and the username, filters
// by state and two-factor, sorted by date joined or last sign-in, a page at a time by keyset
// cursor, with the total of every page.
import { Prisma } from '@otp-auth/db';
import { usernameKey, type AdminUsersOutput, type AdminUsersQuery } from '@otp-auth/validators';
import type { AuthContext } from '../context';
import { decodeCursor, encodeCursor, type KeysetPosition } from '../keyset-cursor';
import { toAdminUserSummary, type AdminUserRow } from './user-summary';

/** `LIKE` reads `%`, `_` and `\` (its default escape) as pattern characters: a search for
 * `a_b` means those three characters. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What every page and the total share: the filters, none of the paging. */
function filtersOf(query: AdminUsersQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.search) {
    // Each side a range of its unique index: both columns compare bytes (COLLATE "C",
    // migration `prefix_search_collation`).
    conditions.push(Prisma.sql`(u.email LIKE ${likePrefix(query.search.toLowerCase())}
      OR u.username_key LIKE ${likePrefix(usernameKey(query.search))})`);
  }
  if (query.state === 'disabled') conditions.push(Prisma.sql`NOT u.is_active`);
  if (query.state === 'pending') {
    conditions.push(Prisma.sql`u.is_active AND u.email_verified_at IS NULL`);
  }
  if (query.state === 'active') {
    conditions.push(Prisma.sql`u.is_active AND u.email_verified_at IS NOT NULL`);
  }
  if (query.two_factor) {
    const on = Prisma.sql`EXISTS (SELECT 1 FROM totp_credentials t
      WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL)`;
    conditions.push(query.two_factor === 'on' ? on : Prisma.sql`NOT ${on}`);
  }
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

/** Rows after `after` in the list's order. A last sign-in that never happened counts as the
 * oldest: last of all newest-first, first of all oldest-first. */
function keysetAfter(query: AdminUsersQuery, after: KeysetPosition): Prisma.Sql {
  const id = Prisma.sql`${after.id}::uuid`;
  const at = after.value === null ? null : new Date(after.value);
  const desc = query.order === 'desc';
  if (query.sort === 'created') {
    return desc
      ? Prisma.sql`(u.date_joined, u.id) < (${at}, ${id})`
      : Prisma.sql`(u.date_joined, u.id) > (${at}, ${id})`;
  }
  if (desc) {
    return at === null
      ? Prisma.sql`(u.last_login_at IS NULL AND u.id < ${id})`
      : Prisma.sql`(u.last_login_at < ${at} OR (u.last_login_at = ${at} AND u.id < ${id})
          OR u.last_login_at IS NULL)`;
  }
  return at === null
    ? Prisma.sql`((u.last_login_at IS NULL AND u.id > ${id}) OR u.last_login_at IS NOT NULL)`
    : Prisma.sql`(u.last_login_at > ${at} OR (u.last_login_at = ${at} AND u.id > ${id}))`;
}

function orderOf(query: AdminUsersQuery): Prisma.Sql {
  if (query.sort === 'created') {
    return query.order === 'desc'
      ? Prisma.sql`u.date_joined DESC, u.id DESC`
      : Prisma.sql`u.date_joined ASC, u.id ASC`;
  }
  return query.order === 'desc'
    ? Prisma.sql`u.last_login_at DESC NULLS LAST, u.id DESC`
    : Prisma.sql`u.last_login_at ASC NULLS FIRST, u.id ASC`;
}

const cursorOrder = (query: AdminUsersQuery) => `users:${query.sort}:${query.order}`;

/** The statement of one page, one row more than the page to learn whether another follows.
 * Exported so that a test can EXPLAIN exactly what runs. */
export function userPageStatement(query: AdminUsersQuery): Prisma.Sql {
  const after = query.cursor ? decodeCursor(cursorOrder(query), query.cursor) : null;
  const where = after
    ? Prisma.sql`${filtersOf(query)} AND ${keysetAfter(query, after)}`
    : filtersOf(query);
  return Prisma.sql`
    SELECT u.id::text AS id, u.email, u.username, u.role::text AS role,
           u.is_active AS "isActive", u.email_verified_at AS "emailVerifiedAt",
           u.date_joined AS "dateJoined", u.last_login_at AS "lastLoginAt",
           EXISTS (SELECT 1 FROM totp_credentials t
                   WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS "twoFactor"
    FROM users u
    WHERE ${where}
    ORDER BY ${orderOf(query)}
    LIMIT ${query.limit + 1}`;
}

/** The statement of the total: the filters alone. Exported for the same reason. */
export function userCountStatement(query: AdminUsersQuery): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS total FROM users u WHERE ${filtersOf(query)}`;
}

export async function listUsers(
  ctx: AuthContext,
  query: AdminUsersQuery,
): Promise<AdminUsersOutput> {
  const statement = userPageStatement(query);
  const [rows, counted] = await Promise.all([
    ctx.prisma.$queryRaw<AdminUserRow[]>(statement),
    ctx.prisma.$queryRaw<{ total: number }[]>(userCountStatement(query)),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last;
  const sortValue = (row: AdminUserRow) =>
    (query.sort === 'created' ? row.dateJoined : row.lastLoginAt)?.toISOString() ?? null;
  return {
    users: page.map(toAdminUserSummary),
    total: counted[0]?.total ?? 0,
    next_cursor: more
      ? encodeCursor(cursorOrder(query), { value: sortValue(last), id: last.id })
      : null,
  };
}
