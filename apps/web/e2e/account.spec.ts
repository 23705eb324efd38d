import type { Page } from '@playwright/test';
import type { TestServer } from './support/compiled-server';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

type Account = ReturnType<typeof newAccount>;

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
}

/** A verified account, signed in on `page`. */
async function signedUp(page: Page, server: TestServer, account: Account) {
  await typeCode(page, await registerThroughForm(page, server, account));
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, account.email, account.password);
}

async function openAccount(page: Page) {
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  await expect(page.getByLabel('Username')).not.toHaveValue('');
}

test('forgot password: request, code from the mail, new password, sign in with it', async ({
  page,
  server,
}) => {
  const account = newAccount('forgot');
  await signedUp(page, server, account);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await checkPage(page, 'forgot');
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await expect(page.getByRole('button', { name: /resend in \d:\d\d/ })).toBeDisabled();
  const code = await server.smtp.codeFor(account.email, 0, /password reset code/);

  // A wrong code says how many attempts are left, as on the verify page.
  await typeCode(page, code === '000000' ? '111111' : '000000');
  await page.getByLabel('New password', { exact: true }).fill('reset-password-77');
  await page.getByLabel('Confirm new password').fill('reset-password-77');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.locator('#code-error')).toContainText('2 attempts left');
  await checkPage(page, 'reset-password');

  await typeCode(page, code);
  // The last digit moves on to the password, already filled: submit by keyboard.
  await expect(page.getByLabel('New password', { exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your password was reset');
  await page.getByLabel('Password').fill('reset-password-77');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
});

test('account: edit the profile and change the email end to end', async ({ page, server }) => {
  const account = newAccount('mover');
  await signedUp(page, server, account);
  await openAccount(page);
  await checkPage(page, 'account');

  await page.getByLabel('Username').fill(`${account.username}x`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Your profile was saved.');

  const target = `moved-${account.email}`;
  await page.getByLabel('New email').fill(target);
  await page.locator('#email-change-password').fill('wrong-password-1');
  await page.getByRole('button', { name: 'Send code to new address' }).click();
  await expect(page.locator('#email-change-password-error')).toHaveText('Wrong password.');
  await page.locator('#email-change-password').fill(account.password);
  await page.getByRole('button', { name: 'Send code to new address' }).click();
  await expect(page.getByText(`Code sent to ${target}`)).toBeVisible();
  await checkPage(page, 'account-email-code');

  const code = await server.smtp.codeFor(target, 0, /email change code/);
  await typeCode(page, code);
  const email = page.getByRole('region', { name: 'Email address' });
  await expect(email.getByRole('status')).toContainText(`Your address is now ${target}`);
  await expect(page.getByText(`Signed in as ${target}`)).toBeVisible();
  await server.smtp.waitFor((m) => m.to === account.email && /address was changed/.test(m.subject));
});

test('sessions: this device is marked, another session is revoked from the page', async ({
  page,
  server,
}) => {
  const account = newAccount('sessions');
  await signedUp(page, server, account);
  const other = await fetch(`${server.url}/trpc/auth.login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Firefox/120.0',
    },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const { access } = ((await other.json()) as { result: { data: { access: string } } }).result.data;

  await page.reload();
  await openAccount(page);
  const sessions = page.getByRole('region', { name: 'Where you are signed in' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByText('This device')).toHaveCount(1);
  const revoke = sessions.getByRole('button', { name: /^Sign out Firefox on Windows/ });
  await revoke.focus();
  await page.keyboard.press('Enter');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await checkPage(page, 'account-sessions');

  const refused = await fetch(`${server.url}/trpc/account.profile`, {
    headers: { authorization: `Bearer ${access}` },
  });
  expect(refused.status).toBe(401);
});

test('delete the account: the password, then gone, and the address is free again', async ({
  page,
  server,
}) => {
  const account = newAccount('leaver');
  await signedUp(page, server, account);
  await openAccount(page);
  const danger = page.getByRole('region', { name: 'Delete your account' });
  await danger.getByLabel('Current password').fill('wrong-password-1');
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.locator('#delete-password-error')).toHaveText('Wrong password.');
  await checkPage(page, 'account-delete');

  await danger.getByLabel('Current password').fill(account.password);
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('status')).toContainText('Your account was deleted');
  expect(await page.context().cookies()).toEqual([]);
  await server.smtp.waitFor((m) => m.to === account.email && /account was deleted/.test(m.subject));

  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /credentials/ })).toBeVisible();

  // The same address signs up afresh.
  const mailsBefore = server.smtp.countTo(account.email);
  await registerThroughForm(page, server, account);
  await typeCode(page, await server.smtp.codeFor(account.email, mailsBefore));
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(page, account.email, account.password);
});
