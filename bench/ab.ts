/**
 * Two builds of the script-tag files, A and B, compared by time to a priced calendar: cold loads
 * in the same browser against the same sandbox and proxy, A and B taking turns (each first in
 * every other round), so the machine's drift hits both alike. The bench host serves each build's
 * files (/build/a/, /build/b/) as it serves dist/ in `npm run bench`. B/A comes with a 95%
 * interval from resampling each build's loads; running a build against itself shows the noise.
 * For a change's before and after:
 *
 *   npm run build && cp -r dist /tmp/new
 *   git stash && npm run build && cp -r dist /tmp/old && git stash pop && npm run build
 *   node --import tsx bench/ab.ts /tmp/old /tmp/new [--runs 12] [--cpu 1,4] [--mode proxy,direct] [--phone]
 *
 * `--phone` loads over the bench's phone network profile (PHONE_NETWORK: throttled bandwidth and latency).
 *
 * Prints the median and range of each build, and B's median over A's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, PHONE_NETWORK, pricedOnce } from './lib/browser.js';
import { startProxy } from './lib/children.js';
import { startBenchStack } from './lib/stack.js';
import { median } from './lib/stats.js';
import { DEMO } from '../src/sandbox/demo-data.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const builds = args.filter((arg, i) => !arg.startsWith('--') && !/^--(runs|cpu|mode)$/.test(args[i - 1] ?? ''));
if (builds.length !== 2) {
  console.error('usage: bench/ab.ts <build A dir> <build B dir> [--runs 12] [--cpu 1,4] [--mode proxy,direct] [--phone]');
  process.exit(2);
}
const RUNS = Number(option('runs', '12'));
const CPUS = option('cpu', '1,4').split(',').map(Number);
const MODES = option('mode', 'proxy').split(',') as Array<'proxy' | 'direct'>;
const NETWORK = args.includes('--phone') ? PHONE_NETWORK : undefined;
const problem =
  builds.find((dir) => !existsSync(join(dir, 'staymod-booking.js'))) !== undefined
    ? 'each build directory must hold staymod-booking.js (and its chunks)'
    : !Number.isInteger(RUNS) || RUNS < 2
      ? '--runs must be a whole number of at least 2'
      : CPUS.some((cpu) => !(cpu >= 1)) || MODES.some((mode) => mode !== 'proxy' && mode !== 'direct')
        ? '--cpu takes rates of 1 or more, --mode proxy and/or direct'
        : '';
if (problem) {
  console.error(`bench/ab.ts: ${problem}`);
  process.exit(2);
}

/** B's median over A's, and a 95% interval for it from resampling each build's loads (2000 draws). */
function ratioInterval(a: number[], b: number[]): [number, number] {
  const draw = (xs: number[]) => median(xs.map(() => xs[Math.floor(Math.random() * xs.length)]!));
  const ratios = Array.from({ length: 2000 }, () => draw(b) / draw(a)).sort((x, y) => x - y);
  return [ratios[50]!, ratios[1949]!];
}

const LATENCY_MS = 100;

const NAMES = ['a', 'b'] as const;
const stack = await startBenchStack({ a: builds[0]!, b: builds[1]! });
const browser = await launch();
const proxy = await startProxy({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], allowedOrigins: [stack.hostUrl], upstream: stack.sandboxUrl, rateLimit: false });
try {
  await stack.setLatency(LATENCY_MS);
  for (const cpu of CPUS) {
    for (const mode of MODES) {
      const times: number[][] = builds.map(() => []);
      // Round -1 warms the servers and the browser; it is not counted.
      for (let round = -1; round < RUNS; round++) {
        // A first in even rounds, B first in odd ones: neither gains from its place in the round.
        for (const i of round % 2 ? [1, 0] : [0, 1]) {
          const { ms } = await pricedOnce(browser, stack, { mode, proxy }, cpu, NETWORK, NAMES[i]);
          if (round >= 0) times[i]!.push(ms);
        }
      }
      const [a, b] = times.map((t) => ({ median: median(t), low: Math.min(...t), high: Math.max(...t) }));
      const show = (name: string, s: typeof a) => `${name} ${s!.median.toFixed(0)} ms [${s!.low.toFixed(0)}-${s!.high.toFixed(0)}]`;
      const [low, high] = ratioInterval(times[0]!, times[1]!);
      console.log(`${mode} mode, CPU ${cpu}x${NETWORK ? ', phone network' : ''}, ${RUNS} loads each: ${show('A', a)}, ${show('B', b)}; B/A ${(b!.median / a!.median).toFixed(3)} (95%: ${low.toFixed(3)}-${high.toFixed(3)})`);
    }
  }
} finally {
  await browser.close();
  await proxy.stop();
  await stack.close();
}
