/**
 * Direct mode that exposes no guest: the key in the page has no rooms:read (whose
 * answer carries iCal feed tokens, and the feed lists guests), rooms come from the
 * availability rows plus the host's catalogue, and what the guest typed is kept in
 * the tab no longer than needed.
 */
import { DEMO, DEMO_ROOMS, E2E, day, expect, hostUrl, sandbox, test } from './fixtures.js';
import { fillGuest, hostMessages } from './widget-steps.js';

const apiRequests = (page: import('@playwright/test').Page) => {
  const paths: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.includes('/api/public/')) paths.push(url.pathname.split('/').pop()!);
  });
  return paths;
};

test('with the narrow key and the catalogue: rooms with photos and details, no rooms request, a booking', async ({ page, widget }) => {
  const paths = apiRequests(page);
  await page.goto(hostUrl('direct'));
  await widget.pickDates(day(20), day(22));
  const deluxe = widget.room('Deluxe');
  await expect(deluxe.locator('img').first()).toBeVisible();
  await expect(deluxe).toContainText('Up to 2 guests');
  await expect(deluxe).not.toContainText('usual for this room type');
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Catalogue Guest' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect(paths, 'the page never asks Staymod for rooms').not.toContain('rooms');
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Catalogue Guest')).toHaveLength(1);
});

test('with the narrow key and no catalogue: rooms from the availability rows, capacity said to be assumed, a booking', async ({ page, widget }) => {
  const messages = hostMessages(page);
  await page.goto(hostUrl('direct', { 'rooms-src': '' }));
  await widget.pickDates(day(20), day(22));
  const family = widget.room('Family Suite');
  // A family room sleeps at least three: the widget assumes no more, and says so.
  await expect(family).toContainText('Up to 3 guests (usual for this room type)');
  await expect(family.locator('img')).toHaveCount(0);
  await expect(widget.room('Ocean Penthouse')).toContainText('Up to 2 guests (usual for this room type)');
  await widget.addRoom('Garden Twin');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Rows Guest' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Rows Guest')).toHaveLength(1);
  // A key without rooms:read is what docs/security.md advises: nothing to warn about.
  expect(messages.filter((m) => m.type === 'error')).toEqual([]);
});

