/** The mfa_token between the password step and the second step of a sign-in. Kept in memory
 * only: never in the URL, history or storage, so a reload starts the sign-in over. */
let pending: { mfaToken: string; email: string } | null = null;

export const pendingSignIn = {
  set(mfaToken: string, email: string) {
    pending = { mfaToken, email };
  },
  get: () => pending,
  clear() {
    pending = null;
  },
};
