import { defineConfig } from '@playwright/test';
import * as path from 'path';
import { debianChromium } from './browser';

// The server binary that `cargo leptos build` made, on its own port and a
// fresh SQLite database with the demo data set.
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const port = process.env.E2E_PORT ?? '3100';
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(root, 'target', 'e2e');
// The build under test: `release` in the test run (what people get), `debug` while working.
const profile = process.env.E2E_PROFILE ?? 'debug';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    // Like the browser's own requests, direct API calls from a test say where they come from.
    extraHTTPHeaders: { Origin: baseURL },
    ...debianChromium,
  },
  // The routines twice: hydrated (every spec but the no-script one), and
  // with JavaScript off (UX-1) — after the first, on the same server.
  projects: [
    { name: 'hydrated', testIgnore: /noscript\.spec\.ts/ },
    { name: 'no-script', testMatch: /noscript\.spec\.ts/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && "${path.join(targetDir, profile, 'server')}" serve`,
    cwd: root,
    url: `${baseURL}/logga-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
      SITE_ADDR: `127.0.0.1:${port}`,
      DEMO_DATA: 'true',
      DEMO_LOGINS_FILE: path.join(dataDir, 'demo-logins.txt'),
      LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'),
      RUST_LOG: 'warn',
    },
  },
});
