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
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The first profile load is over (its response came before its data was shown).
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();

  // One entry per procedure, also when calls share a batched request.
  const calls: string[] = [];
  page.on('response', (response) => {
    const match = /\/trpc\/([^?]+)/.exec(response.url());
    for (const path of match?.[1]?.split(',') ?? []) calls.push(`${path} ${response.status()}`);
  });
  const profileCalls = () =>
    calls.filter((call) => call.startsWith('account.profile') || call.startsWith('browser.'));

  await page.waitForTimeout(3_000); // the access token in memory is now expired
  // Home sends a signed-in user back to the account page, which loads the profile afresh.
  await page.getByRole('link', { name: 'otp-auth' }).click();
  await expect(page.getByText(account.email, { exact: true })).toBeVisible();
  await expect
    .poll(profileCalls)
    .toEqual(['account.profile 401', 'browser.refresh 200', 'account.profile 200']);

  // A mutation meets an expired token too: refreshed once, retried, done.
  calls.length = 0;
  await page.waitForTimeout(3_000);
  const password = page.getByRole('region', { name: 'Password', exact: true });
  await password.getByLabel('Current password').fill(account.password);
  await password.getByLabel('New password', { exact: true }).fill('newpassword456');
  await password.getByLabel('Confirm new password').fill('newpassword456');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toContainText('Password changed');
  await expect
    .poll(() => calls.filter((call) => call.startsWith('browser.')))
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
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  const second = await context.newPage();
  await second.goto('/account');
  await expect(second.getByText(account.email, { exact: true })).toBeVisible();

  await page.waitForTimeout(3_000);
  // Both tabs need a fresh token at the same moment.
  await Promise.all(
    [page, second].map((tab) =>
      tab.evaluate(() => {
        window.history.pushState(null, '', '/no-such-page');
        window.dispatchEvent(new PopStateEvent('popstate'));
        window.history.pushState(null, '', '/account');
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
