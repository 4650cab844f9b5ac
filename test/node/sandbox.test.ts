// The sandbox's Staymod contract: auth order, CORS, rooms, booking options and
// availability, over real HTTP. Bookings, admin/faults and the CLI have their own files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  availabilityResponseSchema,
  bookingOptionsResponseSchema,
  errorBodySchema,
  roomsResponseSchema,
  wireAvailabilityRowSchema,
  wireBookingOptionSchema,
  wireRoomSchema,
} from '../../src/contract/schemas.js';
import { addDays } from '../../src/domain/dates.js';
import { DEMO, DEMO_BOOKINGS, DEMO_NIGHTS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

const TODAY = '2026-05-01'; // a Friday
let sandbox: RunningSandbox;

interface CallOptions {
  key?: string | null;
  origin?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

async function call(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? DEMO.keys.full : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.origin) headers.origin = options.origin;
  const res = await fetch(`${sandbox.url}${path}`, { method: options.method ?? 'GET', headers, body: options.body });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

const prop = (rest: string, propertyId = DEMO.propertyId) => `/api/public/v1/properties/${propertyId}/${rest}`;
const day = (n: number) => addDays(TODAY, n);

function assertCors(headers: Headers, origin?: string) {
  assert.equal(headers.get('access-control-allow-origin'), origin ?? '*');
  // Like Staymod: Vary only when an Origin was echoed.
  assert.equal(headers.get('vary'), origin ? 'Origin' : null);
  assert.equal(headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
  assert.equal(headers.get('access-control-allow-headers'), 'Authorization, Content-Type');
  assert.equal(headers.get('access-control-max-age'), '86400');
}

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});
after(() => sandbox.close());

describe('startSandbox', () => {
  it('listens on loopback and reports url, port and the demo info', () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sandbox.url, `http://127.0.0.1:${sandbox.port}`);
    assert.equal(sandbox.demo.today, TODAY);
    assert.equal(sandbox.demo.propertyId, DEMO.propertyId);
    assert.deepEqual(sandbox.demo.keys, DEMO.keys);
  });

  it('uses Staymod-looking keys and ObjectIds', () => {
    for (const key of Object.values(DEMO.keys)) assert.match(key, /^sk_live_[0-9a-f]{48}$/);
    assert.equal(new Set(Object.values(DEMO.keys)).size, Object.keys(DEMO.keys).length);
    assert.match(DEMO.propertyId, /^[0-9a-f]{24}$/);
    assert.match(DEMO.otherPropertyId, /^[0-9a-f]{24}$/);
  });

  it('refuses a malformed today', async () => {
    await assert.rejects(startSandbox({ port: 0, today: '2026-02-30' }), /YYYY-MM-DD/);
  });
});

