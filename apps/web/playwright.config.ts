import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../server/test/chromium';

/** End-to-end tests: Debian's chromium (never a downloaded browser) against the built SPA served
 * by the compiled server, which each worker starts on a free port (e2e/support/fixtures.ts). */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
