import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { Unsubscribable } from '@trpc/server/observable';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from './app-router.js';
import type { TokenSession } from './session.js';
import type { ProcedurePath } from './types.js';

/** Procedures that never need the bearer token (and so never trigger a refresh). */
const publicPaths: ReadonlySet<string> = new Set<ProcedurePath>([
  'auth.register',
  'auth.verifyOtp',
  'auth.resendOtp',
  'auth.login',
  'auth.refresh',
  'auth.logout',
]);

/** Key in the operation's context holding the access token for the HTTP link's headers. */
export const ACCESS_TOKEN = 'accessToken';

/**
 * Puts a fresh access token on every call that may need one, and when the service still refuses
 * it (`token_not_valid`: expired early, clock skew), refreshes and retries once.
 */
export function authLink(session: TokenSession): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let current: Unsubscribable | undefined;
        let stopped = false;

        const send = (token: string | null, retried: boolean) => {
          if (stopped) return;
          current = next({ ...op, context: { ...op.context, [ACCESS_TOKEN]: token } }).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (retried || token === null || error.data?.code !== 'token_not_valid') {
                observer.error(error);
                return;
              }
              session.refresh(token).then(
                (tokens) => (tokens ? send(tokens.access, true) : observer.error(error)),
                (cause: unknown) => observer.error(TRPCClientError.from(toError(cause))),
              );
            },
          });
        };

        if (publicPaths.has(op.path)) {
          send(null, true);
        } else {
          session.accessToken().then(
            (token) => send(token, false),
            (cause: unknown) => observer.error(TRPCClientError.from(toError(cause))),
          );
        }
        return () => {
          stopped = true;
          current?.unsubscribe();
        };
      });
}

function toError(cause: unknown): Error {
  return cause instanceof Error ? cause : new Error(String(cause));
}
