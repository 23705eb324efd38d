import { createTestDatabase, type Database } from '@otp-auth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { purgeExpired } from './purge';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);

describe('purgeExpired', () => {
  it('deletes only what can no longer matter, and is safe to run twice at once', async () => {
    const clock = createManualClock(new Date('2026-03-01T12:00:00Z'));
    const now = clock.now();
    const { prisma } = db;
    const user = await prisma.user.create({
      data: {
        email: 'p@example.com',
        username: 'purge_me',
        usernameKey: 'purge_me',
        phoneNumber: '+15550000000',
      },
    });
    const session = (id: string, expiresAt: Date) =>
      prisma.session.create({ data: { id, userId: user.id, expiresAt } });
    await session('00000000-0000-7000-8000-000000000001', at(now, -1));
    await session('00000000-0000-7000-8000-000000000002', at(now, DAY));
    await prisma.refreshToken.createMany({
      data: [
        // Belongs to the expired session: goes with it.
        {
          jti: '00000000-0000-7000-8000-0000000000a1',
          sessionId: '00000000-0000-7000-8000-000000000001',
          expiresAt: at(now, -1),
        },
        {
          jti: '00000000-0000-7000-8000-0000000000a2',
          sessionId: '00000000-0000-7000-8000-000000000002',
          expiresAt: at(now, -1),
        },
        {
          jti: '00000000-0000-7000-8000-0000000000a3',
          sessionId: '00000000-0000-7000-8000-000000000002',
          expiresAt: at(now, DAY),
        },
      ],
    });
    const code = (email: string, expiresAt: Date, windowStartedAt: Date) => ({
      email,
      purpose: 'verify_email',
      codeHmac: 'x',
      expiresAt,
      windowStartedAt,
      sentAt: windowStartedAt,
    });
    await prisma.emailCode.createMany({
      data: [
        code('old@example.com', at(now, -2 * HOUR), at(now, -3 * HOUR)),
        // Expired, but its hourly sending window still counts against a resend.
        code('recent@example.com', at(now, -2 * HOUR), at(now, -30 * 60_000)),
        code('live@example.com', at(now, 5 * 60_000), at(now, -60_000)),
      ],
    });
    const mail = (to: string, status: string, age: number) => ({
      kind: 'verification_code',
      to,
      subject: 's',
      text: '',
      status,
      createdAt: at(now, -age),
    });
    await prisma.outboxMail.createMany({
      data: [
        mail('sent-old@example.com', 'sent', 8 * DAY),
        mail('failed-old@example.com', 'failed', 8 * DAY),
        mail('sent-new@example.com', 'sent', DAY),
        mail('pending-old@example.com', 'pending', 8 * DAY),
      ],
    });
    await prisma.mfaChallenge.createMany({
      data: [
        { tokenHash: 'expired', userId: user.id, expiresAt: at(now, -1) },
        { tokenHash: 'live', userId: user.id, expiresAt: at(now, 5 * 60_000) },
      ],
    });
    const flow = (stateHash: string, expiresAt: Date) => ({
      stateHash,
      provider: 'dev',
      mode: 'sign_in',
      browserHash: 'b',
      secrets: 's',
      returnTo: '/profile',
      expiresAt,
    });
    await prisma.externalSignInFlow.createMany({
      data: [flow('expired', at(now, -1)), flow('live', at(now, 5 * 60_000))],
    });
    await prisma.passkeyChallenge.createMany({
      data: [
        { challengeHash: 'expired', purpose: 'sign_in', expiresAt: at(now, -1) },
        { challengeHash: 'live', purpose: 'sign_in', expiresAt: at(now, 5 * 60_000) },
      ],
    });

    const options = {
      prisma,
      clock,
      mailRetentionMs: 7 * DAY,
      webhookRetentionMs: 7 * DAY,
      pendingAccountTtlMs: 3 * DAY,
    };
    const [first, second] = await Promise.all([purgeExpired(options), purgeExpired(options)]);
    const sum = (key: keyof typeof first) => first[key] + second[key];
    expect({
      codes: sum('codes'),
      sessions: sum('sessions'),
      mails: sum('mails'),
      mfaChallenges: sum('mfaChallenges'),
      externalFlows: sum('externalFlows'),
      passkeyChallenges: sum('passkeyChallenges'),
    }).toEqual({
      codes: 1,
      sessions: 1,
      mails: 2,
      mfaChallenges: 1,
      externalFlows: 1,
      passkeyChallenges: 1,
    });
    expect((await prisma.passkeyChallenge.findMany()).map((c) => c.challengeHash)).toEqual([
      'live',
    ]);
    expect((await prisma.mfaChallenge.findMany()).map((c) => c.tokenHash)).toEqual(['live']);
    expect((await prisma.externalSignInFlow.findMany()).map((f) => f.stateHash)).toEqual(['live']);
    // The expired token of the live session goes; the expired session's token goes either way.
    expect(sum('refreshTokens')).toBeGreaterThanOrEqual(1);

    expect((await prisma.session.findMany()).map((s) => s.id)).toEqual([
      '00000000-0000-7000-8000-000000000002',
    ]);
    expect((await prisma.refreshToken.findMany()).map((t) => t.jti)).toEqual([
      '00000000-0000-7000-8000-0000000000a3',
    ]);
    expect(
      (await prisma.emailCode.findMany({ orderBy: { email: 'asc' } })).map((c) => c.email),
    ).toEqual(['live@example.com', 'recent@example.com']);
    expect((await prisma.outboxMail.findMany({ orderBy: { to: 'asc' } })).map((m) => m.to)).toEqual(
      ['pending-old@example.com', 'sent-new@example.com'],
    );

    expect(await purgeExpired(options)).toEqual({
      codes: 0,
      refreshTokens: 0,
      sessions: 0,
      mails: 0,
      mfaChallenges: 0,
      webhookDeliveries: 0,
      webhookEvents: 0,
      externalFlows: 0,
      pendingAccounts: 0,
      passkeyChallenges: 0,
    });
  });

  it('drops webhook deliveries done with after the retention, and then their events; never a pending one', async () => {
    const clock = createManualClock(new Date('2026-03-01T12:00:00Z'));
    const now = clock.now();
    const { prisma } = db;
    const endpoint = await prisma.webhookEndpoint.create({
      data: { url: 'https://example.com/hooks', secretSealed: 'sealed' },
    });
    const delivery = async (
      id: string,
      status: 'delivered' | 'failed' | 'pending',
      age: number,
    ) => {
      const occurredAt = at(now, -age);
      await prisma.webhookEvent.create({
        data: { id, type: 'user.deleted', data: { user_id: id }, occurredAt },
      });
      await prisma.webhookDelivery.create({
        data: {
          eventId: id,
          endpointId: endpoint.id,
          status,
          nextAttemptAt: occurredAt,
          createdAt: occurredAt,
        },
      });
    };
    await delivery('00000000-0000-7000-8000-0000000000e1', 'delivered', 8 * DAY);
    await delivery('00000000-0000-7000-8000-0000000000e2', 'failed', 8 * DAY);
    await delivery('00000000-0000-7000-8000-0000000000e3', 'pending', 30 * DAY);
    await delivery('00000000-0000-7000-8000-0000000000e4', 'delivered', DAY);

    const result = await purgeExpired({
      prisma,
      clock,
      mailRetentionMs: 7 * DAY,
      webhookRetentionMs: 7 * DAY,
      pendingAccountTtlMs: 3 * DAY,
    });
    expect(result).toMatchObject({ webhookDeliveries: 2, webhookEvents: 2 });
    expect(
      (await prisma.webhookEvent.findMany({ orderBy: { id: 'asc' } })).map((e) => e.id),
    ).toEqual(['00000000-0000-7000-8000-0000000000e3', '00000000-0000-7000-8000-0000000000e4']);
  });
});

