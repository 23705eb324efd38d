import type { Prisma } from '@otp-auth/db';
import { randomInt } from 'node:crypto';
import { normalizeUsername, usernameField, usernameKey } from '@otp-auth/validators';

/** Room left for a suffix that makes a taken name unique. */
const BASE_MAX_LENGTH = 140;
const SUFFIX_TRIES = 5;

/** A username from what the provider said (its login, the name, the address's local part):
 * the characters the username rules allow, or `user` when none are left. */
export function usernameBase(hint: string | null, email: string): string {
  for (const source of [hint, email.split('@')[0]]) {
    const cleaned = Array.from(normalizeUsername(source ?? '').replace(/\s+/g, '_'))
      .filter((char) => /^[\p{L}\p{M}\p{Nd}_.@+-]$/u.test(char))
      .slice(0, BASE_MAX_LENGTH)
      .join('');
    if (cleaned !== '' && usernameField.safeParse(cleaned).success) return cleaned;
  }
  return 'user';
}

/** The base if it is free, else the base with a few random digits. Editable later. */
export async function freeUsername(tx: Prisma.TransactionClient, base: string): Promise<string> {
  const candidates = [
    base,
    ...Array.from({ length: SUFFIX_TRIES }, () => `${base}${randomInt(1000, 100_000)}`),
  ];
  for (const candidate of candidates) {
    const taken = await tx.user.count({ where: { usernameKey: usernameKey(candidate) } });
    if (taken === 0) return candidate;
  }
  return `${base}${randomInt(100_000_000, 1_000_000_000)}`;
}

/** Accounts made through a provider have no phone number until their owner adds one: the
 * column holds an empty string, which the profile answers as `""` (docs/decisions/141). */
export const NO_PHONE_NUMBER = '';
