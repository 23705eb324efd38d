import { availableParallelism } from 'node:os';

/**
 * At most one password hash per core at a time. bcrypt is pure CPU: more hashes at once than
 * cores cannot finish more of them per second, but they would take the CPU from the event loop
 * (every other request waits) and hold all of libuv's pool threads, which the asynchronous log
 * writes also need. ADR 101.
 */
export function createHashSlots(slots: number = availableParallelism()) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (busy >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy -= 1;
    }
  };
}
