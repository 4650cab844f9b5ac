// POST/GET bookings on the sandbox: Staymod's validation messages and order, what
// it stores (including the fields it should not trust), availability effects, the
// check-then-insert race, junk bodies and the body cap.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { bookingListResponseSchema, bookingResponseSchema, wireBookingSchema } from '../../src/contract/schemas.js';
import { addDays } from '../../src/domain/dates.js';
import { DEMO, DEMO_BOOKINGS, DEMO_NIGHTS, DEMO_OPTIONS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

const TODAY = '2026-05-01';
const day = (n: number) => addDays(TODAY, n);
let sandbox: RunningSandbox;

const BOOKINGS = `/api/public/v1/properties/${DEMO.propertyId}/bookings`;
const AVAILABILITY = `/api/public/v1/properties/${DEMO.propertyId}/room-availability`;

async function send(base: RunningSandbox, method: string, path: string, body?: unknown, key = DEMO.keys.full, raw = false) {
  const res = await fetch(`${base.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', origin: 'http://localhost:5173' },
    body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const post = (body: unknown, key?: string) => send(sandbox, 'POST', BOOKINGS, body, key);
const SEEDED = Object.keys(DEMO_BOOKINGS).length;

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Staymod's stored counter for a night and room type, or undefined before the first booking. */
async function counter(dateKey: string, roomType: string): Promise<number | undefined> {
  const { body } = await admin('GET', `counters?propertyId=${DEMO.propertyId}`);
  return body.counters.find((c: any) => c.dateKey === dateKey && c.roomType === roomType)?.noOfRooms;
}
const postRaw = (body: string) => send(sandbox, 'POST', BOOKINGS, body, undefined, true);

function stay(overrides: Record<string, unknown> = {}) {
  return {
    guestName: 'Jane Guest',
    guestEmail: 'jane@example.com',
    checkIn: `${day(1)}T14:00:00.000Z`,
    checkOut: `${day(3)}T11:00:00.000Z`,
    numberOfGuests: 2,
    rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1 }],
    ...overrides,
  };
}

async function unitsFree(roomId: string, dateKey: string, base = sandbox): Promise<number> {
  const res = await send(base, 'GET', `${AVAILABILITY}?from=${dateKey}&to=${dateKey}`);
  return res.body.rows.filter((r: any) => r.roomId === roomId && !r.cells[0].isFull).length;
}

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});
after(() => sandbox.close());
beforeEach(async () => {
  assert.equal((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).status, 200);
});

describe('POST bookings: success', () => {
  it('answers 201 { booking } in the contract shape, with CORS', async () => {
    const res = await post(stay({ guestPhone: ' +91 98000 11111 ', specialRequests: 'Sea view please' }));
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const booking = res.body.booking;
    assert.match(booking._id, /^[0-9a-f]{24}$/);
    assert.equal(booking.propertyId, DEMO.propertyId);
    assert.equal(booking.guestName, 'Jane Guest');
    assert.equal(booking.guestPhone, '+91 98000 11111');
    assert.equal(booking.checkIn, `${day(1)}T14:00:00.000Z`);
    assert.equal(booking.checkOut, `${day(3)}T11:00:00.000Z`);
    assert.equal(booking.numberOfGuests, 2);
    assert.equal(booking.status, 'pending');
    assert.deepEqual(booking.rooms, { [DEMO_ROOMS.deluxe]: { roomType: 'double', quantity: 1 } });
    assert.ok(!Number.isNaN(Date.parse(booking.createdAt)));
    const parsed = bookingResponseSchema.parse(res.body);
    assert.equal(parsed.booking._id, booking._id);
  });

  it('stores what the client sent for status, discount, advanceAmount, customItems and option prices', async () => {
    const selectedOptions = [
      { bookingOptionId: DEMO_OPTIONS.breakfast, name: 'Breakfast buffet', appliesTo: 'user', frequency: 'day', pricePerUnit: 0, quantity: 2 },
    ];
    const customItems = [{ name: 'Free upgrade', amount: 0 }];
    const res = await post(stay({ status: 'confirmed', discount: 99999, advanceAmount: 1, customItems, selectedOptions }));
    assert.equal(res.status, 201);
    const id = res.body.booking._id;
    const stored = (await send(sandbox, 'GET', `${BOOKINGS}/${id}`)).body.booking;
    assert.equal(stored.status, 'confirmed');
    assert.equal(stored.discount, 99999);
    assert.equal(stored.advanceAmount, 1);
    assert.deepEqual(stored.customItems, customItems);
    assert.deepEqual(stored.selectedOptions, selectedOptions);
  });

  it('reads GET bookings/{id}, by guestEmail, and all of them', async () => {
    const a = (await post(stay({ guestEmail: 'A@Example.com' }))).body.booking;
    const b = (await post(stay({ guestEmail: 'b@example.com', rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 2 }] }))).body.booking;
    const one = await send(sandbox, 'GET', `${BOOKINGS}/${a._id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.booking, a);
    const byEmail = await send(sandbox, 'GET', `${BOOKINGS}?guestEmail=a%40example.com`);
    assert.deepEqual(byEmail.body.bookings.map((x: any) => x._id), [a._id]);
    const all = await send(sandbox, 'GET', BOOKINGS);
    const ids = all.body.bookings.map((x: any) => x._id);
    assert.equal(ids.length, SEEDED + 2, 'seeded bookings + 2'); // nothing lost, nothing duplicated
    assert.ok(ids.includes(a._id) && ids.includes(b._id));
    assert.equal(bookingListResponseSchema.parse(all.body).bookings.length, SEEDED + 2);
    for (const x of all.body.bookings) wireBookingSchema.parse(x);
  });

  it('answers 400/404 for a bad or unknown booking id, 403 without bookings:read', async () => {
    assert.deepEqual((await send(sandbox, 'GET', `${BOOKINGS}/xyz`)).body, { error: 'bookingId must be a valid id.' });
    const missing = await send(sandbox, 'GET', `${BOOKINGS}/${'a'.repeat(24)}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { error: 'Booking not found.' });
    const widget = await send(sandbox, 'GET', `${BOOKINGS}/${'a'.repeat(24)}`, undefined, DEMO.keys.widget);
    assert.deepEqual(widget.body, { error: 'API key scope does not allow this action.' });
    assert.equal(widget.status, 403);
  });

  it('takes the nights as UTC dates in [checkIn, checkOut)', async () => {
    // 23:30 in India on +1 is 18:00 UTC on +1; checkout 00:30 India on +3 is 19:00 UTC on +2.
    const res = await post(stay({
      checkIn: `${day(1)}T23:30:00+05:30`,
      checkOut: `${day(3)}T00:30:00+05:30`,
      rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }],
    }));
    assert.equal(res.status, 201);
    assert.equal(res.body.booking.checkIn, `${day(1)}T18:00:00.000Z`);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(1)), 0);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(2)), 1);
    // A zone-less date-time is read in the server's zone: UTC by default, as on a cloud host.
    const local = await post(stay({ checkIn: `${day(20)}T14:00`, checkOut: `${day(21)}T11:00`, rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }));
    assert.equal(local.body.booking.checkIn, `${day(20)}T14:00:00.000Z`);
  });

  it('like Staymod: zone-less date-times are read in the server process zone (timeZone option), offsets honoured', async () => {
    const kolkata = await startSandbox({ port: 0, today: TODAY, timeZone: 'Asia/Kolkata' });
    try {
      const res = await send(kolkata, 'POST', BOOKINGS, stay({ checkIn: '2027-01-20T04:00:00', checkOut: '2027-01-21T11:00:00+00:00' }));
      assert.equal(res.status, 201);
      // 04:00 in India is 22:30 UTC the day before: the stay starts a night earlier than the guest meant.
      assert.equal(res.body.booking.checkIn, '2027-01-19T22:30:00.000Z');
      assert.equal(res.body.booking.checkOut, '2027-01-21T11:00:00.000Z');
      const dateOnly = await send(kolkata, 'POST', BOOKINGS, stay({ checkIn: '2027-02-01', checkOut: '2027-02-02' }));
      assert.equal(dateOnly.body.booking.checkIn, '2027-02-01T00:00:00.000Z', 'a bare date is UTC in JavaScript');
    } finally {
      await kolkata.close();
    }
    await assert.rejects(startSandbox({ port: 0, timeZone: 'Mars/Olympus' }), RangeError);
  });

  it('like Staymod: any year, past stays and zero-night stays are accepted', async () => {
    const past = await post(stay({ checkIn: '1999-12-30T14:00:00Z', checkOut: '2000-01-02T11:00:00Z' }));
    assert.equal(past.status, 201);
    const far = await post(stay({ checkIn: '3026-05-01', checkOut: '3026-05-03' }));
    assert.equal(far.status, 201);
    assert.equal(far.body.booking.checkIn, '3026-05-01T00:00:00.000Z');
    const early = await post(stay({ checkIn: '0950-05-01', checkOut: '0950-05-02' }));
    assert.equal(early.status, 201);
    // Same UTC date: no night at all, nothing checked or counted, still a booking.
    const zero = await post(stay({ checkIn: `${day(DEMO_NIGHTS.allFull)}T09:00:00Z`, checkOut: `${day(DEMO_NIGHTS.allFull)}T18:00:00Z` }));
    assert.equal(zero.status, 201);
  });

  it('like Staymod: six statuses; unset fields come back null, with customerId and orgId', async () => {
    for (const status of ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show']) {
      const res = await post(stay({ status, checkIn: day(40), checkOut: day(41), rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1 }] }));
      assert.equal(res.status, 201, status);
      assert.equal(res.body.booking.status, status);
    }
    const bare = await post({ guestName: 'No Extras', checkIn: day(40), checkOut: day(41), rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1 }] });
    const b = bare.body.booking;
    for (const field of ['guestEmail', 'guestPhone', 'specialRequests', 'numberOfGuests', 'selectedOptions', 'customItems', 'discount', 'advanceAmount', 'customerId']) {
      assert.equal(b[field], null, field);
    }
    assert.equal(b.orgId, 'org_2sandboxSeaBreezeDemo');
    wireBookingSchema.parse(b);
    // One customer per property and e-mail, whatever its case.
    const first = (await post(stay({ guestEmail: 'Same@Example.com', checkIn: day(42), checkOut: day(43) }))).body.booking;
    const second = (await post(stay({ guestEmail: 'same@example.com', checkIn: day(44), checkOut: day(45) }))).body.booking;
    assert.match(first.customerId, /^[0-9a-f]{24}$/);
    assert.equal(second.customerId, first.customerId);
  });
});

describe("like Staymod: POST checks a counter per room TYPE, never the bookings", () => {
  const studioLine = (roomId: string, quantity = 1) => ({ roomId, quantity });
  const night = day(20);
  const onNight = (rooms: unknown[], extra: Record<string, unknown> = {}) => stay({ checkIn: night, checkOut: day(21), rooms, ...extra });

  it('a second listing of the same type keeps the counter above 0, so POST accepts an oversold listing', async () => {
    // Heritage Studio (1 unit) and Courtyard Studio (1 unit) share the studio counter: 2.
    assert.equal((await post(onNight([studioLine(DEMO_ROOMS.courtyardStudio)]))).status, 201);
    assert.equal(await unitsFree(DEMO_ROOMS.courtyardStudio, night), 0, 'the view shows it full');
    assert.equal(await counter(night, 'studio'), 1);
    const oversold = await post(onNight([studioLine(DEMO_ROOMS.courtyardStudio)]));
    assert.equal(oversold.status, 201, 'accepted: the only Courtyard Studio is now sold twice');
    assert.equal(await counter(night, 'studio'), 0);
    // Now Heritage Studio, free in the view, is refused.
    assert.equal(await unitsFree(DEMO_ROOMS.studio, night), 1);
    const refused = await post(onNight([studioLine(DEMO_ROOMS.studio)]));
    assert.deepEqual(refused.body, { error: `Not enough availability on ${night} (need 1 unit(s), 0 left).` });
  });

  it('the lines of one request are each checked against the same untouched counter', async () => {
    // One studio sold: the studio counter is 1.
    assert.equal((await post(onNight([studioLine(DEMO_ROOMS.studio)]))).status, 201);
    assert.equal(await counter(night, 'studio'), 1);
    // Two lines of 1 each see "1 left", so both pass: 2 units sold against 1.
    const both = await post(onNight([studioLine(DEMO_ROOMS.studio), studioLine(DEMO_ROOMS.courtyardStudio)]));
    assert.equal(both.status, 201);
    assert.equal(await counter(night, 'studio'), 0, 'max(0, ...) hides the oversell');
  });

  it('duplicate lines for one room collapse to the LAST line', async () => {
    const res = await post(onNight([{ roomId: DEMO_ROOMS.dorm, quantity: 5 }, { roomId: DEMO_ROOMS.dorm, quantity: 2, roomNumbers: undefined }]));
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.booking.rooms, { [DEMO_ROOMS.dorm]: { roomType: 'dorm_bed', quantity: 2 } });
    assert.equal(await counter(night, 'dorm_bed'), 4);
    assert.equal(await unitsFree(DEMO_ROOMS.dorm, night), 4);
    // Every line is still checked: a first line over the counter refuses the whole request.
    await post(onNight([{ roomId: DEMO_ROOMS.dorm, quantity: 4 }]));
    const refused = await post(onNight([{ roomId: DEMO_ROOMS.dorm, quantity: 3 }, { roomId: DEMO_ROOMS.dorm, quantity: 1 }]));
    assert.deepEqual(refused.body, { error: `Not enough availability on ${night} (need 3 unit(s), 0 left).` });
  });

  it('a room number already taken is NOT refused', async () => {
    const line = { roomId: DEMO_ROOMS.deluxe, quantity: 1, roomNumbers: ['103'] };
    const res = await post(stay({ rooms: [line] }));
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.booking.rooms[DEMO_ROOMS.deluxe], { roomType: 'double', quantity: 1, roomNumbers: ['103'] });
    const rows = (await send(sandbox, 'GET', `${AVAILABILITY}?from=${day(1)}&to=${day(1)}`)).body.rows;
    const full = rows.filter((r: any) => r.roomId === DEMO_ROOMS.deluxe).map((r: any) => [r.unitLabel, r.cells[0].isFull]);
    assert.deepEqual(full, [['101', false], ['102', false], ['103', true]]);
    const again = await post(stay({ rooms: [line] }));
    assert.equal(again.status, 201, 'room 103 is now sold twice on the same night');
  });

  it('an OTA-imported booking fills the view but not the counter: POST accepts the "full" night', async () => {
    const ota = day(DEMO_NIGHTS.otaImport);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, ota), 0, 'the demo import fills the view');
    assert.equal(await counter(ota, 'suite'), undefined, 'and never wrote a counter');
    const res = await post(stay({ checkIn: ota, checkOut: addDays(ota, 1), rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }));
    assert.equal(res.status, 201);
    // One imported through the admin API behaves the same.
    const imported = await admin('POST', 'bookings/import', stay({ guestName: 'Expedia Guest', checkIn: night, checkOut: day(21), rooms: [{ roomId: DEMO_ROOMS.gardenTwin, quantity: 2 }] }));
    assert.equal(imported.status, 201);
    assert.equal(await unitsFree(DEMO_ROOMS.gardenTwin, night), 0);
    assert.equal((await post(onNight([{ roomId: DEMO_ROOMS.gardenTwin, quantity: 2 }]))).status, 201);
  });

  it('counters go stale: a raised unitCount gives "Not enough availability" while the view shows free', async () => {
    assert.equal((await post(onNight([{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }]))).status, 201);
    assert.equal(await counter(night, 'suite'), 0);
    assert.equal((await admin('POST', `rooms/${DEMO_ROOMS.penthouse}`, { unitCount: 2 })).status, 200);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, night), 1, 'the view counts the new unit');
    const res = await post(onNight([{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }]));
    assert.deepEqual(res.body, { error: `Not enough availability on ${night} (need 1 unit(s), 0 left).` });
    // A night without a counter yet uses the new unit count.
    assert.equal((await post(stay({ checkIn: day(21), checkOut: day(22), rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 2 }] }))).status, 201);
  });

  it('counters go stale the other way: a lowered unitCount or a deactivated listing over-accepts', async () => {
    await post(onNight([{ roomId: DEMO_ROOMS.dorm, quantity: 1 }]));
    assert.equal(await counter(night, 'dorm_bed'), 5);
    assert.equal((await admin('POST', `rooms/${DEMO_ROOMS.dorm}`, { unitCount: 2 })).status, 200);
    assert.equal(await unitsFree(DEMO_ROOMS.dorm, night), 1, 'the view: 2 beds, 1 taken');
    assert.equal((await post(onNight([{ roomId: DEMO_ROOMS.dorm, quantity: 2 }]))).status, 201, 'the counter still says 5');
    assert.equal(await unitsFree(DEMO_ROOMS.dorm, night), 0);
    // A second studio added after the night's counter was written adds nothing to it.
    await post(onNight([{ roomId: DEMO_ROOMS.studio, quantity: 1 }]));
    await post(onNight([{ roomId: DEMO_ROOMS.courtyardStudio, quantity: 1 }]));
    const added = await admin('POST', 'rooms', { name: 'Loft Studio', type: 'studio', unitCount: 2, priceWeekday: 1999 });
    assert.equal(added.status, 201);
    const refused = await post(onNight([{ roomId: added.body.room._id, quantity: 1 }]));
    assert.deepEqual(refused.body, { error: `Not enough availability on ${night} (need 1 unit(s), 0 left).` });
    assert.equal(await unitsFree(added.body.room._id, night), 2);
  });

  it('the demo sold-out nights are consistent: full in the view AND refused by POST', async () => {
    for (const n of DEMO_NIGHTS.twinSoldOut) {
      assert.equal(await unitsFree(DEMO_ROOMS.gardenTwin, day(n)), 0);
      assert.equal(await counter(day(n), 'twin'), 0);
    }
    for (const roomId of Object.values(DEMO_ROOMS).filter((id) => ![DEMO_ROOMS.cottage, DEMO_ROOMS.hillCottage, DEMO_ROOMS.hillLoft, DEMO_ROOMS.lakeside].includes(id as never))) {
      assert.equal(await unitsFree(roomId, day(DEMO_NIGHTS.allFull)), 0, roomId);
      const res = await post(stay({ checkIn: day(DEMO_NIGHTS.allFull), checkOut: day(DEMO_NIGHTS.allFull + 1), rooms: [{ roomId, quantity: 1 }] }));
      assert.match(res.body.error, new RegExp(`^Not enough availability on ${day(DEMO_NIGHTS.allFull)} \\(need 1 unit\\(s\\), 0 left\\)\\.$`), roomId);
    }
  });

  it('a fault can store the booking and still answer 400 with a database message: a refusal that is not one', async () => {
    const message = 'E11000 duplicate key error collection: staymod.roomAvailability index: orgId_1_propertyId_1_dateKey_1_roomType_1 dup key';
    assert.equal((await admin('POST', 'faults', { route: 'bookings', failAfterInsert: message, times: 1 })).status, 201);
    const res = await post(onNight([{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }], { guestEmail: 'ghost@example.com' }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: message });
    const listed = await send(sandbox, 'GET', `${BOOKINGS}?guestEmail=ghost%40example.com`);
    assert.equal(listed.body.bookings.length, 1, 'the booking exists');
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, night), 0, 'and fills the view');
    assert.equal(await counter(night, 'suite'), undefined, 'but the counter was never written');
    // The default message is a dropped driver connection.
    await admin('POST', 'faults', { route: 'bookings', failAfterInsert: true, times: 1 });
    const dropped = await post(onNight([{ roomId: DEMO_ROOMS.dorm, quantity: 1 }]));
    assert.equal(dropped.status, 400);
    assert.match(dropped.body.error, /^connection \d+ to [\d.]+:27017 closed$/);
  });
});

describe('POST bookings: availability', () => {
  it('a booking reduces availability and the next one for the last unit is refused', async () => {
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(1)), 1);
    const first = await post(stay({ rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }));
    assert.equal(first.status, 201);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(1)), 0);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(2)), 0);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(3)), 1, 'checkout night stays free');
    const second = await post(stay({ rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }));
    assert.equal(second.status, 400);
    assert.deepEqual(second.body, { error: `Not enough availability on ${day(1)} (need 1 unit(s), 0 left).` });
  });

  it('fills units one by one (dorm: 6 units)', async () => {
    assert.equal((await post(stay({ rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 4 }] }))).status, 201);
    assert.equal(await unitsFree(DEMO_ROOMS.dorm, day(1)), 2);
    const over = await post(stay({ rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 3 }] }));
    assert.deepEqual(over.body, { error: `Not enough availability on ${day(1)} (need 3 unit(s), 2 left).` });
  });

  it('names the first sold-out night (a group booking took both twin units)', async () => {
    const res = await post(stay({ checkIn: day(2), checkOut: day(6), rooms: [{ roomId: DEMO_ROOMS.gardenTwin, quantity: 1 }] }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: `Not enough availability on ${day(DEMO_NIGHTS.twinSoldOut[0])} (need 1 unit(s), 0 left).` });
  });

  it('a cancelled booking is stored but takes no unit', async () => {
    const res = await post(stay({ status: 'cancelled', rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }));
    assert.equal(res.status, 201);
    assert.equal(await unitsFree(DEMO_ROOMS.penthouse, day(1)), 1);
  });

  it('lets simultaneous bookings of the last unit both pass, like Staymod (check and insert are not atomic)', async () => {
    const racy = await startSandbox({ port: 0, today: TODAY, raceWindowMs: 30 });
    try {
      const body = stay({ rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] });
      const results = await Promise.all([1, 2].map(() => send(racy, 'POST', BOOKINGS, body)));
      assert.deepEqual(results.map((r) => r.status), [201, 201]);
      const all = await send(racy, 'GET', BOOKINGS);
      assert.equal(all.body.bookings.length, SEEDED + 2);
    } finally {
      await racy.close();
    }
  });

  it('with raceWindowMs 0, exactly one of 20 simultaneous bookings gets the last unit', async () => {
    const atomic = await startSandbox({ port: 0, today: TODAY, raceWindowMs: 0 });
    try {
      const body = stay({ rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] });
      const results = await Promise.all(Array.from({ length: 20 }, () => send(atomic, 'POST', BOOKINGS, body)));
      assert.equal(results.filter((r) => r.status === 201).length, 1);
      assert.ok(results.filter((r) => r.status === 400).every((r) => r.body.error.startsWith(`Not enough availability on ${day(1)}`)));
    } finally {
      await atomic.close();
    }
  });
});

describe('POST bookings: every failure is a 400 with Staymod-style messages', () => {
  const deluxe = (line: Record<string, unknown>) => ({ rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1, ...line }] });
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['missing checkIn', { checkIn: undefined }, 'checkIn must be a valid date.'],
    ['unparseable checkIn', { checkIn: 'next friday' }, 'checkIn must be a valid date.'],
    ['checkIn of the wrong type', { checkIn: { date: day(1) } }, 'checkIn must be a valid date.'],
    ['unparseable checkOut', { checkOut: '2026-13-45' }, 'checkOut must be a valid date.'],
    ['checkOut before checkIn', { checkIn: day(3), checkOut: day(1) }, 'checkOut must be after checkIn.'],
    ['checkOut equal to checkIn', { checkIn: day(3), checkOut: day(3) }, 'checkOut must be after checkIn.'],
    ['missing guestName', { guestName: undefined }, 'guestName is required.'],
    ['blank guestName', { guestName: '   ' }, 'guestName is required.'],
    ['numeric guestName', { guestName: 42 }, 'guestName is required.'],
    ['zero guests', { numberOfGuests: 0 }, 'numberOfGuests must be a positive integer.'],
    ['fractional guests', { numberOfGuests: 1.5 }, 'numberOfGuests must be a positive integer.'],
    ['guests as text', { numberOfGuests: 'two' }, 'numberOfGuests must be a positive integer.'],
    ['missing rooms', { rooms: undefined }, 'rooms is required.'],
    ['rooms as a string', { rooms: 'deluxe' }, 'rooms must be an object or an array.'],
    ['empty rooms', { rooms: [] }, 'rooms must include at least one room.'],
    ['empty rooms map', { rooms: {} }, 'rooms must include at least one room.'],
    ['a room line that is not an object', { rooms: [7] }, 'rooms.0 must be an object.'],
    ['a bad roomId', { rooms: [{ roomId: 'deluxe', quantity: 1 }] }, 'rooms.0.roomId must be a valid id.'],
    ['quantity 0', deluxe({ quantity: 0 }), 'rooms.0.quantity must be a positive integer.'],
    ['quantity missing', { rooms: [{ roomId: DEMO_ROOMS.deluxe }] }, 'rooms.0.quantity must be a positive integer.'],
    ['roomNumbers not an array', deluxe({ roomNumbers: '101' }), 'rooms.0.roomNumbers must be an array of strings.'],
    // Staymod checks a line's quantity before its roomNumbers.
    ['quantity 0 and roomNumbers not an array', deluxe({ quantity: 0, roomNumbers: '101' }), 'rooms.0.quantity must be a positive integer.'],
    ['selectedOptions not an array', { selectedOptions: {} }, 'selectedOptions must be an array.'],
    ['an option with a bad id', { selectedOptions: [{ bookingOptionId: 'x' }] }, 'selectedOptions.0.bookingOptionId must be a valid id.'],
    ['an option with a bad appliesTo', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, appliesTo: 'guest' }] }, 'selectedOptions.0.appliesTo must be one of: user, room.'],
    ['an option with a negative price', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, name: 'B', appliesTo: 'user', frequency: 'day', pricePerUnit: -1, quantity: 1 }] }, 'selectedOptions.0.pricePerUnit must be a non-negative number.'],
    ['customItems not an array', { customItems: 'free' }, 'customItems must be an array.'],
    ['negative discount', { discount: -5 }, 'discount must be a non-negative number.'],
    ['unknown status', { status: 'paid' }, 'status must be one of: pending, confirmed, checked_in, completed, cancelled, no_show.'],
    ['unknown room', { rooms: [{ roomId: 'f'.repeat(24), quantity: 1 }] }, 'Room not found or not available for booking.'],
    ['inactive room', { rooms: [{ roomId: DEMO_ROOMS.cottage, quantity: 1 }] }, 'Room not found or not available for booking.'],
    ["another property's room", { rooms: [{ roomId: DEMO_ROOMS.hillLoft, quantity: 1 }] }, 'Room not found or not available for booking.'],
    ['quantity over the unit count', deluxe({ quantity: 4 }), 'quantity cannot exceed this room listing\'s unit count (3) for "Deluxe".'],
    ['an unknown room number', deluxe({ roomNumbers: ['9'] }), 'Room number "9" is not valid for "Deluxe".'],
    ['room numbers on a room without any', { rooms: [{ roomId: DEMO_ROOMS.gardenTwin, quantity: 1, roomNumbers: ['1'] }] }, 'Room "Garden Twin" does not have configured room numbers.'],
    ['the all-full night', { checkIn: day(DEMO_NIGHTS.allFull), checkOut: day(DEMO_NIGHTS.allFull + 1) }, `Not enough availability on ${day(DEMO_NIGHTS.allFull)} (need 1 unit(s), 0 left).`],
    ['a stay of years', { checkIn: day(1), checkOut: '2036-01-01' }, 'A stay cannot exceed 366 nights in the sandbox.'],
    ['a date beyond what JavaScript can hold', { checkOut: '+275761-01-01T00:00:00.000Z' }, 'checkOut must be a valid date.'],
  ];
  for (const [name, overrides, message] of cases) {
    it(`${name} -> ${message}`, async () => {
      const res = await post(stay(overrides));
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: message });
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    });
  }

  it('checks the dates before the guest name, like Staymod', async () => {
    const res = await post({ rooms: [] });
    assert.deepEqual(res.body, { error: 'checkIn must be a valid date.' });
  });

  it('nothing was stored by any failure', async () => {
    for (const [, overrides] of cases) await post(stay(overrides));
    const all = await send(sandbox, 'GET', BOOKINGS);
    assert.equal(all.body.bookings.length, SEEDED, 'only the seeded bookings');
  });
});

describe('POST bookings: junk bodies never give a 500', () => {
  const junk: Array<[string, string]> = [
    ['empty body', ''],
    ['invalid JSON', '{"guestName": '],
    ['not JSON at all', 'guestName=Jane'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"booking"'],
    ['an array', '[1,2,3]'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['huge numbers', JSON.stringify(stay({ numberOfGuests: 1e308, rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1e308 }] }))],
    ['prototype keys', '{"__proto__": {"guestName": "x"}, "constructor": 1}'],
    ['everything the wrong type', JSON.stringify({ guestName: [], checkIn: true, checkOut: null, rooms: 'x', numberOfGuests: {}, selectedOptions: 3 })],
  ];
  for (const [name, body] of junk) {
    it(name, async () => {
      const res = await postRaw(body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(typeof res.body.error, 'string');
    });
  }

  it("like Staymod: answers invalid JSON with the raw SyntaxError text", async () => {
    const syntaxError = (text: string) => {
      try {
        JSON.parse(text);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    assert.deepEqual((await postRaw('{oops')).body, { error: syntaxError('{oops') });
    assert.deepEqual((await postRaw('')).body, { error: syntaxError('') });
    assert.match((await postRaw('')).body.error, /JSON/);
    assert.deepEqual((await postRaw('null')).body, { error: 'Invalid payload.' });
  });

  it('caps the body at 64 kB with a JSON 413 that carries CORS', async () => {
    const big = JSON.stringify(stay({ specialRequests: 'x'.repeat(70 * 1024) }));
    const res = await postRaw(big);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { error: 'Request body exceeds 65536 bytes.' });
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    // A body just under the cap is read normally.
    const fits = await postRaw(JSON.stringify(stay({ specialRequests: 'x'.repeat(60 * 1024) })));
    assert.equal(fits.status, 201);
    // The server keeps working after a much larger body.
    const huge = await fetch(`${sandbox.url}${BOOKINGS}`, { method: 'POST', headers: { authorization: `Bearer ${DEMO.keys.full}` }, body: 'x'.repeat(600 * 1024) });
    assert.equal(huge.status, 413);
    assert.equal((await send(sandbox, 'GET', BOOKINGS)).status, 200);
  });
});
