// What a sign-in at a provider must refuse, each with a stable code on the app's sign-in page
// and nothing changed: a replayed state, a callback in another browser, a nonce that is not
// ours, an ID token signed by a key the issuer does not publish, an address the provider did
// not verify that matches an account, a return path to another origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityProvider } from '../../src/dev/identity-provider';
import { dataOf, mutate } from '../hostile/http';
import { startTestServer, type TestServer } from '../support';
import { ScriptedBrowser } from './browser';
import { plannedIssuer } from './issuer';

let server: TestServer;
let issuer: IdentityProvider;
let forged: IdentityProvider;

beforeAll(async () => {
  const planned = await plannedIssuer('dev', 'Dev IdP');
  const forger = await plannedIssuer('forged', 'Forged');
  server = await startTestServer({
    ...planned.env,
    ...forger.env,
    OIDC_PROVIDERS: 'dev,forged',
  });
  issuer = await planned.start(server.url);
  forged = await forger.start(server.url);
  // Its ID tokens are signed by its own key, but it publishes another one under that key id.
  forged.publishOtherKeys();
});
afterAll(async () => {
  await Promise.all([issuer.close(), forged.close()]);
  await server.close();
});

const prisma = () => server.app.db.prisma;
const refusal = (code: string) => `${server.url}/login?external_error=${code}`;

async function counts() {
  return {
    users: await prisma().user.count(),
    identities: await prisma().externalIdentity.count(),
    sessions: await prisma().session.count(),
  };
}

describe('refused sign-ins at a provider', () => {
  it('spends a state once: the same callback again is refused', async () => {
    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/dev/start`, server.url, 'ada');
    expect((await browser.request(callback)).location).toBe(`${server.url}/profile`);
    const before = await counts();
    expect((await browser.request(callback)).location).toBe(refusal('oidc_state_invalid'));
    expect(await counts()).toEqual(before);
  });

  it('refuses a callback in another browser, and leaves the flow to the browser that started it', async () => {
    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/dev/start`, server.url, 'grace');
    const before = await counts();
    const other = new ScriptedBrowser();
    expect((await other.request(callback)).location).toBe(refusal('oidc_state_invalid'));
    expect(await counts()).toEqual(before);
    expect((await browser.request(callback)).location).toBe(`${server.url}/profile`);
  });

  it('refuses an expired flow', async () => {
    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/dev/start`, server.url, 'ada');
    await prisma().externalSignInFlow.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await browser.request(callback)).location).toBe(refusal('oidc_state_invalid'));
  });

  it('refuses an ID token whose nonce is not the one the flow sent', async () => {
    const browser = new ScriptedBrowser();
    const start = await browser.request(`${server.url}/api/oidc/dev/start`);
    const authorization = new URL(start.location ?? '');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    // Someone between the browser and the provider swaps the nonce.
    authorization.searchParams.set('nonce', 'a-nonce-of-someone-else');
    const callback = await browser.walk(authorization.href, server.url, 'linda');
    const before = await counts();
    expect((await browser.request(callback)).location).toBe(refusal('oidc_token_invalid'));
    expect(await counts()).toEqual(before);
    expect(await prisma().user.count({ where: { email: 'linda@example.com' } })).toBe(0);
  });

  it('refuses an ID token signed by a key the issuer does not publish', async () => {
    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/forged/start`, server.url, 'mary');
    const before = await counts();
    expect((await browser.request(callback)).location).toBe(refusal('oidc_token_invalid'));
    expect(await counts()).toEqual(before);
    expect(await prisma().user.count({ where: { email: 'mary@example.com' } })).toBe(0);
  });

  it('never links an address the provider did not verify to the account that owns it', async () => {
    const owner = { email: 'owner@example.com', username: 'owner', phone_number: '1234567890' };
    dataOf(await mutate(server, 'auth.register', { ...owner, password: 'strongpassword123' }));
    const otp = await server.smtp.codeFor(owner.email);
    dataOf(await mutate(server, 'auth.verifyOtp', { email: owner.email, otp }));

    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/dev/start`, server.url, 'mallory');
    const before = await counts();
    expect((await browser.request(callback)).location).toBe(refusal('oidc_email_unverified'));
    expect(await counts()).toEqual(before);
    const account = await prisma().user.findUniqueOrThrow({
      where: { email: owner.email },
      select: { identities: true, sessions: true },
    });
    expect(account.identities).toEqual([]);
    expect(account.sessions).toEqual([]);
    expect(browser.cookie(server.url, 'otp_auth_refresh')).toBeUndefined();
  });

  it('refuses a return path to another origin before anything is recorded', async () => {
    const flows = await prisma().externalSignInFlow.count();
    for (const target of [
      'https://evil.example/',
      '//evil.example/profile',
      '/\\evil.example',
      'javascript:alert(1)',
      'profile',
    ]) {
      const browser = new ScriptedBrowser();
      const hop = await browser.request(
        `${server.url}/api/oidc/dev/start?return_to=${encodeURIComponent(target)}`,
      );
      expect(hop.status, target).toBe(302);
      expect(hop.location, target).toBe(refusal('oidc_return_invalid'));
    }
    expect(await prisma().externalSignInFlow.count()).toBe(flows);
  });

  it('says so when the person cancels at the provider, and for an unknown provider', async () => {
    const browser = new ScriptedBrowser();
    const start = await browser.request(`${server.url}/api/oidc/dev/start`);
    const interaction = await browser.request(start.location ?? '');
    const abort = `${interaction.location ?? ''}/abort`;
    const callback = await browser.walk(abort, server.url, 'ada');
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    expect((await browser.request(callback)).location).toBe(refusal('oidc_cancelled'));

    const unknown = await browser.request(`${server.url}/api/oidc/nope/start`);
    expect(unknown.location).toBe(refusal('oidc_provider_unknown'));
    const stray = await browser.request(`${server.url}/api/oidc/dev/callback?code=x&state=y`);
    expect(stray.location).toBe(refusal('oidc_state_invalid'));
  });
});
