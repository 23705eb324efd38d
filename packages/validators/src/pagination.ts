// Keyset pagination, one way for every list: a page size and the opaque cursor the previous
// page answered.
import { z } from 'zod';

const LIMIT_MESSAGE = 'Enter a whole number from 1 to 100.';

/** A page size: a number over tRPC, a query-string digit string over REST. */
export const pageLimitField = (fallback: number) =>
  z.coerce
    .number<number>({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(100, LIMIT_MESSAGE)
    .default(fallback)
    .describe('Rows per page, 1 to 100.');

/** Where the next page starts: the `next_cursor` of the page before, as it came. */
export const cursorField = z
  .string()
  .max(512, 'Not a cursor this server gave.')
  .optional()
  .describe('The `next_cursor` of the previous page; absent for the first page.');
