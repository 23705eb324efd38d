/** One pass over an outbox: works rows while `keepGoing()` says so, answers how many. */
export type DrainPass = (keepGoing: () => boolean) => Promise<number>;

export interface DrainLoop {
  /** Works everything due now. Concurrent calls share one run, and a call during a run
   * schedules one more pass, so that nothing queued meanwhile waits for the next poll. */
  drain(): Promise<number>;
  /** A drain whose failure goes to `onError`: for timers and notifications. */
  wake(): void;
  start(): void;
  /** Stops polling, then keeps draining for at most `drainMs`, so that a shutdown leaves
   * behind nothing it could have done. What a pass has started is always finished; the rest
   * stays in the outbox for the next worker. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/** The polling, waking and stopping every outbox worker shares (mail, webhooks). */
export function createDrainLoop(options: {
  pass: DrainPass;
  pollIntervalMs: number;
  onError: (error: unknown) => void;
}): DrainLoop {
  let running: Promise<number> | null = null;
  const pending = { again: false };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let giveUpAt = Infinity;
  const keepGoing = () => Date.now() < giveUpAt;
  // Read through a function: the flag changes while the loop awaits.
  const anotherPassWanted = () => pending.again && !stopped;

  function drain(): Promise<number> {
    if (running) {
      pending.again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        pending.again = false;
        total += await options.pass(keepGoing);
      } while (anotherPassWanted());
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function wake(): void {
    if (stopped) return;
    drain().catch(options.onError);
  }

  function start(): void {
    stopped = false;
    giveUpAt = Infinity;
    timer = setInterval(wake, options.pollIntervalMs);
    timer.unref();
    wake();
  }

  async function stop({ drainMs = 0 }: { drainMs?: number } = {}): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    if (drainMs > 0 && !stopped) {
      giveUpAt = Date.now() + drainMs;
      await drain().catch(() => undefined);
    }
    stopped = true;
    giveUpAt = 0; // a stopped worker works nothing more, even when asked to drain
    await running?.catch(() => undefined);
  }

  return { drain, wake, start, stop };
}
