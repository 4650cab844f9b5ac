/**
 * The checkout (room list, guest form, confirmation) is its own file next to the
 * script: fetched when the calendar is idle, tried twice when it fails, and after
 * that a clear message with a retry: never a dead widget. The data file (the answer
 * reader, query-core) is its own file too, fetched next to the first API requests.
 */
import type { Page, Route } from '@playwright/test';
import { day, expect, hostUrl, test } from './fixtures.js';

/** The file, also when asked for again under another URL (a browser remembers a failed module). */
const CHUNK = /\/dist\/checkout-views-[\w-]+\.js(\?.*)?$/;

/** Counts the page's requests for the checkout file. */
function countChunk(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (/\/dist\/checkout-views-[\w-]+\.js/.test(request.url())) seen.count++;
  });
  return seen;
}

test('the checkout file is fetched once the calendar shows prices, before the guest picks dates', async ({ page, widget }) => {
  const chunk = countChunk(page);
  await page.goto(hostUrl('proxy'));
  await expect(widget.day(day(20))).toHaveAttribute('aria-label', /₹/);
  await expect.poll(() => chunk.count, { timeout: 5000 }).toBe(1);
  await widget.pickDates(day(20), day(22));
  await expect(widget.room('Deluxe')).toBeVisible();
  expect(chunk.count).toBe(1);
});

test('a checkout file that fails once is fetched again and the guest never notices', async ({ page, widget }) => {
  const chunk = countChunk(page);
  let failures = 0;
  await page.route(CHUNK, (route: Route) => (failures++ === 0 ? route.abort('connectionreset') : route.continue()));
  await page.goto(hostUrl('proxy'));
  await widget.pickDates(day(20), day(22));
  await expect(widget.room('Deluxe')).toBeVisible();
  expect(chunk.count).toBe(2);
  await expect(widget.root.getByText(/could not load the next step/)).toHaveCount(0);
});

test('a checkout file that cannot be loaded is said, with a retry that works once it can', async ({ page, widget }) => {
  await page.route(CHUNK, (route: Route) => route.abort('connectionreset'));
  await page.goto(hostUrl('proxy'));
  await widget.pickDates(day(20), day(22));
  const failed = widget.root.getByRole('alert').filter({ hasText: 'We could not load the next step of the booking' });
  await expect(failed).toBeVisible();
  // The calendar stays usable: the stay can still be changed.
  await expect(widget.day(day(24))).toBeEnabled();

  await page.unroute(CHUNK);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(widget.room('Deluxe')).toBeVisible();
  await expect(failed).toHaveCount(0);
  // Focus followed the guest: from Try again to the room list that loaded, never the page's body.
  await expect(widget.root.locator('staymod-room-list [part="continue"]')).toBeFocused();
});

/** The data file (the answer reader: zod and the wire schemas; query-core): fetched next to the first API requests. */
const READER = /\/dist\/data-file-[\w-]+\.js(\?.*)?$/;

test('the data file is fetched alongside the first API requests, which do not wait for it', async ({ page, widget }) => {
  const seen: string[] = [];
  const asked: string[] = [];
  page.on('request', (request) => {
    if (READER.test(request.url())) seen.push('file');
    else if (request.url().includes('/api/public/v1/')) {
      seen.push('api');
      asked.push(`${request.method()} ${request.url()}`);
    }
  });
  // Both are held back: the file must not wait for an answer, nor the requests for the file.
  await page.route(READER, async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    seen.push('file arrived');
    await route.continue();
  });
  await page.route(/\/api\/public\/v1\//, async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    seen.push('answer');
    await route.continue();
  });
  await page.goto(hostUrl('proxy'));
  await expect(widget.day(day(20))).toHaveAttribute('aria-label', /₹/);
  expect(seen.indexOf('api')).toBeGreaterThanOrEqual(0);
  expect(seen.indexOf('file')).toBeLessThan(seen.indexOf('answer'));
  expect(seen.indexOf('api')).toBeLessThan(seen.indexOf('file arrived'));
  expect(seen.filter((s) => s === 'file')).toHaveLength(1);
  // The requests made before the file came were handed over, not asked again. (Counting answers
  // instead would race the next month's prefetch, which may still be on its way.)
  expect(asked.length).toBeGreaterThanOrEqual(4);
  expect(asked).toEqual([...new Set(asked)]);
});

test('a data file that fails once is fetched again and the calendar shows its prices', async ({ page, widget }) => {
  let failures = 0;
  await page.route(READER, (route: Route) => (failures++ === 0 ? route.abort('connectionreset') : route.continue()));
  await page.goto(hostUrl('proxy'));
  await expect(widget.day(day(20))).toHaveAttribute('aria-label', /₹/);
  expect(failures).toBe(2);
});

test('a data file that cannot be loaded is a load failure with a retry, which works once it can', async ({ page, widget }) => {
  await page.route(READER, (route: Route) => route.abort('connectionreset'));
  await page.goto(hostUrl('proxy'));
  const failed = widget.root.getByRole('alert');
  await expect(failed).toBeVisible({ timeout: 10_000 });
  await page.unroute(READER);
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(widget.day(day(20))).toHaveAttribute('aria-label', /₹/);
});
