import { defineConfig } from '@playwright/test';
import { e2eBaseUrl, e2eDemoPassword, e2ePort } from './support/environment.ts';

/**
 * Journeys in Debian's Chromium (never a downloaded browser) against the real
 * server on a fresh embedded database with demo users. Zero retries: flaky is broken.
 */
export default defineConfig({
  testDir: './tests',
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './artifacts/results',
  reporter: [['list'], ['html', { open: 'never', outputFolder: './artifacts/report' }]],
  use: {
    baseURL: e2eBaseUrl,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'rm -rf .data && node ../apps/server/src/main.ts',
    url: `${e2eBaseUrl}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATA_DIR: '.data',
      PORT: String(e2ePort),
      DEMO_PASSWORD: e2eDemoPassword,
      LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
      // Three days of generated past: enough for "yesterday" and "last 7 days", and written in
      // a few seconds, so the background backfill does not compete with the journeys for long.
      DEMO_HISTORY_DAYS: '3',
    },
  },
});
