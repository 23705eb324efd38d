import type { KeyObject } from 'node:crypto';
import type { PrismaClient } from '@otp-auth/db';
import type { Clock } from '../clock';
import { addSeconds } from '../clock';
import type { AuthConfig } from '../config';
import type { SecretBox } from '../crypto/secret-box';
import { openPrivateKey, publicKeyObject, type PublishedJwk } from './key-material';
import { isPublished, isRotationDue, signingKeyAt } from './schedule';
import {
  createNextKey,
  deleteSigningKeys,
  loadSigningKeys,
  type CreatedKey,
  type SigningKeyRow,
} from './store';

/** A token with a kid this instance does not know reloads the keys, but not more often than
 * this: a flood of made-up kids costs one query per interval, not one per request. */
const UNKNOWN_KID_RELOAD_MS = 5_000;

export type KeyringConfig = Pick<
  AuthConfig,
  | 'accessTokenTtlSeconds'
  | 'signingKeyRotationSeconds'
  | 'signingKeyPublishAheadSeconds'
  | 'signingKeyRefreshSeconds'
>;

interface LoadedKey extends SigningKeyRow {
  publicKey: KeyObject;
}

export interface Signer {
  kid: string;
  privateKey: KeyObject;
}

export interface Jwks {
  keys: PublishedJwk[];
}

/** The signing keys as this instance last read them from the database, shared by every
 * instance: created on first start, rotated on schedule, reloaded every
 * `signingKeyRefreshSeconds` and on an unknown kid; a key withdrawn elsewhere is dropped as
 * soon as its notification arrives (`withdraw`). */
