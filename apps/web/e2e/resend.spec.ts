import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

// The server's cooldown is 1 s here so that the test need not wait a minute; the page counts
// down its own 60 s, which the test moves past by ageing the recorded send time.
test.use({ serverEnv: { OTP_RESEND_COOLDOWN_SECONDS: '1' } });

test('resend shows the cooldown counting down and sends a new code once it is over', async ({
  page,
  server,
}) => {
  const account = newAccount('resend');
  const first = await registerThroughForm(page, server, account);
  const resend = page.getByRole('button', { name: /resend in|send a new code/ });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^resend in (1:00|0:[0-5]\d)$/);
  const before = await resend.textContent();
  await expect(resend).not.toHaveText(before ?? '', { timeout: 5_000 });
  await expect(resend).toHaveText(/^resend in 0:[0-5]\d$/);

  // Pretend the last send was a minute ago (the server here has a 1 s cooldown, so it agrees).
  await page.evaluate((email) => {
    sessionStorage.setItem(`otp-auth:code-sent:${email}`, String(Date.now() - 61_000));
  }, account.email);
  await expect(resend).toBeEnabled({ timeout: 5_000 });
  await expect(resend).toHaveText('send a new code');

  const sent = server.smtp.countTo(account.email);
  await resend.click();
  await expect(page.getByRole('status')).toContainText('a new one is on its way');
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^resend in (1:00|0:[0-5]\d)$/);
  const second = await server.smtp.codeFor(account.email, sent);
  expect(server.smtp.countTo(account.email)).toBe(sent + 1);
  await checkPage(page, 'verify-resent');

  if (second !== first) {
    await typeCode(page, first);
    await expect(page.getByRole('alert').filter({ hasText: 'not right' })).toBeVisible();
  }
  await typeCode(page, second);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
