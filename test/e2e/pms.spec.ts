/**
 * Cloudbeds and Guesty hosts, end to end: the BUILT widget on the host page, in
 * proxy mode, books through a proxy speaking to the Cloudbeds fake or the Guesty
 * fake (test/e2e/stack.ts). Per system: a booking lands in that system as its API
 * has it; two guests at once for the last unit (one booked, one told the night
 * sold out); another channel taking the unit between choice and submit; and a
 * create call whose outcome is unknown ("Booking not confirmed", made once).
 */
import type { Browser, Page } from '@playwright/test';
import { CLOUDBEDS_DEMO } from '../../src/fakes/cloudbeds/data.js';
import { GUESTY_DEMO, GUESTY_LISTINGS } from '../../src/fakes/guesty/data.js';
import { E2E, Widget, day, expect, test } from './fixtures.js';
import { bookingPosts, fillGuest } from './widget-steps.js';

interface System {
  name: 'Cloudbeds' | 'Guesty';
  fakeUrl: string;
  proxyUrl: string;
  propertyId: string;
  currency: string;
  /** The room a guest books, and one with a single unit (for the races). */
  room: { name: string; id: string };
  lastUnit: { name: string; id: string };
  /** The fault that makes the create call land while its answer is lost. */
  lostAnswer: Record<string, unknown>;
  /** Another channel (front desk, Airbnb) takes the room for these nights. */
  otherChannel(roomId: string, checkIn: string, checkOut: string): Record<string, unknown>;
  /** The guest's bookings as the system holds them: `{ roomId, checkIn, checkOut, name, status }`. */
  bookings(state: any): Array<{ roomId: string; checkIn: string; checkOut: string; name: string; status: string }>;
}

const guestyListing = (title: string) => ({ name: title, id: GUESTY_LISTINGS.find((l) => l.title === title)!._id });

const SYSTEMS: System[] = [
  {
    name: 'Cloudbeds',
    fakeUrl: E2E.cloudbedsUrl,
    proxyUrl: E2E.cloudbedsProxyUrl,
    propertyId: CLOUDBEDS_DEMO.propertyId,
    currency: CLOUDBEDS_DEMO.currency,
    room: { name: 'Superior King', id: '501235' },
    lastUnit: { name: 'Rooftop Suite', id: '501237' },
    lostAnswer: { route: 'postReservation', status: 200, malformedJson: true, times: 1 },
    otherChannel: (roomTypeID, startDate, endDate) => ({ roomTypeID, startDate, endDate, quantity: 1 }),
    bookings: (state) =>
      state.reservations.map((r: any) => ({
        roomId: r.rooms[0].roomTypeID, checkIn: r.startDate, checkOut: r.endDate, name: `${r.guestFirstName} ${r.guestLastName}`, status: r.status,
      })),
  },
  {
    name: 'Guesty',
    fakeUrl: E2E.guestyUrl,
    proxyUrl: E2E.guestyProxyUrl,
    propertyId: GUESTY_DEMO.propertyId,
    currency: GUESTY_DEMO.currency,
    room: guestyListing('Riverside Rooms'),
    lastUnit: guestyListing('Baixa Studio'),
    lostAnswer: { route: 'inquiry', status: 200, malformedJson: true, times: 1 },
    otherChannel: (listingId, checkIn, checkOut) => ({ listingId, checkIn, checkOut }),
    bookings: (state) =>
      state.reservations.map((r: any) => ({
        roomId: r.listingId, checkIn: r.checkIn, checkOut: r.checkOut, name: `${r.guest.firstName} ${r.guest.lastName}`, status: r.status,
      })),
  },
];

async function admin(system: System, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${system.fakeUrl}/__sandbox/${path}`, {
    method: path === 'state' ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${system.name} fake ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
const bookingsOf = async (system: System, name: string) => system.bookings(await admin(system, 'state')).filter((b) => b.name === name);

/** The host page with the widget in proxy mode for this system. */
function pageUrl(system: System): string {
  return `/?${new URLSearchParams({ 'property-id': system.propertyId, 'proxy-url': system.proxyUrl, currency: system.currency })}`;
}

/** Dates, one room, Continue, the guest's details: the widget waits on "Request booking". */
async function atDetails(widget: Widget, checkIn: string, checkOut: string, room: string, name: string): Promise<void> {
  await widget.pickDates(checkIn, checkOut);
  await widget.addRoom(room);
  await widget.continueButton().click();
  await fillGuest(widget, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` });
}

