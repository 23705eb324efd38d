import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { startCompiledServer, type TestServer } from './compiled-server';

const webDist = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

interface WorkerFixtures {
  /** Extra server environment, e.g. a short access-token lifetime. */
  serverEnv: Record<string, string>;
  server: TestServer;
}

/** The real server, compiled (a fresh PostgreSQL database, mail to a real SMTP server on
 * 127.0.0.1), serving the built SPA, one per worker. */
export const test = base.extend<object, WorkerFixtures>({
  serverEnv: [{}, { option: true, scope: 'worker' }],
  server: [
    async ({ serverEnv }, use) => {
      if (!existsSync(webDist))
        throw new Error('Build the SPA first: pnpm --filter @otp-auth/web build');
      const server = await startCompiledServer(serverEnv);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };

let accounts = 0;
/** A fresh identity for each test, so that tests never share an account. */
export function newAccount(prefix = 'user') {
  accounts += 1;
  const name = `${prefix}${accounts}${Date.now().toString(36)}`;
  return {
    email: `${name}@example.com`,
    username: name,
    phone: '+1 555 010 1234',
    password: 'strongpassword123',
  };
}

const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Screenshots at phone and desktop widths (kept as artifacts) and an axe-core check: no
 * serious or critical accessibility violation on the page as it stands. */
export async function checkPage(page: Page, name: string) {
  const original = page.viewportSize();
  for (const [label, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${screenshotDir}${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
  expect(serious, `accessibility of ${name}`).toEqual([]);
}

/** Registers through the form and returns the code that arrived by SMTP. */
export async function registerThroughForm(
  page: Page,
  server: TestServer,
  account: ReturnType<typeof newAccount>,
) {
  await page.goto('/register');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Phone number').fill(account.phone);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  return server.smtp.codeFor(account.email);
}

/** Types a code into the six boxes (the last digit submits it). */
export async function typeCode(page: Page, code: string) {
  await page.getByLabel('Digit 1 of 6').click();
  await page.keyboard.type(code);
}
