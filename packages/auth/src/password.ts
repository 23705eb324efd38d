import { randomBytes } from 'node:crypto';
import { fitsPasswordBound } from '@otp-auth/validators';
import bcrypt from 'bcrypt';
import { createHashSlots } from './hash-slots';

const withSlot = createHashSlots();

// bcrypt runs on libuv's thread pool (async API), never on the event loop, one hash per core.
export function hashPassword(password: string, cost: number): Promise<string> {
  return withSlot(() => bcrypt.hash(password, cost));
}

/** bcrypt reads only the first 72 bytes, so a longer value would match its own prefix: it never
 * matches here. The compare still runs, so the refusal takes a wrong password's time. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const matches = await withSlot(() => bcrypt.compare(password, hash));
  return matches && fitsPasswordBound(password);
}

export function needsRehash(hash: string, cost: number): boolean {
  return bcrypt.getRounds(hash) !== cost;
}

const dummyHashes = new Map<number, Promise<string>>();

/** A real hash of a random password, compared against when the email is unknown so that
 * "no such user" costs as much time as "wrong password". */
export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