const soldOutNotice = (widget: Widget) => widget.root.locator('[part="notice"][role="alert"]');
const longDate = (date: string) => new Intl.DateTimeFormat('en-IN', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

async function guestAtDetails(browser: Browser, system: System, checkIn: string, checkOut: string, name: string): Promise<{ page: Page; widget: Widget; close(): Promise<void> }> {
  const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-IN' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${E2E.today}T10:00:00Z`));
  await page.goto(pageUrl(system));
  const widget = new Widget(page);
  await atDetails(widget, checkIn, checkOut, system.lastUnit.name, name);
  return { page, widget, close: () => context.close() };
}

// Each test uses its own nights (the proxies cache availability for 15 s across fake resets), all in
// the second month shown, none a Sunday (Cloudbeds' Rooftop Suite is closed to arrival on Sundays).
for (const system of SYSTEMS) {
  const at = day;

  test.describe(system.name, () => {
    // Guesty is paced to 5 requests a second, and the proxy reads 4 listings' calendars per availability answer.
    const wait = { timeout: 20_000 };
    test.beforeEach(async () => {
      test.setTimeout(60_000);
      await admin(system, system.name === 'Guesty' ? 'reset-stays' : 'reset');
    });

    test(`a guest books through the proxy: the booking is in ${system.name}, once, with the dates picked`, async ({ page, widget }) => {
      const posts = bookingPosts(page);
      await page.goto(pageUrl(system));
      await expect(widget.day(at(20))).toHaveAttribute('aria-label', system.currency === 'EUR' ? /€/ : /\$/, wait);
      await atDetails(widget, at(20), at(22), system.room.name, `${system.name} Guest`);
      await widget.submitButton().click();
      await expect(widget.confirmation()).toContainText('Booking requested', wait);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.url).toBe(`${system.proxyUrl}/api/public/v1/properties/${system.propertyId}/bookings`);
      const stored = await bookingsOf(system, `${system.name} Guest`);
      expect(stored).toEqual([{ roomId: system.room.id, checkIn: at(20), checkOut: at(22), name: `${system.name} Guest`, status: system.name === 'Cloudbeds' ? 'not_confirmed' : 'reserved' }]);
      // The page's load and booking never put more than 5 calls in a second (Cloudbeds may suspend a key past it).
      if (system.name === 'Cloudbeds') expect((await admin(system, 'state')).overRate).toBe(0);
    });

    test(`two guests ask for the last unit at the same moment: one booked, the other told the night sold out, ${system.name} holds one booking`, async ({ browser }) => {
      const [a, b] = await Promise.all([
        guestAtDetails(browser, system, at(24), at(26), 'First Racer'),
        guestAtDetails(browser, system, at(24), at(26), 'Second Racer'),
      ]);
      try {
        // The system is slow to answer, so both requests are in flight together.
        await admin(system, 'faults', { route: system.name === 'Cloudbeds' ? 'postReservation' : 'inquiry', latencyMs: 400, times: 1 });
        await Promise.all([a.widget.submitButton().click(), b.widget.submitButton().click()]);
        const outcome = async (w: Widget) => {
          await expect(w.confirmation().or(soldOutNotice(w))).toBeVisible({ timeout: 30_000 });
          return (await w.confirmation().count()) ? 'confirmed' : await soldOutNotice(w).innerText();
        };
        const results = await Promise.all([outcome(a.widget), outcome(b.widget)]);
        expect(results.filter((r) => r === 'confirmed'), results.join(' | ')).toHaveLength(1);
        const loser = results.find((r) => r !== 'confirmed')!;
        expect(loser).toMatch(/has just sold out/);
        expect(loser, 'the night is named').toContain(longDate(at(24)));
        const stored = system.bookings(await admin(system, 'state')).filter((s) => s.roomId === system.lastUnit.id && s.checkIn === at(24));
        expect(stored, 'exactly one booking').toHaveLength(1);
      } finally {
        await a.close();
        await b.close();
      }
    });

    test(`another channel takes the last unit between choice and submit: the guest is told the night sold out, nothing is double-booked`, async ({ page, widget }) => {
      await page.goto(pageUrl(system));
      await atDetails(widget, at(28), at(30), system.lastUnit.name, 'Late Guest');
      await admin(system, 'reservations', system.otherChannel(system.lastUnit.id, at(29), at(31)));
      await widget.submitButton().click();
      await expect(soldOutNotice(widget)).toContainText(/has just sold out/, wait);
      await expect(soldOutNotice(widget)).toContainText(longDate(at(29)));
      expect(await bookingsOf(system, 'Late Guest')).toHaveLength(0);
      const onThatNight = system.bookings(await admin(system, 'state')).filter((s) => s.roomId === system.lastUnit.id && s.checkIn <= at(29) && s.checkOut > at(29));
      expect(onThatNight, 'only the other channel holds the night').toHaveLength(1);
    });

    test(`the create call's answer is lost: "Booking not confirmed", nothing re-sent, the booking exists once in ${system.name}`, async ({ page, widget }) => {
      const posts = bookingPosts(page);
      await page.goto(pageUrl(system));
      await atDetails(widget, at(33), at(35), system.room.name, 'Lost Answer');
      await admin(system, 'faults', system.lostAnswer);
      await widget.submitButton().click();
      await expect(widget.root.locator('#unconfirmed-heading')).toHaveText('Booking not confirmed', wait);
      await expect(widget.root).toContainText('please do not send it again');
      await expect(widget.submitButton()).toHaveCount(0);
      await expect(widget.root.getByRole('button', { name: /send again/i })).toHaveCount(0);
      expect(posts).toHaveLength(1);
      expect(await bookingsOf(system, 'Lost Answer')).toHaveLength(1);
    });
  });
}

