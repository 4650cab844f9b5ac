/**
 * The guest's whole path through the BUILT widget against the sandbox: rooms and
 * totals, the form, the one request a submit makes, every way a submit can fail,
 * and the confirmation. Also the public face: attributes, properties and events.
 */
import { DEMO, DEMO_OPTIONS, DEMO_ROOMS, day, expect, hostUrl, sandbox, test } from './fixtures.js';
import {
  bookBehindTheWidget,
  bookingPosts,
  chooseStay,
  fillGuest,
  notice,
  recordedEvents,
  recordEvents,
} from './widget-steps.js';

// day(20) is Thu 4 Feb 2027: the nights of day(20)..day(23) are Thu (weekday), Fri and Sat (weekend).
const CHECK_IN = day(20);
const CHECK_OUT = day(23);

test('rooms show what a guest needs to choose, and several rooms, guests and an extra add up to one booking', async ({ page, widget }) => {
  await recordEvents(page);
  await page.goto(hostUrl('direct'));
  await widget.pickDates(CHECK_IN, CHECK_OUT);

  const deluxe = widget.room('Deluxe');
  await expect(deluxe.locator('img')).toHaveAttribute('src', /deluxe\.svg$/);
  await expect(deluxe).toContainText('Wake up to the Arabian Sea');
  await expect(deluxe).toContainText('1 bed (Queen)');
  await expect(deluxe).toContainText('Up to 2 guests');
  await expect(deluxe).toContainText('Sea view');
  await expect(deluxe).toContainText('Rain shower');
  await expect(deluxe).toContainText('₹13,498');
  await expect(deluxe).toContainText('Total for 3 nights');
  await deluxe.getByText('Price per night').click();
  const rows = deluxe.locator('[part="breakdown"] tr');
  await expect(rows).toHaveText([/Thu, 4 Feb\s+₹3,499\s*$/, /Fri, 5 Feb\s+₹4,999\.50\s*$/, /Sat, 6 Feb\s+₹4,999\.50\s*$/]);
  await expect(widget.room('Ocean Penthouse')).toContainText('Only 1 left');
  // No price set by the host: listed, but not bookable online.
  await expect(widget.room('Heritage Studio')).toContainText('Not bookable online');
  await expect(widget.room('Heritage Studio').getByRole('button', { name: /^Add one/ })).toHaveCount(0);

  await widget.addRoom('Deluxe', 2);
  const list = widget.root.locator('staymod-room-list');
  for (let i = 0; i < 4; i++) await list.getByRole('button', { name: 'Add a guest' }).click();
  // Six guests do not fit in two rooms that sleep two each.
  await expect(widget.continueButton()).toBeDisabled();
  await expect(list.locator('[part="reason"]')).toHaveText('');
  // aria-disabled keeps it pressable: pressing is how the guest learns why.
  await widget.continueButton().click({ force: true });
  await expect(list.locator('[part="reason"]')).toHaveText(/sleep up to 4 guests/);
  await widget.addRoom('Family Suite');
  await expect(widget.continueButton()).toBeEnabled();
  await list.getByLabel(/Breakfast buffet/).check();
  // 2 x 13,498 + Family Suite (6,999 + 8,499 + 8,499) + breakfast 450 x 6 guests x 3 nights
  await expect(list.locator('[part="total"]')).toHaveText('₹59,093');

  await widget.continueButton().click();
  const summary = widget.root.locator('[part="summary"]');
  await expect(summary).toContainText('2 × Deluxe, 1 × Family Suite');
  await expect(summary).toContainText('Breakfast buffet');
  await expect(summary).toContainText('₹59,093');
  await fillGuest(widget, { name: 'Ravi Kumar', email: 'ravi@example.com', phone: '+91 98200 12345' });
  await widget.submitButton().click();

  const confirmation = widget.confirmation();
  await expect(confirmation).toContainText('Booking requested');
  const [booking] = (await sandbox.bookings()).filter((b) => b.guestName === 'Ravi Kumar');
  expect(booking).toBeTruthy();
  await expect(confirmation.locator('[part="reference"]')).toHaveText(booking!._id);
  await expect(confirmation).toContainText('Thu, 4 Feb, 2027 to Sun, 7 Feb, 2027, 3 nights');
  await expect(confirmation).toContainText('2 × Deluxe');
  await expect(confirmation).toContainText('1 × Family Suite');
  await expect(confirmation.locator('dl')).toContainText(/Guests\s*6/);
  await expect(confirmation).toContainText('₹59,093');
  await expect(confirmation).toContainText('The property will confirm your booking shortly');

  expect(booking!.rooms).toEqual({
    [DEMO_ROOMS.deluxe]: expect.objectContaining({ quantity: 2 }),
    [DEMO_ROOMS.familySuite]: expect.objectContaining({ quantity: 1 }),
  });
  expect(booking!.numberOfGuests).toBe(6);
  expect(booking!.guestPhone).toBe('+91 98200 12345');
  expect(booking!.selectedOptions).toEqual([
    expect.objectContaining({ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 6, pricePerUnit: 450 }),
  ]);
  expect(booking!.status).toBe('pending');

  const confirmed = (await recordedEvents(page)).filter((e) => e.type === 'staymod-booking-confirmed');
  expect(confirmed).toHaveLength(1);
  expect(confirmed[0]!.detail.booking._id).toBe(booking!._id);
  expect(confirmed[0]!.detail).toMatchObject({ totalMinor: 5_909_300, currency: 'INR' });
});

