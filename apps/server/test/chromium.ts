import type { LaunchOptions } from '@playwright/test';

/** Debian's chromium, never a downloaded browser. Without the background-networking flags it
 * keeps trying to reach outside hosts, which this closed network refuses. */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
} satisfies LaunchOptions;
