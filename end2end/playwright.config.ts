import { defineConfig } from '@playwright/test';
import * as path from 'path';

// The server binary that `cargo leptos build` made, on its own port and a
// fresh SQLite database with the demo data set.
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const port = process.env.E2E_PORT ?? '3100';
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(root, 'target', 'e2e');

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
  },
  webServer: {
    command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && "${path.join(targetDir, 'debug', 'server')}" serve`,
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
