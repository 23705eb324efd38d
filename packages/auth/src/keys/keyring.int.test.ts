import { createTestDatabase, type Database } from '@otp-auth/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { authDefaults } from '../config';
import { createSecretBox } from '../crypto/secret-box';
import { invalidationHandlers } from '../session-cache/invalidation';
import { createSessionCache } from '../session-cache/session-cache';
import { createTokenService } from '../tokens';
import { SESSION_EVENTS_CHANNEL } from '@otp-auth/db';
import { createKeyring } from './keyring';

const config = {
  ...authDefaults,
  jwtSecret: Buffer.alloc(32, 1),
  otpSecret: Buffer.alloc(32, 2),
  accessTokenTtlSeconds: 300,
  signingKeyPublishAheadSeconds: 60,
  signingKeyRotationSeconds: 30 * 86_400,
};
const box = createSecretBox(config.otpSecret, 'signing-keys');

let db: Database;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.close());

/** One server instance: its own keyring and tokens over the shared database and clock. */
function instance(clock = createManualClock(new Date())) {
  const keys = createKeyring(db.prisma, box, config, clock);
  return { clock, keys, tokens: createTokenService(config, clock, keys) };
}
const kidsOf = async (keys: ReturnType<typeof instance>['keys']) =>
  (await keys.jwks()).keys.map((key) => key.kid);
const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string })
    .kid;

describe('signing keys', () => {
  it('instances starting at once create one key between them', async () => {
    const clock = createManualClock(new Date());
    const many = Array.from({ length: 5 }, () => instance(clock));
    await Promise.all(many.map((one) => one.keys.refresh()));
    expect(await db.prisma.signingKey.count()).toBe(1);
    const kids = await Promise.all(many.map((one) => kidsOf(one.keys)));
    expect(new Set(kids.flat()).size).toBe(1);
  });

  it('publish only public members and seal the private key at rest', async () => {
    const { keys } = instance();
    const jwks = await keys.jwks();
    expect(jwks.keys).toHaveLength(1);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
    const row = await db.prisma.signingKey.findFirstOrThrow();
    expect(row.privateKey).toMatch(/^v1\./);
    expect(row.privateKey).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(row.publicJwk)).not.toContain('"d"');
    // Another server secret cannot open it: such an instance refuses to sign.
    const stranger = createKeyring(
      db.prisma,
      createSecretBox(Buffer.alloc(32, 9), 'signing-keys'),
      config,
      createManualClock(new Date()),
    );
    await expect(stranger.signer()).rejects.toThrow(/cannot be opened/);
  });

  it('rotate: the new key is published before it signs; the old one stays while its tokens live', async () => {
    const a = instance();
    const b = instance(a.clock);
    const old = await a.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
    const oldKid = kidOf(old.token);

    const created = await a.keys.rotate({ immediate: false });
    await b.keys.refresh();
    expect(await kidsOf(b.keys)).toEqual([oldKid, created.kid]);
    expect(
      kidOf((await b.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' })).token),
    ).toBe(oldKid);

    a.clock.advance(60_000); // the publish-ahead delay: the new key signs, on both instances
    const fresh = await b.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
    expect(kidOf(fresh.token)).toBe(created.kid);
    expect((await a.tokens.verifyAccess(old.token)).kid).toBe(oldKid);
    expect((await a.tokens.verifyAccess(fresh.token)).kid).toBe(created.kid);

    a.clock.advance(299_000); // the last old-key token still has a second to live
    expect(await kidsOf(a.keys)).toEqual([oldKid, created.kid]);
    a.clock.advance(1_000);
    expect(await kidsOf(a.keys)).toEqual([created.kid]);
    expect(a.keys.usableKids()).toEqual(new Set([created.kid]));
    await a.keys.refresh(); // the row goes too
    expect((await db.prisma.signingKey.findMany()).map((row) => row.kid)).toEqual([created.kid]);
  });

  it('rotate --now: the new key signs at once, the old one is gone and its tokens refused', async () => {
    const a = instance();
    const b = instance(a.clock);
    const old = await b.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
    const changes: string[][] = [];
    b.keys.onChange((kids) => changes.push([...kids]));

    const created = await a.keys.rotate({ immediate: true });
    expect(created.removed).toEqual([kidOf(old.token)]);
    expect(await kidsOf(a.keys)).toEqual([created.kid]);
    expect(
      kidOf((await a.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' })).token),
    ).toBe(created.kid);
    await expect(a.tokens.verifyAccess(old.token)).rejects.toThrow();

    // b, deaf to notifications here, accepts it until it rereads the keys (every
    // signingKeyRefreshSeconds), then never; the next test has b listening.
    expect((await b.tokens.verifyAccess(old.token)).kid).toBe(kidOf(old.token));
    await b.keys.refresh();
    await expect(b.tokens.verifyAccess(old.token)).rejects.toThrow();
    expect(changes.at(-1)).toEqual([created.kid]);
    const audit = await db.prisma.auditEvent.findMany({ where: { type: 'signing_key_created' } });
    expect(audit.map((event) => (event.detail as { reason: string }).reason).sort()).toEqual([
      'first_key',
      'manual_now',
    ]);
  });

  it('rotate --now: the withdrawn key leaves the other instance when its notification arrives', async () => {
    const a = instance();
    const b = instance(a.clock);
    const cache = createSessionCache();
    const subscription = await db.listen(
      SESSION_EVENTS_CHANNEL,
      invalidationHandlers(cache, b.keys),
    );
    try {
      const old = await b.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
      expect((await b.tokens.verifyAccess(old.token)).kid).toBe(kidOf(old.token));
      const created = await a.keys.rotate({ immediate: true });
      // No reload of b's (none is scheduled here): only the notification can tell it.
      const deadline = Date.now() + 2_000;
      while (b.keys.usableKids().has(kidOf(old.token))) {
        if (Date.now() > deadline) throw new Error('b still trusts the withdrawn key');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await expect(b.tokens.verifyAccess(old.token)).rejects.toThrow();
      // Its next signature is the replacement's, and the withdrawn key never comes back.
      const fresh = await b.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
      expect(kidOf(fresh.token)).toBe(created.kid);
      await b.keys.refresh();
      expect(await kidsOf(b.keys)).toEqual([created.kid]);
    } finally {
      await subscription.close();
    }
  });

  it('an instance that has not seen a new key yet loads it on first sight of its kid', async () => {
    const a = instance();
    const b = instance(a.clock);
    await b.keys.refresh();
    await a.keys.rotate({ immediate: true });
    const token = await a.tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
    a.clock.advance(5_000); // unknown kids reload at most every few seconds
    expect((await b.tokens.verifyAccess(token.token)).user_id).toBe('u');
  });

  it('rotates by itself when the period is over, one new key however many instances', async () => {
    const clock = createManualClock(new Date());
    const many = Array.from({ length: 3 }, () => instance(clock));
    await many[0]?.keys.refresh();
    clock.advance(config.signingKeyRotationSeconds * 1000);
    await Promise.all(many.map((one) => one.keys.refresh()));
    const rows = await db.prisma.signingKey.findMany({ orderBy: { generation: 'asc' } });
    expect(rows.map((row) => row.generation)).toEqual([1, 2]);
    expect(rows[1]?.activatesAt.getTime()).toBe(clock.now().getTime() + 60_000);
  });
});