// A raw DELETE … RETURNING: checked on both databases.
describe.each(['pglite', 'postgres'] as const)('purging pending accounts (%s)', (kind) => {
  let own: Database;
  beforeAll(async () => {
    own = await createTestDatabase(kind);
  });
  afterAll(() => own.close());

  it('deletes accounts still pending after their lifetime, and only those', async () => {
    const clock = createManualClock(new Date('2026-03-01T12:00:00Z'));
    const now = clock.now();
    const { prisma } = own;
    const account = (name: string, dateJoined: Date, verified: boolean) =>
      prisma.user.create({
        data: {
          email: `${name}@example.com`,
          username: name,
          usernameKey: name,
          phoneNumber: '+15550000000',
          dateJoined,
          emailVerifiedAt: verified ? dateJoined : null,
          password: { create: { hash: 'h' } },
        },
      });
    await account('stale_pending', at(now, -73 * HOUR), false);
    await account('young_pending', at(now, -71 * HOUR), false);
    await account('old_verified', at(now, -30 * DAY), true);
    const options = {
      prisma,
      clock,
      mailRetentionMs: 7 * DAY,
      webhookRetentionMs: 7 * DAY,
      pendingAccountTtlMs: 72 * HOUR,
    };
    expect((await purgeExpired(options)).pendingAccounts).toBe(1);
    const left = await prisma.user.findMany({
      where: { usernameKey: { in: ['stale_pending', 'young_pending', 'old_verified'] } },
      orderBy: { usernameKey: 'asc' },
    });
    expect(left.map((user) => user.usernameKey)).toEqual(['old_verified', 'young_pending']);
    expect(await prisma.password.count({ where: { user: { usernameKey: 'stale_pending' } } })).toBe(
      0,
    );
  });
});
