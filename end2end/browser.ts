import type { PlaywrightTestConfig } from '@playwright/test';

/**
 * How every suite here drives the browser: Debian's Chromium (Playwright's
 * own downloads are not reachable from our machines), Swedish, a trace kept
 * when a test fails.
 */
export const debianChromium: NonNullable<PlaywrightTestConfig['use']> = {
  locale: 'sv-SE',
  trace: 'retain-on-failure',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};
