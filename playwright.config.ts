/**
 * End-to-end: the BUILT widget (dist/staymod-booking.js) on a host page served from
 * one origin (127.0.0.1:4173), the sandbox on another (127.0.0.1:8790) and the
 * proxy on a third (127.0.0.1:8791): real HTTP, real CORS. Run `npm run build` first
 * (`npm test` does).
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/find-browser.mjs';
import { E2E } from './test/e2e/ports.js';

const ZONES = ['Pacific/Pago_Pago', 'America/Los_Angeles', 'UTC', 'Asia/Kolkata', 'Pacific/Auckland', 'Pacific/Kiritimati'];
// The headless shell where installed (about half the CPU per page on 2 cores); the screenshot
// tests keep the full browser their baselines were taken with.
const launchOptions = { executablePath: findChromium({ headlessShell: true }), args: CHROMIUM_ARGS };
const fullBrowser = { executablePath: findChromium(), args: CHROMIUM_ARGS };

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: E2E.outputDir,
  fullyParallel: false,
  // One sandbox holds the bookings of every test: one worker keeps them independent and repeatable.
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: E2E.hostUrl,
    launchOptions,
    // A trace costs ~30% more CPU per test (measured on booking + faults: 245 s vs 177 s):
    // off by default so the suite stays quick on 2 cores; PW_TRACE=1 keeps one for each failure.
    trace: process.env.PW_TRACE ? 'retain-on-failure' : 'off',
    timezoneId: 'Asia/Kolkata',
    locale: 'en-IN',
  },
  projects: [
    { name: 'main', testIgnore: [/timezones\.spec\.ts/, /visual\.spec\.ts/, /examples\.spec\.ts/] },
    ...ZONES.map((timezoneId) => ({
      name: `tz ${timezoneId}`,
      testMatch: /timezones\.spec\.ts/,
      use: { timezoneId },
    })),
    // The example apps, built from the packed tarball by `npm run examples:build`.
    { name: 'examples', testMatch: /examples\.spec\.ts/ },
    // Screenshots of the playground (demo/), built by visual.setup.ts; baselines in visual.spec.ts-snapshots.
    { name: 'visual-setup', testMatch: /visual\.setup\.ts/ },
    { name: 'visual', testMatch: /visual\.spec\.ts/, dependencies: ['visual-setup'], use: { launchOptions: fullBrowser } },
  ],
  webServer: {
    command: 'node --import tsx test/e2e/stack.ts',
    url: `${E2E.hostUrl}/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
