import type { Role } from '@otp-auth/validators';
import { useSession } from './session-context';

/** The role the access token claims, read without verifying it: it only decides what the app
 * shows. The server checks the role itself on every admin call. */
export function roleOf(access: string | null): Role {
  const payload = access?.split('.')[1];
  if (!payload) return 'user';
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)));
    return typeof claims === 'object' &&
      claims !== null &&
      'role' in claims &&
      claims.role === 'admin'
      ? 'admin'
      : 'user';
  } catch {
    return 'user';
  }
}

/** The signed-in user's role, as this tab's access token carries it. */
export function useRole(): Role {
  return roleOf(useSession().access);
}
