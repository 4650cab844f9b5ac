/**
 * The calendar inside the built widget, on real sandbox data: prices, why a day
 * cannot be picked, the range rules, hints, hover preview, paging without a
 * loading flash, and a stay far beyond Staymod's 62-night window.
 */
import { day, expect, hostUrl, sandbox, test } from './fixtures.js';
import { chooseStay, fillGuest } from './widget-steps.js';

test('each night shows its lowest price, then the chosen room\'s price', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  // Monday: the dorm bed's weekday price is the lowest; Saturday: its weekend price.
  await expect(widget.day(day(3))).toHaveAttribute('aria-label', 'Monday, 18 January 2027, from ₹899');
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', 'Saturday, 16 January 2027, from ₹1,099');
  await widget.pickDates(day(20), day(23));
  await widget.addRoom('Garden Twin');
  // Now the Garden Twin's own nights: its price, and its two sold-out nights.
  await expect(widget.day(day(25))).toHaveAttribute('aria-label', /₹2,999$/);
  await expect(widget.day(day(3))).toHaveAttribute('aria-label', /Sold out/);
  await widget.room('Garden Twin').getByRole('button', { name: /^Remove one Garden Twin/ }).click();
  await widget.addRoom('Deluxe');
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹2,999$/);
  await expect(widget.day(day(25))).toHaveAttribute('aria-label', /₹3,499$/);
});

test('past, sold-out and unpriced nights are disabled and say why', async ({ page, widget }) => {
  // No room has a price on day(12): Staymod sends price null for every unit that night.
  await page.route(/room-availability\?from=2027-01-01/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const row of body.rows) for (const cell of row.cells) if (cell.dateKey === day(12)) cell.price = null;
    await route.fulfill({ response, json: body });
  });
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(-1))).toHaveAttribute('aria-label', 'Thursday, 14 January 2027, Date has passed');
  await expect(widget.day(day(10))).toHaveAttribute('aria-label', 'Monday, 25 January 2027, Sold out');
  await expect(widget.day(day(12))).toHaveAttribute('aria-label', 'Wednesday, 27 January 2027, Not bookable online');
  for (const n of [-1, 10, 12]) await expect(widget.day(day(n))).toHaveAttribute('aria-disabled', 'true');
  await expect(widget.day(day(11))).toHaveAttribute('aria-disabled', 'false');
  await widget.day(day(10)).click({ force: true });
  await expect(widget.day(day(10))).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.root.locator('staymod-calendar [role="status"]')).toHaveText('Sold out');
});

test('check-out is allowed on the morning after the last free night, and a stay never crosses a full one', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await widget.day(day(8)).click();
  // day(10) is full for every room: leaving that morning is fine, staying that night is not.
  await expect(widget.day(day(10))).toHaveAttribute('aria-disabled', 'false');
  await expect(widget.day(day(10))).toHaveAttribute('aria-label', /Check-out only/);
  await expect(widget.day(day(11))).toHaveAttribute('aria-disabled', 'true');
  await expect(widget.day(day(11))).toHaveAttribute('aria-label', /Stay cannot cross an unavailable night/);
  await widget.day(day(11)).click({ force: true });
  await expect(widget.root.locator('staymod-room-list')).toHaveCount(0);
  await widget.day(day(10)).click();
  await expect(widget.root.locator('staymod-room-list')).toContainText('2 nights');
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Morning Departure' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  const [booking] = (await sandbox.bookings()).filter((b) => b.guestName === 'Morning Departure');
  expect(booking).toMatchObject({ checkIn: `${day(8)}T14:00:00.000Z`, checkOut: `${day(10)}T11:00:00.000Z` });
});

test('min and max nights are hinted, and hovering previews the stay with its night count', async ({ page, widget }) => {
  await page.goto(hostUrl('direct', { 'min-nights': 2, 'max-nights': 4 }));
  await widget.day(day(20)).click();
  const status = widget.root.locator('staymod-calendar [part="status"]');
  await widget.day(day(21)).hover();
  await expect(status).toHaveText('Minimum stay is 2 nights');
  await expect(widget.day(day(21))).toHaveAttribute('aria-label', /Minimum stay is 2 nights/);
  await expect(widget.day(day(25))).toHaveAttribute('aria-label', /Maximum stay is 4 nights/);
  await expect(widget.day(day(25))).toHaveAttribute('aria-disabled', 'true');
  await widget.day(day(23)).hover();
  // With the lowest total of the rooms that fit the guests (the demo's cheapest room, three nights).
  await expect(status).toHaveText('4 Feb to 7 Feb, 3 nights. Total from ₹6,194');
  for (const n of [21, 22, 23]) await expect(widget.day(day(n))).toHaveClass(/\bpreview\b/);
  await expect(widget.day(day(24))).not.toHaveClass(/\bpreview\b/);
});

test('the next month is fetched ahead: paging shows its prices at once, without a loading flash', async ({ page, widget }) => {
  const march = page.waitForResponse((r) => r.url().includes('room-availability?from=2027-03-01'));
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await march;
  const calendar = widget.root.locator('staymod-calendar');
  // Count painted frames that show a loading shimmer.
  await calendar.evaluate((el) => {
    const w = window as any;
    w.__flashFrames = 0;
    w.__sampling = true;
    const tick = () => {
      if (el.shadowRoot!.querySelector('.shimmer')) w.__flashFrames++;
      if (w.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const requested: string[] = [];
  page.on('request', (r) => r.url().includes('room-availability') && requested.push(r.url()));
  await calendar.getByRole('button', { name: 'Next month' }).click();
  await expect(widget.day('2027-03-15')).toHaveAttribute('aria-label', /₹/);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => ((window as any).__sampling = false, (window as any).__flashFrames))).toBe(0);
  expect(requested.filter((u) => u.includes('from=2027-03-01'))).toEqual([]);
  // ...and the month after is on its way already.
  await expect.poll(() => requested.some((u) => u.includes('from=2027-04-01'))).toBe(true);
});

test('a stay eight months out can be chosen and booked', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  const next = widget.root.locator('staymod-calendar').getByRole('button', { name: 'Next month' });
  for (let i = 0; i < 7; i++) await next.click();
  await expect(widget.day('2027-09-15')).toHaveAttribute('aria-label', /₹/);
  await chooseStay(widget, '2027-09-15', '2027-09-18');
  await fillGuest(widget, { name: 'Far Ahead' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  const [booking] = (await sandbox.bookings()).filter((b) => b.guestName === 'Far Ahead');
  expect(booking).toMatchObject({ checkIn: '2027-09-15T14:00:00.000Z', checkOut: '2027-09-18T11:00:00.000Z' });
});
