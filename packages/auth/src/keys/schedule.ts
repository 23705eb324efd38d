/** When each key signs and how long it stays published. Pure functions of the key rows and the
 * time, so every instance that has read the same rows decides the same. */
export interface ScheduledKey {
  kid: string;
  generation: number;
  createdAt: Date;
  activatesAt: Date;
}

/** The newest key (by generation) whose activation has come. */
export function signingKeyAt<K extends ScheduledKey>(keys: readonly K[], now: Date): K | undefined {
  let signer: K | undefined;
  for (const key of keys) {
    if (key.activatesAt <= now && (!signer || key.generation > signer.generation)) signer = key;
  }
  return signer;
}

/** The moment a key stops signing: when a newer key activates. Null while none is scheduled. */
export function lastSigningAt(key: ScheduledKey, keys: readonly ScheduledKey[]): Date | null {
  let until: Date | null = null;
  for (const other of keys) {
    if (other.generation > key.generation && (!until || other.activatesAt < until)) {
      until = other.activatesAt;
    }
  }
  return until;
}

/** Published from creation until every token it signed has expired: its last signing moment
 * plus the access-token lifetime. */
export function isPublished(
  key: ScheduledKey,
  keys: readonly ScheduledKey[],
  now: Date,
  accessTtlSeconds: number,
): boolean {
  const until = lastSigningAt(key, keys);
  return until === null || now.getTime() < until.getTime() + accessTtlSeconds * 1000;
}

/** Due for automatic rotation: the newest key has been signing for the whole period. */
export function isRotationDue(
  keys: readonly ScheduledKey[],
  now: Date,
  rotationSeconds: number,
): boolean {
  const newest = keys.reduce<ScheduledKey | undefined>(
    (best, key) => (!best || key.generation > best.generation ? key : best),
    undefined,
  );
  return (
    newest !== undefined && now.getTime() >= newest.activatesAt.getTime() + rotationSeconds * 1000
  );
}
