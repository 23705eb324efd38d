import type { PrismaClient } from '@otp-auth/db';
import type { Clock } from '../clock';
import { purgePendingAccounts } from './pending-accounts';

export interface PurgeOptions {
  prisma: PrismaClient;
  clock: Clock;
  /** Delivered and failed outbox rows are kept this long for inspection. */
  mailRetentionMs: number;
  /** Delivered and failed webhook deliveries stay in the log this long. */
  webhookRetentionMs: number;
  /** Accounts still unverified this long after registering are deleted. */
  pendingAccountTtlMs: number;
}

export interface PurgeResult {
  codes: number;
  refreshTokens: number;
  sessions: number;
  mails: number;
  mfaChallenges: number;
  webhookDeliveries: number;
  webhookEvents: number;
  externalFlows: number;
  pendingAccounts: number;
  passkeyChallenges: number;
}

const HOUR_MS = 3_600_000;

/** Deletes rows that can no longer matter. Every statement is an idempotent DELETE on an
 * indexed or small condition, so several instances purging at once only repeat each other. */
export async function purgeExpired(options: PurgeOptions): Promise<PurgeResult> {
  const { prisma } = options;
  const now = options.clock.now().getTime();
  const hourAgo = new Date(now - HOUR_MS);
  // A code row also carries its email's resend cooldown and hourly cap, so it stays until its
  // sending window has closed too.
  const codes = await prisma.emailCode.deleteMany({
    where: { expiresAt: { lt: hourAgo }, windowStartedAt: { lt: hourAgo } },
  });
  const refreshTokens = await prisma.refreshToken.deleteMany({
    where: { expiresAt: { lt: new Date(now) } },
  });
  // An expired session can neither refresh nor authenticate; its tokens go with it (cascade).
  const sessions = await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const mails = await prisma.outboxMail.deleteMany({
    where: {
      status: { in: ['sent', 'failed'] },
      createdAt: { lt: new Date(now - options.mailRetentionMs) },
    },
  });
  // A sign-in challenge is dead once expired, used or not.
  const mfaChallenges = await prisma.mfaChallenge.deleteMany({
    where: { expiresAt: { lt: new Date(now) } },
  });
  // Webhook deliveries done with (delivered, or given up), then events no endpoint still waits
  // for. A pending delivery keeps its event however old: it is never dropped unsent.
  const webhookCutoff = new Date(now - options.webhookRetentionMs);
  const webhookDeliveries = await prisma.webhookDelivery.deleteMany({
    where: { status: { in: ['delivered', 'failed'] }, createdAt: { lt: webhookCutoff } },
  });
  const webhookEvents = await prisma.webhookEvent.deleteMany({
    where: { occurredAt: { lt: webhookCutoff }, deliveries: { none: {} } },
  });
  // A sign-in at a provider is dead once expired, finished or not.
  const externalFlows = await prisma.externalSignInFlow.deleteMany({
    where: { expiresAt: { lt: new Date(now) } },
  });
  const pendingAccounts = await purgePendingAccounts(
    prisma,
    new Date(now),
    options.pendingAccountTtlMs,
  );
  // A passkey challenge is dead once expired, answered or not.
  const passkeyChallenges = await prisma.passkeyChallenge.deleteMany({
    where: { expiresAt: { lt: new Date(now) } },
  });
  return {
    codes: codes.count,
    refreshTokens: refreshTokens.count,
    sessions: sessions.count,
    mails: mails.count,
    mfaChallenges: mfaChallenges.count,
    webhookDeliveries: webhookDeliveries.count,
    webhookEvents: webhookEvents.count,
    externalFlows: externalFlows.count,
    pendingAccounts,
    passkeyChallenges: passkeyChallenges.count,
  };
}

/** Runs the purge every `intervalMs` (first run after one interval), never twice at once. */
export function startPurgeTimer(
  options: PurgeOptions & {
    intervalMs: number;
    onDone?: (result: PurgeResult) => void;
    onError?: (error: unknown) => void;
  },
) {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= purgeExpired(options)
      .then(options.onDone, options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
