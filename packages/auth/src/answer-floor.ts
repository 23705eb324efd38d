import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `work` and answers no sooner than `floorMs` after it started, whatever it did or threw.
 * For answers that must not tell a known address from an unknown one by their time: a known
 * address costs a mail in the outbox that an unknown one does not, a few milliseconds that a
 * prober could average out. Below the floor both take the same time. */
export async function answerNoSoonerThan<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    // A timer may fire a little early on the monotonic clock: wait again for what is left.
    let left: number;
    while ((left = floorMs - (performance.now() - started)) > 0) await sleep(Math.ceil(left));
  }
}
