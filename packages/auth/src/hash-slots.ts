import { availableParallelism } from 'node:os';

/** libuv's pool, where bcrypt hashes run: 4 threads unless UV_THREADPOOL_SIZE says otherwise. */
const LIBUV_POOL_SIZE = 4;

/**
 * How many password hashes run at once: one more than the cores, so that a core never waits
 * for the next hash to be handed over, with one pool thread always left for the log's writes.
 * More hashes at once cannot finish more of them per second. The event loop keeps its share of
 * the CPU because the pool's threads run at a lower priority (ADR 103), not because hashes are
 * few. With libuv's 4 threads that is 3 hashes at once from 2 cores up.
 */
export function defaultHashSlots(
  cores: number = availableParallelism(),
  poolSize: number = LIBUV_POOL_SIZE,
): number {
  return Math.max(1, Math.min(cores + 1, poolSize - 1));
}

export function createHashSlots(slots: number = defaultHashSlots()) {
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
