// Sign-in with an OpenID Connect provider, in Chromium: from our sign-in page through the
// provider's own login and consent pages (oidc-provider, a real issuer on localhost) back into
// the app, signed in.
import type { IdentityProvider } from '../../server/src/dev/identity-provider';
import { plannedIssuer } from '../../server/test/external-sign-in/issuer';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test as base,
  typeCode,
} from './support/fixtures';

type Planned = Awaited<ReturnType<typeof plannedIssuer>>;

const test = base.extend<object, { planned: Planned; issuer: IdentityProvider }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
  planned: [async ({}, use) => use(await plannedIssuer('dev', 'Dev IdP')), { scope: 'worker' }],
  // The server must know the issuer's address when it starts; the issuer starts after it, once
  // our callback address is known.
  serverEnv: [async ({ planned }, use) => use(planned.env), { scope: 'worker' }],
  issuer: [
    async ({ server, planned }, use) => {
      const issuer = await planned.start(server.url);
      await use(issuer);
      await issuer.close();
    },
    { scope: 'worker' },
  ],
});

test('continue with a provider: a new account, then the same account on the next sign-in', async ({
  page,
  server,
  issuer,
}) => {
  await page.goto('/login');
  const button = page.getByRole('link', { name: 'Continue with Dev IdP' });
  await expect(button).toBeVisible();
  await checkPage(page, 'external-sign-in-buttons');
  await button.click();

  // The provider's pages.
  await page.waitForURL((url) => url.origin === issuer.issuer);
  await page.getByPlaceholder('Enter any login').fill('grace');
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back in the app, signed in.
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  await expect(page.getByText('grace@example.com', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('Grace_Hopper');
  await expect(page.getByText('Not set yet: add one if you like.')).toBeVisible();

  await page.getByRole('link', { name: 'Account', exact: true }).first().click();
  const section = page.getByRole('region', { name: 'Sign-in with other accounts' });
  await expect(section.getByText('Dev IdP', { exact: true })).toBeVisible();
  await expect(section.getByText(/Your account has no password/)).toBeVisible();
  await checkPage(page, 'external-sign-in-account');

  await page.goto('/profile');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('You are signed out');

  // The provider remembers the person: straight back, into the same account.
  await page.goto('/login?next=/account');
  await page.getByRole('link', { name: 'Continue with Dev IdP' }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  const users = await server.app.db.prisma.user.findMany({
    where: { email: 'grace@example.com' },
    select: { sessions: { select: { id: true } } },
  });
  expect(users).toHaveLength(1);
  expect(users[0]?.sessions).toHaveLength(2);
});

test('a refused sign-in lands on the sign-in page with a sentence, not an error page', async ({
  page,
  issuer,
}) => {
  expect(issuer.issuer).toMatch(/^http:\/\/localhost:/);
  await page.goto(`/api/oidc/dev/start?return_to=${encodeURIComponent('https://evil.example/')}`);
  await expect(page).toHaveURL(/\/login\?external_error=oidc_return_invalid$/);
  await expect(
    page.getByRole('alert').filter({ hasText: 'pointed outside this app' }),
  ).toBeVisible();
  await checkPage(page, 'external-sign-in-refused');
});

test('link a provider from the account area with the password, then remove it', async ({
  page,
  server,
  issuer,
}) => {
  const account = newAccount('linker');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Sign-in with other accounts' });
  await section.getByRole('button', { name: 'Link Dev IdP' }).click();
  await section.getByLabel('Current password').fill(account.password);
  await checkPage(page, 'external-sign-in-link');
  await section.getByRole('button', { name: 'Continue to Dev IdP' }).click();

  await page.waitForURL((url) => url.origin === issuer.issuer);
  await page.getByPlaceholder('Enter any login').fill('katherine');
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(section.getByRole('status')).toContainText('Dev IdP now signs in to your account.');
  await expect(section.getByText(/katherine@example.com/)).toBeVisible();
  await server.smtp.waitFor(
    (mail) => mail.to === account.email && /Dev IdP sign-in was added/.test(mail.subject),
  );

  await section.getByRole('button', { name: 'Remove Dev IdP' }).click();
  await section.getByLabel('Current password').fill(account.password);
  await section.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(section.getByRole('status')).toContainText('Dev IdP no longer signs in');
  await expect(section.getByText('No other account signs in to this one yet.')).toBeVisible();
});
