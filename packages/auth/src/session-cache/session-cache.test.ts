import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map';
import { invalidationHandlers } from './invalidation';
import { createSessionCache, type CachedClaims } from './session-cache';

const now = 1_800_000_000_000;
const profile = (id: string) => ({
  id,
  email: `${id}@example.com`,
  username: id,
  phone_number: '+15550001111',
  date_joined: new Date(now).toISOString(),
});
const claims = (exp: number, kid?: string): CachedClaims => ({
  token_type: 'access',
  role: 'user',
  user_id: 'u1',
  sid: 's1',
  jti: 'j1',
  iat: exp - 300,
  exp,
  ...(kid ? { kid } : {}),
});

/** The keyring's side of the events: which kids it was told were withdrawn. */
function keysHearing() {
  const withdrawn: string[] = [];
  return { withdrawn, withdraw: (kid: string) => void withdrawn.push(kid) };
}

function warmCache() {
  const cache = createSessionCache({ maxSessions: 3 });
  cache.feedUp();
  cache.rememberSession(
    cache.epoch(),
    { sessionId: 's1', expiresAtMs: now + 60_000, profile: profile('u1'), role: 'user' },
    now,
  );
  return cache;
}

describe('BoundedMap', () => {
  it('drops the least recently used entry past its bound, and expired entries', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1, now + 10);
    map.set('b', 2, now + 10);
    expect(map.get('a', now)).toBe(1); // 'b' is now the least recently used
    map.set('c', 3, now + 10);
    expect(map.get('b', now)).toBeUndefined();
    expect(map.get('a', now)).toBe(1);
    expect(map.get('c', now + 10)).toBeUndefined();
  });
});

describe('session cache', () => {
  it('answers a live session only while the feed is up', () => {
    const cache = warmCache();
    expect(cache.liveSession('s1', 'u1', now)?.profile.email).toBe('u1@example.com');
    expect(cache.liveSession('s1', 'someone-else', now)).toBeUndefined();
    cache.feedDown();
    expect(cache.liveSession('s1', 'u1', now)).toBeUndefined();
    cache.rememberSession(
      cache.epoch(),
      { sessionId: 's1', expiresAtMs: now + 60_000, profile: profile('u1'), role: 'user' },
      now,
    );
    expect(cache.liveSession('s1', 'u1', now)).toBeUndefined();
  });

  it('forgets sessions and users named by events', () => {
    const cache = warmCache();
    const events = invalidationHandlers(cache, keysHearing());
    events.onNotify('s:s1');
    expect(cache.liveSession('s1', 'u1', now)).toBeUndefined();
    const again = warmCache();
    invalidationHandlers(again, keysHearing()).onNotify('u:u1');
    expect(again.liveSession('s1', 'u1', now)).toBeUndefined();
  });

  it('does not store an answer read before an eviction', () => {
    const cache = createSessionCache();
    cache.feedUp();
    const readAt = cache.epoch();
    cache.forgetSession('s1'); // the revocation lands while the read is in flight
    cache.rememberSession(
      readAt,
      { sessionId: 's1', expiresAtMs: now + 60_000, profile: profile('u1'), role: 'user' },
      now,
    );
    expect(cache.liveSession('s1', 'u1', now)).toBeUndefined();
  });

  it('never caches again a session this process revoked', () => {
    const cache = warmCache();
    cache.sessionsRevoked(['s1']);
    cache.rememberSession(
      cache.epoch(),
      { sessionId: 's1', expiresAtMs: now + 60_000, profile: profile('u1'), role: 'user' },
      now,
    );
    expect(cache.liveSession('s1', 'u1', now)).toBeUndefined();
  });

  it('keeps a session no longer than it lives', () => {
    const cache = createSessionCache();
    cache.feedUp();
    cache.rememberSession(
      cache.epoch(),
      { sessionId: 's1', expiresAtMs: now + 5, profile: profile('u1'), role: 'user' },
      now,
    );
    expect(cache.liveSession('s1', 'u1', now + 4)).toBeDefined();
    expect(cache.liveSession('s1', 'u1', now + 5)).toBeUndefined();
  });

  it('keeps a verified token until it expires, or its key is withdrawn', () => {
    const cache = createSessionCache();
    const exp = Math.floor(now / 1000) + 60;
    cache.rememberToken('t1', claims(exp, 'k1'));
    cache.rememberToken('t2', claims(exp, 'k2'));
    expect(cache.verifiedToken('t1', now)?.jti).toBe('j1');
    expect(cache.verifiedToken('t1', exp * 1000)).toBeUndefined();
    cache.rememberToken('t4', claims(exp, 'k1'));
    const keys = keysHearing();
    invalidationHandlers(cache, keys).onNotify('k:k2');
    expect(cache.verifiedToken('t2', now)).toBeUndefined();
    expect(keys.withdrawn).toEqual(['k2']);
    expect(cache.verifiedToken('t4', now)?.jti).toBe('j1');
    cache.keepOnlyKids(new Set(['k2']));
    expect(cache.verifiedToken('t4', now)).toBeUndefined();
    cache.rememberToken('t3', claims(exp));
    cache.flush();
    expect(cache.verifiedToken('t3', now)).toBeUndefined();
  });
});
