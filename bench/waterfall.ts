/**
 * When each API request of a cold load ends, from the first request's start: one plain fetch,
 * direct mode and proxy mode, interleaved, sandbox latency 100 ms. Shows the spread behind the
 * bench's "× the latency" medians (docs/performance.md, time to a priced calendar).
 *
 *   npm run build && node --import tsx bench/waterfall.ts [rounds, default 3]
 *
 * Each request is printed with its start and end in epoch milliseconds; with BENCH_TRACE=1 the
 * sandbox and proxy processes print when each request reached them and when they finished it on
 * the same clock (lines starting "trace"), so a load's time splits into browser, proxy and sandbox.
 */
import { benchPage, launch, newPage, pageSays } from './lib/browser.js';
import { resetProxy, startProxy } from './lib/children.js';
import { startBenchStack } from './lib/stack.js';
import { DEMO } from '../src/sandbox/demo-data.js';

const ROUNDS = Number(process.argv[2] ?? 3) || 3;
const LATENCY_MS = 100;

const stack = await startBenchStack();
const browser = await launch();
const proxy = await startProxy({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], allowedOrigins: [stack.hostUrl], upstream: stack.sandboxUrl, rateLimit: false });

try {
  await stack.setLatency(LATENCY_MS);
  // Round 0 warms the servers and the browser; it is not printed.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const mode of ['baseline', 'direct', 'proxy'] as const) {
      if (mode === 'proxy') await resetProxy(proxy);
      const { url, done } = benchPage(stack, mode, proxy);
      const { context, page } = await newPage(browser, 1);
      const finished = pageSays(page, done);
      await page.goto(url);
      await finished;
      const ends = await page.evaluate(() => {
        const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/api/public/v1/'));
        const first = Math.min(...entries.map((e) => e.startTime));
        return entries.map((e) => {
          const url = new URL(e.name);
          return `${url.pathname.split('/').pop()}${url.searchParams.has('from') ? ` ${url.searchParams.get('from')}` : ''} ${Math.round(e.responseEnd - first)} ms [${(performance.timeOrigin + e.startTime).toFixed(1)}–${(performance.timeOrigin + e.responseEnd).toFixed(1)}]`;
        });
      });
      if (round > 0) console.log(`round ${round}, ${mode}: ${ends.join(', ')}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await proxy.stop();
  await stack.close();
}
