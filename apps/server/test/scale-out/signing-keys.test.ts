// Access-token keys across two server processes on one PostgreSQL, rotated with the real
// `keys:rotate` command, checked by our instances and by another service verifying offline.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config';
import { startOtherService, type OtherService } from '../other-service/other-service';
import { mutate, query, registration } from './http';
import { freshDatabase, instanceEnv, startInstance, type Instance } from './instances';

const run = promisify(execFile);
const ACCESS_TTL_SECONDS = 15;
const PUBLISH_AHEAD_SECONDS = 8;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SmtpCapture;
let env: Record<string, string>;
let a: Instance;
let b: Instance;
let other: OtherService;
const email = 'keys@example.com';
const password = 'correct horse battery';

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpCapture();
  env = {
    ...instanceEnv(db.url, smtp.port),
    RATE_LIMIT_LOGIN: 'ip=1000/900,account=1000/900',
    ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS),
    SIGNING_KEY_REFRESH_SECONDS: '1',
    SIGNING_KEY_PUBLISH_AHEAD_SECONDS: String(PUBLISH_AHEAD_SECONDS),
    JWKS_MAX_AGE_SECONDS: '1',
  };
  // Started together on an empty database: both try to create the first key at once.
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  other = startOtherService(`${a.url}/.well-known/jwks.json`, 1);
}, 120_000);

afterAll(async () => {
  await other.stop();
  await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
  await smtp.close();
  await db.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string })
    .kid;

async function jwks(instance: Instance): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${instance.url}/.well-known/jwks.json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { keys: Record<string, unknown>[] }).keys;
}
const kids = async (instance: Instance) => (await jwks(instance)).map((key) => key.kid);

async function login(instance: Instance): Promise<string> {
  const answer = await mutate(instance.url, 'auth.login', { email, password });
  expect(answer.status).toBe(200);
  return (answer.data as { access: string }).access;
}
const profileStatus = async (instance: Instance, token: string) =>
  (await query(instance.url, 'account.profile', token)).status;

/** Polls until `check` passes, or fails with its last error after `ms`. */
async function eventually(check: () => Promise<void>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** The root script, as an operator runs it: `pnpm keys:rotate [--now]`. */
async function rotate(...args: string[]): Promise<string> {
  const { stdout } = await run('pnpm', ['--pm-on-fail=ignore', 'keys:rotate', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
  });
  const kid = /new signing key (\S+)/.exec(stdout)?.[1];
  if (!kid) throw new Error(`no key in:\n${stdout}`);
  return kid;
}

describe('access-token keys on two instances', () => {
  it('instances started at once share one key and serve the same JWKS, public members only', async () => {
    const [fromA, fromB] = await Promise.all([jwks(a), jwks(b)]);
    expect(fromA).toHaveLength(1);
    expect(fromB).toEqual(fromA);
    expect(JSON.stringify(fromA)).not.toMatch(/"(d|p|q|dp|dq|qi|k)":/);
    expect(await (await db.inspect()).prisma.signingKey.count()).toBe(1);
  });

  it('another service verifies a fresh token offline; each instance accepts the other’s', async () => {
    expect((await mutate(a.url, 'auth.register', registration(email, password, 1))).status).toBe(
      200,
    );
    const otp = await smtp.codeFor(email);
    expect((await mutate(b.url, 'auth.verifyOtp', { email, otp })).status).toBe(200);

    const fromA = await login(a);
    const verdict = await other.verify(fromA);
    expect(verdict).toMatchObject({ ok: true, claims: { token_type: 'access', iss: 'otp-auth' } });
    expect(await profileStatus(b, fromA)).toBe(200);
    expect(await profileStatus(a, await login(b))).toBe(200);
  });

  it('keys:rotate publishes the new key before it signs, keeps the old one while its tokens live', async () => {
    const old = await login(a);
    const oldKid = kidOf(old);
    const newKid = await rotate();
    const row = await (
      await db.inspect()
    ).prisma.signingKey.findUniqueOrThrow({
      where: { kid: newKid },
    });
    const activatesAt = row.activatesAt.getTime();

    // Both instances publish it within a refresh interval: before it signs anything.
    await eventually(async () => {
      expect(await kids(a)).toEqual([oldKid, newKid]);
      expect(await kids(b)).toEqual([oldKid, newKid]);
    });
    const beforeActivation = await login(b);
    expect(Date.now()).toBeLessThan(activatesAt);
    expect(kidOf(beforeActivation)).toBe(oldKid);

    // From its activation on, both instances sign with it.
    await sleep(Math.max(0, activatesAt - Date.now()));
    let newFromA = '';
    let newFromB = '';
    await eventually(async () => {
      [newFromA, newFromB] = [await login(a), await login(b)];
      expect([kidOf(newFromA), kidOf(newFromB)]).toEqual([newKid, newKid]);
    });
    // Across the rotation: old and new tokens pass on both instances and at the other service
    // (the old key's youngest, so that a slow machine cannot let it expire meanwhile).
    for (const token of [beforeActivation, newFromA, newFromB]) {
      expect(await profileStatus(a, token)).toBe(200);
      expect(await profileStatus(b, token)).toBe(200);
      expect(await other.verify(token)).toMatchObject({ ok: true });
    }

    // The old key's last token expires ACCESS_TTL after it stopped signing; then it leaves, and
    // not before: every answer given before then still publishes it.
    const lastTokenExpires = activatesAt + ACCESS_TTL_SECONDS * 1000;
    const deadline = lastTokenExpires + 10_000;
    for (;;) {
      const published = [await kids(a), await kids(b)];
      if (published.every((set) => set.length === 1 && set[0] === newKid)) break;
      if (Date.now() < lastTokenExpires) {
        for (const set of published) expect(set).toContain(oldKid);
      }
      if (Date.now() > deadline)
        throw new Error(`the old key is still published: ${String(published)}`);
      await sleep(200);
    }
  }, 60_000);

  it('keys:rotate --now: the old key leaves at once; its tokens are refused everywhere', async () => {
    const leaked = await login(a);
    expect(await other.verify(leaked)).toMatchObject({ ok: true });
    const replacement = await rotate('--now');

    await eventually(async () => {
      expect(await kids(a)).toEqual([replacement]);
      expect(await kids(b)).toEqual([replacement]);
      expect(await profileStatus(a, leaked)).toBe(401);
      expect(await profileStatus(b, leaked)).toBe(401);
    }, 5_000);
    await eventually(async () => {
      expect(await other.verify(leaked)).toEqual({ ok: false, code: 'unknown_key' });
    }, 5_000);

    const fresh = await login(b);
    expect(kidOf(fresh)).toBe(replacement);
    expect(await profileStatus(a, fresh)).toBe(200);
    expect(await other.verify(fresh)).toMatchObject({ ok: true });
  }, 30_000);
});
