import { trpc } from '../api/trpc';
import { navigate } from '../router/router';
import { useSessionStore } from './session-context';

/** Ends the session in this browser: the server clears the refresh cookie, the tab forgets its
 * token (whatever the server answered), and the visitor lands on the home page with `notice`. */
export function useSignOut() {
  const session = useSessionStore();
  const logout = trpc.browser.logout.useMutation();
  async function signOut(notice: string) {
    await logout.mutateAsync().catch(() => undefined);
    session.signOut();
    navigate('/', { notice, replace: true });
  }
  return { signOut, pending: logout.isPending };
}
