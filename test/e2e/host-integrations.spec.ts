/**
 * What hosts plug the widget into: an analytics funnel in window.dataLayer (opt-in,
 * no personal data) and shareable links that carry the stay (opt-in, no personal data).
 */
import { DEMO_ROOMS, day, expect, hostUrl, sandbox, test } from './fixtures.js';
import { fillGuest } from './widget-steps.js';

const PERSONAL = /Data Layer Guest|dl@example\.com|98765|Quiet room/;

test('analytics: the funnel reaches window.dataLayer with stable names and no personal data', async ({ page, widget }) => {
  await page.goto(hostUrl('proxy', { analytics: 'true' }));
  await widget.pickDates(day(20), day(22));
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Data Layer Guest', email: 'dl@example.com', phone: '+91 98765 43210' });
  await widget.root.locator('staymod-guest-form').getByLabel(/special requests/i).fill('Quiet room');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');

  const layer = (await page.evaluate(() => (window as unknown as { dataLayer: Array<Record<string, unknown>> }).dataLayer)) ?? [];
  expect(layer.map((e) => e.event)).toEqual([
    'staymod_dates_selected',
    'staymod_room_added',
    'staymod_details_started',
    'staymod_booking_sent',
    'staymod_booking_confirmed',
  ]);
  const confirmed = layer.at(-1)!;
  expect(confirmed).toMatchObject({ check_in: day(20), check_out: day(22), nights: 2, rooms: 1, guests: 2, currency: 'INR' });
  expect(typeof confirmed.value).toBe('number');
  expect(JSON.stringify(layer)).not.toMatch(PERSONAL);
  expect(JSON.stringify(layer)).not.toMatch(/[a-f\d]{24}/); // no booking or room ids either
});

test('analytics: a failed booking is one step with its code; nothing is pushed without the attribute', async ({ page, widget }) => {
  await page.goto(hostUrl('proxy', { analytics: 'true' }));
  await widget.pickDates(day(24), day(25));
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Refused' });
  await sandbox.fault({ route: 'bookings', status: 400, body: { error: 'guestName is required.' }, times: 1 });
  await widget.submitButton().click();
  await expect(widget.root.locator('[part="notice"]')).toContainText('could not be sent');
  const layer = await page.evaluate(() => (window as unknown as { dataLayer: Array<Record<string, unknown>> }).dataLayer);
  expect(layer.at(-1)).toMatchObject({ event: 'staymod_booking_failed', error_code: 'invalid-input' });

  await page.goto(hostUrl('proxy'));
  await widget.pickDates(day(24), day(25));
  await expect(widget.room('Deluxe')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { dataLayer?: unknown[] }).dataLayer)).toBeUndefined();
});

test('url-state: the stay is in the address, a shared link opens it, and nothing the guest typed is', async ({ page, widget }) => {
  await page.goto(hostUrl('proxy', { 'url-state': 'true' }));
  await widget.pickDates(day(26), day(28));
  await widget.addRoom('Deluxe');
  await expect.poll(() => new URL(page.url()).searchParams.get('staymod-rooms')).toBe(`${DEMO_ROOMS.deluxe}:1`);
  const link = new URL(page.url());
  expect(link.searchParams.get('staymod-check-in')).toBe(day(26));
  expect(link.searchParams.get('staymod-check-out')).toBe(day(28));
  expect(link.searchParams.get('staymod-guests')).toBe('2');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Data Layer Guest', email: 'dl@example.com' });
  expect(decodeURIComponent(page.url())).not.toMatch(PERSONAL);

  // Someone else opens the link in a fresh browser tab: the same stay, chosen.
  const other = await page.context().newPage();
  await other.clock.setFixedTime(new Date(`${day(0)}T10:00:00Z`));
  await other.goto(link.href);
  const shared = other.locator('staymod-booking');
  await expect(shared.locator('staymod-room-list article', { hasText: 'Deluxe' }).locator('output')).toHaveText('1');
  await expect(shared.locator(`button[data-date="${day(26)}"]`)).toHaveAttribute('aria-pressed', 'true');
  await other.close();
});
