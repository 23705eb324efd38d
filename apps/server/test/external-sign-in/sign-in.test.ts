// Sign-in at a real OpenID Connect issuer (oidc-provider on localhost), through the server's
// start and callback routes, as a browser would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, enableTwoFactor, errorOf, mutate, query, signUp } from '../hostile/http';
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

  it('derives a unique username, editable later', async () => {
    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: 'ada@example.com' },
    });
    expect(user.username).toBe('Ada_Lovelace');
    expect(user.usernameKey).toBe('ada_lovelace');
  });

  it('links a verified address to the verified account that owns it, and mails a notice', async () => {
    const local = await signUp(server, 'linda');
    const browser = new ScriptedBrowser();
    expect((await browser.request(await throughIssuer(browser, 'linda'))).location).toBe(
      `${server.url}/profile`,
    );
    const account = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: local.email },
      include: { identities: true },
    });
    expect(account.identities.map((identity) => identity.subject)).toEqual(['linda']);
    const notice = await server.smtp.waitFor(
      (mail) => mail.to === local.email && /Dev IdP sign-in was added/.test(mail.subject),
    );
    expect(notice.text).toContain('Your Dev IdP account can now sign in to your account.');
    const { access } = (await refreshWithCookie(browser)).result?.data ?? { access: '' };
    const profile = dataOf(await query(server, 'account.profile', undefined, { token: access }));
    expect(profile).toMatchObject({ email: local.email, username: 'linda' });
  });

  it('never links to an account whose address is not verified yet', async () => {
    dataOf(
      await mutate(server, 'auth.register', {
        email: 'pending@example.com',
        username: 'pending',
        phone_number: '1234567890',
        password: 'strongpassword123',
      }),
    );
    const browser = new ScriptedBrowser();
    expect((await browser.request(await throughIssuer(browser, 'pending'))).location).toBe(
      `${server.url}/login?external_error=oidc_account_exists`,
    );
    expect(
      await server.app.db.prisma.externalIdentity.count({ where: { subject: 'pending' } }),
    ).toBe(0);
  });

  it('with two-factor on, ends at the second step with an mfa_token, not signed in', async () => {
    const local = await signUp(server, 'twofa');
    const app = await enableTwoFactor(server, local);
    const browser = new ScriptedBrowser();
    const landed = await browser.request(await throughIssuer(browser, 'twofa', '/account'));
    const url = new URL(landed.location ?? '');
    expect(url.pathname).toBe('/login/2fa');
    expect(url.searchParams.get('next')).toBe('/account');
    const mfaToken = new URLSearchParams(url.hash.slice(1)).get('mfa_token') ?? '';
    expect(mfaToken).toMatch(/^[\w-]{43}$/);
    expect(browser.cookie(server.url, 'otp_auth_refresh')).toBeUndefined();

    const second = await browser.request(`${server.url}/trpc/browser.loginSecondStep`, {
      method: 'POST',
      headers: { 'x-requested-with': 'test', 'content-type': 'application/json' },
      body: JSON.stringify({ mfa_token: mfaToken, code: await app.code() }),
    });
    expect(second.status).toBe(200);
    expect(browser.cookie(server.url, 'otp_auth_refresh')).toBeTruthy();
  });
});

describe('linking from the account area', () => {
  it('links after the password, lists the identity, and unlinks it again', async () => {
    const local = await signUp(server, 'kath');
    const token = local.tokens.access;
    const browser = new ScriptedBrowser();
    const link = (input: object) =>
      browser.request(`${server.url}/api/oidc/link/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });

    const noPassword = await link({ provider: 'dev' });
    expect(noPassword.status).toBe(400);
    expect(JSON.parse(noPassword.body)).toMatchObject({
      code: 'invalid_input',
      password: ['Enter your password.'],
    });
    const wrong = await link({ provider: 'dev', password: 'not the password' });
    expect(wrong.status).toBe(400);
    expect(await server.app.db.prisma.externalSignInFlow.count({ where: { mode: 'link' } })).toBe(
      0,
    );

    const started = await link({ provider: 'dev', password: local.password });
    expect(started.status).toBe(200);
    const { authorization_url } = JSON.parse(started.body) as { authorization_url: string };
    const callback = await browser.walk(authorization_url, server.url, 'katherine');
    expect((await browser.request(callback)).location).toBe(
      `${server.url}/account?external_linked=dev`,
    );
    const listed = dataOf(await query(server, 'oidc.identities', undefined, { token })) as {
      has_password: boolean;
      identities: { provider: string; provider_name: string; email: string }[];
    };
    expect(listed.has_password).toBe(true);
    expect(listed.identities).toMatchObject([
      { provider: 'dev', provider_name: 'Dev IdP', email: 'katherine@example.com' },
    ]);
    // The identity now signs in to this account.
    const again = new ScriptedBrowser();
    expect((await again.request(await throughIssuer(again, 'katherine'))).location).toBe(
      `${server.url}/profile`,
    );
    expect(
      await server.app.db.prisma.user.count({ where: { email: 'katherine@example.com' } }),
    ).toBe(0);

    // Another account cannot take the same identity.
    const other = await signUp(server, 'other');
    const otherBrowser = new ScriptedBrowser();
    const otherStart = dataOf(
      await mutate(
        server,
        'oidc.link',
        { provider: 'dev', password: other.password },
        { token: other.tokens.access },
      ),
    ) as { authorization_url: string };
    expect(otherStart.authorization_url).toContain('code_challenge=');
    // Over tRPC from curl no cookie is kept: the callback in a browser is refused.
    const stray = await otherBrowser.walk(otherStart.authorization_url, server.url, 'katherine');
    expect((await otherBrowser.request(stray)).location).toBe(
      `${server.url}/login?external_error=oidc_state_invalid`,
    );

    const unlinked = dataOf(
      await mutate(server, 'oidc.unlink', { provider: 'dev', password: local.password }, { token }),
    );
    expect(unlinked).toEqual({ message: 'Dev IdP no longer signs in to your account.' });
    await server.smtp.waitFor(
      (mail) => mail.to === local.email && /Dev IdP sign-in was removed/.test(mail.subject),
    );
    const gone = errorOf(
      await mutate(server, 'oidc.unlink', { provider: 'dev', password: local.password }, { token }),
    );
    expect(gone.code).toBe('not_found');
  });

  it('refuses to unlink the only way an account signs in', async () => {
    const browser = new ScriptedBrowser();
    await browser.request(await throughIssuer(browser, 'grace'));
    const { access } = (await refreshWithCookie(browser)).result?.data ?? { access: '' };
    const listed = dataOf(await query(server, 'oidc.identities', undefined, { token: access }));
    expect(listed).toMatchObject({ has_password: false, identities: [{ provider: 'dev' }] });
    // No password, no second factor: the sign-in a moment ago is the re-authentication.
    const refused = errorOf(
      await mutate(server, 'oidc.unlink', { provider: 'dev' }, { token: access }),
    );
    expect(refused.code).toBe('last_sign_in_method');
    expect(await server.app.db.prisma.externalIdentity.count({ where: { subject: 'grace' } })).toBe(
      1,
    );
  });
});
