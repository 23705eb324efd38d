import type { NotificationHandlers } from '@otp-auth/db';
import type { Keyring } from '../keys/keyring';
import type { SessionCache } from './session-cache';

/** Turns the session-events channel (migration `session_events`) into cache evictions:
 * `s:<session id>`, `u:<user id>`, and `k:<kid>` for a withdrawn signing key, which also leaves
 * the keyring at once (not at its next periodic reload). */
export function invalidationHandlers(
  cache: SessionCache,
  keys: Pick<Keyring, 'withdraw'>,
): NotificationHandlers {
  return {
    onNotify(payload) {
      const id = payload.slice(2);
      if (payload.startsWith('s:')) cache.forgetSession(id);
      else if (payload.startsWith('u:')) cache.forgetUser(id);
      // A signing key withdrawn (emergency rotation): its tokens must not pass from memory.
      else if (payload.startsWith('k:')) {
        keys.withdraw(id);
        cache.forgetKid(id);
      } else cache.forgetAllSessions(); // an event we cannot read: keep nothing it may concern
    },
    onDown: () => cache.feedDown(),
    onUp: () => cache.feedUp(),
  };
}
