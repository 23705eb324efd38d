/** The signed-in state of this tab. The access token lives in this object only (memory): never
 * in storage a script or extension could read later. The refresh token is an httpOnly cookie the
 * page cannot see; `refresh` asks the server to use it. */
type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

export interface SessionSnapshot {
  status: SessionStatus;
  access: string | null;
}

type TabMessage = { type: 'access'; access: string } | { type: 'signed-out' };

const LOCK_NAME = 'otp-auth-refresh';
export const SESSION_CHANNEL = 'otp-auth-session';

export interface SessionStoreOptions {
  /** Exchanges the refresh cookie for a new access token (the cookie rotates). */
  refresh: () => Promise<string>;
  /** Web Locks and BroadcastChannel when the browser has them; absent in old browsers. */
  locks?: { request<T>(name: string, callback: () => Promise<T>): Promise<T> } | undefined;
  channel?: BroadcastChannel | undefined;
}

export function createSessionStore(options: SessionStoreOptions) {
  let snapshot: SessionSnapshot = { status: 'unknown', access: null };
  const listeners = new Set<() => void>();
  let inflight: Promise<string | null> | null = null;

  const set = (next: SessionSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };
  const broadcast = (message: TabMessage) => options.channel?.postMessage(message);

  options.channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    // Another tab refreshed or signed out: the cookie it used is ours too.
    if (event.data.type === 'access') set({ status: 'signed-in', access: event.data.access });
    else set({ status: 'signed-out', access: null });
  });

  async function refreshOnce(stale: string | null): Promise<string | null> {
    // Inside the lock: if another tab already refreshed while we waited, use its token instead of
    // rotating the cookie again.
    if (snapshot.access !== null && snapshot.access !== stale) return snapshot.access;
    try {
      const access = await options.refresh();
      set({ status: 'signed-in', access });
      broadcast({ type: 'access', access });
      return access;
    } catch {
      set({ status: 'signed-out', access: null });
      return null;
    }
  }

  return {
    get: () => snapshot,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    signIn(access: string) {
      set({ status: 'signed-in', access });
      broadcast({ type: 'access', access });
    },
    signOut() {
      set({ status: 'signed-out', access: null });
      broadcast({ type: 'signed-out' });
    },
    /** One refresh at a time in this tab (concurrent callers share it) and across tabs (a Web
     * Lock), so a rotated refresh token is never presented twice — which the server would treat
     * as theft. Resolves with the new access token, or null when the session is over. */
    refresh(stale: string | null = snapshot.access): Promise<string | null> {
      inflight ??= (
        options.locks
          ? options.locks.request(LOCK_NAME, () => refreshOnce(stale))
          : refreshOnce(stale)
      ).finally(() => {
        inflight = null;
      });
      return inflight;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
