/**
 * Browser measurements in Chromium: time to a priced calendar (ms and round
 * trips), re-render time on range hover and month change with 20 rooms x 62
 * nights, and heap growth per mount/unmount cycle after a warm-up.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { CHROMIUM_ARGS, findChromium } from '../../test/find-browser.mjs';
import { resetProxy, type Child } from './children.js';
import { directAttrs, TODAY, type BenchStack } from './stack.js';
import { heapCensus, type HeapCensus } from './heap.js';
import { median } from './stats.js';

/** The Chromium every browser row is measured in (RESULTS.md names it). */
export const BROWSER_PATH = findChromium({ headlessShell: true });

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: BROWSER_PATH, args: CHROMIUM_ARGS, headless: true });

/**
 * Chromium's network emulation for a page: every request (the page, its scripts, API calls and
 * their preflights) waits the latency and shares the bandwidth.
 */
export interface NetworkProfile {
  latencyMs: number;
  downKbps: number;
  upKbps: number;
}

/** A phone on a slow mobile network, as issue 14 and Lighthouse's mobile profile put it: 150 ms, 1.6 Mbit/s. */
export const PHONE_NETWORK: NetworkProfile = { latencyMs: 150, downKbps: 1600, upKbps: 750 };

export const describeNetwork = (n: NetworkProfile) => `${n.latencyMs} ms, ${n.downKbps / 1000} Mbit/s down, ${n.upKbps} kbit/s up`;

export async function newPage(browser: Browser, cpuRate: number, network?: NetworkProfile): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to page.evaluate keep those calls.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  const page = await context.newPage();
  if (cpuRate > 1 || network) {
    const cdp = await context.newCDPSession(page);
    if (cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    if (network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.latencyMs,
        downloadThroughput: (network.downKbps * 1000) / 8,
        uploadThroughput: (network.upKbps * 1000) / 8,
      });
    }
  }
  return { context, page };
}

/**
 * Resolves when the page logs `text` (the bench pages log when they are done). Listening costs the
 * page nothing, where \`waitForFunction\` would evaluate Playwright's injected script in it mid-load
 * (about 20 ms at normal CPU, 85 ms at 4×, measured in a trace), inside the time being measured.
 */
export function pageSays(page: Page, text: string): Promise<unknown> {
  return page.waitForEvent('console', { predicate: (message) => message.text() === text, timeout: 30_000 });
}

const query = (attrs: Record<string, string | number>) => new URLSearchParams(Object.entries(attrs).map(([k, v]) => [k, String(v)])).toString();

/**
 * The bench's pages: `baseline` makes one plain fetch to the sandbox and logs `staymod-bench:done`;
 * `direct` and `proxy` show the widget and log `staymod-bench:priced` at its first priced frame.
 */
export function benchPage(stack: BenchStack, mode: 'baseline' | 'direct' | 'proxy', proxy?: Child, build?: string): { url: string; done: string } {
  if (mode === 'baseline') {
    const target = `${stack.sandboxUrl}/api/public/v1/properties/${DEMO.propertyId}/rooms`;
    return { url: `${stack.hostUrl}/baseline.html?${query({ target })}`, done: 'staymod-bench:done' };
  }
  const attrs: Record<string, string> = mode === 'proxy' ? { 'property-id': DEMO.propertyId, 'proxy-url': proxy!.url, today: TODAY } : directAttrs(stack);
  if (build) attrs.build = build;
  return { url: `${stack.hostUrl}/widget.html?${query(attrs)}`, done: 'staymod-bench:priced' };
}

/** The page is 960 px wide: two months on screen, January and February of the frozen today. */
const SHOWN_UNTIL = '2027-02-28';

export interface CalendarTiming {
  ms: number;
  /** Waves of API requests before the priced frame: a request started after an earlier answer arrived is a new wave. */
  waves: number;
  /** First API request start to the last answer before the priced frame, in units of the sandbox latency. */
  latencies: number;
  /** API requests for what is on screen (rooms, extras, the visible months) made before the priced frame. */
  requests: number;
  /** Bytes on the wire of the script files that arrived before the priced frame (the first load as a guest pays it). */
  scriptBytes: number;
  /** The medians' runs, lowest and highest: on a small shared machine the spread is part of the result. */
  spread?: { ms: [number, number]; latencies: [number, number] };
}

/**
 * One cold page load (fresh context, a proxy with an empty cache) up to the first frame with a
 * price; `build` names another build the stack serves (bench/ab.ts), else dist/.
 */
