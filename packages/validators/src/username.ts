import { z } from 'zod';

const USERNAME_MAX_LENGTH = 150;

/** Unicode letters, combining marks and decimal digits plus `@ . + - _`, as Django's
 * UnicodeUsernameValidator accepts. */
const USERNAME = /^[\p{L}\p{M}\p{Nd}_.@+-]+$/u;

/** NFKC first (as Django's normalize_username does), so names written with compatibility
 * characters (`ﬁle`, full-width letters) are the same name as their plain form. */
export function normalizeUsername(value: string): string {
  return value.trim().normalize('NFKC');
}

/** What uniqueness compares: `Admin` and `admin` are one name. Stored beside the username. */
export function usernameKey(username: string): string {
  return normalizeUsername(username).toLowerCase();
}

export const usernameField = z
  .string({ error: 'This field is required.' })
  // Normalised in place (`overwrite`, not `transform`): the schema stays a plain string, so the
  // OpenAPI document can show it, and the examples of the objects around it.
  .overwrite(normalizeUsername)
  .min(1, 'This field is required.')
  .refine(
    (value) => Array.from(value).length <= USERNAME_MAX_LENGTH,
    `Ensure this field has no more than ${USERNAME_MAX_LENGTH} characters.`,
  )
  .regex(USERNAME, 'Use letters, digits and @ . + - _ only.');
