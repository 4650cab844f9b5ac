/**
 * Concurrency, end to end. Staymod checks availability and inserts in two steps,
 * so simultaneous bookings of the last unit can all pass; the proxy serializes
 * them per property. The node suite proves it on the wire (test/worker/proxy-cases.ts,
 * "50 concurrent bookings for the last free unit", run by test/node/proxy.test.ts);
 * here the requests come from a real browser page on the host's origin (CORS
 * preflights, Chromium's six connections per origin), and from two guests
 * pressing "Request booking" at the same moment.
 *
 * A double click plus Enter in direct mode is in booking.spec.ts; the held Enter
 * key (auto-repeat) in proxy mode is here.
 */
import type { Browser } from '@playwright/test';
import { DEMO, DEMO_ROOMS, E2E, Widget, day, expect, hostUrl, sandbox, test } from './fixtures.js';

const PENTHOUSE = DEMO_ROOMS.penthouse; // one unit
const bookingsFor = async (roomId: string, checkIn: string) =>
  (await sandbox.bookings()).filter((b) => b.rooms[roomId] && String(b.checkIn).startsWith(checkIn));

test('50 simultaneous bookings of the last unit from one page through the proxy: one 201, 49 sold-out 400s, one booking', async ({ page }) => {
  await page.goto(hostUrl('proxy'));
  const answers = await page.evaluate(
    async ({ proxyUrl, propertyId, roomId, checkIn, checkOut }) => {
      const one = async (i: number) => {
        const response = await fetch(`${proxyUrl}/api/public/v1/properties/${propertyId}/bookings`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `race-${i}-${crypto.randomUUID()}` },
          body: JSON.stringify({
            guestName: `Racer ${i}`,
            checkIn: `${checkIn}T14:00:00.000Z`,
            checkOut: `${checkOut}T11:00:00.000Z`,
            numberOfGuests: 1,
            rooms: [{ roomId, quantity: 1 }],
          }),
        });
        return { status: response.status, body: (await response.json()) as { error?: string } };
      };
      return Promise.all(Array.from({ length: 50 }, (_, i) => one(i)));
    },
    { proxyUrl: E2E.proxyUrl, propertyId: DEMO.propertyId, roomId: PENTHOUSE, checkIn: day(40), checkOut: day(42) },
  );
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 201), statuses.join(',')).toHaveLength(1);
  const refused = answers.filter((a) => a.status === 400);
  expect(refused).toHaveLength(49);
  for (const r of refused) expect(r.body.error).toBe(`Not enough availability on ${day(40)} (need 1 unit(s), 0 left).`);
  expect(await bookingsFor(PENTHOUSE, day(40)), 'exactly one booking stored').toHaveLength(1);
});

/** A guest on their own browser profile, at the details step for the Penthouse. */
async function guestAtDetails(browser: Browser, name: string) {
  const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-IN' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${E2E.today}T10:00:00Z`));
  await page.goto(hostUrl('proxy'));
  const widget = new Widget(page);
  await widget.pickDates(day(20), day(22));
  await widget.addRoom('Ocean Penthouse');
  await widget.continueButton().click();
  await widget.field(/full name/i).fill(name);
  await widget.field(/e-mail/i).fill('guest@example.com');
  return { context, page, widget };
}

test('two guests press "Request booking" for the last unit at the same moment: one is confirmed, the other told the night just sold out', async ({ browser }) => {
  const [a, b] = await Promise.all([guestAtDetails(browser, 'First Guest'), guestAtDetails(browser, 'Second Guest')]);
  try {
    // Staymod is slow enough for both requests to be in flight together.
    await sandbox.fault({ route: 'bookings', latencyMs: 400 });
    await Promise.all([a.widget.submitButton().click(), b.widget.submitButton().click()]);
    const outcome = async (w: Widget) => {
      await expect(w.confirmation().or(w.root.locator('[part="notice"][role="alert"]'))).toBeVisible({ timeout: 15_000 });
      return (await w.confirmation().count()) ? 'confirmed' : await w.root.locator('[part="notice"][role="alert"]').innerText();
    };
    const results = await Promise.all([outcome(a.widget), outcome(b.widget)]);
    expect(results.filter((r) => r === 'confirmed'), results.join(' | ')).toHaveLength(1);
    const loser = results.find((r) => r !== 'confirmed')!;
    expect(loser).toMatch(/has just sold out/);
    const night = new Intl.DateTimeFormat('en-IN', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day(20)}T00:00:00Z`));
    expect(loser, 'the night is named').toContain(night);
    await sandbox.clearFaults();
    expect(await bookingsFor(PENTHOUSE, day(20)), 'exactly one booking').toHaveLength(1);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('proxy mode: a double click and a held Enter key send ONE request, with one Idempotency-Key', async ({ page, widget }) => {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/bookings')) posts.push(r.headers()['idempotency-key'] ?? '');
  });
  await page.goto(hostUrl('proxy'));
  await widget.pickDates(day(25), day(27));
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await widget.field(/full name/i).fill('Impatient Guest');
  await widget.field(/e-mail/i).fill('guest@example.com');
  await sandbox.fault({ route: 'bookings', latencyMs: 800, times: 1 });
  await widget.submitButton().dblclick();
  // A held key repeats keydown (repeat: true) until released.
  await widget.field(/full name/i).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.down('Enter');
  await page.keyboard.up('Enter');
  await expect(widget.confirmation()).toContainText(/Booking requested/i);
  expect(posts).toHaveLength(1);
  expect(posts[0]).toMatch(/^[\w-]{8,}$/);
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Impatient Guest')).toHaveLength(1);
});
