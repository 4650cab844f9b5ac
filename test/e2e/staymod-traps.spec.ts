/**
 * Staymod as it really is (shared/staymod-contract.md, "Traps found by running
 * Staymod's real route handlers"), met by the built widget in a real browser:
 * a stale per-type counter that refuses a room its own view shows free, an
 * oversell that only the proxy can stop, a 400 that hides a stored booking, a
 * property id Staymod answers with empty lists, and the quote staff must see.
 */
import type { Browser } from '@playwright/test';
import { DEMO, DEMO_ROOMS, E2E, Widget, day, expect, hostUrl, sandbox, test, type Mode } from './fixtures.js';
import { fillGuest, hostMessages } from './widget-steps.js';

const MODES: Mode[] = ['direct', 'proxy'];

/** A booking made straight at Staymod with the full key (as the hotel's own staff or another tool would). */
async function bookAtStaymod(roomId: string, checkIn: string, checkOut: string): Promise<void> {
  const response = await fetch(`${E2E.sandboxUrl}/api/public/v1/properties/${DEMO.propertyId}/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO.keys.full}`, 'content-type': 'application/json' },
    body: JSON.stringify({ guestName: 'Front desk', checkIn, checkOut, rooms: [{ roomId, quantity: 1 }] }),
  });
  expect(response.status, await response.text()).toBe(201);
}

const bookingsOf = async (guestName: string) => (await sandbox.bookings()).filter((b) => b.guestName === guestName);

for (const mode of MODES) {
  test(`a stale counter refuses a room its own view shows free (${mode}): no false "sold out", no loop, details kept, another room books`, async ({ page, widget }) => {
    // Penthouse (the only suite) booked on day 30: Staymod's suite counter for that night is now 0.
    await bookAtStaymod(DEMO_ROOMS.penthouse, day(30), day(31));
    // The hotel adds a second penthouse unit: the view shows one free, the counter is not recomputed.
    await sandbox.updateRoom(DEMO_ROOMS.penthouse, { unitCount: 2 });

    await page.goto(hostUrl(mode));
    await widget.pickDates(day(30), day(31));
    await widget.addRoom('Ocean Penthouse');
    await widget.continueButton().click();
    await fillGuest(widget, { name: 'Counter Victim', email: 'victim@example.com' });
    await widget.submitButton().click();

    // Back on the rooms, told what really happened.
    const refused = widget.root.locator('#refused-notice');
    await expect(refused).toBeVisible();
    await expect(refused).toHaveAttribute('role', 'alert');
    await expect(refused).toContainText("The property's booking system did not accept Ocean Penthouse for these dates");
    await expect(refused).toBeFocused();
    await expect(widget.root).not.toContainText(/has just sold out/);
    // The same choice is not offered again: the room says why and has no stepper.
    const penthouse = widget.room('Ocean Penthouse');
    await expect(penthouse).toContainText("Not accepted by the property's booking system for these dates");
    await expect(penthouse.getByRole('button', { name: /^Add one/ })).toHaveCount(0);

    // Another room goes through, with the details typed before.
    await widget.addRoom('Deluxe');
    await widget.continueButton().click();
    await expect(widget.field(/full name/i)).toHaveValue('Counter Victim');
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText('Booking requested');
    const stored = await bookingsOf('Counter Victim');
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0]!.rooms)).toEqual([DEMO_ROOMS.deluxe]);

    // New dates forget the refusal: the penthouse is offered again where Staymod may accept it.
    await widget.confirmation().getByRole('button', { name: /another booking/i }).click();
    await widget.pickDates(day(32), day(33));
    await expect(widget.room('Ocean Penthouse').getByRole('button', { name: /^Add one/ })).toBeVisible();
  });
}

/** A guest on their own browser profile, at the details step for Courtyard Studio (one unit). */
async function guestAtDetails(browser: Browser, mode: Mode, name: string) {
  const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-IN' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${E2E.today}T10:00:00Z`));
  await page.goto(hostUrl(mode));
  const widget = new Widget(page);
  await widget.pickDates(day(36), day(37));
  await widget.addRoom('Courtyard Studio');
  await widget.continueButton().click();
  await fillGuest(widget, { name });
  return { context, widget };
}