test('a key that cannot read extras books without them, and the guest sees no error', async ({ page, widget }) => {
  await page.goto(hostUrl('direct', { 'api-key': DEMO.keys.noOptions }));
  await widget.pickDates(CHECK_IN, CHECK_OUT);
  await widget.addRoom('Deluxe');
  await expect(widget.root.locator('staymod-room-list [part="extras"]')).toHaveCount(0);
  await expect(widget.root.locator('[role="alert"]:not(:empty)')).toHaveCount(0);
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'No Extras' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
});

test('attributes and camelCase properties configure the widget, prefilled dates open on the rooms', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(
    hostUrl('direct', {
      'check-in': CHECK_IN,
      'check-out': CHECK_OUT,
      guests: 3,
      months: 1,
      'min-nights': 2,
      'max-nights': 10,
      'check-in-time': '15:30',
      'check-out-time': '10:00',
      currency: 'inr',
    }),
  );
  await expect(widget.root.locator('staymod-room-list')).toContainText('3 nights');
  await expect(widget.root.locator('staymod-calendar [part="month"]')).toHaveCount(1);
  const props = await widget.root.evaluate((el: any) => ({
    propertyId: el.propertyId,
    apiBase: el.apiBase,
    months: el.months,
    minNights: el.minNights,
    maxNights: el.maxNights,
    checkInTime: el.checkInTime,
    checkOutTime: el.checkOutTime,
    guests: el.guests,
    checkIn: el.checkIn,
    checkOut: el.checkOut,
    locale: el.locale,
  }));
  expect(props).toMatchObject({ months: 1, minNights: 2, maxNights: 10, checkInTime: '15:30', checkOutTime: '10:00', guests: 3, checkIn: CHECK_IN, checkOut: CHECK_OUT, locale: 'en-IN' });

  // Properties work the same way as attributes.
  await widget.root.evaluate((el: any) => {
    el.months = 2;
    el.locale = 'de-DE';
  });
  await expect(widget.root.locator('staymod-calendar [part="month"]')).toHaveCount(2);
  await expect(widget.root.locator('staymod-calendar .title').first()).toHaveText('Februar 2027');
  await widget.root.evaluate((el: any) => (el.locale = 'en-IN'));

  // 3 guests need two rooms that sleep 2.
  await widget.addRoom('Deluxe', 2);
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Prefill Guest' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.body).toMatchObject({ checkIn: `${CHECK_IN}T15:30:00.000Z`, checkOut: `${CHECK_OUT}T10:00:00.000Z`, numberOfGuests: 3 });
});

