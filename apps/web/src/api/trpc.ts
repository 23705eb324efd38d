import type { AppRouter } from '@otp-auth/api';
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { SessionStore } from '../session/session-store';
import { browserHeaders } from './browser-header';
import { refreshLink } from './refresh-link';

/** Typed hooks for every procedure; the types come from the server's router, nothing else. */
export const trpc = createTRPCReact<AppRouter>();

/** The client behind the hooks: the access token from memory on every call, a silent refresh
 * and retry when it has expired. */
export function createApiClient(session: SessionStore, url = '/trpc') {
  return trpc.createClient({
    links: [
      refreshLink(session),
      httpBatchLink({
        url,
        headers() {
          const access = session.get().access;
          return access ? { ...browserHeaders, authorization: `Bearer ${access}` } : browserHeaders;
        },
      }),
    ],
  });
}

/** The session's own refresh call, outside the hooks (and outside the retry link). */
export function refreshWithCookie(url = '/trpc'): () => Promise<string> {
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url, headers: browserHeaders })],
  });
  return async () => (await client.browser.refresh.mutate()).access;
}
