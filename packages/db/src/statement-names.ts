/**
 * Names for PostgreSQL prepared statements: one per distinct SQL text, so that each pooled
 * connection parses and plans a statement once and then only binds and executes it (ADR 103).
 * Prisma issues a bounded set of texts (one per query shape); the cap keeps an unexpected
 * stream of new texts from growing every connection's statement cache without end: past it, a
 * text runs unnamed (parsed each time), as all did before. '' is pg's "unnamed".
 */
const STATEMENT_NAME_LIMIT = 256;

export function createStatementNames(
  limit: number = STATEMENT_NAME_LIMIT,
): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= limit) return '';
      name = `otp_auth_${String(names.size)}`;
      names.set(sql, name);
    }
    return name;
  };
}
