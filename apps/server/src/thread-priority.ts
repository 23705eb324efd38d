import { readdir } from 'node:fs/promises';
import { setPriority } from 'node:os';

/** Linux nice value for every thread but the event loop's (0 is normal, 19 the lowest). */
export const HELPER_THREAD_NICE = 10;

/**
 * Lowers the CPU priority of this process's threads other than the event loop: libuv's pool,
 * where bcrypt hashes run, and V8's helpers. A burst of logins then takes only the CPU that the
 * event loop and the database leave, and token checks keep their pace (ADR 103). Linux only
 * (one nice value per thread); elsewhere, or where it is refused, nothing changes. Call it once
 * the pool exists: threads started later keep the normal priority.
 */
export async function lowerHelperThreadPriority(): Promise<number> {
  const threads = await readdir('/proc/self/task').catch(() => []);
  let lowered = 0;
  for (const tid of threads.map(Number)) {
    if (tid === process.pid) continue; // the main thread's id is the process id
    try {
      setPriority(tid, HELPER_THREAD_NICE);
      lowered += 1;
    } catch {
      // the thread has ended, or the system refuses: leave it as it is
    }
  }
  return lowered;
}
