import { expect, newAccount, registerThroughForm, test, typeCode } from './support/fixtures';

// Access tokens live 2 seconds here, so they expire in the middle of a session.
test.use({ serverEnv: { ACCESS_TOKEN_TTL_SECONDS: '2' } });

test('an access token that expires mid-session is refreshed silently and the call retried', async ({
  page,
  server,
}) => {
  const account = newAccount('silent');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first profile load is over (its response came before its data was shown).
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();

  const calls: string[] = [];
  page.on('response', (response) => {
    const match = /\/trpc\/([^?]+)/.exec(response.url());
    if (match?.[1]) calls.push(`${match[1]} ${response.status()}`);
  });

  await page.waitForTimeout(3_000); // the access token in memory is now expired
  await page.getByRole('link', { name: 'Change password' }).click();
  await page.getByRole('link', { name: 'Back to your profile' }).click();
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();
  await expect
    .poll(() => calls)
    .toEqual(['account.profile 401', 'browser.refresh 200', 'account.profile 200']);

  // A mutation meets an expired token too: refreshed once, retried, done.
  calls.length = 0;
  await page.waitForTimeout(3_000);
  await page.getByRole('link', { name: 'Change password' }).click();
  await page.getByLabel('Current password').fill(account.password);
  await page.getByLabel('New password', { exact: true }).fill('newpassword456');
  await page.getByLabel('Confirm new password').fill('newpassword456');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Password changed');
  await expect
    .poll(() => calls.filter((call) => !call.startsWith('account.profile')))
    .toEqual(['browser.changePassword 401', 'browser.refresh 200', 'browser.changePassword 200']);
});

test('two tabs whose tokens expired refresh one after the other, never with the same cookie', async ({
  page,
  context,
  server,
}) => {
  const account = newAccount('tabs');
  const code = await registerThroughForm(page, server, account);
  await typeCode(page, code);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible();

  const second = await context.newPage();
  await second.goto('/profile');
  await expect(second.getByText(account.email, { exact: true })).toBeVisible();

  await page.waitForTimeout(3_000);
  // Both tabs need a fresh token at the same moment.
  await Promise.all(
    [page, second].map((tab) =>
      tab.evaluate(() => {
        window.history.pushState(null, '', '/password');
        window.dispatchEvent(new PopStateEvent('popstate'));
        window.history.pushState(null, '', '/profile');
        window.dispatchEvent(new PopStateEvent('popstate'));
      }),
    ),
  );
  for (const tab of [page, second]) {
    await expect(tab.getByText(account.email, { exact: true })).toBeVisible();
  }
  // A refresh token presented twice would have revoked the session: a reload proves it lives.
  await page.reload();
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();
  const reuse = await server.app.db.prisma.auditEvent.count({ where: { type: 'refresh_reuse' } });
  expect(reuse).toBe(0);
});
