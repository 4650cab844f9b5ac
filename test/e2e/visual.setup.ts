/**
 * Builds the playground (demo/) into demo/dist, which the e2e host serves at
 * /demo/, so the visual tests see exactly what `npm run demo` shows, without a dev server.
 */
import { build } from 'vite';
import { test as setup } from '@playwright/test';

setup('build the playground', async () => {
  setup.setTimeout(120_000);
  await build({ configFile: 'demo/vite.config.ts', logLevel: 'warn' });
});
