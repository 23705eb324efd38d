import { signInAccountId } from '@otp-auth/auth';
import { normalizeEmail } from '@otp-auth/validators';
import type { Context } from './context';

/** The longest raw address kept as a key when it is not one the schema accepts. */
const RAW_KEY_MAX_LENGTH = 320;

/** The email a raw request names, as the rate limits key it: the canonical address the schema
 * will produce (so `victim@ex\uFF41mple.com` is `victim@example.com`'s bucket), or, for input the
 * schema will refuse anyway, the trimmed and lower-cased text. Read before validation so that
 * malformed attempts count too. */
export function emailKeyOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const email = (raw as { email?: unknown }).email;
  if (typeof email !== 'string') return undefined;
  return normalizeEmail(email) ?? email.trim().toLowerCase().slice(0, RAW_KEY_MAX_LENGTH);
}

/** A sign-in counts against the account it resolves to (its id), so that every spelling and
 * every door (password, second factor) shares one budget; an address without an account
 * counts under the address itself. */
export async function signInKeyOf(ctx: Context, raw: unknown): Promise<string | undefined> {
  const email = emailKeyOf(raw);
  if (email === undefined) return undefined;
  return (await signInAccountId(ctx.auth, email)) ?? email;
}