test('events bubble out of the shadow root, typed; a host veto sends nothing', async ({ page, widget }) => {
  await recordEvents(page);
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  await page.evaluate(() =>
    document.addEventListener('staymod-booking-submit', (e) => {
      if ((window as any).__veto) e.preventDefault();
    }),
  );
  await widget.pickDates(CHECK_IN, CHECK_OUT);
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Vetoed Guest' });
  await sandbox.resetStats();
  await page.evaluate(() => ((window as any).__veto = true));
  await widget.submitButton().click();
  // The host said no: nothing leaves the browser, and the guest can go on.
  await expect(widget.submitButton()).toBeEnabled();
  await page.waitForTimeout(300);
  expect(posts).toHaveLength(0);
  expect((await sandbox.stats()).bookings ?? 0).toBe(0);
  await expect(widget.field(/full name/i)).toHaveValue('Vetoed Guest');

  await page.evaluate(() => ((window as any).__veto = false));
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');

  const events = await recordedEvents(page);
  for (const e of events) expect(e).toMatchObject({ bubbles: true, composed: true, isCustomEvent: true, fromWidget: 'staymod-booking' });
  const byType = (type: string) => events.filter((e) => e.type === type);
  expect(byType('staymod-dates-change').at(-1)!.detail).toEqual({ checkIn: CHECK_IN, checkOut: CHECK_OUT, nights: 3 });
  expect(byType('staymod-rooms-change').at(-1)!.detail).toEqual({
    rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1 }],
    guests: 2,
    totalMinor: 1_349_800,
    currency: 'INR',
  });
  const submits = byType('staymod-booking-submit');
  expect(submits).toHaveLength(2);
  expect(submits[0]!.cancelable).toBe(true);
  expect(submits[0]!.detail.request).toMatchObject({ guestName: 'Vetoed Guest', checkIn: `${CHECK_IN}T14:00:00.000Z`, checkOut: `${CHECK_OUT}T11:00:00.000Z` });
  expect(byType('staymod-booking-confirmed')).toHaveLength(1);
  expect(posts).toHaveLength(1);
});

test('a double click (and Enter on top) sends ONE booking', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  await fillGuest(widget, { name: 'Double Click' });
  await sandbox.resetStats();
  // A slow Staymod keeps the window for a second request wide open.
  await sandbox.fault({ route: 'bookings', latencyMs: 800, times: 1 });
  await widget.submitButton().dblclick();
  await expect(widget.submitButton()).toBeDisabled();
  await widget.submitButton().evaluate((b: HTMLButtonElement) => b.click());
  await widget.field(/full name/i).press('Enter');
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect((await sandbox.stats()).bookings).toBe(1);
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Double Click')).toHaveLength(1);
  expect(posts).toHaveLength(1);
});

