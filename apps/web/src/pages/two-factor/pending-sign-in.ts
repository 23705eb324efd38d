/** The mfa_token between the password step and the second step of a sign-in. Kept in memory
 * only: never in the URL, history or storage, so a reload starts the sign-in over. A sign-in at
 * a provider hands it over in the address's fragment (which no server sees); `adoptFromUrl`
 * takes it from there and removes it from the address and history at once. */
let pending: { mfaToken: string; email: string } | null = null;

export const pendingSignIn = {
  set(mfaToken: string, email: string) {
    pending = { mfaToken, email };
  },
  get: () => pending,
  adoptFromUrl() {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('mfa_token');
    if (!token) return;
    pending = { mfaToken: token, email: '' };
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  },
  clear() {
    pending = null;
  },
};
