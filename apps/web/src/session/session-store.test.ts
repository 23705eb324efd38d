import { describe, expect, it, vi } from 'vitest';
import { createSessionStore } from './session-store';

/** A Web Locks stand-in with the same contract: callbacks run one at a time, in order. */
function serialLocks() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const run = tail.then(callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

describe('session store', () => {
  it('shares one refresh between concurrent callers in a tab', async () => {
    let refreshes = 0;
    const store = createSessionStore({
      refresh: async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return `access-${refreshes}`;
      },
      locks: serialLocks(),
    });
    const results = await Promise.all([store.refresh(), store.refresh(), store.refresh()]);
    expect(refreshes).toBe(1);
    expect(results).toEqual(['access-1', 'access-1', 'access-1']);
    expect(store.get()).toEqual({ status: 'signed-in', access: 'access-1' });
  });

  it('does not refresh again when another tab already replaced the stale token', async () => {
    let refreshes = 0;
    const store = createSessionStore({
      refresh: () => Promise.resolve(`access-${++refreshes}`),
    });
    store.signIn('old');
    store.signIn('from-other-tab'); // as a BroadcastChannel message would
    expect(await store.refresh('old')).toBe('from-other-tab');
    expect(refreshes).toBe(0);
    expect(await store.refresh('from-other-tab')).toBe('access-1');
  });

  it('signs out when the refresh cookie is refused', async () => {
    const store = createSessionStore({ refresh: () => Promise.reject(new Error('401')) });
    store.signIn('expired');
    expect(await store.refresh()).toBeNull();
    expect(store.get()).toEqual({ status: 'signed-out', access: null });
  });

  it('tells other tabs about new tokens and signing out', async () => {
    const channel = new BroadcastChannel('session-store-test');
    const listener = new BroadcastChannel('session-store-test');
    const messages: unknown[] = [];
    listener.onmessage = (event: MessageEvent) => messages.push(event.data);
    const store = createSessionStore({ refresh: () => Promise.resolve('x'), channel });
    store.signIn('token-1');
    store.signOut();
    await vi.waitFor(() =>
      expect(messages).toEqual([{ type: 'access', access: 'token-1' }, { type: 'signed-out' }]),
    );
    channel.close();
    listener.close();
  });
});