describe('CORS', () => {
  it('is on a success, echoing the Origin', async () => {
    const res = await call(prop('rooms'), { origin: 'http://localhost:5173' });
    assert.equal(res.status, 200);
    assertCors(res.headers, 'http://localhost:5173');
  });

  it('like Staymod: answers * and sends no Vary without an Origin', async () => {
    const res = await call(prop('rooms'));
    assertCors(res.headers);
  });

  it('is on errors: 400, 401, 403, 404, 405', async () => {
    const origin = 'https://somewhere.example';
    for (const [path, options] of [
      [prop('rooms', 'nope'), {}],
      [prop('rooms'), { key: null }],
      [prop('rooms'), { key: DEMO.keys.foreignOrigin }],
      ['/nothing/here', {}],
      [prop('rooms'), { method: 'DELETE' }],
    ] as const) {
      const res = await call(path, { ...options, origin });
      assert.ok(res.status >= 400, `${path} -> ${res.status}`);
      assertCors(res.headers, origin);
      assert.equal(typeof res.body.error, 'string');
    }
  });

  it('answers a preflight with 204 and only Authorization, Content-Type', async () => {
    for (const path of [prop('rooms'), prop('bookings'), prop('rooms', 'not-an-id')]) {
      const res = await call(path, {
        method: 'OPTIONS',
        key: null,
        origin: 'http://localhost:5173',
        headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'idempotency-key' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.body, undefined);
      assertCors(res.headers, 'http://localhost:5173');
    }
  });
});

describe('auth: order of checks and messages', () => {
  const cases: Array<[string, string, CallOptions, number, string]> = [
    ['bad property id beats a missing key', prop('rooms', '12345'), { key: null }, 400, 'Invalid property id.'],
    ['12-character property id', prop('rooms', 'abcdefabcdef'), {}, 400, 'Invalid property id.'],
    ['no Authorization', prop('rooms'), { key: null }, 401, 'Missing Bearer API key.'],
    ['not a Bearer scheme', prop('rooms'), { key: null, headers: { authorization: `Basic ${DEMO.keys.full}` } }, 401, 'Missing Bearer API key.'],
    ['empty bearer', prop('rooms'), { key: null, headers: { authorization: 'Bearer   ' } }, 401, 'Missing Bearer API key.'],
    ['unknown key', prop('rooms'), { key: `sk_live_${'0'.repeat(48)}` }, 401, 'Invalid API key.'],
    ['inactive key', prop('rooms'), { key: DEMO.keys.inactive }, 401, 'Invalid API key.'],
    ['inactive beats a bad origin', prop('rooms'), { key: DEMO.keys.inactive, origin: 'https://evil.example' }, 401, 'Invalid API key.'],
    ['expired key', prop('rooms'), { key: DEMO.keys.expired }, 401, 'API key has expired.'],
    ['expired beats a wrong origin', prop('rooms'), { key: DEMO.keys.expired, origin: 'https://evil.example' }, 401, 'API key has expired.'],
    ['wrong origin', prop('rooms'), { key: DEMO.keys.widget, origin: 'https://evil.example' }, 403, 'Origin not allowed for this API key.'],
    ['origin beats scope', prop('bookings'), { key: DEMO.keys.widget, origin: 'https://evil.example' }, 403, 'Origin not allowed for this API key.'],
    ['foreign origin key from localhost', prop('rooms'), { key: DEMO.keys.foreignOrigin, origin: 'http://localhost:5173' }, 403, 'Origin not allowed for this API key.'],
    ['IP list without X-Forwarded-For', prop('rooms'), { key: DEMO.keys.ipRestricted }, 403, 'IP not allowed for this API key.'],
    ['IP list: only the FIRST X-Forwarded-For entry counts', prop('rooms'), { key: DEMO.keys.ipRestricted, headers: { 'x-forwarded-for': '10.0.0.1, 203.0.113.7' } }, 403, 'IP not allowed for this API key.'],
    ['missing scope', prop('bookings'), { key: DEMO.keys.readOnly, method: 'POST', body: '{}' }, 403, 'API key scope does not allow this action.'],
    ['scope: widget key cannot read bookings', prop('bookings'), { key: DEMO.keys.widget }, 403, 'API key scope does not allow this action.'],
    ['scope after origin passes', prop('bookings'), { key: DEMO.keys.foreignOrigin, origin: 'https://hotel.example' }, 403, 'API key scope does not allow this action.'],
    ['no booking-options:read', prop('booking-options'), { key: DEMO.keys.noOptions }, 403, 'API key scope does not allow this action.'],
    ['key for another property', prop('rooms'), { key: DEMO.keys.otherProperty }, 403, 'API key is not allowed for this property.'],
    ['unknown property not in the key list', prop('rooms', 'ffffffffffffffffffffffff'), { key: DEMO.keys.otherProperty }, 403, 'API key is not allowed for this property.'],
    ['widget key: no rooms:read', prop('rooms'), { key: DEMO.keys.widget, origin: 'http://localhost:5173' }, 403, 'API key scope does not allow this action.'],
  ];
  for (const [name, path, options, status, message] of cases) {
    it(`${name} -> ${status} ${message}`, async () => {
      const res = await call(path, options);
      assert.equal(res.status, status);
      assert.deepEqual(res.body, { error: message });
    });
  }

  const allowed: Array<[string, string, CallOptions]> = [
    ['the widget key from an allowed origin', prop('room-availability'), { key: DEMO.keys.widget, origin: 'http://127.0.0.1:4173' }],
    ['the widget key WITHOUT an Origin (a copied key works anywhere)', prop('room-availability'), { key: DEMO.keys.widget }],
    ['the foreign-origin key from its origin', prop('room-availability'), { key: DEMO.keys.foreignOrigin, origin: 'https://hotel.example' }],
    ['the IP key from its IP (first entry)', prop('rooms'), { key: DEMO.keys.ipRestricted, headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' } }],
    ['the other-property key on its property', prop('rooms', DEMO.otherPropertyId), { key: DEMO.keys.otherProperty }],
    ['a lower-case bearer scheme and an upper-case property id', prop('rooms', DEMO.propertyId.toUpperCase()), { key: null, headers: { authorization: `bearer ${DEMO.keys.readOnly}` } }],
    ['the widget key on availability', prop('room-availability'), { key: DEMO.keys.widget, origin: 'http://localhost:5173' }],
    ['the widget key on booking options', prop('booking-options'), { key: DEMO.keys.widget, origin: 'http://127.0.0.1:4173' }],
  ];
  for (const [name, path, options] of allowed) {
    it(`allows ${name}`, async () => {
      const res = await call(path, options);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });
  }
});

describe('routes', () => {
  it('answers 404 JSON for unknown paths and 405 JSON for wrong methods', async () => {
    const unknown = await call(prop('guests'));
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { error: 'Not found.' });
    const wrong = await call(prop('rooms'), { method: 'POST', body: '{}' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, OPTIONS');
    assert.deepEqual(wrong.body, { error: 'Method not allowed.' });
  });
});

describe('GET rooms', () => {
  it('lists active rooms by sortOrder, then name', async () => {
    const res = await call(prop('rooms'));
    assert.deepEqual(
      res.body.rooms.map((r: { name: string }) => r.name),
      ['Deluxe', 'Garden Twin', 'Family Suite', 'Ocean Penthouse', 'Backpacker Dorm Bed', 'Heritage Studio', 'Courtyard Studio'],
    );
    assert.ok(!res.body.rooms.some((r: { _id: string }) => r._id === DEMO_ROOMS.cottage), 'inactive room listed');
  });

  it('sends the stored document almost whole, leaks included', async () => {
    const res = await call(prop('rooms'));
    const deluxe = res.body.rooms.find((r: { _id: string }) => r._id === DEMO_ROOMS.deluxe);
    assert.equal(deluxe.orgId, 'org_2sandboxSeaBreezeDemo');
    assert.match(deluxe.icalToken, /^[0-9a-f]{32}$/);
    assert.deepEqual(Object.keys(deluxe.icalTokensByRoomNumber), ['101', '102', '103']);
    assert.deepEqual(deluxe.roomNumbers, ['101', '102', '103']);
    assert.equal(deluxe.unitCount, 3);
    assert.equal(deluxe.priceWeekend, 4999.5);
    assert.equal(deluxe.propertyId, DEMO.propertyId);
    assert.equal(deluxe.status, 'active');
    assert.equal(deluxe.isActive, true);
    assert.ok(deluxe.tags.length > 0 && deluxe.tags.every((t: object) => '_id' in t && 'name' in t && 'slug' in t));
    assert.ok(deluxe.amenities.includes('Balcony'));
    const studio = res.body.rooms.find((r: { _id: string }) => r._id === DEMO_ROOMS.studio);
    assert.equal(studio.priceWeekday, undefined);
    assert.equal(studio.priceWeekend, undefined);
  });

  it('serves the room images from the sandbox as absolute URLs', async () => {
    const res = await call(prop('rooms'));
    const urls: string[] = res.body.rooms.flatMap((r: { imageUrls: string[]; roomImages: Array<{ url: string }> }) => [
      ...r.imageUrls,
      ...r.roomImages.map((i) => i.url),
    ]);
    assert.ok(urls.length >= 6);
    for (const url of new Set(urls)) {
      assert.ok(url.startsWith(`${sandbox.url}/__sandbox/images/`), url);
      const img = await fetch(url);
      assert.equal(img.status, 200);
      assert.equal(img.headers.get('content-type'), 'image/svg+xml');
      const svg = await img.text();
      assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svg, /linearGradient/);
    }
    assert.equal((await fetch(`${sandbox.url}/__sandbox/images/nope.svg`)).status, 404);
  });

  it('lists the other property with its own rooms', async () => {
    const res = await call(prop('rooms', DEMO.otherPropertyId));
    assert.deepEqual(res.body.rooms.map((r: { _id: string }) => r._id), [DEMO_ROOMS.hillCottage, DEMO_ROOMS.hillLoft]);
  });
});

describe('GET booking-options', () => {
  it('like Staymod: an option stored with a legacy chargeBasis is answered with appliesTo/frequency', async () => {
    const add = async (body: object) => {
      const res = await fetch(`${sandbox.url}/__sandbox/booking-options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 201);
      return (await res.json()).bookingOption._id as string;
    };
    const roomDaily = await add({ name: 'Zz legacy cot', pricePerUnit: 200, chargeBasis: 'per_room_per_day' });
    const personDaily = await add({ name: 'Zz legacy towel', pricePerUnit: 50, chargeBasis: 'per_person_per_day' });
    const options = (await call(prop('booking-options'))).body.bookingOptions;
    const byId = (id: string) => options.find((o: any) => o._id === id);
    assert.equal(byId(roomDaily).appliesTo, 'room');
    assert.equal(byId(roomDaily).frequency, 'day');
    assert.equal(byId(personDaily).appliesTo, 'user');
    assert.equal(byId(personDaily).frequency, 'day');
    assert.ok(!('chargeBasis' in byId(roomDaily)));
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('lists active options, sorted, with every appliesTo/frequency pair', async () => {
    const res = await call(prop('booking-options'));
    const options = res.body.bookingOptions as Array<{ name: string; appliesTo: string; frequency: string; isActive: boolean; pricePerUnit: number }>;
    assert.deepEqual(options.map((o) => o.name), ['Breakfast buffet', 'Airport pickup', 'Late checkout', 'Scooter rental']);
    assert.ok(options.every((o) => o.isActive));
    assert.deepEqual(
      new Set(options.map((o) => `${o.appliesTo}/${o.frequency}`)),
      new Set(['user/day', 'user/booking', 'room/booking', 'room/day']),
    );
    assert.equal(options[0]!.pricePerUnit, 450);
  });
});

describe('GET room-availability', () => {
  const avail = (query: string) => call(`${prop('room-availability')}${query}`);
  const rowsOf = (body: any, roomId: string) => body.rows.filter((r: { roomId: string }) => r.roomId === roomId);
  const cell = (row: any, dateKey: string) => row.cells.find((c: { dateKey: string }) => c.dateKey === dateKey);

  it('defaults to today .. today+29 (30 dates)', async () => {
    const res = await avail('');
    assert.equal(res.status, 200);
    assert.equal(res.body.from, TODAY);
    assert.equal(res.body.to, day(29));
    assert.equal(res.body.days.length, 30);
    assert.equal(res.body.rows[0].cells.length, 30);
    const empty = await avail('?from=&to=');
    assert.equal(empty.body.from, TODAY);
    assert.equal(empty.body.days.length, 30);
  });

  it('includes both ends: 62 dates are fine, 63 are refused', async () => {
    const ok = await avail(`?from=${TODAY}&to=${day(61)}`);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.days.length, 62);
    assert.equal(ok.body.days[61].dateKey, day(61));
    const tooMany = await avail(`?from=${TODAY}&to=${day(62)}`);
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.body, { error: 'Date range cannot exceed 62 nights.' });
    const one = await avail(`?from=${day(3)}&to=${day(3)}`);
    assert.equal(one.body.days.length, 1);
  });

  it('refuses from > to and malformed dates', async () => {
    const backwards = await avail(`?from=${day(2)}&to=${day(1)}`);
    assert.equal(backwards.status, 400);
    assert.deepEqual(backwards.body, { error: 'from must be before or equal to to.' });
    for (const query of ['?from=2026-5-1', '?to=2026-02-30', '?from=tomorrow', `?from=${TODAY}T00:00:00Z`, '?to=20260501']) {
      const res = await avail(query);
      assert.equal(res.status, 400, query);
      assert.deepEqual(res.body, { error: 'from/to must be YYYY-MM-DD.' }, query);
    }
  });

  it('has one row per unit: room numbers, else Unit 1..n', async () => {
    const res = await avail(`?from=${TODAY}&to=${day(1)}`);
    const deluxe = rowsOf(res.body, DEMO_ROOMS.deluxe);
    assert.deepEqual(deluxe.map((r: any) => r.unitLabel), ['101', '102', '103']);
    assert.deepEqual(deluxe.map((r: any) => r.rowId), ['101', '102', '103'].map((n) => `${DEMO_ROOMS.deluxe}:${n}`));
    assert.equal(deluxe[0].listingName, 'Deluxe');
    assert.equal(deluxe[0].roomType, 'double');
    const dorm = rowsOf(res.body, DEMO_ROOMS.dorm);
    assert.deepEqual(dorm.map((r: any) => r.unitLabel), ['Unit 1', 'Unit 2', 'Unit 3', 'Unit 4', 'Unit 5', 'Unit 6']);
    assert.equal(dorm[0].rowId, `${DEMO_ROOMS.dorm}:__unit:0`);
    assert.equal(rowsOf(res.body, DEMO_ROOMS.penthouse).length, 1);
    assert.equal(rowsOf(res.body, DEMO_ROOMS.cottage).length, 0, 'inactive room has rows');
    assert.equal(res.body.rows.length, 3 + 2 + 2 + 1 + 6 + 1 + 1);
  });

  it('like Staymod: rows sort by sortOrder then createdAt, not by name as GET rooms does', async () => {
    // Heritage Studio and the dorm share sortOrder 5 and createdAt: the view keeps stored order.
    const res = await avail(`?from=${TODAY}&to=${TODAY}`);
    const order = [...new Set(res.body.rows.map((r: any) => r.listingName))];
    assert.deepEqual(order, ['Deluxe', 'Garden Twin', 'Family Suite', 'Ocean Penthouse', 'Heritage Studio', 'Backpacker Dorm Bed', 'Courtyard Studio']);
    const rooms = (await call(prop('rooms'))).body.rooms.map((r: any) => r.name);
    assert.ok(rooms.indexOf('Backpacker Dorm Bed') < rooms.indexOf('Heritage Studio'));
  });

  it('prices: override, else weekend on Fri/Sat (UTC), else weekday, null when none', async () => {
    // 2026-05-01 is a Friday, 05-02 a Saturday, 05-03 a Sunday.
    const res = await avail(`?from=${TODAY}&to=${day(20)}`);
    assert.deepEqual(res.body.days.slice(0, 4).map((d: any) => d.isWeekend), [true, true, false, false]);
    const deluxe = rowsOf(res.body, DEMO_ROOMS.deluxe)[0];
    assert.deepEqual(cell(deluxe, TODAY), { dateKey: TODAY, isFull: false, price: 4999.5, priceIsOverride: false });
    assert.deepEqual(cell(deluxe, day(DEMO_NIGHTS.deluxeDeal)), { dateKey: day(1), isFull: false, price: 2999, priceIsOverride: true });
    assert.equal(cell(deluxe, day(2)).price, 3499);
    assert.equal(cell(deluxe, day(7)).price, 4999.5);
    const family = rowsOf(res.body, DEMO_ROOMS.familySuite)[1];
    assert.equal(cell(family, day(5)).price, 9999);
    assert.equal(cell(family, day(5)).priceIsOverride, true);
    const studio = rowsOf(res.body, DEMO_ROOMS.studio)[0];
    assert.ok(studio.cells.every((c: any) => c.price === null && c.priceIsOverride === false));
  });

  it('marks full units from the demo bookings (the sold-out nights are bookings, as on Staymod)', async () => {
    const res = await avail(`?from=${TODAY}&to=${day(12)}`);
    const twin = rowsOf(res.body, DEMO_ROOMS.gardenTwin);
    for (const n of DEMO_NIGHTS.twinSoldOut) assert.ok(twin.every((r: any) => cell(r, day(n)).isFull), `twin +${n}`);
    assert.ok(twin.every((r: any) => !cell(r, day(2)).isFull));
    // Every unit of every room on the all-full night.
    assert.ok(res.body.rows.every((r: any) => cell(r, day(DEMO_NIGHTS.allFull)).isFull));
    assert.ok(res.body.rows.some((r: any) => !cell(r, day(DEMO_NIGHTS.allFull - 1)).isFull));
    // The seeded booking holds room 102 on +6 and +7 only.
    const deluxe = rowsOf(res.body, DEMO_ROOMS.deluxe);
    const fullOn = (n: number) => deluxe.map((r: any) => cell(r, day(n)).isFull);
    assert.deepEqual(fullOn(6), [false, true, false]);
    assert.deepEqual(fullOn(7), [false, true, false]);
    assert.deepEqual(fullOn(8), [false, false, false]);
    // The OTA import fills the penthouse on its night only.
    const penthouse = rowsOf(res.body, DEMO_ROOMS.penthouse)[0];
    assert.equal(cell(penthouse, day(DEMO_NIGHTS.otaImport)).isFull, true);
    assert.equal(cell(penthouse, day(DEMO_NIGHTS.otaImport + 1)).isFull, false);
  });
});

describe("like Staymod: a property's existence is never checked", () => {
  const ids: Array<[string, string]> = [
    ['an unknown property', 'ffffffffffffffffffffffff'],
    ["another organisation's property", DEMO.foreignPropertyId],
    ['a deactivated property', DEMO.inactivePropertyId],
  ];
  for (const [name, id] of ids) {
    it(`${name} answers 200 with empty lists, and POST answers "Room not found"`, async () => {
      assert.deepEqual((await call(prop('rooms', id))).body, { rooms: [] });
      assert.deepEqual((await call(prop('booking-options', id))).body, { bookingOptions: [] });
      const avail = await call(prop(`room-availability?from=${TODAY}&to=${day(2)}`, id));
      assert.equal(avail.status, 200);
      assert.deepEqual(avail.body.rows, []);
      assert.deepEqual(avail.body.days.map((d: any) => d.dateKey), [TODAY, day(1), day(2)]);
      assert.deepEqual((await call(prop('bookings', id))).body, { bookings: [] });
      const body = JSON.stringify({ guestName: 'X', checkIn: day(1), checkOut: day(2), rooms: [{ roomId: DEMO_ROOMS.lakeside, quantity: 1 }] });
      const post = await call(prop('bookings', id), { method: 'POST', body });
      assert.equal(post.status, 400);
      assert.deepEqual(post.body, { error: 'Room not found or not available for booking.' });
    });
  }

  it('the foreign property does have a room: the demo keys just never see it', async () => {
    const rooms = await call(prop('rooms', DEMO.foreignPropertyId));
    assert.deepEqual(rooms.body, { rooms: [] });
    const state = await (await fetch(`${sandbox.url}/__sandbox/counters?propertyId=${DEMO.foreignPropertyId}`)).json();
    assert.deepEqual(state.defaults, { double: 4 });
  });

  it('auth still comes first: a key for other properties gets its 403 on an unknown one', async () => {
    const res = await call(prop('rooms', 'ffffffffffffffffffffffff'), { key: DEMO.keys.otherProperty });
    assert.equal(res.status, 403);
  });
});

describe("like Staymod: the public iCal feed leaks guests' data to whoever holds a token", () => {
  const feed = (roomId: string, token: string) => fetch(`${sandbox.url}/api/public/ical/rooms/${roomId}/${token}`);

  it('GET rooms hands out the token; the feed needs nothing else and lists name, e-mail, phone, requests', async () => {
    const rooms = (await call(prop('rooms'))).body.rooms;
    const twin = rooms.find((r: any) => r._id === DEMO_ROOMS.gardenTwin);
    const res = await feed(DEMO_ROOMS.gardenTwin, twin.icalToken);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await res.text();
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, new RegExp(`UID:${DEMO_BOOKINGS.twinGroup}-${DEMO_ROOMS.gardenTwin}@staymod.app`));
    assert.match(text, new RegExp(`DTSTART:${day(DEMO_NIGHTS.twinSoldOut[0]).replace(/-/g, '')}`));
    assert.match(text, /Guest: Rohan Kulkarni/);
    assert.match(text, /Email: rohan.k@example.com/);
    assert.match(text, /Phone: \+91 99870 12345/);
    assert.match(text, /Special Requests: College reunion\\, two twin rooms/);
  });

  it("a room number's own token lists only the bookings naming that number", async () => {
    const deluxe = (await call(prop('rooms'))).body.rooms.find((r: any) => r._id === DEMO_ROOMS.deluxe);
    const of102 = await (await feed(DEMO_ROOMS.deluxe, deluxe.icalTokensByRoomNumber['102'])).text();
    assert.match(of102, /Guest: Asha Menon/);
    const of101 = await (await feed(DEMO_ROOMS.deluxe, deluxe.icalTokensByRoomNumber['101'])).text();
    assert.doesNotMatch(of101, /Asha Menon/);
    assert.match(of101, /Fernandes wedding party/);
  });

  it('a pending booking is not in the feed; a confirmed one is', async () => {
    const token = (await call(prop('rooms'))).body.rooms.find((r: any) => r._id === DEMO_ROOMS.studio).icalToken;
    for (const [guestName, status] of [['Pending Pat', 'pending'], ['Confirmed Cleo', 'confirmed']]) {
      const body = JSON.stringify({ guestName, status, checkIn: day(40), checkOut: day(41), rooms: [{ roomId: DEMO_ROOMS.studio, quantity: 1 }] });
      assert.equal((await call(prop('bookings'), { method: 'POST', body })).status, 201);
    }
    const text = await (await feed(DEMO_ROOMS.studio, token)).text();
    assert.doesNotMatch(text, /Pending Pat/);
    assert.match(text, /Confirmed Cleo/);
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('without the right token: 404 and no guest data; a malformed room id: 400', async () => {
    for (const token of ['0'.repeat(32), 'x', DEMO.keys.full]) {
      const res = await feed(DEMO_ROOMS.gardenTwin, token);
      assert.equal(res.status, 404);
      const text = await res.text();
      assert.deepEqual(JSON.parse(text), { error: 'Room not found or invalid token' });
      assert.doesNotMatch(text, /Rohan/);
    }
    // Another room's token does not open this room.
    const deluxe = (await call(prop('rooms'))).body.rooms.find((r: any) => r._id === DEMO_ROOMS.deluxe);
    assert.equal((await feed(DEMO_ROOMS.gardenTwin, deluxe.icalToken)).status, 404);
    assert.equal((await feed('not-an-id', deluxe.icalToken)).status, 400);
  });

  it('the widget key cannot read rooms, so it cannot learn a token', async () => {
    const res = await call(prop('rooms'), { key: DEMO.keys.widget });
    assert.equal(res.status, 403);
    assert.doesNotMatch(JSON.stringify(res.body), /[0-9a-f]{32}/);
  });
});

describe('answers parse with the contract schemas', () => {
  it('rooms, options, availability and errors parse without losing an entry', async () => {
    const rooms = await call(prop('rooms'));
    assert.equal(roomsResponseSchema.parse(rooms.body).rooms.length, rooms.body.rooms.length);
    for (const room of rooms.body.rooms) {
      const parsed = wireRoomSchema.parse(room);
      // The tolerant schema must not have had to patch anything.
      assert.equal(parsed.type, room.type);
      assert.equal(parsed.maxGuests, room.maxGuests);
      assert.equal(parsed.unitCount, room.unitCount);
      assert.deepEqual(parsed.roomImages.map((i) => i.url), room.roomImages.map((i: any) => i.url));
      assert.equal(parsed.tags.length, room.tags.length);
      assert.ok(!('icalToken' in parsed) && !('orgId' in parsed), 'schema keeps a secret');
    }

    const options = await call(prop('booking-options'));
    assert.equal(bookingOptionsResponseSchema.parse(options.body).bookingOptions.length, options.body.bookingOptions.length);
    for (const option of options.body.bookingOptions) wireBookingOptionSchema.parse(option);

    const availability = await call(prop('room-availability'));
    const parsed = availabilityResponseSchema.parse(availability.body);
    assert.equal(parsed.rows.length, availability.body.rows.length);
    assert.equal(parsed.days.length, 30);
    for (const row of availability.body.rows) {
      assert.equal(wireAvailabilityRowSchema.parse(row).cells.length, row.cells.length);
    }

    const error = await call(prop('rooms'), { key: null });
    errorBodySchema.parse(error.body);
  });
});
