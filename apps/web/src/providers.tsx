import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { createApiClient, refreshWithCookie, trpc } from './api/trpc';
import { SessionProvider } from './session/session-context';
import { createSessionStore, SESSION_CHANNEL, type SessionStore } from './session/session-store';

export function createBrowserSession(): SessionStore {
  return createSessionStore({
    refresh: refreshWithCookie(),
    locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
    channel:
      typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(SESSION_CHANNEL),
  });
}

/** Query cache, tRPC client and session for the app (tests pass their own session). */
export function Providers({ children, session }: { children: ReactNode; session: SessionStore }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
  );
  const [client] = useState(() => createApiClient(session));

  useEffect(
    () =>
      session.subscribe(() => {
        // Whatever the signed-out tab had cached belongs to someone who is gone.
        if (session.get().status === 'signed-out') queryClient.clear();
      }),
    [session, queryClient],
  );

  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider store={session}>{children}</SessionProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}
