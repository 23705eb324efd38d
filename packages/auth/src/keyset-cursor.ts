// The opaque `next_cursor` of a keyset-paginated list: the last row's sort value and id, and
// the order it belongs to, so that a cursor is never read under another order.
import { fieldError } from './errors';

export interface KeysetPosition {
  /** The last row's sort value (an ISO timestamp), or null when the row has none. */
  value: string | null;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(order: string, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([order, position.value, position.id])).toString('base64url');
}

/** The position a cursor names, or a 400 on `cursor` for anything this server did not give
 * for this order. */
export function decodeCursor(order: string, cursor: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 3) {
    const [cursorOrder, value, id] = parsed as unknown[];
    const validValue =
      value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    if (cursorOrder === order && validValue && typeof id === 'string' && UUID.test(id)) {
      return { value: value, id };
    }
  }
  throw fieldError('cursor', 'Not a cursor this server gave for this list and order.');
}
