/**
 * First paint: a skeleton the size of the calendar at once (nothing below the
 * widget moves when data lands), and rooms, extras and availability asked for in
 * parallel, so a priced calendar takes about one round trip to Staymod.
 */
import { day, expect, hostUrl, sandbox, test } from './fixtures.js';

const LATENCY_MS = 2000;

test.beforeEach(async ({ page }) => {
  // Host content under the widget (a shift would move it), and a layout-shift meter.
  await page.addInitScript(() => {
    const w = window as any;
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) w.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      const footer = document.createElement('footer');
      footer.id = 'below';
      footer.textContent = 'Sea Breeze Residency, Candolim, Goa. Call us any time.';
      document.body.append(footer);
    });
  });
});

for (const width of [900, 420]) {
  test(`a skeleton of the final size shows at once, and nothing moves when data arrives (${width}px)`, async ({ page, widget }) => {
    await sandbox.fault({ route: '*', latencyMs: LATENCY_MS });
    await page.setViewportSize({ width: width + 40, height: 900 });
    await page.goto(hostUrl('direct'));
    const skeleton = widget.root.locator('[aria-busy="true"]');
    // The first render comes while the first requests are out: the placeholder stays up for at least LATENCY_MS.
    await expect(skeleton).toBeVisible();
    const before = await widget.root.boundingBox();
    const footerBefore = await page.locator('#below').boundingBox();
    await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
    await expect(skeleton).toHaveCount(0);
    const after = await widget.root.boundingBox();
    const footerAfter = await page.locator('#below').boundingBox();
    expect(Math.abs(after!.height - before!.height)).toBeLessThanOrEqual(2);
    expect(Math.abs(footerAfter!.y - footerBefore!.y)).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => (window as any).__cls)).toBeLessThan(0.01);
  });
}

test('room catalogue, extras and availability are requested together: a priced calendar after one round trip', async ({ page, widget }) => {
  // The page's clock is frozen (performance included), so times are taken here, in Node.
  const started: Record<string, number> = {};
  let firstAnswer = Infinity;
  let pricedAt = Infinity;
  const pathOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  page.on('request', (r) => (r.url().includes('/api/public/v1/') || r.url().endsWith('/rooms.json')) && r.method() === 'GET' && (started[pathOf(r.url())] ??= Date.now()));
  page.on('response', (r) => r.url().includes('/api/public/v1/') && r.request().method() === 'GET' && (firstAnswer = Math.min(firstAnswer, Date.now())));
  page.on('console', (m) => m.text() === 'priced' && (pricedAt = Math.min(pricedAt, Date.now())));
  // Says "priced" on the first frame with a priced day.
  await page.addInitScript((date) => {
    const tick = () => {
      const calendar = document.querySelector('staymod-booking')?.shadowRoot?.querySelector('staymod-calendar');
      const label = calendar?.shadowRoot?.querySelector(`button[data-date="${date}"]`)?.getAttribute('aria-label') ?? '';
      if (label.includes('₹')) console.log('priced');
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, day(1));
  await sandbox.fault({ route: '*', latencyMs: LATENCY_MS });
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/, { timeout: 4 * LATENCY_MS });
  await expect.poll(() => pricedAt).toBeLessThan(Infinity);

  // Room details come from the host's catalogue: the key in the page never asks Staymod for rooms.
  expect(started['rooms'], 'no rooms request to Staymod').toBeUndefined();
  const needed = ['rooms.json', 'booking-options', 'room-availability?from=2027-01-01&to=2027-01-31', 'room-availability?from=2027-02-01&to=2027-02-28'];
  for (const path of needed) {
    expect(started[path], `${path} was requested`).toBeDefined();
    expect(started[path]!, `${path} started before any answer came back`).toBeLessThan(firstAnswer);
  }
  const firstStart = Math.min(...Object.values(started));
  // One round trip is LATENCY_MS; rooms first and availability after would take twice that.
  expect(pricedAt - firstStart).toBeLessThan(1.75 * LATENCY_MS);
});