for (const mode of ['direct', 'proxy'] as const) {
  test(`a room sold out between choice and submit: the night is named, availability refreshed, the form kept (${mode})`, async ({ page, widget }) => {
    await recordEvents(page);
    await page.goto(hostUrl(mode));
    await chooseStay(widget, CHECK_IN, day(22), 'Ocean Penthouse');
    await fillGuest(widget, { name: 'Late Guest' });
    // Another channel takes the Penthouse's only unit for the second night.
    await bookBehindTheWidget(DEMO_ROOMS.penthouse, day(21), day(22));
    await widget.submitButton().click();

    await expect(notice(widget)).toContainText('the night of 5 February 2027 has just sold out');
    await expect(widget.field(/full name/i)).toHaveValue('Late Guest');
    await expect(widget.field(/e-mail/i)).toHaveValue('asha@example.com');
    const error = (await recordedEvents(page)).find((e) => e.type === 'staymod-booking-error');
    expect(error?.detail).toMatchObject({ stage: 'submit', error: { name: 'StaymodError', code: 'sold-out', soldOutDate: day(21), isError: true } });

    await notice(widget).getByRole('button', { name: 'Change dates' }).click();
    // Fresh availability: the Penthouse now says which night is gone.
    await expect(widget.room('Ocean Penthouse')).toContainText(/Sold out on Fri, 5 Feb,? 2027/);
    await widget.root.locator('staymod-room-list').getByRole('button', { name: 'Change dates' }).click();
    await widget.pickDates(day(24), day(26));
    // The choice of room survives the change of dates.
    await expect(widget.room('Ocean Penthouse').locator('output')).toHaveText('1');
    await widget.continueButton().click();
    await expect(widget.field(/full name/i)).toHaveValue('Late Guest');
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText('Booking requested');
    expect((await sandbox.bookings()).filter((b) => b.guestName === 'Late Guest')).toHaveLength(1);
  });
}

test('a refused booking says why, keeps the form and lets the guest send it again', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  await fillGuest(widget, { name: 'Refused Once' });
  // One of Staymod's own validation messages: a refusal that proves nothing was stored.
  await sandbox.fault({ route: 'bookings', status: 400, body: { error: 'guestPhone must be a string.' }, times: 1 });
  await widget.submitButton().click();
  await expect(notice(widget)).toContainText('Your booking could not be sent: guestPhone must be a string.');
  await expect(widget.field(/full name/i)).toHaveValue('Refused Once');
  await expect(widget.submitButton()).toBeEnabled();
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect(posts).toHaveLength(2);
});

test('a lost connection is never re-sent by the widget (direct): no key to resend under, so the flow ends as unconfirmed', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  await fillGuest(widget, { name: 'Dropped Line' });
  // Every attempt is cut. (Chromium itself resends a POST once when a reused keep-alive
  // connection is reset before any answer: the widget must not add a resend of its own.)
  await sandbox.fault({ route: 'bookings', drop: true });
  await widget.submitButton().click();
  await expect(notice(widget)).toContainText(/could not be confirmed.*do not send it again/);
  const reached = (await sandbox.stats()).bookings;
  await page.waitForTimeout(1000);
  expect((await sandbox.stats()).bookings).toBe(reached);
  expect(posts).toHaveLength(1);
  await expect(notice(widget).getByRole('button', { name: 'Send again' })).toHaveCount(0);
  await expect(widget.submitButton()).toHaveCount(0);
  await expect(widget.root.locator('[part="summary"]')).toContainText('Dropped Line');
  await sandbox.clearFaults();
});

test('proxy mode: a 503 from Staymod stored nothing and the proxy says so: a plain failure, the form sends it again, one booking', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('proxy'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  await fillGuest(widget, { name: 'Busy Staymod' });
  await sandbox.fault({ route: 'bookings', status: 503, body: { error: 'Service Unavailable' }, times: 1 });
  await widget.submitButton().click();
  await expect(notice(widget)).toContainText('could not be sent');
  await expect(notice(widget)).not.toContainText('may or may not');
  await expect(notice(widget).getByRole('button', { name: 'Send again' })).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(posts).toHaveLength(1);
  expect(posts[0]!.headers['idempotency-key']).toBeTruthy();
  await expect(widget.field(/full name/i)).toHaveValue('Busy Staymod');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect(posts).toHaveLength(2);
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Busy Staymod')).toHaveLength(1);
});

