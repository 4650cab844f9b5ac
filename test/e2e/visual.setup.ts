/**
 * Builds the playground (demo/) into E2E.demoDist, which the e2e host serves at
 * /demo/, so the visual tests see exactly what `npm run demo` shows, without a dev server.
 */
import { build } from 'vite';
import { test as setup } from '@playwright/test';
import { E2E } from './ports.js';

setup('build the playground', async () => {
  setup.setTimeout(120_000);
  // Its own folder per run (E2E_PORT_OFFSET): runs side by side must not empty each other's build.
  await build({ configFile: 'demo/vite.config.ts', logLevel: 'warn', build: { outDir: `${process.cwd()}/${E2E.demoDist}` } });
});
