/**
 * Runs once per browser time zone (projects "tz ..." in playwright.config.ts): the
 * calendar's today is the guest's own date at any instant, a DST change never
 * turns one night into two, and Staymod receives the very dates picked.
 */
import { DEMO_ROOMS, day, expect, hostUrl, sandbox, test } from './fixtures.js';
import { bookingPosts, chooseStay, fillGuest, notice } from './widget-steps.js';

const INSTANTS = [
  '2027-01-15T10:00:00Z', // an ordinary morning in India
  '2027-01-15T23:59:30Z', // just before midnight UTC
  '2027-01-16T00:00:30Z', // just after
  '2027-03-14T10:30:00Z', // US clocks sprang forward at 10:00 UTC
  '2027-04-03T14:30:00Z', // New Zealand fell back at 14:00 UTC
  '2027-09-25T14:30:00Z', // New Zealand sprang forward at 14:00 UTC
];

function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The instant at which the wall clock in `timeZone` reads `date` `time` (HH:mm:ss). */
function localInstant(date: string, time: string, timeZone: string): number {
  const guess = Date.parse(`${date}T${time}Z`);
  const wall = (t: number) => Date.parse(`${new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(t)).replace(' ', 'T')}Z`);
  return guess - (wall(guess) - guess);
}

/** Replaces the widget with a fresh one (same attributes), as a new page view would. */
async function remount(page: import('@playwright/test').Page, extra: Record<string, string> = {}): Promise<void> {
  await page.evaluate((attrs) => {
    const old = document.querySelector('staymod-booking')!;
    const fresh = document.createElement('staymod-booking');
    for (const { name, value } of [...old.attributes]) if (name !== 'today') fresh.setAttribute(name, value);
    for (const [name, value] of Object.entries(attrs)) fresh.setAttribute(name, value);
    sessionStorage.clear();
    old.replaceWith(fresh);
  }, extra);
}

test('Staymod receives the very dates picked, a DST night is one night, and today is the guest\'s own at any instant', async ({ page, widget }, info) => {
  const zone = info.project.use.timezoneId!;
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  const status = widget.root.locator('staymod-calendar [part="status"]');
  await widget.root.locator('staymod-calendar').getByRole('button', { name: 'Next month' }).click();
  await widget.root.locator('staymod-calendar').getByRole('button', { name: 'Next month' }).click();
  await expect(widget.day('2027-04-03')).toHaveAttribute('aria-label', /₹/);
  // New Zealand's clocks go back in the night of 3 to 4 April, the US's forward on 13 to 14 March.
  await widget.day('2027-04-03').click();
  await widget.day('2027-04-04').hover();
  await expect(status).toHaveText(/, 1 night\. Total from ₹[\d,]+$/);
  await widget.root.locator('staymod-calendar').getByRole('button', { name: 'Clear dates' }).click();
  await widget.day('2027-03-13').click();
  await widget.day('2027-03-14').hover();
  await expect(status).toHaveText(/, 1 night\. Total from ₹[\d,]+$/);
  await widget.day('2027-03-15').click();
  await expect(widget.root.locator('staymod-room-list')).toContainText('2 nights');
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Zone Traveller' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Sat, 13 Mar, 2027 to Mon, 15 Mar, 2027, 2 nights');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.body).toMatchObject({ checkIn: '2027-03-13T14:00:00.000Z', checkOut: '2027-03-15T11:00:00.000Z' });
  const [booking] = (await sandbox.bookings()).filter((b) => b.guestName === 'Zone Traveller');
  expect(booking).toMatchObject({ checkIn: '2027-03-13T14:00:00.000Z', checkOut: '2027-03-15T11:00:00.000Z' });
  expect(Object.keys(booking!.rooms)).toEqual([DEMO_ROOMS.deluxe]);

  // Today, at instants around midnight UTC and on DST-change days, each time in a fresh widget.
  for (const instant of INSTANTS) {
    await page.clock.setFixedTime(new Date(instant));
    await remount(page);
    const today = localDate(instant, zone);
    const current = widget.root.locator('staymod-calendar button[aria-current="date"]');
    await expect(current, `${instant} in ${zone}`).toHaveAttribute('data-date', today);
    await expect(current).toHaveAttribute('aria-disabled', 'false');
    const yesterday = new Date(`${today}T12:00:00Z`);
    yesterday.setUTCDate(yesterday.getUTCDate() - 1);
    const before = widget.day(yesterday.toISOString().slice(0, 10));
    if (await before.count()) await expect(before).toHaveAttribute('aria-label', /Date has passed/);
  }
  // The host may pin today.
  await remount(page, { today: '2027-02-10' });
  await expect(widget.root.locator('staymod-calendar button[aria-current="date"]')).toHaveAttribute('data-date', '2027-02-10');
});

test('a page left open past the guest\'s midnight: today moves on, and a stay that began yesterday goes back to the calendar with the details kept', async ({ page, widget }, info) => {
  const zone = info.project.use.timezoneId!;
  const [yesterday, today, later] = [day(12), day(13), day(14)];
  const beforeMidnight = localInstant(yesterday, '23:59:57', zone);
  await page.clock.setFixedTime(beforeMidnight);
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  await expect(widget.root.locator('staymod-calendar button[aria-current="date"]')).toHaveAttribute('data-date', yesterday);
  await chooseStay(widget, yesterday, later);
  await fillGuest(widget, { name: 'Night Owl' });
  // Midnight passes while the guest reads the form; the widget's own timer notices.
  await page.clock.setFixedTime(beforeMidnight + 5_000);
  await page.clock.runFor(5_000);
  await expect(notice(widget)).toContainText(/Your check-in date, .+, has passed\. Please choose new dates; your details are kept\./);
  await expect(widget.field(/full name/i)).toHaveCount(0);
  await expect(widget.root.locator('staymod-calendar button[aria-current="date"]')).toHaveAttribute('data-date', today);
  await expect(widget.day(yesterday)).toHaveAttribute('aria-label', /Date has passed/);
  // A stay from the new today: what was typed is still there, and Staymod gets the new dates once.
  await chooseStay(widget, today, later);
  await expect(widget.field(/full name/i)).toHaveValue('Night Owl');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toBeVisible();
  expect(posts.map((p) => String(p.body.checkIn).slice(0, 10))).toEqual([today]);
});