test('two listings share one type counter: two guests at once oversell a one-unit room in direct mode; the proxy lets one through', async ({ browser }) => {
  const outcomes: Record<Mode, number> = { direct: 0, proxy: 0 };
  for (const mode of MODES) {
    await sandbox.reset();
    const guests = await Promise.all([guestAtDetails(browser, mode, `${mode} guest A`), guestAtDetails(browser, mode, `${mode} guest B`)]);
    try {
      // Staymod is slow to insert: both guests' checks happen before either booking lands.
      await sandbox.fault({ route: 'bookings', latencyMs: 600, times: 2 });
      await Promise.all(guests.map((g) => g.widget.submitButton().click()));
      for (const { widget } of guests) {
        await expect(widget.confirmation().or(widget.root.locator('[part="notice"][role="alert"]'))).toBeVisible({ timeout: 15_000 });
      }
      await sandbox.clearFaults();
      const stored = (await sandbox.bookings()).filter((b) => b.rooms[DEMO_ROOMS.courtyardStudio] && String(b.checkIn).startsWith(day(36)));
      outcomes[mode] = stored.length;
    } finally {
      for (const g of guests) await g.context.close();
    }
  }
  // Staymod's studio counter is 2 (Heritage + Courtyard): it accepts both bookings of the one Courtyard unit.
  expect(outcomes.direct, 'direct mode cannot close the race: Staymod oversells').toBe(2);
  expect(outcomes.proxy, 'the proxy serializes and re-checks per listing: one booking').toBe(1);
});

test('an OTA booking fills a night Staymod would still sell: the widget never offers it, in either mode', async ({ page, widget }) => {
  for (const mode of MODES) {
    await page.goto(hostUrl(mode));
    await widget.pickDates(day(8), day(9));
    await expect(widget.room('Ocean Penthouse')).toContainText(/sold out/i);
    await expect(widget.room('Ocean Penthouse').getByRole('button', { name: /^Add one/ })).toHaveCount(0);
  }
});

for (const mode of MODES) {
  test(`a 400 after the insert is "not confirmed", never a refusal (${mode}): the booking exists once, nothing is re-sent`, async ({ page, widget }) => {
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/bookings') && posts.push(r.url()));
    await page.goto(hostUrl(mode));
    await widget.pickDates(day(26), day(28));
    await widget.addRoom('Deluxe');
    await widget.continueButton().click();
    await fillGuest(widget, { name: `Hidden Insert ${mode}` });
    await sandbox.fault({ route: 'bookings', failAfterInsert: 'E11000 duplicate key error collection: staymod.counters', times: 1 });
    await widget.submitButton().click();
    await expect(widget.root.locator('#unconfirmed-heading')).toHaveText('Booking not confirmed');
    await expect(widget.root).toContainText('please do not send it again');
    await expect(widget.submitButton()).toHaveCount(0);
    await expect(widget.root.getByRole('button', { name: /send again/i })).toHaveCount(0);
    expect(posts).toHaveLength(1);
    // Staymod did store it: exactly once.
    expect(await bookingsOf(`Hidden Insert ${mode}`)).toHaveLength(1);
  });
}

test('a property Staymod answers with empty lists: the guest sees "unavailable", the host one line naming property-id and the organisation', async ({ page, widget }) => {
  const messages = hostMessages(page);
  // Well-formed, of another organisation: Staymod answers 200 with no rooms, no rows, no extras.
  await page.goto(hostUrl('direct', { 'property-id': DEMO.foreignPropertyId, 'rooms-src': '' }));
  await expect(widget.root.locator('[part="notice"]')).toContainText('Online booking is unavailable right now');
  await expect.poll(() => messages.filter((m) => m.text.includes('lists no rooms')).length).toBe(1);
  const line = messages.find((m) => m.text.includes('lists no rooms'))!;
  expect(line.type).toBe('error');
  expect(line.text).toContain(`property-id "${DEMO.foreignPropertyId}"`);
  expect(line.text).toMatch(/belongs to the organisation that owns this property/);
  await page.waitForTimeout(300);
  expect(messages.filter((m) => m.text.includes('lists no rooms')), 'said once').toHaveLength(1);
});

for (const mode of MODES) {
  test(`the quote the guest saw is stored with the booking for staff (${mode})`, async ({ page, widget }) => {
    await page.goto(hostUrl(mode));
    await widget.pickDates(day(38), day(41));
    await widget.addRoom('Deluxe');
    await widget.root.locator('staymod-room-list').getByRole('checkbox', { name: /breakfast/i }).check();
    await widget.continueButton().click();
    await fillGuest(widget, { name: `Quoted ${mode}` });
    await widget.root.locator('staymod-guest-form').getByLabel(/special requests/i).fill('Sea view if possible.');
    const shownTotal = (await widget.root.locator('staymod-guest-form [part="total"]').innerText()).replace(/[^\d]/g, '');
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText('Booking requested');
    const [stored] = await bookingsOf(`Quoted ${mode}`);
    const note = String(stored!.specialRequests);
    const header = mode === 'proxy' ? '[Quote by booking proxy from Staymod availability]' : '[Quote shown by the website from Staymod availability]';
    expect(note.startsWith(`${header}\nDeluxe, 3 nights: `), note).toBe(true);
    expect(note).toMatch(/\nBreakfast[^\n]*: [\d,]+\n/);
    const total = /\nTotal: INR ([\d,.]+)\n/.exec(note)?.[1]?.replace(/[^\d]/g, '');
    expect(total, 'the total staff see is the total the guest saw').toBe(shownTotal);
    expect(note.endsWith('\n---\nSea view if possible.')).toBe(true);
  });
}
