/**
 * `npm test`: every suite, in order, each in its own process. Keeps going after a
 * failure so one run shows everything, and exits non-zero if any step failed.
 */
import { spawnSync } from 'node:child_process';

const steps: Array<[name: string, command: string]> = [
  ['typecheck', 'npx tsc --noEmit -p .'],
  ['shipped typings (no skipLibCheck)', 'npm run typecheck:types --silent'],
  // Before the build, which rewrites custom-elements.json: compare with the COMMITTED file.
  ['custom-elements.json is current', 'npm run cem:check --silent'],
  ['build', 'npm run build --silent'],
  ['examples: pack, install, vite build', 'npm run examples:build --silent'],
  ['sandbox + proxy (node)', 'node --import tsx --test --test-concurrency=1 test/node/*.test.ts'],
  ['proxy in workerd (Miniflare)', 'node --import tsx --test test/worker/*.test.ts'],
  ['unit + component (browser)', 'npm run test:unit --silent'],
  ['end to end (Playwright)', 'npx playwright test'],
  ['bundle budget', 'npm run size --silent -- --check'],
];

const only = process.argv.slice(2);
const results: Array<[string, boolean, number]> = [];
for (const [name, command] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n━━ ${name}: ${command}`);
  const started = Date.now();
  const run = spawnSync(command, { stdio: 'inherit', shell: true, env: { ...process.env, FORCE_COLOR: '0' } });
  results.push([name, run.status === 0, Date.now() - started]);
}

console.log('\n━━ summary');
for (const [name, ok, ms] of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${(ms / 1000).toFixed(1)} s)`);
const failed = results.filter(([, ok]) => !ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
