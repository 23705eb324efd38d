import type { AppRouter } from '@otp-auth/api';
import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { SessionStore } from '../session/session-store';
import { errorCodeOf } from './errors';

/** Calls that carry no access token: a failure there is never an expired token. */
const cookieOnly = new Set([
  'browser.login',
  'browser.loginSecondStep',
  'browser.refresh',
  'browser.logout',
]);

/** When a call fails because the access token expired, refresh once (single flight) and retry
 * the call with the new token; the user never sees it happen. */
export function refreshLink(session: SessionStore): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const used = session.get().access;
        const retryable = used !== null && !cookieOnly.has(op.path);
        let subscription = next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            if (!retryable || errorCodeOf(error) !== 'token_not_valid') {
              observer.error(error);
              return;
            }
            void session.refresh(used).then((access) => {
              if (!access) {
                observer.error(error);
                return;
              }
              subscription = next(op).subscribe(observer);
            });
          },
        });
        return () => subscription.unsubscribe();
      });
}