test('a key that can read rooms: ONE console error says what leaks and what to do; the tokens never reach the page', async ({ page, widget }) => {
  const messages = hostMessages(page);
  await page.goto(hostUrl('direct', { 'api-key': DEMO.keys.roomsReader, 'rooms-src': '' }));
  await widget.pickDates(day(20), day(22));
  await expect(widget.room('Deluxe')).toBeVisible();
  await expect.poll(() => messages.filter((m) => m.text.includes('iCal feed token')).length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  const leaks = messages.filter((m) => m.text.includes('iCal feed token'));
  expect(leaks).toHaveLength(1);
  expect(leaks[0]!.type).toBe('error');
  expect(leaks[0]!.text).toMatch(/guests' names, e-mails, phone numbers/);
  expect(leaks[0]!.text).toMatch(/Remove the rooms:read scope/);
  expect(leaks[0]!.text).toMatch(/rotate the rooms' feed tokens in Staymod/);
  const markup = await widget.root.evaluate((el) => el.shadowRoot!.innerHTML);
  expect(markup).not.toMatch(/ical/i);
});

test("the iCal feed lists guests to whoever has a token, and the widget's key cannot get one", async ({ page }) => {
  await page.goto(hostUrl('direct'));
  const result = await page.evaluate(
    async ({ sandboxUrl, propertyId, key }) => {
      const rooms = await fetch(`${sandboxUrl}/api/public/v1/properties/${propertyId}/rooms`, { headers: { Authorization: `Bearer ${key}` } });
      return { rooms: rooms.status, roomsBody: await rooms.text() };
    },
    { sandboxUrl: E2E.sandboxUrl, propertyId: DEMO.propertyId, key: DEMO.keys.widget },
  );
  expect(result.rooms, 'the widget key cannot read rooms').toBe(403);
  expect(result.roomsBody).not.toMatch(/ical/i);
  // (The feed sends no CORS headers, as Staymod's: a script elsewhere, not a page, would read it.)
  const guessed = await fetch(`${E2E.sandboxUrl}/api/public/ical/rooms/${DEMO_ROOMS.deluxe}/${DEMO.keys.widget}`);
  expect(guessed.status, 'the key itself is no feed token').toBe(404);

  // What a key with rooms:read would have handed out: the feed with the seeded guest's details.
  const rooms = (await (
    await fetch(`${E2E.sandboxUrl}/api/public/v1/properties/${DEMO.propertyId}/rooms`, { headers: { authorization: `Bearer ${DEMO.keys.full}` } })
  ).json()) as { rooms: Array<{ _id: string; icalToken: string }> };
  const deluxe = rooms.rooms.find((r) => r._id === DEMO_ROOMS.deluxe)!;
  const feed = await (await fetch(`${E2E.sandboxUrl}/api/public/ical/rooms/${deluxe._id}/${deluxe.icalToken}`)).text();
  expect(feed).toContain('asha.menon@example.com');
});

test('the draft keeps typing across a reload, is emptied of the guest once the booking is confirmed, and never moves to another property', async ({ page, widget }) => {
  const draft = (propertyId: string) => page.evaluate((id) => sessionStorage.getItem(`staymod-booking:v1:${id}`) ?? '', propertyId);
  await page.goto(hostUrl('direct'));
  await widget.pickDates(day(20), day(22));
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Private Person', email: 'private@example.com', phone: '+91 90000 11111' });
  await page.reload();
  await widget.continueButton().click();
  await expect(widget.field(/full name/i)).toHaveValue('Private Person');
  await widget.root.locator('staymod-guest-form').getByRole('button', { name: 'Back' }).click();
  expect(await draft(DEMO.propertyId)).toContain('private@example.com');

  // Another property on the same page: nothing of this guest goes with it.
  await widget.root.evaluate((el, id) => el.setAttribute('property-id', id), DEMO.otherPropertyId);
  await widget.pickDates(day(20), day(22));
  await widget.root.locator('staymod-room-list article').first().getByRole('button', { name: /^Add one/ }).click();
  await widget.continueButton().click();
  await expect(widget.field(/full name/i)).toHaveValue('');
  await expect(widget.field(/e-mail/i)).toHaveValue('');
  expect(await draft(DEMO.otherPropertyId)).not.toBe('');
  expect(await draft(DEMO.otherPropertyId)).not.toMatch(/Private Person|private@example\.com|90000/);
  await widget.root.evaluate((el, id) => el.setAttribute('property-id', id), DEMO.propertyId);

  await widget.continueButton().click();
  await expect(widget.field(/full name/i)).toHaveValue('Private Person');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  await expect.poll(() => draft(DEMO.propertyId)).not.toContain('private@example.com');
  expect(await draft(DEMO.propertyId)).not.toMatch(/Private Person|90000/);
  // The confirmation itself stays on screen.
  await expect(widget.confirmation()).toContainText('Booking requested');
});

test('a broken catalogue is the host’s problem: one console line, rooms without photos, the guest still books', async ({ page, widget }) => {
  const messages = hostMessages(page);
  await page.route('**/broken-rooms.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"rooms": "oops"' }));
  await page.goto(hostUrl('direct', { 'rooms-src': '/broken-rooms.json' }));
  await widget.pickDates(day(20), day(22));
  await expect(widget.room('Deluxe')).toContainText('usual for this room type');
  await expect.poll(() => messages.filter((m) => m.text.includes('rooms-src')).length).toBe(1);
  expect(messages.find((m) => m.text.includes('rooms-src'))!.text).toMatch(/rooms-src "http:\/\/127\.0\.0\.1:\d+\/broken-rooms\.json" is not valid JSON/);
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await fillGuest(widget, { name: 'Broken Catalogue Guest' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
});
