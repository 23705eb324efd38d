import { randomBytes } from 'node:crypto';
import { fitsPasswordBound } from '@otp-auth/validators';
import bcrypt from 'bcrypt';
import type { AuthConfig } from './config';
import type { HashSlots } from './hash-slots';

/** What hashing needs of the auth context: the cost, and the slots every hash waits for. */
export interface HashingContext {
  config: Pick<AuthConfig, 'bcryptCost'>;
  hashSlots: HashSlots;
}

// bcrypt runs on libuv's thread pool (async API), never on the event loop, one hash per core.
export function hashPassword(ctx: HashingContext, password: string): Promise<string> {
  return ctx.hashSlots.run(() => bcrypt.hash(password, ctx.config.bcryptCost));
}

/** bcrypt reads only the first 72 bytes, so a longer value would match its own prefix: it never
 * matches here. The compare still runs, so the refusal takes a wrong password's time. */
export async function verifyPassword(
  ctx: HashingContext,
  password: string,
  hash: string,
): Promise<boolean> {
  const matches = await ctx.hashSlots.run(() => bcrypt.compare(password, hash));
  return matches && fitsPasswordBound(password);
}

export function needsRehash(hash: string, cost: number): boolean {
  return bcrypt.getRounds(hash) !== cost;
}

const dummyHashes = new Map<number, Promise<string>>();

/** A real hash of a random password, compared against when the email is unknown so that
 * "no such user" costs as much time as "wrong password". */
export function dummyHash(ctx: HashingContext): Promise<string> {
  const cost = ctx.config.bcryptCost;
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = hashPassword(ctx, randomBytes(16).toString('hex'));
    // A hash turned away (a full queue) is tried again by the next sign-in.
    hash.catch(() => dummyHashes.delete(cost));
    dummyHashes.set(cost, hash);
  }
  return hash;
}
