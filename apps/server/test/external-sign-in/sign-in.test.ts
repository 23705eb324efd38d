// Sign-in at a real OpenID Connect issuer (oidc-provider on localhost), through the server's
// start and callback routes, as a browser would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support';
import type { IdentityProvider } from '../../src/dev/identity-provider';
import { ScriptedBrowser } from './browser';
import { plannedIssuer } from './issuer';

let server: TestServer;
let issuer: IdentityProvider;

beforeAll(async () => {
  const planned = await plannedIssuer();
  server = await startTestServer(planned.env);
  issuer = await planned.start(server.url);
});
afterAll(async () => {
  await issuer.close();
  await server.close();
});

/** Signs in at the issuer as `login` from the start route; returns the callback URL the issuer
 * sent the browser to (not yet followed). */
async function throughIssuer(browser: ScriptedBrowser, login: string, returnTo?: string) {
  const query = returnTo === undefined ? '' : `?return_to=${encodeURIComponent(returnTo)}`;
  return browser.walk(`${server.url}/api/oidc/dev/start${query}`, server.url, login);
}

async function refreshWithCookie(browser: ScriptedBrowser) {
  const hop = await browser.request(`${server.url}/trpc/browser.refresh`, {
    method: 'POST',
    headers: { 'x-requested-with': 'test', 'content-type': 'application/json' },
  });
  return JSON.parse(hop.body) as { result?: { data: { access: string } } };
}

describe('sign-in with an OpenID Connect provider', () => {
  it('makes a verified account on the first sign-in, and signs in to it on the second', async () => {
    const browser = new ScriptedBrowser();
    const callback = await throughIssuer(browser, 'ada', '/account');
    expect(callback).toMatch(/\/api\/oidc\/dev\/callback\?code=/);
    const landed = await browser.request(callback);
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(`${server.url}/account`);
    const refreshed = await refreshWithCookie(browser);
    expect(refreshed.result?.data.access).toBeTruthy();

    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: 'ada@example.com' },
      include: { identities: true, password: true },
    });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.password).toBeNull();
    expect(user.phoneNumber).toBe('');
    expect(user.identities.map((i) => [i.provider, i.subject])).toEqual([['dev', 'ada']]);

    const again = new ScriptedBrowser();
    const second = await again.request(await throughIssuer(again, 'ada'));
    expect(second.location).toBe(`${server.url}/profile`);
    expect(await server.app.db.prisma.user.count({ where: { email: 'ada@example.com' } })).toBe(1);
    const sessions = await server.app.db.prisma.session.count({ where: { userId: user.id } });
    expect(sessions).toBe(2);
  });
});
