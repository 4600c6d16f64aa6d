// Browser end-to-end tier. Run after `trunk build --release`:
//   npx playwright test -c tests/e2e/playwright.config.js        (or: npm run e2e)
// Each spec starts its own static server (server.mjs, port 0) against dist/ in beforeAll, so there is no
// webServer entry here. Chromium is the system one; never `npx playwright install`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.js',
  outputDir: path.join(here, 'test-results'),
  globalSetup: path.join(here, 'global-setup.mjs'),
  // Two cores: one worker keeps wasm compilation and the browser from starving each other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    // Dates on the page (13/04/2022) must not depend on the machine's zone or language.
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // The offline worker would answer later requests of a spec from its caches and skew its request
    // counts; only offline.spec.js allows it.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
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
});
