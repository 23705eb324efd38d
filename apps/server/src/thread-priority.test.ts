import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HELPER_THREAD_NICE } from './thread-priority';

const run = promisify(execFile);
const modulePath = fileURLToPath(new URL('./thread-priority.ts', import.meta.url));

// In a process of its own: the nice value of each of its threads, after the call.
const probe = `
  import { readdirSync, readFileSync } from 'node:fs';
  const { lowerHelperThreadPriority } = await import(${JSON.stringify(modulePath)});
  const lowered = await lowerHelperThreadPriority();
  const nice = {};
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
    nice[tid] = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  }
  console.log(JSON.stringify({ pid: process.pid, lowered, nice }));
`;

describe('lowerHelperThreadPriority', () => {
  it('lowers every thread but the event loop', async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      probe,
    ]);
    const { pid, lowered, nice } = JSON.parse(stdout) as {
      pid: number;
      lowered: number;
      nice: Record<string, number>;
    };
    const helpers = Object.entries(nice).filter(([tid]) => Number(tid) !== pid);
    expect(nice[String(pid)]).toBe(0);
    // libuv's pool (4 threads) at least, since listing the threads used it.
    expect(helpers.length).toBeGreaterThanOrEqual(4);
    expect(lowered).toBe(helpers.length);
    expect(helpers.every(([, value]) => value === HELPER_THREAD_NICE)).toBe(true);
  });
});
