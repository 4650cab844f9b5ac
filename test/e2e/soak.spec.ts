/**
 * Soak: the widget mounted and unmounted 200 times in one page, as an SPA route
 * would (with prices on screen, and every fourth time with dates picked so the
 * room list renders too). Afterwards nothing of it may keep running or growing.
 *
 * How it is counted:
 * - query observers: the shared QueryClient through its test-only hook (a page that
 *   defines `window.__staymodTestHooks` before the widget loads gets the client in
 *   it; see src/data/queries.ts). Zero observers once every widget is gone.
 * - timers, window/document listeners and ResizeObserver targets: the page's own
 *   functions wrapped by an init script, counting what is live.
 * - heap: CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage after 1, 101 and
 *   201 cycles: the second hundred must not add what the first added (no linear growth).
 */
import { DEMO, E2E, day, expect, hostUrl, test } from './fixtures.js';

interface Snapshot {
  observers: number;
  queries: number;
  timers: number;
  intervals: number;
  windowListeners: number;
  documentListeners: number;
  resizeTargets: number;
  widgets: number;
  heap: number;
}

/** Installs the counters before any page script runs. */
function instrument(): void {
  const w = window as unknown as Record<string, unknown>;
  w.__staymodTestHooks = {};
  const timers = new Set<unknown>();
  const intervals = new Set<unknown>();
  const setT = window.setTimeout.bind(window);
  const clearT = window.clearTimeout.bind(window);
  const setI = window.setInterval.bind(window);
  const clearI = window.clearInterval.bind(window);
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = setT(() => {
      timers.delete(id);
      if (typeof fn === 'function') fn(...args);
    }, ms);
    timers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    timers.delete(id);
    clearT(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = setI(() => typeof fn === 'function' && fn(...args), ms);
    intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    intervals.delete(id);
    clearI(id);
  }) as typeof window.clearInterval;

  // Listeners on window and document outlive any element: count them exactly (type, function, capture).
  const ids = new WeakMap<object, number>();
  let next = 0;
  const live = new Map<EventTarget, Set<string>>();
  const keyOf = (type: string, fn: unknown, options: unknown) => {
    if (fn && typeof fn === 'object' || typeof fn === 'function') {
      if (!ids.has(fn as object)) ids.set(fn as object, next++);
    }
    const capture = typeof options === 'boolean' ? options : !!(options as { capture?: boolean } | undefined)?.capture;
    return `${type}|${ids.get(fn as object)}|${capture}`;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type: string, fn: unknown, options?: unknown) {
    if ((this === window || this === document) && fn && !(options as { once?: boolean } | undefined)?.once) {
      if (!live.has(this)) live.set(this, new Set());
      live.get(this)!.add(keyOf(type, fn, options));
    }
    return add.call(this, type, fn as EventListener, options as AddEventListenerOptions);
  };
  EventTarget.prototype.removeEventListener = function (type: string, fn: unknown, options?: unknown) {
    if (this === window || this === document) live.get(this)?.delete(keyOf(type, fn, options));
    return remove.call(this, type, fn as EventListener, options as EventListenerOptions);
  };

  let resizeTargets = 0;
  const Native = window.ResizeObserver;
  window.ResizeObserver = class extends Native {
    #targets = new Set<Element>();
    override observe(target: Element, options?: ResizeObserverOptions) {
      if (!this.#targets.has(target)) resizeTargets++;
      this.#targets.add(target);
      super.observe(target, options);
    }
    override unobserve(target: Element) {
      if (this.#targets.delete(target)) resizeTargets--;
      super.unobserve(target);
    }
    override disconnect() {
      resizeTargets -= this.#targets.size;
      this.#targets.clear();
      super.disconnect();
    }
  };

  w.__soak = () => {
    const client = (w.__staymodTestHooks as { queryClient?: { getQueryCache(): { getAll(): Array<{ getObserversCount(): number }> } } }).queryClient;
    const queries = client?.getQueryCache().getAll() ?? [];
    return {
      observers: queries.reduce((n, q) => n + q.getObserversCount(), 0),
      queries: queries.length,
      timers: timers.size,
      intervals: intervals.size,
      windowListeners: live.get(window)?.size ?? 0,
      documentListeners: live.get(document)?.size ?? 0,
      resizeTargets,
      widgets: document.querySelectorAll('staymod-booking').length,
    };
  };
}

test('200 mounts and unmounts leave no observer, timer, listener or ResizeObserver behind, and the heap stops growing', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(instrument);
  await page.goto(hostUrl('direct', { count: 0 }));
  const cdp = await page.context().newCDPSession(page);

  /** `n` SPA visits: mount, wait for prices, sometimes pick dates, unmount. */
  const cycles = (n: number, offset: number) =>
    page.evaluate(
      async ({ n, offset, attrs, checkIn, checkOut }) => {
        const host = document.getElementById('host')!;
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        for (let i = 0; i < n; i++) {
          const el = document.createElement('staymod-booking') as HTMLElement & { updateComplete: Promise<unknown> };
          for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
          host.append(el);
          type Lit = HTMLElement & { updateComplete: Promise<unknown> };
          const calendar = () => el.shadowRoot?.querySelector('staymod-calendar') as Lit | null;
          const day = () => calendar()?.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-date="${checkIn}"]`);
          const priced = async () => {
            await el.updateComplete;
            await calendar()?.updateComplete;
            return !!day()?.getAttribute('aria-label')?.includes('₹');
          };
          // The route is "seen": the calendar shows prices (from the shared cache after the first visit).
          for (let t = 0; t < 400 && !(await priced()); t++) await frame();
          if (!day()?.getAttribute('aria-label')?.includes('₹')) throw new Error(`visit ${offset + i}: no prices`);
          if ((offset + i) % 4 === 0) {
            day()!.click();
            await calendar()!.updateComplete;
            calendar()!.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-date="${checkOut}"]`)!.click();
            await el.updateComplete;
            for (let t = 0; t < 200 && !el.shadowRoot!.querySelector('staymod-room-list'); t++) await frame();
            if (!el.shadowRoot!.querySelector('staymod-room-list')) throw new Error(`visit ${offset + i}: no room list`);
            // Back to no dates, so the next visit starts where a new guest would.
            sessionStorage.clear();
          }
          el.remove();
        }
      },
      {
        n,
        offset,
        attrs: { 'property-id': DEMO.propertyId, 'api-key': DEMO.keys.widget, 'api-base': E2E.sandboxUrl },
        checkIn: day(20),
        checkOut: day(23),
      },
    );

  const snapshot = async (): Promise<Snapshot> => {
    // Let unmount work finish (microtasks, a frame), then collect garbage twice for a stable reading.
    await page.waitForTimeout(300);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const counts = await page.evaluate(() => (window as unknown as { __soak: () => Omit<Snapshot, 'heap'> }).__soak());
    return { ...counts, heap: usedSize };
  };

  await cycles(1, 0);
  const first = await snapshot();
  await cycles(100, 1);
  const mid = await snapshot();
  await cycles(100, 101);
  const last = await snapshot();
  test.info().annotations.push({ type: 'soak', description: JSON.stringify({ first, mid, last }) });

  for (const [name, s] of Object.entries({ first, mid, last })) {
    expect(s.widgets, name).toBe(0);
    expect(s.observers, `${name}: query observers left subscribed`).toBe(0);
    expect(s.resizeTargets, `${name}: elements still observed for resize`).toBe(0);
    expect(s.intervals, `${name}: intervals running`).toBe(0);
  }
  // What the shared query client keeps on purpose (cached answers, their GC timers, its focus and
  // online listeners) is the same after 201 visits as after one: nothing per visit.
  expect(last.queries, 'cached queries').toBe(first.queries);
  expect(last.timers, 'timers pending').toBeLessThanOrEqual(first.timers);
  expect(last.windowListeners, 'window listeners').toBe(first.windowListeners);
  expect(last.documentListeners, 'document listeners').toBe(first.documentListeners);
  // No linear growth: the second hundred visits add (almost) nothing; a leaked widget is far more.
  const perVisit = (last.heap - mid.heap) / 100;
  expect(perVisit, `heap per visit in the second hundred (first ${first.heap}, after 101 ${mid.heap}, after 201 ${last.heap})`).toBeLessThan(4 * 1024);

  // And the page still works: a new visit shows prices.
  await cycles(1, 201);
});
