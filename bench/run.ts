/**
 * `npm run bench`: what the widget and the proxy cost, as a markdown table where
 * every number stands next to a baseline measured in the same run (so a busy or
 * slow machine shifts both). Writes the table to bench/RESULTS.md with the date
 * and the machine. Loopback only, bounded loops. Run `npm run build` first.
 *
 *   npm run bench               everything (a few minutes)
 *   npm run bench -- --quick    fewer repetitions, for a smoke run
 *   npm run bench -- --proxy    only the proxy rows (does not write RESULTS.md)
 *   node --import tsx bench/calendar.ts   the calendar's rows alone (interaction, memory)
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { bundleRows } from './lib/bundle.js';
import { BROWSER_PATH, describeNetwork, launch, PHONE_NETWORK, pricedCalendar, type CalendarTiming } from './lib/browser.js';
import { calendarRows } from './calendar.js';
import { startProxy } from './lib/children.js';
import { addedLatency, coalescing, LOAD_GENERATOR, monthBytes, stateCost, stateRows, throughput } from './lib/proxy.js';
import { DEMO } from '../src/sandbox/demo-data.js';
import { startBenchStack, type BenchStack } from './lib/stack.js';
import { kB, markdownTable, median, ms, ratio, type ResultRow } from './lib/stats.js';

const quick = process.argv.includes('--quick');
const proxyOnly = process.argv.includes('--proxy');
// Seven cold loads per subject: on a 2-core machine single loads move by 0.5x the latency and more.
const RUNS = quick ? 2 : 7;
const LATENCY_MS = 100;
const SEQUENTIAL = quick ? 100 : 400;
const LOAD = quick ? 4000 : 20_000;

/** Which Chromium measured the browser rows (they are not comparable across browsers). */
let browserName = 'none';

/** Bundle sizes, then everything measured in Chromium. */
async function browserRows(stack: BenchStack, rows: ResultRow[], step: (what: string) => void): Promise<void> {
  step('bundle sizes');
  rows.push(...(await bundleRows()));
  const browser = await launch();
  browserName = `${basename(BROWSER_PATH)} ${browser.version()}`;
  // The proxy the browser talks to, in its own process; its cache is emptied before each cold load.
  const pageProxy = await startProxy({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], allowedOrigins: [stack.hostUrl], upstream: stack.sandboxUrl, rateLimit: false });
  try {
    const section = `Time to a priced calendar (sandbox and proxy in their own processes, sandbox latency ${LATENCY_MS} ms, median of ${RUNS} cold loads, interleaved)`;
    await stack.setLatency(LATENCY_MS);
    for (const cpu of [1, 4]) {
      step(`time to priced calendar, CPU ${cpu}x`);
      const t = await pricedCalendar(browser, stack, pageProxy, cpu, RUNS);
      const row = (mode: 'direct' | 'proxy', timing: CalendarTiming): ResultRow => ({
        section,
        what: `${mode} mode, CPU ${cpu === 1 ? 'normal' : `${cpu}x throttled`}`,
        value: `${ms(timing.ms)}: ${timing.requests} requests in ${timing.waves} round trip${timing.waves === 1 ? '' : 's'}, ${timing.latencies.toFixed(1)}× the latency`,
        baselineName: 'one plain fetch',
        baseline: ms(t.baseline),
        ratio: ratio(timing.ms, t.baseline),
        note: `${mode === 'direct' ? 'each request waits for its CORS preflight (Authorization header): 2× the latency at best' : 'simple GETs, no preflight: 1× the latency at best (proxy to Staymod)'}${spreadNote(timing)}`,
      });
      rows.push(row('direct', t.direct), row('proxy', t.proxy));
      rows.push({
        section,
        what: `the floor for a priced frame, CPU ${cpu === 1 ? 'normal' : `${cpu}x throttled`}: one plain fetch, then a fresh page's first Intl price and month name`,
        value: ms(t.baseline + t.intlMs),
        baselineName: 'one plain fetch',
        baseline: ms(t.baseline),
        ratio: ratio(t.baseline + t.intlMs, t.baseline),
        note: `the first Intl.NumberFormat and DateTimeFormat of a renderer load ICU's locale data: ${ms(t.intlMs)} here, paid by any widget that shows a formatted price (the widget pays it while its requests are out)`,
      });
    }
    await stack.setLatency(0);

    // A phone on a slow network: Chromium adds the latency to every request and shares the bandwidth,
    // so the bytes of the script files count; Staymod's answers come compressed, as its host sends them.
    step('time to priced calendar, phone profile');
    await stack.setCompression(true);
    try {
      const phone = await pricedCalendar(browser, stack, pageProxy, 4, RUNS, PHONE_NETWORK);
      const phoneSection = `Time to a priced calendar on a phone profile (CPU 4x throttled; network ${describeNetwork(PHONE_NETWORK)}, emulated by Chromium for every request; files and answers compressed (gzip: Chromium asks for no brotli over http); median of ${RUNS} cold loads, interleaved)`;
      for (const [mode, timing] of [['direct', phone.direct], ['proxy', phone.proxy]] as const) {
        rows.push({
          section: phoneSection,
          what: `${mode} mode`,
          value: `${ms(timing.ms)}: ${timing.requests} requests in ${timing.waves} round trip${timing.waves === 1 ? '' : 's'}, ${timing.latencies.toFixed(1)}× the latency`,
          baselineName: 'one plain fetch',
          baseline: ms(phone.baseline),
          ratio: ratio(timing.ms, phone.baseline),
          note: `script files before the priced frame: ${kB(timing.scriptBytes)} on the wire${spreadNote(timing)}`,
        });
      }
    } finally {
      await stack.setCompression(false);
    }

    rows.push(...(await calendarRows(browser, stack, step)));
  } finally {
    await browser.close();
    await pageProxy.stop();
  }
}

