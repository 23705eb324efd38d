// Whether an error means "the database cannot be reached right now" (down, restarting, network
// gone) rather than a fault in the request or the code. Such an error becomes a 503 the client
// may retry; anything else stays a 500.

// Node socket errors, and what @prisma/adapter-pg turns them into.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const adapterKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// Prisma's: can't reach, timed out, server closed the connection, pool timeout.
const prismaCodes = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
// PostgreSQL SQLSTATE: class 08 (connection exception); shutting down, crashed, starting up.
const sqlStates = /^(08\w{3}|57P01|57P02|57P03)$/;
// node-postgres says these in plain words, with no code.
const messages =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Can't reach database server/i;

function fieldsOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = fieldsOf(queue.shift());
    if (!current || seen.has(current)) continue;
    seen.add(current);
    const { code, kind, originalCode, message } = current;
    if (typeof code === 'string' && (socketCodes.has(code) || prismaCodes.has(code))) return true;
    if (typeof code === 'string' && sqlStates.test(code)) return true;
    if (typeof originalCode === 'string' && sqlStates.test(originalCode)) return true;
    if (typeof kind === 'string' && adapterKinds.has(kind)) return true;
    if (typeof message === 'string' && messages.test(message)) return true;
    // Causes nest: Prisma's error → the adapter's → the driver's.
    queue.push(current.cause, fieldsOf(current.meta)?.driverAdapterError);
    if (Array.isArray(current.errors)) queue.push(...(current.errors as unknown[]));
  }
  return false;
}
