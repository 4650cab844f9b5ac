// Unit and component tests in a real Chromium. Files named *.tz.test.ts run once
// per time zone below, so date code is proven independent of the browser's zone.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './test/find-browser.mjs';
import { failureDigestReporter } from './test/wtr-failure-digest.mjs';
import { sandboxPlugin } from './test/wtr-sandbox-plugin.mjs';

const executablePath = findChromium({ headlessShell: true });
export const TIME_ZONES = ['Pacific/Pago_Pago', 'America/Los_Angeles', 'UTC', 'Asia/Kolkata', 'Pacific/Auckland', 'Pacific/Kiritimati'];

function chromium(timezoneId) {
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS, headless: true },
    createBrowserContext: ({ browser }) => browser.newContext(timezoneId ? { timezoneId } : {}),
  });
}

// WTR_FILES="src/components/calendar/**/*.test.ts" runs just those files once (while developing).
const only = process.env.WTR_FILES;

export default {
  nodeResolve: true,
  concurrency: 2,
  reporters: [defaultReporter(), failureDigestReporter()],
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), sandboxPlugin()],
  ...(only ? { files: only.split(','), browsers: [chromium()] } : {}),
  groups: only ? [] : [
    { name: 'unit', files: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', '!**/*.tz.test.ts'], browsers: [chromium()] },
    ...TIME_ZONES.map((tz) => ({
      name: `tz-${tz.replace(/\W/g, '_')}`,
      files: ['src/**/*.tz.test.ts', 'test/unit/**/*.tz.test.ts'],
      browsers: [chromium(tz)],
    })),
  ],
};
