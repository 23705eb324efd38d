import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../test/chromium';
import { startTestServer, type TestServer } from '../../test/support';
import { buildOpenApiDocument } from './openapi-document';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await chromium.launch(chromiumLaunchOptions);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('/api/docs in a real browser', () => {
  it('renders every operation with the network cut off', async () => {
    const context = await browser.newContext();
    const origin = new URL(server.url).origin;
    const outside: string[] = [];
    // Offline: anything not asked of our own server fails, and is recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${server.url}/api/docs`);
    const paths = page.locator('.opblock-summary-path');
    // One block per operation of the document: every path and method is rendered.
    const operations = Object.values(buildOpenApiDocument().paths ?? {}).flatMap((item) =>
      Object.keys(item),
    ).length;
    await expect.poll(() => paths.count(), { timeout: 20_000 }).toBe(operations);
    expect(await paths.allInnerTexts()).toEqual(
      expect.arrayContaining([
        '/api/register/',
        '/api/profile/',
        '/api/logout/all/',
        '/api/login/2fa/',
        '/.well-known/jwks.json',
      ]),
    );
    expect(await page.locator('.info .title').innerText()).toContain('otp-auth REST API');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
