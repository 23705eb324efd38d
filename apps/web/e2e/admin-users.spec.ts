import type { APIRequestContext, Page } from '@playwright/test';
import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

/** An account made over REST, as another client would, signed in twice (two sessions). */
async function accountWithTwoSessions(
  request: APIRequestContext,
  codeFor: (email: string) => Promise<string>,
) {
  const account = newAccount('target');
  const registered = await request.post('/api/register/', {
    data: {
      email: account.email,
      username: account.username,
      phone_number: '1234567890',
      password: account.password,
    },
  });
  expect(registered.status()).toBe(201);
  const otp = await codeFor(account.email);
  expect(
    (await request.post('/api/otp/verify/', { data: { email: account.email, otp } })).ok(),
  ).toBe(true);
  const signIn = async () => {
    const reply = await request.post('/api/login/', {
      data: { email: account.email, password: account.password },
    });
    expect(reply.status()).toBe(200);
    return ((await reply.json()) as { access: string }).access;
  };
  return { ...account, tokens: [await signIn(), await signIn()] };
}

const profileStatus = async (request: APIRequestContext, access: string) =>
  (await request.get('/api/profile/', { headers: { authorization: `Bearer ${access}` } })).status();

async function confirm(page: Page, button: string, question: RegExp, answer = button) {
  await page.getByRole('button', { name: button }).first().click();
  const group = page.getByRole('group', { name: question });
  await expect(group).toBeVisible();
  await group.getByRole('button', { name: answer, exact: true }).click();
}

test('admin area: find an account, end a session, disable it, read its audit events', async ({
  page,
  server,
  request,
}) => {
  test.setTimeout(180_000); // two sign-ups, the CLI, a sign-in and four page checks
  const target = await accountWithTwoSessions(request, (email) => server.smtp.codeFor(email));
  const admin = newAccount('operator');
  await typeCode(page, await registerThroughForm(page, server, admin));
  expect(await server.adminCli('grant', admin.email)).toContain('is now an admin.');
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your account', exact: true })).toBeVisible();

  // Search by the start of the address: one match, with the total.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page.getByLabel('Email or username starts with').fill(target.email.slice(0, 12));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('1–1 of 1 accounts');
  await checkPage(page, 'admin-users');
  await page.getByLabel('Email or username starts with').fill('nobody-starts-like-this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('No account matches.');
  await page.getByLabel('Email or username starts with').fill(target.email.slice(0, 12));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: target.email }).click();

  // The account's page: two live sessions; end one, then disable the account.
  await expect(page.getByRole('heading', { name: target.email })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Live sessions' }).getByRole('row')).toHaveCount(3);
  await checkPage(page, 'admin-user');
  await page
    .getByRole('button', { name: /^End session last used/ })
    .first()
    .click();
  await checkPage(page, 'admin-user-confirm');
  await page
    .getByRole('group', { name: /End this session\?/ })
    .getByRole('button', {
      name: 'End session',
    })
    .click();
  await expect(page.getByRole('status')).toHaveText(`Ended a session of ${target.email}.`);
  await expect(page.getByRole('table', { name: 'Live sessions' }).getByRole('row')).toHaveCount(2);
  const statuses = await Promise.all(target.tokens.map((t) => profileStatus(request, t)));
  expect(statuses.sort()).toEqual([200, 401]);

  await confirm(page, 'Disable account', /^Disable .*\? Every session ends/);
  await expect(page.getByRole('status')).toHaveText(
    `${target.email} is disabled; 1 session ended.`,
  );
  await expect(page.getByText('No live session.')).toBeVisible();
  for (const access of target.tokens) expect(await profileStatus(request, access)).toBe(401);
  const refused = await request.post('/api/login/', {
    data: { email: target.email, password: target.password },
  });
  expect(refused.status()).toBe(403);

  // Its events in the audit log, the admin's hand marked.
  await page.getByRole('link', { name: 'All events of this account' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const disabledRow = page.getByRole('row').filter({ hasText: 'Account disabled' });
  await expect(disabledRow).toHaveCount(1);
  await expect(disabledRow.getByRole('link', { name: 'Yes' })).toBeVisible();
  await checkPage(page, 'admin-audit');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as JSON lines' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit-events.jsonl');
  await expect(page.getByRole('status')).toHaveText(/^Exported \d+ events as JSON lines\.$/);
});
