import { availableParallelism } from 'node:os';
import { AuthError } from './errors';

/** libuv's pool, where bcrypt hashes run: 4 threads unless UV_THREADPOOL_SIZE says otherwise. */
const LIBUV_POOL_SIZE = 4;

/** Seconds a client turned away by a full queue is asked to wait. */
const QUEUE_FULL_RETRY_AFTER_SECONDS = 2;

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

export interface HashSlots {
  /** Runs `work` in a free slot, after the hashes queued before it. Throws
   * `service_unavailable` (503, with Retry-After) when `queueLimit` hashes already wait. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Hashes running and waiting right now. */
  load(): { running: number; waiting: number };
}

/** At most `slots` hashes at once and `queueLimit` waiting: a flood of sign-ins is turned
 * away at once instead of piling up requests, memory and minutes of waiting (ADR 122). */
export function createHashSlots(queueLimit: number, slots: number = defaultHashSlots()): HashSlots {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (busy < slots) busy += 1;
      else if (waiting.length >= queueLimit) throw hashQueueFull();
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else busy -= 1;
      }
    },
    load: () => ({ running: busy, waiting: waiting.length }),
  };
}

const hashQueueFull = () =>
  new AuthError('service_unavailable', 'The server is busy. Try again in a moment.', {
    retryAfter: QUEUE_FULL_RETRY_AFTER_SECONDS,
  });
