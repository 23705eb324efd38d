import type { ProfileOutput, Role } from '@otp-auth/validators';
import type { AccessClaims } from '../tokens';
import { BoundedMap } from './bounded-map';

export interface SessionCacheOptions {
  maxTokens?: number;
  maxSessions?: number;
  /** The longest a live session or a user's profile is kept without asking the database. */
  maxAgeMs?: number;
}

export interface CachedAccess {
  userId: string;
  profile: ProfileOutput;
  /** The account's role as the database last said (a change evicts it, like a profile's). */
  role: Role;
}

type CachedUser = Omit<CachedAccess, 'userId'>;

/** A verified access token's claims (`kid` absent only in tests of the cache itself). */
export type CachedClaims = Omit<AccessClaims, 'kid'> & { kid?: string };

/**
 * Verified access tokens and live sessions, in process (ADR 100).
 *
 * Tokens: a token's signature and claims never change, so a verified token is kept until it
 * expires; only a signing key withdrawn in an emergency drops them (`forgetKid`, `flush`).
 *
 * Sessions and users: trusted only while the invalidation feed is up (`feedUp`); while it is
 * down every lookup misses and nothing is stored. Every eviction bumps `epoch`, and an entry read
 * from the database is stored only if no eviction happened since the read began, so an answer
 * that raced a revocation is never cached. Sessions revoked by this process are remembered and
 * never cached again (a revoked session never comes back).
 */
export function createSessionCache(options: SessionCacheOptions = {}) {
  const maxSessions = options.maxSessions ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const tokens = new BoundedMap<string, CachedClaims>(options.maxTokens ?? 10_000);
  const sessions = new BoundedMap<string, { userId: string }>(maxSessions);
  const users = new BoundedMap<string, CachedUser>(maxSessions);
  const revoked = new BoundedMap<string, true>(maxSessions);
  let trusted = false;
  let epoch = 0;

  const forgetSessions = () => {
    epoch += 1;
    sessions.clear();
    users.clear();
  };

  return {
    verifiedToken: (token: string, nowMs: number) => tokens.get(token, nowMs),
    rememberToken(token: string, claims: CachedClaims): void {
      tokens.set(token, claims, claims.exp * 1000);
    },
    /** Drops every cached token signed with the key `kid` (a key withdrawn in a rotation). */
    forgetKid(kid: string): void {
      tokens.deleteWhere((claims) => claims.kid === kid);
    },

    /** Drops every cached token whose key is not among `kids` (the keys still published). */
    keepOnlyKids(kids: ReadonlySet<string>): void {
      tokens.deleteWhere((claims) => claims.kid !== undefined && !kids.has(claims.kid));
    },

    epoch: () => epoch,
    liveSession(sessionId: string, userId: string, nowMs: number): CachedAccess | undefined {
      if (!trusted) return undefined;
      const session = sessions.get(sessionId, nowMs);
      if (session?.userId !== userId) return undefined;
      const user = users.get(userId, nowMs);
      return user && { userId, ...user };
    },
    /** Stores what the database said, unless something was evicted since `readEpoch`. */
    rememberSession(
      readEpoch: number,
      entry: { sessionId: string; expiresAtMs: number } & CachedUser,
      nowMs: number,
    ): void {
      if (!trusted || readEpoch !== epoch || revoked.get(entry.sessionId, nowMs)) return;
      const until = Math.min(entry.expiresAtMs, nowMs + maxAgeMs);
      sessions.set(entry.sessionId, { userId: entry.profile.id }, until);
      users.set(entry.profile.id, { profile: entry.profile, role: entry.role }, nowMs + maxAgeMs);
    },

    /** Sessions this process is revoking: gone at once, and never cached again. */
    sessionsRevoked(sessionIds: readonly string[]): void {
      epoch += 1;
      for (const id of sessionIds) {
        sessions.delete(id);
        revoked.set(id, true, Number.MAX_SAFE_INTEGER);
      }
    },
    forgetSession(sessionId: string): void {
      epoch += 1;
      sessions.delete(sessionId);
    },
    forgetUser(userId: string): void {
      epoch += 1;
      users.delete(userId);
    },

    /** Forgets every session and user (an event too broad or unreadable to target). */
    forgetAllSessions: forgetSessions,

    /** The invalidation feed is subscribed: entries may be trusted from now on. */
    feedUp(): void {
      forgetSessions();
      trusted = true;
    },
    /** The feed may have missed events: forget everything, trust nothing until it is back. */
    feedDown(): void {
      trusted = false;
      forgetSessions();
    },
    /** Forgets everything, tokens included (e.g. after an emergency key rotation). */
    flush(): void {
      tokens.clear();
      forgetSessions();
    },
    stats: () => ({ tokens: tokens.size, sessions: sessions.size, users: users.size, trusted }),
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
