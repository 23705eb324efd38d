import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

test('the whole journey: register, verify, sign in, account, reload, change password, sign out', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const account = newAccount('flow');

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
  await checkPage(page, 'home');

  await page.goto('/register');
  // The shared zod schema refuses bad input before anything is sent.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#field-email-error')).toHaveText('Enter a valid email address.');
  await expect(page.getByLabel('Email')).toBeFocused();
  await checkPage(page, 'register-errors');

  const code = await registerThroughForm(page, server, account);
  await expect(page.getByText(`We emailed a 6-digit code to ${account.email}`)).toBeVisible();
  await checkPage(page, 'verify');

  await typeCode(page, code);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your email is verified');
  await expect(page.getByLabel('Email')).toHaveValue(account.email);
  await checkPage(page, 'login');

  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /credentials/ })).toBeVisible();

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue(account.username);
  await expect(page.getByLabel('Phone number')).toHaveValue('+15550101234');

  // The refresh token is not readable by page scripts, and nothing sits in storage.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
    ['otp_auth_refresh', true, 'Strict'],
  ]);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();

  // The old address of the password page lands on the account's password section.
  await page.goto('/password');
  await expect(page).toHaveURL(/\/account#password$/);
  const password = page.getByRole('region', { name: 'Password', exact: true });
  await password.getByLabel('Current password').fill(account.password);
  await password.getByLabel('New password', { exact: true }).fill('newpassword456');
  await password.getByLabel('Confirm new password').fill('newpassword457');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#field-confirm_password-error')).toHaveText(
    'The two password fields did not match.',
  );
  await checkPage(page, 'change-password');

  // A wrong current password comes back from the server, next to its field.
  await password.getByLabel('Current password').fill('wrongpassword1');
  await password.getByLabel('Confirm new password').fill('newpassword456');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#field-old_password-error')).toHaveText('Wrong password.');

  await password.getByLabel('Current password').fill(account.password);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toContainText('Password changed');
  await expect(password.getByLabel('Current password')).toHaveValue('');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Signed out' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await checkPage(page, 'signed-out');
  expect(await page.context().cookies()).toEqual([]);

  // Signed out means signed out: the account (here by the old profile address) sends you to
  // sign in, and back there afterwards.
  await page.goto('/profile');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /credentials/ })).toBeVisible();
  // By keyboard alone: Tab to the password, Enter to submit.
  await page.getByLabel('Email').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('newpassword456');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
});

test('sign out everywhere ends the other browser’s session too', async ({
  page,
  browser,
  server,
}) => {
  const account = newAccount('everywhere');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  const other = await browser.newContext({ baseURL: server.url });
  const otherPage = await other.newPage();
  for (const p of [page, otherPage]) {
    await p.goto('/login');
    await p.getByLabel('Email').fill(account.email);
    await p.getByLabel('Password').fill(account.password);
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(p.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  }

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out on every device.');

  await otherPage.reload();
  await expect(otherPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await other.close();
});

test('an unverified account is taken to verification at sign-in', async ({ page, server }) => {
  const account = newAccount('pending');
  await registerThroughForm(page, server, account);
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('not verified yet');
  await expect(page).toHaveURL(/\/verify\?email=/);
});

test('an unknown address shows a not-found page, and the dev inbox is absent from the build', async ({
  page,
}) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await checkPage(page, 'not-found');
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dev inbox' })).toHaveCount(0);
});