export async function pricedOnce(browser: Browser, stack: BenchStack, api: { mode: 'direct' | 'proxy'; proxy: Child }, cpuRate: number, network?: NetworkProfile, build?: string): Promise<CalendarTiming> {
  if (api.mode === 'proxy') await resetProxy(api.proxy);
  const { url, done } = benchPage(stack, api.mode, api.proxy, build);
  const { context, page } = await newPage(browser, cpuRate, network);
  try {
    const priced = pageSays(page, done);
    await page.goto(url);
    await priced;
    const origin = api.mode === 'proxy' ? api.proxy.url : stack.sandboxUrl;
    return await page.evaluate(
      ({ origin, latency, lastShown }) => {
        const pricedAt = (window as unknown as { __pricedAt: number }).__pricedAt;
        // The prefetch of the month after the visible ones is not needed for this frame.
        const needed = (url: string) => (new URL(url).searchParams.get('from') ?? '') <= lastShown;
        const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.name.startsWith(origin) && e.name.includes('/api/public/v1/') && e.startTime < pricedAt && needed(e.name))
          .sort((a, b) => a.startTime - b.startTime);
        let waves = 0;
        let firstEnd = -Infinity;
        for (const e of entries) {
          if (e.startTime >= firstEnd) {
            waves++;
            firstEnd = e.responseEnd;
          } else firstEnd = Math.min(firstEnd, e.responseEnd);
        }
        const first = entries[0]?.startTime ?? pricedAt;
        const last = Math.max(...entries.filter((e) => e.responseEnd <= pricedAt).map((e) => e.responseEnd), first);
        // Same-origin files, so their sizes are visible (the API's, cross-origin, are not).
        const scriptBytes = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.name.startsWith(location.origin) && e.name.endsWith('.js') && e.responseEnd <= pricedAt)
          .reduce((sum, e) => sum + e.transferSize, 0);
        return { ms: pricedAt, waves, latencies: (last - first) / latency, requests: entries.length, scriptBytes };
      },
      { origin, latency: network?.latencyMs ?? stack.latency, lastShown: SHOWN_UNTIL },
    );
  } finally {
    await context.close();
  }
}

/** The baseline: a page that makes one plain fetch to the sandbox, navigation start to the body read. */
async function plainFetchOnce(browser: Browser, stack: BenchStack, cpuRate: number, network?: NetworkProfile): Promise<{ ms: number; intlMs: number }> {
  const { context, page } = await newPage(browser, cpuRate, network);
  try {
    const { url, done } = benchPage(stack, 'baseline');
    const answered = pageSays(page, done);
    await page.goto(url);
    await answered;
    return await page.evaluate(() => {
      const w = window as unknown as { __doneAt: number; __intlMs: number };
      return { ms: w.__doneAt, intlMs: w.__intlMs };
    });
  } finally {
    await context.close();
  }
}

const range = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];

const medianTiming = (results: CalendarTiming[]): CalendarTiming => ({
  ms: median(results.map((r) => r.ms)),
  waves: median(results.map((r) => r.waves)),
  latencies: median(results.map((r) => r.latencies)),
  requests: median(results.map((r) => r.requests)),
  scriptBytes: median(results.map((r) => r.scriptBytes)),
  spread: { ms: range(results.map((r) => r.ms)), latencies: range(results.map((r) => r.latencies)) },
});

/**
 * Time to a priced calendar in direct and proxy mode against one plain fetch, the
 * three interleaved so drift hits them alike; medians of `runs` cold page loads
 * (after one unmeasured round that warms the servers). `proxy` runs in its own
 * process; its cache is emptied before each load. With `network`, Chromium emulates it
 * (set the sandbox's own latency to 0 then: the emulation adds it to every request).
 */
export async function pricedCalendar(
  browser: Browser,
  stack: BenchStack,
  proxy: Child,
  cpuRate: number,
  runs: number,
  network?: NetworkProfile,
): Promise<{ baseline: number; intlMs: number; direct: CalendarTiming; proxy: CalendarTiming }> {
  const baseline: number[] = [];
  const intl: number[] = [];
  const direct: CalendarTiming[] = [];
  const proxied: CalendarTiming[] = [];
  for (let i = -1; i < runs; i++) {
    const b = await plainFetchOnce(browser, stack, cpuRate, network);
    const d = await pricedOnce(browser, stack, { mode: 'direct', proxy }, cpuRate, network);
    const p = await pricedOnce(browser, stack, { mode: 'proxy', proxy }, cpuRate, network);
    if (i < 0) continue; // warm-up round
    baseline.push(b.ms);
    intl.push(b.intlMs);
    direct.push(d);
    proxied.push(p);
  }
  return { baseline: median(baseline), intlMs: median(intl), direct: medianTiming(direct), proxy: medianTiming(proxied) };
}

export interface Interaction {
  hover: number;
  month: number;
  emptyRerender: number;
  rooms: number;
  nights: number;
}