/** The lowest and highest run, so a reader sees how far one run can be from the median. */
function spreadNote(timing: CalendarTiming): string {
  const s = timing.spread;
  if (!s) return '';
  return `; runs from ${ms(s.ms[0])} to ${ms(s.ms[1])}, ${s.latencies[0].toFixed(1)}× to ${s.latencies[1].toFixed(1)}× the latency`;
}

/** Why dist/ cannot be measured (missing, or older than a source file), or undefined when it can. */
function staleBuild(): string | undefined {
  const built = ['dist/staymod-booking.js', 'dist/lib/index.js', 'dist/lib/proxy/node.js'];
  const missing = built.find((file) => !existsSync(file));
  if (missing) return `${missing} is missing`;
  const oldest = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const newer = readdirSync('src', { recursive: true, encoding: 'utf8' }).find(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('test-utils') && statSync(join('src', file)).mtimeMs > oldest,
  );
  return newer ? `src/${newer} is newer than dist/` : undefined;
}

const loadNow = () => loadavg().map((n) => n.toFixed(2)).join(' ');

async function main(): Promise<number> {
  const stale = staleBuild();
  if (stale) {
    console.error(`${stale}: run \`npm run build\` first (the bench measures the built widget and proxy).`);
    return 1;
  }
  const machine = {
    date: new Date().toISOString(),
    cpus: availableParallelism(),
    model: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    load: loadNow(),
  };
  const rows: ResultRow[] = [];
  const step = (what: string) => console.error(`bench: ${what}…`);

  const stack = await startBenchStack();
  step('proxy bytes per month');
  const bytes = await monthBytes(stack); // the demo's rooms: before the interaction step adds more
  if (!proxyOnly) await browserRows(stack, rows, step);

  try {
    const section = 'Proxy (loopback, Node, every server in its own process, no Staymod latency)';
    step('proxy latency');
    const l = await addedLatency(stack, SEQUENTIAL);
    const adds = (value: number) => `adds ${ms(value - l.direct.p50)}`;
    rows.push({ section, what: `p50, availability through the proxy (no cache, identity), ${SEQUENTIAL} sequential in 5 rounds`, value: ms(l.proxied.p50), baselineName: 'sandbox directly', baseline: ms(l.direct.p50), ratio: ratio(l.proxied.p50, l.direct.p50), note: `${adds(l.proxied.p50)} (goal: at most 1 ms), of which one loopback round trip (below) ${ms(l.hop.p50)}; a bare forwarder (below) ${adds(l.forward.p50)}` });
    rows.push({ section, what: 'p50, the same through the proxy against a bare forwarder (node:http piping the sandbox\'s answer through untouched, keep-alive upstream)', value: ms(l.proxied.p50), baselineName: 'bare forwarder', baseline: ms(l.forward.p50), ratio: ratio(l.proxied.p50, l.forward.p50), note: `the proxy's own work (reading, checking, rewriting the answer): ${ms(l.proxied.p50 - l.forward.p50)}; the forwarder ${adds(l.forward.p50)} over the sandbox directly, the floor on this machine for any proxy that calls upstream` });
    rows.push({ section, what: 'p50, availability through the proxy (no cache), brotli as a browser asks', value: ms(l.proxiedBrotli.p50), baselineName: 'sandbox directly, identity', baseline: ms(l.direct.p50), ratio: ratio(l.proxiedBrotli.p50, l.direct.p50), note: `${adds(l.proxiedBrotli.p50)}, compressing included` });
    rows.push({ section, what: 'p99, availability through the proxy (no cache, identity)', value: ms(l.proxied.p99), baselineName: 'sandbox directly', baseline: ms(l.direct.p99), ratio: ratio(l.proxied.p99, l.direct.p99), note: `adds ${ms(l.proxied.p99 - l.direct.p99)}` });
    rows.push({ section, what: 'p50, one loopback round trip: a bare node:http server answering the same availability bytes', value: ms(l.hop.p50), baselineName: 'sandbox directly', baseline: ms(l.direct.p50), ratio: ratio(l.hop.p50, l.direct.p50), note: 'the least any proxy adds: its own hop to the sandbox' });
    rows.push({ section, what: 'p50, availability from the proxy cache', value: ms(l.cached.p50), baselineName: 'sandbox directly', baseline: ms(l.direct.p50), ratio: ratio(l.cached.p50, l.direct.p50) });
    step('proxy throughput');
    const t = await throughput(stack, LOAD);
    rows.push({ section, what: `requests/s from the cache, one proxy process (rooms, ${(t.bytes / 1000).toFixed(1)} kB, 32 connections)`, value: t.proxy.toFixed(0), baselineName: 'bare node:http, same bytes', baseline: t.bare.toFixed(0), ratio: `${median(t.ratios).toFixed(2)}×`, note: `goal: at least 0.80×; load from ${LOAD_GENERATOR}; ratio: median of ${t.ratios.length} interleaved pairs (${t.ratios.map((r) => r.toFixed(2)).join(', ')}); values: medians` });
    const b = bytes;
    rows.push({ section, what: 'bytes for a month of availability (February), brotli', value: kB(b.br), baselineName: 'uncompressed', baseline: kB(b.identity), ratio: ratio(b.br, b.identity), note: 'Accept-Encoding: br' });
    rows.push({ section, what: 'bytes for a month of availability (February), gzip', value: kB(b.gzip), baselineName: 'uncompressed', baseline: kB(b.identity), ratio: ratio(b.gzip, b.identity), note: 'Accept-Encoding: gzip' });
    step('proxy coalescing');
    const c = await coalescing(stack, 100);
    rows.push({ section, what: 'upstream calls for 100 identical concurrent availability requests (goal: 1)', value: String(c.proxied), baselineName: 'directly to the sandbox', baseline: String(c.direct), ratio: ratio(c.proxied, c.direct) });
    step('proxy state: Redis versus memory');
    if (!proxyOnly) rows.push(...stateRows(await stateCost(stack, quick ? 100 : 400), 'Proxy state (both proxies in the bench process)'));
  } finally {
    await stack.close();
  }

  const table = markdownTable(rows);
  console.log(table);
  if (proxyOnly) return 0;
  const header = [
    '# Benchmark results',
    '',
    `Latest \`npm run bench${quick ? ' -- --quick' : ''}\`: ${machine.date}. Machine: ${machine.cpus} CPUs (${machine.model}), Node ${machine.node}, browser ${browserName}, load average (1, 5, 15 min) at start ${machine.load}, at the end ${loadNow()}.`,
    '',
    'Every value stands next to a baseline measured in the same run; the ratio is the number to compare across machines. ' +
      'Time to a priced calendar runs from navigation start to the first frame with a price, the sandbox delaying every answer (CORS preflights included) by the latency. ' +
      'A round trip is a wave of API requests (one started after an earlier answer arrived starts a new wave); "× the latency" is the time from the first API request to the last answer before that frame, over the latency (a CORS preflight adds one). ' +
      'Interaction times are one update of the widget (Lit render, style and layout). ' +
      'Every server (sandbox, proxy, bare node:http) runs in its own process, warmed before it is measured; the bench process is the client, serves the host page and runs the two proxies of the Redis rows. ' +
      'Latency rows are the median over rounds of each round\'s p50, the subjects interleaved; requests/s the medians of interleaved runs and their ratio the median of each pair\'s ratio, the load generator in the bench process. ' +
      'Absolute times move with the machine and its load; the load average above says how busy it was.',
    '',
    '',
  ].join('\n');
  writeFileSync('bench/RESULTS.md', `${header}${table}\n`);
  console.error('bench: wrote bench/RESULTS.md');
  return 0;
}

process.exitCode = await main();
