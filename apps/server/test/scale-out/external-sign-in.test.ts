// A sign-in at a provider started on one instance and finished on the other: the flow lives in
// the database, the browser binding in a cookie, so any instance takes the callback.
import { startSmtpCapture, type SmtpCapture } from '@otp-auth/auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityProvider } from '../../src/dev/identity-provider';
import { ScriptedBrowser } from '../external-sign-in/browser';
import { plannedIssuer } from '../external-sign-in/issuer';
import { freshDatabase, instanceEnv, startInstance, unusedPort, type Instance } from './instances';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: SmtpCapture;
let a: Instance;
let b: Instance;
let issuer: IdentityProvider;

beforeAll(async () => {
  db = await freshDatabase();
  smtp = await startSmtpCapture();
  const planned = await plannedIssuer();
  // Behind a load balancer both answer at one address; here the callback address is B's.
  const portB = await unusedPort();
  const env = {
    ...instanceEnv(db.url, smtp.port),
    ...planned.env,
    PUBLIC_URL: `http://127.0.0.1:${String(portB)}`,
  };
  [a, b] = await Promise.all([startInstance(env), startInstance({ ...env, PORT: String(portB) })]);
  issuer = await planned.start(b.url);
});

afterAll(async () => {
  await issuer.close();
  await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
  await smtp.close();
  await db.drop();
});

describe('external sign-in across two instances', () => {
  it('starts on one instance and finishes on the other, once', async () => {
    const browser = new ScriptedBrowser();
    const start = await browser.request(`${a.url}/api/oidc/dev/start?return_to=/account`);
    expect(new URL(start.location ?? '').origin).toBe(issuer.issuer);
    const callback = await browser.walk(start.location ?? '', b.url, 'ada');
    expect(new URL(callback).origin).toBe(b.url);
    const landed = await browser.request(callback);
    expect(landed.location).toBe(`${b.url}/account`);

    // The session works on either instance.
    const refreshed = await fetch(`${a.url}/trpc/browser.refresh`, {
      method: 'POST',
      headers: {
        'x-requested-with': 'test',
        'content-type': 'application/json',
        cookie: `otp_auth_refresh=${browser.cookie(b.url, 'otp_auth_refresh') ?? ''}`,
      },
    });
    expect(refreshed.status).toBe(200);

    // Replayed on the first instance: the flow was spent on the second.
    const replay = await fetch(callback.replace(b.url, a.url), {
      redirect: 'manual',
      headers: { cookie: `otp_auth_oidc=${browser.cookie(b.url, 'otp_auth_oidc') ?? ''}` },
    });
    expect(replay.headers.get('location')).toBe(`${b.url}/login?external_error=oidc_state_invalid`);
    const prisma = (await db.inspect()).prisma;
    expect(await prisma.user.count({ where: { email: 'ada@example.com' } })).toBe(1);
  });
});
