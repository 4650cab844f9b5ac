// Finds a Chromium for the tests: an explicit path, else Playwright's own build
// when installed, else the system's. So the same config works on a laptop and in CI.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * `headlessShell`: prefer Debian's chromium-headless-shell when installed (the benchmark and the
 * browser tests do): what Playwright itself runs headless. Chromium 156's full browser spends ~350 ms
 * of CPU in its own process per new page here, which a 2-core machine's page loads feel. The
 * screenshot tests keep the full browser their baselines were taken with.
 */
export function findChromium({ headlessShell = false } = {}) {
  const fromEnv = process.env.STAYMOD_CHROMIUM ?? process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`STAYMOD_CHROMIUM/CHROME_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  try {
    const require = createRequire(import.meta.url);
    const own = require('playwright-core').chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core absent or no browser downloaded: fall through to the system's.
  }
  // The binary, not /usr/bin's wrapper script, so closing the browser ends it.
  if (headlessShell && existsSync('/usr/lib/chromium/chromium-headless-shell')) return '/usr/lib/chromium/chromium-headless-shell';
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']) {
    if (existsSync(path)) return path;
  }
  throw new Error('No Chromium found: install one (Debian: apt-get install chromium; or npx playwright install chromium) or set STAYMOD_CHROMIUM=/path/to/chrome.');
}