export function createKeyring(
  prisma: PrismaClient,
  box: SecretBox,
  config: KeyringConfig,
  clock: Clock,
) {
  let keys: LoadedKey[] | null = null;
  let loadedAtMs = -Infinity;
  let loading: Promise<void> | null = null;
  const privateKeys = new Map<string, KeyObject>();
  const listeners = new Set<(kids: ReadonlySet<string>) => void>();
  let lastKids = '';
  /** Kids whose rows were deleted: never taken back, even from a read that raced the delete.
   * Kids are random and never reused, and withdrawals are rare, so the set stays small. */
  const withdrawn = new Set<string>();
  /** A key was withdrawn since the last read: the next use rereads (the replacement). */
  let stale = false;

  function published(now = clock.now()): LoadedKey[] {
    const all = keys ?? [];
    return all.filter((key) => isPublished(key, all, now, config.accessTokenTtlSeconds));
  }

  function publishedKids(): ReadonlySet<string> {
    return new Set(published().map((key) => key.kid));
  }

  function notifyIfChanged(): void {
    const kids = publishedKids();
    const signature = [...kids].sort().join(',');
    if (signature === lastKids) return;
    lastKids = signature;
    for (const listener of listeners) listener(kids);
  }

  /** Reads the keys; creates the first one, or the next one when rotation is due; deletes keys
   * whose tokens have all expired. */
  async function reload(): Promise<void> {
    const now = clock.now();
    stale = false;
    const unwithdrawn = (all: SigningKeyRow[]) => all.filter((row) => !withdrawn.has(row.kid));
    let rows = unwithdrawn(await loadSigningKeys(prisma));
    const newest = rows.at(-1);
    if (!newest || isRotationDue(rows, now, config.signingKeyRotationSeconds)) {
      await createNextKey(prisma, box, {
        now,
        activatesAt: newest ? addSeconds(now, config.signingKeyPublishAheadSeconds) : now,
        replaceOthers: false,
        after: newest?.generation ?? 0,
        reason: newest ? 'scheduled' : 'first_key',
      });
      // Created here or, at the same moment, by another instance: read what won.
      rows = unwithdrawn(await loadSigningKeys(prisma));
    }
    const gone = rows.filter((row) => !isPublished(row, rows, now, config.accessTokenTtlSeconds));
    await deleteSigningKeys(
      prisma,
      gone.map((row) => row.kid),
    );
    const kept = rows.filter((row) => !gone.includes(row));
    keys = kept.map((row) => ({ ...row, publicKey: publicKeyObject(row.publicJwk) }));
    for (const kid of privateKeys.keys()) {
      if (!kept.some((row) => row.kid === kid)) privateKeys.delete(kid);
    }
    loadedAtMs = clock.now().getTime();
    notifyIfChanged();
  }

  function refresh(): Promise<void> {
    loading ??= reload().finally(() => {
      loading = null;
    });
    return loading;
  }

  /** A reload that starts after this call (one already in flight may have read too early). */
  async function reloadAfterNow(): Promise<void> {
    await loading?.catch(() => undefined);
    await refresh();
  }

  async function loaded(): Promise<void> {
    if (!keys || stale) await refresh();
  }

  return {
    /** Reloads now (and rotates if due). The server calls it at start, so that a key exists and
     * can be opened before the first request. */
    refresh,

    /** Resolves once the keys are loaded (and reread after a withdrawal). Flows await it before
     * a transaction that signs, so that signing never queries outside the transaction (PGlite
     * has one connection). */
    ready: loaded,

    /** A key withdrawn elsewhere (its row deleted, e.g. `keys:rotate --now`), as its
     * notification says: gone from this instance at once (its tokens are refused from now on),
     * never taken back by a read that raced the delete; the next use rereads the keys, so that
     * signing moves to the replacement. */
    withdraw(kid: string): void {
      withdrawn.add(kid);
      stale = true;
      privateKeys.delete(kid);
      if (keys) keys = keys.filter((key) => key.kid !== kid);
      notifyIfChanged();
    },

    /** The key that signs now, opened. Throws when the sealed key cannot be opened (the server
     * secret changed): `keys:rotate --now` replaces it. */
    async signer(): Promise<Signer> {
      // Called inside transactions: reads only when there is nothing to sign with (first use,
      // or the signing key withdrawn a moment ago and its replacement not read yet).
      if (!keys) await refresh();
      let key = signingKeyAt(keys ?? [], clock.now());
      if (!key && stale) {
        await refresh();
        key = signingKeyAt(keys ?? [], clock.now());
      }
      if (!key) throw new Error('no signing key is active');
      let privateKey = privateKeys.get(key.kid);
      if (!privateKey) {
        try {
          privateKey = openPrivateKey(box, key.sealedPrivateKey);
        } catch (cause) {
          throw new Error(
            `signing key ${key.kid} cannot be opened with OTP_SECRET; run keys:rotate --now`,
            { cause },
          );
        }
        privateKeys.set(key.kid, privateKey);
      }
      return { kid: key.kid, privateKey };
    },

    /** The public key for a kid, if it is published. An unknown kid reloads the keys once (at
     * most every few seconds): another instance may have rotated a moment ago. */
    async verificationKey(kid: string): Promise<KeyObject | undefined> {
      await loaded();
      const find = () => published().find((key) => key.kid === kid)?.publicKey;
      const known = find();
      if (known) return known;
      if (clock.now().getTime() - loadedAtMs < UNKNOWN_KID_RELOAD_MS) return undefined;
      await refresh();
      return find();
    },

    /** What `/.well-known/jwks.json` serves: public members only. */
    async jwks(): Promise<Jwks> {
      await loaded();
      return {
        keys: published().map((key) => ({
          ...key.publicJwk,
          kid: key.kid,
          alg: 'ES256' as const,
          use: 'sig' as const,
        })),
      };
    },

    /** The kids whose tokens are accepted now (those in the JWKS). A cache of verified tokens
     * drops entries whose kid is no longer here. */
    usableKids: publishedKids,

    /** Called with the usable kids whenever a reload changes them (e.g. `keys:rotate --now`
     * elsewhere). Returns the unsubscribe function. */
    onChange(listener: (kids: ReadonlySet<string>) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** `keys:rotate`: a new key, published now, signing after the publish-ahead delay.
     * `immediate` (a leaked key): the new key signs at once and every other key is deleted. */
    async rotate(options: { immediate: boolean }): Promise<CreatedKey> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const now = clock.now();
        const created = await createNextKey(prisma, box, {
          now,
          activatesAt: options.immediate
            ? now
            : addSeconds(now, config.signingKeyPublishAheadSeconds),
          replaceOthers: options.immediate,
          after: null,
          reason: options.immediate ? 'manual_now' : 'manual',
        });
        if (created) {
          await reloadAfterNow();
          return created;
        }
      }
      throw new Error('could not add a signing key: other rotations kept winning');
    },

    /** Reloads every `signingKeyRefreshSeconds` until stopped. */
    startRefresh(onError: (error: unknown) => void): { stop(): Promise<void> } {
      const timer = setInterval(() => {
        refresh().catch(onError);
      }, config.signingKeyRefreshSeconds * 1000);
      timer.unref();
      return {
        async stop() {
          clearInterval(timer);
          await loading?.catch(() => undefined);
        },
      };
    },
  };
}

export type Keyring = ReturnType<typeof createKeyring>;
