import { readFile } from 'node:fs/promises';
import { authenticatorApp, totpCode } from '../../server/test/totp-codes';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

test('two-factor: turn it on from the secret, sign in with a code and with a recovery code, turn it off', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const account = newAccount('twofa');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await checkPage(page, 'two-factor-off');

  // Keyboard only: the password field, Enter to submit.
  const section = page.getByRole('region', { name: 'Two-factor authentication' });
  await section.getByLabel('Current password').fill(account.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await page.locator('code.secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const qr = await page.getByRole('img', { name: /QR code/ }).getAttribute('src');
  expect(qr).toMatch(/^data:image\/svg\+xml/);
  await checkPage(page, 'two-factor-scan');

  const app = authenticatorApp(secret);
  await typeCode(page, await app.code());
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
  const recoveryCodes = await page.locator('.code-list code').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await checkPage(page, 'two-factor-recovery-codes');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy codes' }).click();
  await expect(section.getByRole('status')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `${recoveryCodes.join('\n')}\n`,
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download codes' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('otp-auth-recovery-codes.txt');
  expect(await readFile(await download.path(), 'utf8')).toBe(`${recoveryCodes.join('\n')}\n`);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText('10 recovery codes left.')).toBeVisible();

  // Sign out, then sign in with a code from the app.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('You are signed out');
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
  await checkPage(page, 'two-factor-sign-in');
  // A code from ten minutes ago is far outside the window the server accepts.
  await typeCode(page, totpCode(secret, new Date(Date.now() - 600_000)));
  await expect(page.getByRole('alert').filter({ hasText: /not right/ })).toBeVisible();
  await typeCode(page, await app.code());
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  // Sign out, then sign in with a recovery code.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('You are signed out');
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
  await checkPage(page, 'two-factor-sign-in-recovery');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  // Changing the password with two-factor on asks for a code as well (step-up): without it the
  // form says so by the field; with it the password changes.
  await page.goto('/account');
  await expect(page.getByText('9 recovery codes left.')).toBeVisible();
  const passwordSection = page.getByRole('region', { name: 'Password', exact: true });
  await passwordSection.getByLabel('Current password').fill(account.password);
  await passwordSection.getByLabel('New password', { exact: true }).fill('stepped-up-pass-55');
  await passwordSection.getByLabel('Confirm new password').fill('stepped-up-pass-55');
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  const passwordCode = passwordSection.getByLabel('Code from your authenticator app');
  await expect(passwordCode).toBeFocused();
  await expect(page.locator('#password-change-code-error')).toBeVisible();
  await passwordCode.fill(totpCode(secret, new Date(Date.now() - 600_000)));
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#password-change-code-error')).toHaveText('Wrong code.');
  await checkPage(page, 'two-factor-step-up');
  await passwordCode.fill(await app.code());
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordSection.getByRole('status')).toContainText('Password changed');
  account.password = 'stepped-up-pass-55';

  // Turn it off with the password and a code.
  await page.getByRole('button', { name: 'Turn off two-factor' }).click();
  await section.getByLabel('Current password').fill(account.password);
  await section.getByLabel('Code from your authenticator app').fill(await app.code());
  await checkPage(page, 'two-factor-turn-off');
  await page.getByRole('button', { name: 'Turn off two-factor' }).click();
  await expect(section.getByRole('status')).toContainText('Two-factor authentication is off');
  await expect(page.getByRole('button', { name: 'Set up two-factor' })).toBeVisible();
});
