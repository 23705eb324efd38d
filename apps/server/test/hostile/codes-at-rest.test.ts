import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { startSmtpCapture } from '@otp-auth/auth/testing';
import type { PrismaClient } from '@otp-auth/db';
import { postgresTestUrl } from '@otp-auth/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { accountFor, mutate, startHostileServer } from './http';

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Every text, JSON and array column of every table, as text: what a leak of the database
 * would show, on PGlite as on PostgreSQL. */
async function everyTextColumn(prisma: PrismaClient): Promise<string> {
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name::text, column_name::text FROM information_schema.columns
    WHERE table_schema = 'public'
      AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`;
  expect(columns.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await prisma.$queryRawUnsafe<{ value: string | null }[]>(
      `SELECT "${column}"::text AS value FROM "${table}"`,
    );
    parts.push(...rows.map((row) => row.value ?? ''));
  }
  return parts.join('\n');
}

function pgDumpBinary(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => `${root}/${v}/bin/pg_dump`).find((path) => existsSync(path));
  return found ?? 'pg_dump';
}

/** `pg_dump` of the server's own database (the test database the server was given). */
async function pgDump(prisma: PrismaClient): Promise<string> {
  const [{ name }] = await prisma.$queryRaw<[{ name: string }]>`SELECT current_database() AS name`;
  const url = new URL(postgresTestUrl());
  url.pathname = `/${name}`;
  return execFileSync(pgDumpBinary(), ['--data-only', '--no-owner', url.toString()], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

const containsCode = (text: string, code: string) =>
  new RegExp(`(?<!\\d)${code}(?!\\d)`).test(text);

describe.each(['pglite', 'postgres'] as const)('codes nowhere in the database (%s)', (database) => {
  let server: TestServer;
  let smtpPort: number;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    // The server mails to a port where nothing listens yet: SMTP is down.
    smtpPort = await unusedPort();
    server = await startHostileServer(
      { EMAIL_PORT: String(smtpPort), MAIL_MAX_ATTEMPTS: '50', MAIL_RETRY_BASE_MS: '100' },
      { database },
    );
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await server.close();
  });

  it('ASVS 5.0 14.2.4 (sensitive data at rest): no code in any table while SMTP is down, nor after delivery', async () => {
    const { prisma } = server.app.db;
    const email = `at-rest-${database}@example.com`;
    expect((await mutate(server, 'auth.register', accountFor(`at-rest-${database}`))).status).toBe(
      200,
    );
    // Wait until delivery has failed at least once, so that the mail sits in the outbox.
    const deadline = Date.now() + 20_000;
    while (!(await prisma.outboxMail.findFirst({ where: { to: email, attempts: { gte: 1 } } }))) {
      if (Date.now() > deadline) throw new Error('no delivery attempt');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const whileDown = [await everyTextColumn(prisma)];
    if (database === 'postgres') whileDown.push(await pgDump(prisma));

    // SMTP comes back: the mail goes out, and the code is known at last.
    const smtp = await startSmtpCapture({ port: smtpPort });
    closers.push(() => smtp.close());
    const code = await smtp.codeFor(email);
    while ((await prisma.outboxMail.count({ where: { to: email, status: 'sent' } })) === 0) {
      if (Date.now() > deadline + 20_000) throw new Error('not marked sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const afterDelivery = [await everyTextColumn(prisma)];
    if (database === 'postgres') afterDelivery.push(await pgDump(prisma));

    // The outbox row was there all along: its recipient shows in every snapshot.
    for (const snapshot of [...whileDown, ...afterDelivery]) {
      expect(snapshot).toContain(email);
      expect(containsCode(snapshot, code)).toBe(false);
    }
    // And the code was the real one.
    expect((await mutate(server, 'auth.verifyOtp', { email, otp: code })).status).toBe(200);
  });
});
