import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';

// bcrypt runs on libuv's thread pool (async API), never on the event loop.
export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
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
    hash = bcrypt.hash(randomBytes(16).toString('hex'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
