import { checkPage, expect, registerThroughForm, test, typeCode } from './support/fixtures';

test("a Unicode username and an address with ' and = register, verify and sign in", async ({
  page,
  server,
}) => {
  const suffix = Date.now().toString(36);
  const account = {
    email: `o'brien=team+${suffix}@example.com`,
    username: `Jürgen_名前_${suffix}`,
    phone: '+1 555 010 1234',
    password: 'strongpassword123',
  };

  await page.goto('/register');
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription(/any script/);
  await page.getByLabel('Username').fill('not allowed;');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#field-username-error')).toHaveText(
    'Use letters, digits and @ . + - _ only.',
  );

  const code = await registerThroughForm(page, server, account);
  await expect(page.getByText(`We emailed a 6-digit code to ${account.email}`)).toBeVisible();
  await typeCode(page, code);
  await expect(page.getByRole('status')).toContainText('Your email is verified');

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue(account.username);
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();
  await checkPage(page, 'account-unicode');
});