test('proxy mode: a booking made but whose answer was lost is not duplicated by "Send again"', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('proxy'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  await fillGuest(widget, { name: 'Lost Answer' });
  // The first POST reaches the proxy and Staymod books it; the answer never reaches the browser.
  let first = true;
  await page.route('**/bookings', async (route) => {
    if (!first) return route.continue();
    first = false;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await widget.submitButton().click();
  await expect(notice(widget)).toContainText('may or may not have reached the property');
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Lost Answer')).toHaveLength(1);

  await notice(widget).getByRole('button', { name: 'Send again' }).click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  const stored = (await sandbox.bookings()).filter((b) => b.guestName === 'Lost Answer');
  expect(stored).toHaveLength(1);
  await expect(widget.confirmation().locator('[part="reference"]')).toHaveText(stored[0]!._id);
  expect(posts[1]!.headers['idempotency-key']).toBe(posts[0]!.headers['idempotency-key']);
});

test('by default a booking needs an e-mail: a name alone is not sent, and the form says why', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  const form = widget.root.locator('staymod-guest-form');
  await expect(form).toContainText('The property needs your e-mail address to confirm your booking.');
  await widget.field(/full name/i).fill('Name Only');
  await widget.submitButton().click();
  await expect(form.locator('#guestEmail-error')).toHaveText('Please enter your e-mail address so the property can confirm your booking.');
  await expect(widget.field(/e-mail/i)).toBeFocused();
  expect(posts).toHaveLength(0);
  await widget.field(/e-mail/i).fill('name.only@example.com');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.body.guestEmail).toBe('name.only@example.com');
});

test('the guest form validates on blur and on submit, announces errors, and loses nothing', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, CHECK_IN, CHECK_OUT);
  const email = widget.field(/e-mail/i);
  await email.fill('asha@');
  await email.press('Tab');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  const emailError = widget.root.locator('staymod-guest-form #guestEmail-error');
  await expect(emailError).toHaveText(/valid e-mail address/);
  await expect(email).toHaveAttribute('aria-describedby', 'contact-why guestEmail-error');

  await widget.submitButton().click();
  const summary = widget.root.locator('staymod-guest-form [part="error-summary"]');
  await expect(summary).toHaveAttribute('role', 'alert');
  await expect(summary).toHaveText('Please correct 2 fields: Full name, E-mail.');
  await expect(widget.field(/full name/i)).toBeFocused();

  await widget.field(/full name/i).fill('Meera Iyer');
  await email.fill('meera@example.com');
  await widget.field(/special requests/i).fill('Ground floor, please.');
  await expect(emailError).toBeHidden();

  // Back to other dates and return: every field is as typed.
  await widget.root.locator('staymod-guest-form').getByRole('button', { name: 'Back' }).click();
  await widget.root.locator('staymod-room-list').getByRole('button', { name: 'Change dates' }).click();
  await widget.pickDates(day(30), day(32));
  await expect(widget.room('Deluxe').locator('output')).toHaveText('1');
  await widget.continueButton().click();
  await expect(widget.field(/full name/i)).toHaveValue('Meera Iyer');
  await expect(widget.field(/special requests/i)).toHaveValue('Ground floor, please.');

  // A reload in the same tab keeps the dates, the room and the details.
  await page.reload();
  await expect(widget.day(day(30))).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.root.locator('staymod-room-list')).toContainText('2 nights');
  await expect(widget.room('Deluxe').locator('output')).toHaveText('1');
  await widget.continueButton().click();
  await expect(widget.field(/full name/i)).toHaveValue('Meera Iyer');
  await expect(widget.field(/e-mail/i)).toHaveValue('meera@example.com');
  await expect(widget.field(/special requests/i)).toHaveValue('Ground floor, please.');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  const [booking] = (await sandbox.bookings()).filter((b) => b.guestName === 'Meera Iyer');
  expect(booking).toMatchObject({ checkIn: `${day(30)}T14:00:00.000Z` });
  // Direct mode: the website's quote for staff, then the guest's own words.
  expect(booking!.specialRequests).toMatch(/^\[Quote shown by the website from Staymod availability\]\n[^]*\n---\nGround floor, please\.$/);
});
