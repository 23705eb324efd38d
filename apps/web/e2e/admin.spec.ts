import type { Page } from '@playwright/test';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

// A server (and database) of its own: the last-admin rule needs an account that is the only
// admin, and other specs on a shared worker leave admins behind. A distinct option value is
// what gives this file its own worker.
test.use({ serverEnv: { LOG_LEVEL: 'info' } });

test('admin area: only for admins; the role from the CLI shows it; the last admin keeps the role', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000); // a sign-up, two sign-ins, the CLI and three page checks
  const account = newAccount('admin');
  await typeCode(page, await registerThroughForm(page, server, account));
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  // A plain user: no entry in the navigation, and the area says whom it is for.
  await expect(mainNav(page).getByRole('link', { name: 'Account' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
  await expect(page.getByText(/This area is for administrators/)).toBeVisible();
  await checkPage(page, 'admin-refused');

  // The operator makes the first admin with the release's command; a new sign-in carries it.
  expect(await server.adminCli('grant', account.email)).toContain(
    `${account.email} is now an admin.`,
  );
  await mainNav(page).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await signIn(page, account.email, account.password);
  await mainNav(page).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Admin' })
    .getByRole('link', { name: 'Administrators' })
    .click();
  await expect(page.getByRole('heading', { name: 'Administrators' })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/admins$/);
  await expect(page.getByRole('cell', { name: account.email, exact: true })).toBeVisible();
  await checkPage(page, 'admin-admins');

  // The only admin cannot step down: the server refuses, the page says why.
  await page.getByRole('button', { name: `Remove admin role from ${account.email}` }).click();
  await expect(
    page.getByRole('group', { name: `Take the admin role from ${account.email}?` }),
  ).toBeVisible();
  await checkPage(page, 'admin-confirm');
  await page.getByRole('button', { name: 'Remove admin role', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'This is the last active admin: grant the role to another account first.',
  );
  await expect(page.getByRole('cell', { name: account.email, exact: true })).toBeVisible();

  // A reload keeps the area: the refreshed token carries the role too.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Administrators' })).toBeVisible();
});
