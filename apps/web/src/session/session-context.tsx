import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionSnapshot, SessionStore } from './session-store';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext value={store}>{children}</SessionContext>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession needs a <SessionProvider>');
  return store;
}

export function useSession(): SessionSnapshot & { store: SessionStore } {
  const store = useSessionStore();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  return { ...snapshot, store };
}
