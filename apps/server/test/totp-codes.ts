import { totpCode } from '@otp-auth/auth/testing';

const STEP_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / STEP_MS);

/** Codes for a server running on the real clock: each one from a later time step than the last
 * (the server accepts a step once), at most one step ahead of now (the drift it allows). */
export function authenticatorApp(secret: string) {
  let last = -Infinity;
  return {
    async code(): Promise<string> {
      const step = Math.max(last + 1, stepNow());
      const wait = (step - 1) * STEP_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
      last = step;
      return totpCode(secret, new Date(step * STEP_MS));
    },
  };
}
export { totpCode };
