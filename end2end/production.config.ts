import { defineConfig } from '@playwright/test';
import { debianChromium } from './browser';

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
    ...debianChromium,
  },
});
