/**
 * `npm run bench`: what the widget and the proxy cost, as a markdown table where
 * every number stands next to a baseline measured in the same run (so a busy or
 * slow machine shifts both). Writes the table to bench/RESULTS.md with the date
 * and the machine. Loopback only, bounded loops. Run `npm run build` first.
 *
 *   npm run bench               everything (a few minutes)
 *   npm run bench -- --quick    fewer repetitions, for a smoke run
 *   node --import tsx bench/calendar.ts   the calendar's rows alone (interaction, memory)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { bundleRows } from './lib/bundle.js';
import { calendarRows } from './calendar.js';
import { launch, plainFetch, timeToPricedCalendar } from './lib/browser.js';
import { addedLatency, coalescing, stateCost, stateRows, throughput } from './lib/proxy.js';
import { startBenchStack } from './lib/stack.js';
import { markdownTable, ms, ratio, type ResultRow } from './lib/stats.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const LATENCY_MS = 100;
const SEQUENTIAL = quick ? 100 : 400;
const LOAD = quick ? 4000 : 20_000;

async function main(): Promise<number> {
  if (!existsSync('dist/staymod-booking.js') || !existsSync('dist/lib/index.js')) {
    console.error('dist/ is missing: run `npm run build` first.');
    return 1;
  }
  const machine = {
    date: new Date().toISOString(),
    cpus: availableParallelism(),
    model: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    load: loadavg().map((n) => n.toFixed(2)).join(' '),
  };
  const rows: ResultRow[] = [];
  const step = (what: string) => console.error(`bench: ${what}…`);

  step('bundle sizes');
  rows.push(...(await bundleRows()));

  const stack = await startBenchStack();
  const browser = await launch();
  try {
    const section = `Time to a priced calendar (sandbox latency ${LATENCY_MS} ms, median of ${RUNS} cold loads)`;
    for (const cpu of [1, 4]) {
      stack.latency.ms = LATENCY_MS;
      step(`time to priced calendar, CPU ${cpu}x`);
      const baseline = await plainFetch(browser, stack, cpu, RUNS);
      for (const mode of ['direct', 'proxy'] as const) {
        const t = await timeToPricedCalendar(browser, stack, mode, cpu, RUNS);
        rows.push({
          section,
          what: `${mode} mode, CPU ${cpu === 1 ? 'normal' : `${cpu}x throttled`}`,
          value: `${ms(t.ms)}: ${t.requests} requests in ${t.waves} round trip${t.waves === 1 ? '' : 's'}, ${t.latencies.toFixed(1)}× the latency`,
          baselineName: 'one plain fetch',
          baseline: ms(baseline),
          ratio: ratio(t.ms, baseline),
          note: mode === 'direct' ? 'each request waits for its CORS preflight (Authorization header): 2× the latency at best' : 'simple GETs, no preflight: 1× the latency at best (proxy to Staymod)',
        });
      }
    }
    stack.latency.ms = 0;

    rows.push(...(await calendarRows(browser, stack, step)));
  } finally {
    await browser.close();
  }

  try {
    const section = 'Proxy (loopback, Node, no Staymod latency)';
    step('proxy latency');
    const l = await addedLatency(stack, SEQUENTIAL);
    rows.push({ section, what: `p50, availability through the proxy (no cache), ${SEQUENTIAL} sequential`, value: ms(l.proxied.p50), baselineName: 'sandbox directly', baseline: ms(l.direct.p50), ratio: ratio(l.proxied.p50, l.direct.p50), note: `adds ${ms(l.proxied.p50 - l.direct.p50)}` });
    rows.push({ section, what: 'p99, availability through the proxy (no cache)', value: ms(l.proxied.p99), baselineName: 'sandbox directly', baseline: ms(l.direct.p99), ratio: ratio(l.proxied.p99, l.direct.p99), note: `adds ${ms(l.proxied.p99 - l.direct.p99)}` });
    rows.push({ section, what: 'p50, availability from the proxy cache', value: ms(l.cached.p50), baselineName: 'sandbox directly', baseline: ms(l.direct.p50), ratio: ratio(l.cached.p50, l.direct.p50) });
    step('proxy throughput');
    const t = await throughput(stack, LOAD);
    rows.push({ section, what: `requests/s from the cache, one proxy process (rooms, ${(t.bytes / 1000).toFixed(1)} kB, 32 connections)`, value: t.proxy.toFixed(0), baselineName: 'bare node:http, same bytes', baseline: t.bare.toFixed(0), ratio: ratio(t.proxy, t.bare) });
    step('proxy coalescing');
    const c = await coalescing(stack, 100);
    rows.push({ section, what: 'upstream calls for 100 identical concurrent availability requests (goal: 1)', value: String(c.proxied), baselineName: 'directly to the sandbox', baseline: String(c.direct), ratio: ratio(c.proxied, c.direct) });
    step('proxy state: Redis versus memory');
    rows.push(...stateRows(await stateCost(stack, quick ? 100 : 400), section));
  } finally {
    await stack.close();
  }

  const table = markdownTable(rows);
  console.log(table);
  const header = [
    '# Benchmark results',
    '',
    `Latest \`npm run bench${quick ? ' -- --quick' : ''}\`: ${machine.date}. Machine: ${machine.cpus} CPUs (${machine.model}), Node ${machine.node}, load average at start ${machine.load}.`,
    '',
    'Every value stands next to a baseline measured in the same run; the ratio is the number to compare across machines. ' +
      'Time to a priced calendar runs from navigation start to the first frame with a price, the sandbox delaying every answer (CORS preflights included) by the latency. ' +
      'A round trip is a wave of API requests (one started after an earlier answer arrived starts a new wave); "× the latency" is the time from the first API request to the last answer before that frame, over the latency (a CORS preflight adds one). ' +
      'Interaction times are one update of the widget (Lit render, style and layout). ' +
      'Requests/s: the server in its own process, the load generator in this one. ' +
      'Absolute times move with the machine and its load; the load average above says how busy it was.',
    '',
    '',
  ].join('\n');
  writeFileSync('bench/RESULTS.md', `${header}${table}\n`);
  console.error('bench: wrote bench/RESULTS.md');
  return 0;
}

process.exitCode = await main();