test.describe('Guesty without the Open API (no nightly prices)', () => {
  const guesty = SYSTEMS.find((s) => s.name === 'Guesty')!;
  const perStay: System = { ...guesty, proxyUrl: E2E.guestyPerStayProxyUrl };
  test.beforeEach(async () => {
    test.setTimeout(60_000);
    await admin(perStay, 'reset-stays');
  });

  test('the calendar shows free nights without prices, "Price shown after you choose dates"; the rooms step shows the stay\'s quoted price, and Guesty holds the booking once', async ({ page, widget }) => {
    await page.goto(pageUrl(perStay));
    // Free and unpriced: selectable, priced once dates are chosen; a taken night is still sold out.
    await expect(widget.day(day(20))).toHaveAttribute('aria-label', /Price shown after you choose dates/, { timeout: 20_000 });
    await expect(widget.day(day(20))).toHaveAttribute('aria-disabled', 'false');
    await expect(widget.root.locator('staymod-calendar [part="legend"]')).toHaveText('Price shown after you choose dates');
    await expect(widget.root).not.toContainText('Not bookable online');
    // Guesty takes its time over the quotes: the room says the price is coming, not "confirmed by the property".
    await admin(perStay, 'faults', { route: 'quotes', latencyMs: 1500, times: 4 });
    await widget.pickDates(day(20), day(22));
    await expect(widget.room(perStay.room.name).locator('.price strong')).toHaveText('Getting the price…');
    // Guesty's quote for the stay: both nights plus the cleaning fee (the fake's 30).
    const listing = GUESTY_LISTINGS.find((l) => l._id === perStay.room.id)!;
    const nightly = (d: string) => ([5, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? listing.weekendPrice : listing.basePrice);
    const quoted = nightly(day(20)) + nightly(day(21)) + 30;
    const price = `€${quoted}`;
    const room = widget.room(perStay.room.name);
    await expect(room.locator('.price strong')).toHaveText(price, { timeout: 20_000 });
    await expect(room).not.toContainText('Price confirmed by the property');
    await widget.addRoom(perStay.room.name);
    await expect(widget.root.locator('staymod-room-list [part="total"]')).toHaveText(price);
    await widget.continueButton().click();
    await fillGuest(widget, { name: 'Per Stay', email: 'per.stay@example.com' });
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText('Booking requested', { timeout: 20_000 });
    await expect(widget.confirmation()).toContainText(price);
    expect(await bookingsOf(perStay, 'Per Stay')).toEqual([{ roomId: perStay.room.id, checkIn: day(20), checkOut: day(22), name: 'Per Stay', status: 'reserved' }]);
  });
});

test.describe('Guesty with the Open API (nightly prices a guide)', () => {
  const guesty = SYSTEMS.find((s) => s.name === 'Guesty')!;
  test.beforeEach(async () => {
    test.setTimeout(60_000);
    await admin(guesty, 'reset-stays');
  });

  test("the calendar shows Guesty's nightly prices, and the rooms step and the confirmation its quote, cleaning fee included", async ({ page, widget }) => {
    await page.goto(pageUrl(guesty));
    const listing = GUESTY_LISTINGS.find((l) => l._id === guesty.room.id)!;
    const nightly = (d: string) => ([5, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? listing.weekendPrice : listing.basePrice);
    await widget.pickDates(day(41), day(43));
    // The nights alone leave out Guesty's cleaning fee (the fake's 30): the stay's price is Guesty's quote.
    const price = `€${nightly(day(41)) + nightly(day(42)) + 30}`;
    const room = widget.room(guesty.room.name);
    await expect(room.locator('.price strong')).toHaveText(price, { timeout: 20_000 });
    await widget.addRoom(guesty.room.name);
    await expect(widget.root.locator('staymod-room-list [part="total"]')).toHaveText(price);
    await widget.continueButton().click();
    await fillGuest(widget, { name: 'Open Api', email: 'open.api@example.com' });
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText(price, { timeout: 20_000 });
  });
});

// The guest's browser clock may be on either side of the date line from the property: the nights stored in
// Cloudbeds and Guesty are the property-local dates picked, never shifted through UTC (one booking per zone).
const ZONES = ['Pacific/Kiritimati', 'Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Pago_Pago'] as const;
for (const system of SYSTEMS) {
  test.describe(`${system.name}: stored dates in every browser time zone`, () => {
    test.beforeEach(async () => {
      test.setTimeout(60_000);
      await admin(system, system.name === 'Guesty' ? 'reset-stays' : 'reset');
    });
    ZONES.forEach((timezoneId, i) => {
      test.describe(timezoneId, () => {
        test.use({ timezoneId });
        test(`a guest in ${timezoneId} books ${day(36 + 2 * i)} to ${day(38 + 2 * i)}: ${system.name} stores exactly those dates`, async ({ page, widget }) => {
          const [checkIn, checkOut] = [day(36 + 2 * i), day(38 + 2 * i)];
          const name = `${system.name} ${timezoneId.split("/")[1]!.replaceAll("_", " ")}`;
          await page.goto(pageUrl(system));
          await atDetails(widget, checkIn, checkOut, system.room.name, name);
          await widget.submitButton().click();
          await expect(widget.confirmation()).toContainText('Booking requested', { timeout: 20_000 });
          expect(await bookingsOf(system, name)).toEqual([{ roomId: system.room.id, checkIn, checkOut, name, status: system.name === 'Cloudbeds' ? 'not_confirmed' : 'reserved' }]);
        });
      });
    });
  });
}

test.describe('Cloudbeds stay rules', () => {
  const cloudbeds = SYSTEMS.find((s) => s.name === 'Cloudbeds')!;
  test.beforeEach(async () => {
    await admin(cloudbeds, 'reset');
  });

  test('a check-in on a day closed to arrival: the guest is told why once, and nothing is booked', async ({ page, widget }) => {
    // day(37) is Sunday 21 February: the Rooftop Suite is closed to arrival on Sundays.
    await page.goto(pageUrl(cloudbeds));
    await atDetails(widget, day(37), day(38), cloudbeds.lastUnit.name, 'Sunday Arrival');
    await widget.submitButton().click();
    const reason = `is closed to arrival for ${cloudbeds.lastUnit.name} on ${day(37)}`;
    await expect(widget.root).toContainText(reason, { timeout: 20_000 });
    // What the guest sees: the notices (the visually hidden live region is for screen readers).
    const texts = await widget.root.locator('[part="notice"]').allInnerTexts();
    const shown = texts.reduce((sum, t) => sum + t.split(reason).length - 1, 0);
    expect(shown, 'the reason is shown once').toBe(1);
    expect(await bookingsOf(cloudbeds, 'Sunday Arrival')).toHaveLength(0);
  });
});
