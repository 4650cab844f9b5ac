/**
 * The checkout (room list, guest form, confirmation) is its own file next to the
 * script: fetched when the calendar is idle, tried twice when it fails, and after
 * that a clear message with a retry: never a dead widget.
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
});
