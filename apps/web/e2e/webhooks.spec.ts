import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

test.use({ serverEnv: { WEBHOOK_ALLOW_PRIVATE: 'true' } });

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();
}

test('admin webhooks: add an endpoint (secret once), see a delivery, redeliver, rotate, disable, delete', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  let received = 0;
  const receiver = createServer((_request, response) => {
    received += 1;
    response.writeHead(204).end();
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const target = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hooks`;
  try {
    const account = newAccount('hooks');
    await typeCode(page, await registerThroughForm(page, server, account));
    await server.adminCli('grant', account.email);
    await signIn(page, account.email, account.password);
    await page.goto('/admin/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    await expect(page.getByText('No endpoints yet.')).toBeVisible();

    await page.getByLabel('URL').fill('ftp://example.com/');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText('Only http:// and https:// URLs are allowed.')).toBeVisible();

    await page.getByLabel('URL').fill(target);
    await page.getByLabel('user.created').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveText(/^whsec_/);
    await checkPage(page, 'admin-webhooks-secret');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);

    // An event: someone registers.
    const other = newAccount('hooked');
    const registered = await fetch(`${server.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: other.email,
        username: other.username,
        phone_number: '1234567890',
        password: other.password,
      }),
    });
    expect(registered.status).toBe(200);
    await expect.poll(() => received, { timeout: 30_000 }).toBe(1);

    await page.getByRole('link', { name: target }).click();
    await expect(page.getByRole('heading', { name: 'Webhook endpoint' })).toBeVisible();
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByRole('cell', { name: 'delivered' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole('cell', { name: '204' })).toBeVisible();
    await checkPage(page, 'admin-webhook-endpoint');

    await page.getByRole('button', { name: /^Redeliver user\.created/ }).click();
    await expect.poll(() => received, { timeout: 30_000 }).toBe(2);

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Rotate secret', exact: true }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveText(/^whsec_/);
    await expect(page.getByText(/Signs too until/)).toBeVisible();

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Disable endpoint' }).click();
    await expect(page.getByText('Disabled: new events are not queued for it')).toBeVisible();
    await page.getByRole('button', { name: 'Enable' }).click();
    await expect(page.getByText('Enabled', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    await expect(page.getByText('No endpoints yet.')).toBeVisible();
  } finally {
    await new Promise<void>((done) => receiver.close(() => done()));
  }
});
