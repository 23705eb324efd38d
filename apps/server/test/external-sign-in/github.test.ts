// The GitHub preset: OAuth 2 with PKCE (GitHub has no ID token), the person from its REST API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support';
import { ScriptedBrowser } from './browser';
import { startGithubStandIn } from './github-stand-in';

let server: TestServer;
let github: Awaited<ReturnType<typeof startGithubStandIn>>;

beforeAll(async () => {
  github = await startGithubStandIn({ id: 'Iv1.0123456789abcdef', secret: 'github-secret' });
  server = await startTestServer({
    OIDC_PROVIDERS: 'github',
    OIDC_GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
    OIDC_GITHUB_CLIENT_SECRET: 'github-secret',
    // GitHub Enterprise style: the web and API addresses of another GitHub.
    OIDC_GITHUB_ISSUER: github.url,
    OIDC_GITHUB_API_URL: github.url,
  });
});
afterAll(async () => {
  await server.close();
  await github.close();
});

describe('the GitHub preset', () => {
  it('is listed as "GitHub" with its scopes, and signs in by the numeric id', async () => {
    const providers = await fetch(`${server.url}/api/oidc/providers/`);
    expect(await providers.json()).toEqual({ providers: [{ id: 'github', name: 'GitHub' }] });

    github.signIn({
      id: 583231,
      login: 'octocat',
      name: 'The Octocat',
      emails: [
        { email: 'octo-old@example.com', primary: false, verified: true },
        { email: 'Octocat@Example.com', primary: true, verified: true },
      ],
    });
    const browser = new ScriptedBrowser();
    const start = await browser.request(`${server.url}/api/oidc/github/start`);
    const authorize = new URL(start.location ?? '');
    expect(authorize.pathname).toBe('/login/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toBe('read:user user:email');
    expect(authorize.searchParams.has('nonce')).toBe(false);
    const callback = await browser.walk(authorize.href, server.url, 'octocat');
    expect((await browser.request(callback)).location).toBe(`${server.url}/profile`);

    const user = await server.app.db.prisma.user.findUniqueOrThrow({
      where: { email: 'octocat@example.com' },
      include: { identities: true },
    });
    expect(user.username).toBe('octocat');
    expect(user.identities.map((i) => [i.provider, i.subject])).toEqual([['github', '583231']]);
    expect(github.calls).toEqual(
      expect.arrayContaining(['POST /login/oauth/access_token', 'GET /user', 'GET /user/emails']),
    );

    // A new login name and address at GitHub: still the same person, the same account.
    github.signIn({
      id: 583231,
      login: 'octocat-renamed',
      name: 'The Octocat',
      emails: [{ email: 'octocat-new@example.com', primary: true, verified: true }],
    });
    const again = new ScriptedBrowser();
    expect(
      (await again.request(await again.walk(`${server.url}/api/oidc/github/start`, server.url, '')))
        .location,
    ).toBe(`${server.url}/profile`);
    expect(await server.app.db.prisma.user.count()).toBe(1);
  });

  it('refuses a new person whose primary address GitHub has not verified', async () => {
    github.signIn({
      id: 9_000_001,
      login: 'unverified',
      name: 'Unverified',
      emails: [{ email: 'unverified@example.com', primary: true, verified: false }],
    });
    const browser = new ScriptedBrowser();
    const callback = await browser.walk(`${server.url}/api/oidc/github/start`, server.url, '');
    expect((await browser.request(callback)).location).toBe(
      `${server.url}/login?external_error=oidc_email_unverified`,
    );
    expect(
      await server.app.db.prisma.user.count({ where: { email: 'unverified@example.com' } }),
    ).toBe(0);
  });

  it('refuses a callback whose code GitHub will not exchange', async () => {
    github.signIn({
      id: 9_000_002,
      login: 'replay',
      name: 'Replay',
      emails: [{ email: 'replay@example.com', primary: true, verified: true }],
    });
    const browser = new ScriptedBrowser();
    const callback = new URL(
      await browser.walk(`${server.url}/api/oidc/github/start`, server.url, ''),
    );
    callback.searchParams.set('code', 'not-a-code-github-gave');
    expect((await browser.request(callback.href)).location).toBe(
      `${server.url}/login?external_error=oidc_provider_error`,
    );
  });
});
