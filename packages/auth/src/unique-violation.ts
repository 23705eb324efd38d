/** Prisma's "unique constraint failed": a parallel request wrote the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}
