import { defineConfig } from '@playwright/test';

// Issue 16: the routine through nginx in front of two instances that
// scripts/two-instances.sh has started (it sets the addresses below).
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3200';

export default defineConfig({
  testDir: './production',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    extraHTTPHeaders: { Origin: baseURL },
    locale: 'sv-SE',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