/** Re-render times with many rooms over July and August (62 nights on screen). */
export async function interaction(browser: Browser, stack: BenchStack, rooms: number): Promise<Interaction> {
  const { context, page } = await newPage(browser, 1);
  try {
    await page.goto(`${stack.hostUrl}/widget.html?${query({ ...directAttrs(stack), today: '2027-07-01', months: 2 })}`);
    await page.waitForFunction(() => (window as unknown as { __pricedAt?: number }).__pricedAt !== undefined, undefined, { timeout: 30_000, polling: 50 });
    const measured = await page.evaluate(async () => {
      type Lit = HTMLElement & { updateComplete: Promise<unknown> };
      const booking = document.querySelector('staymod-booking') as Lit;
      const calendar = () => booking.shadowRoot!.querySelector('staymod-calendar') as Lit;
      const day = (d: string) => calendar().shadowRoot!.querySelector<HTMLButtonElement>(`button[data-date="${d}"]`)!;
      const settle = async () => {
        await booking.updateComplete;
        await calendar().updateComplete;
        document.body.offsetHeight; // style and layout, not just the script
      };
      const nights = calendar().shadowRoot!.querySelectorAll('button[data-date]').length;
      // Range hover: check-in on 5 July, then the pointer over each later day.
      day('2027-07-05').click();
      await settle();
      const hover: number[] = [];
      for (let d = 6; d <= 31; d++) {
        const target = day(`2027-07-${String(d).padStart(2, '0')}`);
        const t0 = performance.now();
        target.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
        await settle();
        hover.push(performance.now() - t0);
      }
      // Month change, back and forth over months already loaded (the next one is prefetched); 40 samples: a busy machine is noisy.
      const nav = (label: string) => calendar().shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
      const month: number[] = [];
      for (let i = 0; i < 42; i++) {
        const t0 = performance.now();
        nav(i % 2 ? 'Previous month' : 'Next month').click();
        await settle();
        if (i >= 2) month.push(performance.now() - t0);
      }
      return { hover, month, nights };
    });
    await page.goto(`${stack.hostUrl}/empty-lit.html`);
    await page.waitForFunction(() => typeof (window as unknown as { __emptyRerender?: unknown }).__emptyRerender === 'function');
    const empty: number[] = [];
    for (let i = 0; i < 5; i++) empty.push(await page.evaluate(() => (window as unknown as { __emptyRerender: (n: number) => Promise<number> }).__emptyRerender(500)));
    return { hover: median(measured.hover), month: median(measured.month), emptyRerender: median(empty), rooms, nights: measured.nights };
  } finally {
    await context.close();
  }
}

export interface HeapReading {
  /** Runtime.getHeapUsage after forced GC: the whole JS heap, compiled code included. */
  heap: number;
  /** What the heap holds, by kind, from a snapshot taken right after. */
  census: HeapCensus;
}

/** One page: readings after 1 cycle, after the warm-up, and after each block of measured cycles. */
export interface MemoryRun {
  after1: HeapReading;
  afterWarmup: HeapReading;
  blocks: HeapReading[];
}

export interface MemoryOptions {
  /** Cycles before the baseline: V8 compiles, caches fill, the first language and chunks load. */
  warmup: number;
  /** Cycles per measured block; growth is reported per block, so a later block shows whether it flattens. */
  block: number;
  blocks: number;
  /** Fresh pages, for the spread between runs. */
  pages: number;
}

/**
 * Mount/unmount cycles of <staymod-booking> (mount, wait for prices, remove) in fresh pages:
 * JS heap after forced GC after one cycle, after a warm-up and after each measured block,
 * with a heap snapshot census at the warm-up and each block end (what grew: objects, DOM, code).
 */
export async function memory(browser: Browser, stack: BenchStack, options: MemoryOptions = { warmup: 50, block: 200, blocks: 2, pages: 3 }): Promise<MemoryRun[]> {
  const runs: MemoryRun[] = [];
  for (let p = 0; p < options.pages; p++) runs.push(await memoryRun(browser, stack, options));
  return runs;
}

async function memoryRun(browser: Browser, stack: BenchStack, options: MemoryOptions): Promise<MemoryRun> {
  const { context, page } = await newPage(browser, 1);
  try {
    await page.goto(`${stack.hostUrl}/widget.html?${query({ ...directAttrs(stack), count: 0 })}`);
    await page.waitForFunction(() => !!customElements.get('staymod-booking'));
    const cdp = await context.newCDPSession(page);
    const cycles = (n: number) =>
      page.evaluate(
        async ({ n, attrs }) => {
          type Lit = HTMLElement & { updateComplete: Promise<unknown> };
          for (let i = 0; i < n; i++) {
            const el = document.createElement('staymod-booking') as Lit;
            for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
            document.body.append(el);
            const priced = () => el.shadowRoot?.querySelector('staymod-calendar')?.shadowRoot?.querySelector('button[data-date][aria-label*="₹"]');
            for (let t = 0; t < 500 && !priced(); t++) {
              await el.updateComplete;
              await (el.shadowRoot?.querySelector('staymod-calendar') as Lit | null)?.updateComplete;
              if (!priced()) await new Promise((r) => requestAnimationFrame(r));
            }
            if (!priced()) throw new Error(`mount ${i}: no prices`);
            el.remove();
          }
        },
        { n, attrs: directAttrs(stack) },
      );
    const read = async (): Promise<HeapReading> => {
      // Unmount work (microtasks, the frame-batched update) finishes, then two collections for a stable figure.
      await page.waitForTimeout(200);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      return { heap, census: await heapCensus(cdp) };
    };
    await cycles(1);
    const after1 = await read();
    await cycles(options.warmup - 1);
    const afterWarmup = await read();
    const blocks: HeapReading[] = [];
    for (let b = 0; b < options.blocks; b++) {
      await cycles(options.block);
      blocks.push(await read());
    }
    return { after1, afterWarmup, blocks };
  } finally {
    await context.close();
  }
}
