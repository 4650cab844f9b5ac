// POST/GET bookings on the sandbox: Staymod's validation messages and order, what
// it stores (including the fields it should not trust), availability effects, the
// check-then-insert race, junk bodies and the body cap.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { bookingListResponseSchema, bookingResponseSchema, wireBookingSchema } from '../../src/contract/schemas.js';
import { addDays } from '../../src/domain/dates.js';
import { DEMO, DEMO_NIGHTS, DEMO_OPTIONS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
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
    assert.equal(ids.length, 3, 'seeded booking + 2'); // nothing lost, nothing duplicated
    assert.ok(ids.includes(a._id) && ids.includes(b._id));
    assert.equal(bookingListResponseSchema.parse(all.body).bookings.length, 3);
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
    // A zone-less date-time is UTC, as on Staymod's servers.
    const local = await post(stay({ checkIn: `${day(20)}T14:00`, checkOut: `${day(21)}T11:00`, rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }));
    assert.equal(local.body.booking.checkIn, `${day(20)}T14:00:00.000Z`);
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

  it('names the first sold-out night (host block)', async () => {
    const res = await post(stay({ checkIn: day(2), checkOut: day(6), rooms: [{ roomId: DEMO_ROOMS.gardenTwin, quantity: 1 }] }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: `Not enough availability on ${day(DEMO_NIGHTS.twinSoldOut[0])} (need 1 unit(s), 0 left).` });
  });

  it('assigns a requested room number and refuses it when taken', async () => {
    const res = await post(stay({ rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1, roomNumbers: ['103'] }] }));
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.booking.rooms[DEMO_ROOMS.deluxe], { roomType: 'double', quantity: 1, roomNumbers: ['103'] });
    const rows = (await send(sandbox, 'GET', `${AVAILABILITY}?from=${day(1)}&to=${day(1)}`)).body.rows;
    const full = rows.filter((r: any) => r.roomId === DEMO_ROOMS.deluxe).map((r: any) => [r.unitLabel, r.cells[0].isFull]);
    assert.deepEqual(full, [['101', false], ['102', false], ['103', true]]);
    const again = await post(stay({ rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1, roomNumbers: ['103'] }] }));
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, { error: `Room number "103" is not available on ${day(1)}.` });
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
      assert.equal(all.body.bookings.length, 3);
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
    ['selectedOptions not an array', { selectedOptions: {} }, 'selectedOptions must be an array.'],
    ['an option with a bad id', { selectedOptions: [{ bookingOptionId: 'x' }] }, 'selectedOptions.0.bookingOptionId must be a valid id.'],
    ['an option with a bad appliesTo', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, appliesTo: 'guest' }] }, 'selectedOptions.0.appliesTo must be one of: user, room.'],
    ['an option with a negative price', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, name: 'B', appliesTo: 'user', frequency: 'day', pricePerUnit: -1, quantity: 1 }] }, 'selectedOptions.0.pricePerUnit must be a non-negative number.'],
    ['customItems not an array', { customItems: 'free' }, 'customItems must be an array.'],
    ['negative discount', { discount: -5 }, 'discount must be a non-negative number.'],
    ['unknown status', { status: 'paid' }, 'status must be one of: pending, confirmed, cancelled, no_show.'],
    ['unknown room', { rooms: [{ roomId: 'f'.repeat(24), quantity: 1 }] }, 'Room not found or not available for booking.'],
    ['inactive room', { rooms: [{ roomId: DEMO_ROOMS.cottage, quantity: 1 }] }, 'Room not found or not available for booking.'],
    ["another property's room", { rooms: [{ roomId: DEMO_ROOMS.hillLoft, quantity: 1 }] }, 'Room not found or not available for booking.'],
    ['quantity over the unit count', deluxe({ quantity: 4 }), 'quantity cannot exceed this room listing\'s unit count (3) for "Deluxe".'],
    ['an unknown room number', deluxe({ roomNumbers: ['9'] }), 'Room number "9" is not valid for "Deluxe".'],
    ['room numbers on a room without any', { rooms: [{ roomId: DEMO_ROOMS.gardenTwin, quantity: 1, roomNumbers: ['1'] }] }, 'Room "Garden Twin" does not have configured room numbers.'],
    ['the all-full night', { checkIn: day(DEMO_NIGHTS.allFull), checkOut: day(DEMO_NIGHTS.allFull + 1) }, `Not enough availability on ${day(DEMO_NIGHTS.allFull)} (need 1 unit(s), 0 left).`],
    ['a stay of years', { checkIn: day(1), checkOut: '2036-01-01' }, 'A stay cannot exceed 366 nights in the sandbox.'],
    ['a date far out of range', { checkOut: '+275000-01-01T00:00:00.000Z' }, 'checkOut must be a valid date.'],
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
    assert.equal(all.body.bookings.length, 1, 'only the seeded booking');
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

  it('explains invalid JSON', async () => {
    assert.deepEqual((await postRaw('{oops')).body, { error: 'Request body is not valid JSON.' });
    assert.deepEqual((await postRaw('')).body, { error: 'Request body must be JSON; it is empty.' });
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
