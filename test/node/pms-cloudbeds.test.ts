/** The proxy with the Cloudbeds adapter, against the Cloudbeds fake over HTTP. */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { CLOUDBEDS_ROOM_TYPES } from '../../src/fakes/cloudbeds/data.js';
import { startCloudbedsFake, type RunningCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';
import { cloudbedsPmsFor } from '../../src/fakes/pms.js';
import { main } from '../../src/proxy/cli.js';
import { createStaymodProxy } from '../../src/proxy/handler.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import type { StaymodProxyOptions } from '../../src/proxy/options.js';
import { MemoryState } from '../../src/proxy/state/memory.js';

const TODAY = utcDateKey(Date.now());
const day = (n: number) => addDays(TODAY, n);
const ORIGIN = 'https://hotel.example';
let fake: RunningCloudbedsFake;
let server: Server;
let base: string;
const logs: string[] = [];

async function state(): Promise<any> {
  return (await fetch(`${fake.url}/__sandbox/state`)).json();
}
async function fault(body: Record<string, unknown>) {
  await fetch(`${fake.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
}
async function get(path: string) {
  const response = await fetch(`${base}/${path}`, { headers: { origin: ORIGIN } });
  return { status: response.status, json: (await response.json()) as any, text: '' };
}
async function book(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/bookings`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  assert.ok(!text.includes(fake.demo.apiKey), 'the key never leaves the proxy');
  return { status: response.status, json: JSON.parse(text) as any, text };
}
const stay = (roomId: string, from: number, to: number, extra: Record<string, unknown> = {}) => ({
  guestName: 'Ana María López', guestEmail: 'ana@example.com', guestPhone: '+52 55 1234 5678',
  checkIn: `${day(from)}T14:00:00.000Z`, checkOut: `${day(to)}T11:00:00.000Z`, numberOfGuests: 2,
  rooms: [{ roomId, quantity: 1 }], ...extra,
});

/** A proxy of its own (its own pacer and room-type memo), as a host runs one. */
function proxyFor(fake: RunningCloudbedsFake, extra: Partial<StaymodProxyOptions> = {}): Server {
  return createNodeProxyServer({
    pms: cloudbedsPmsFor(fake),
    propertyIds: fake.demo.propertyId,
    allowedOrigins: ORIGIN,
    currency: 'MXN',
    timeoutMs: 800,
    cacheTtlMs: { availability: 0, rooms: 0, bookingOptions: 0 },
    rateLimit: false,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(`ERROR ${m}`) },
    ...extra,
  });
}

/** Runs `test` against a proxy of its own (own options, pacer and memo), closed after. */
async function withProxy(extra: Partial<StaymodProxyOptions>, test: (base: string) => Promise<void>, on = fake): Promise<void> {
  const proxy = proxyFor(on, extra);
  try {
    await test(await serve(proxy));
  } finally {
    proxy.closeAllConnections();
    proxy.close();
  }
}
async function bookAt(at: string, body: Record<string, unknown>) {
  const response = await fetch(`${at}/bookings`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as any, text };
}
/** An amount as the quote note writes it: `4,700.50`, `4,403`. */
const noted = (minor: number) => {
  const whole = Math.floor(minor / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return minor % 100 ? `${whole}.${String(minor % 100).padStart(2, '0')}` : whole;
};
const errors = () => logs.filter((l) => l.startsWith('ERROR '));

/** Listens on a free port; the property's base URL on it. */
async function serve(proxy: Server): Promise<string> {
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/public/v1/properties/${fake.demo.propertyId}`;
}

before(async () => {
  fake = await startCloudbedsFake({ today: TODAY });
  server = proxyFor(fake);
  base = await serve(server);
});
after(async () => {
  server.closeAllConnections();
  server.close();
  await fake.close();
});
beforeEach(async () => {
  await fetch(`${fake.url}/__sandbox/reset`, { method: 'POST' });
  logs.length = 0;
});

describe('proxy with Cloudbeds', () => {
  it('a cold page (rooms, extras, three months at once) stays under 5 requests a second and reads the room types once', async () => {
    const cold = proxyFor(fake);
    try {
      const coldBase = await serve(cold);
      const paths = ['rooms', 'booking-options', ...[[1, 30], [31, 60], [61, 90]].map(([a, b]) => `room-availability?from=${day(a!)}&to=${day(b!)}`)];
      const answers = await Promise.all(paths.map((p) => fetch(`${coldBase}/${p}`, { headers: { origin: ORIGIN } })));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
      const { requests, overRate } = await state();
      assert.equal(overRate, 0, `no second with more than 5 calls: ${JSON.stringify(requests)}`);
      assert.equal(requests.getRoomTypes, 1, 'one room-types read for the five requests');
    } finally {
      cold.closeAllConnections();
      cold.close();
    }
  });

  it('rooms: room types with their units, photos and features (features given as an object too)', async () => {
    const { status, json } = await get('rooms');
    assert.equal(status, 200);
    const superior = json.rooms.find((r: any) => r.name === 'Superior King');
    assert.equal(superior._id, '501235');
    assert.equal(superior.unitCount, 3);
    assert.deepEqual(superior.roomNumbers, ['201', '202', '203']);
    assert.deepEqual(superior.amenities, ['Wi-Fi', 'Balcony', 'Desk']);
    assert.equal(superior.imageUrls.length, 2);
  });

  it('availability: base-plan prices per night (not the derived plan), units free as unit rows, the last date included', async () => {
    const { status, json } = await get(`room-availability?from=${day(2)}&to=${day(4)}`);
    assert.equal(status, 200);
    assert.deepEqual(json.days.map((d: any) => d.dateKey), [day(2), day(3), day(4)]);
    const std = json.rows.filter((r: any) => r.roomId === '501234');
    assert.deepEqual(std.map((r: any) => r.unitLabel), ['101', '102', '103', '104']);
    assert.deepEqual(std.map((r: any) => r.cells.map((c: any) => c.isFull)), Array(4).fill([false, true, true]));
    const prices = std[0].cells.map((c: any) => c.price);
    for (const p of prices) assert.ok(p === 1450 || p === 1650, `base price, got ${p}`);
  });

  it('booking: a form-encoded reservation with the name split, adults = guests, the host country, dates as given; extras posted after', async () => {
    const res = await book(stay('501235', 6, 8, { selectedOptions: [{ bookingOptionId: '9001', quantity: 2 }, { bookingOptionId: '9002', quantity: 1 }] }));
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.booking._id, /^\d+$/);
    assert.equal(res.json.booking.status, 'pending');
    const stored = (await state()).reservations.find((r: any) => r.reservationID === res.json.booking._id);
    assert.equal(stored.guestFirstName, 'Ana María');
    assert.equal(stored.guestLastName, 'López');
    assert.equal(stored.guestCountry, 'MX');
    assert.equal(stored.startDate, day(6));
    assert.equal(stored.endDate, day(8));
    assert.deepEqual(stored.rooms, [{ roomTypeID: '501235', quantity: 1, adults: 2, children: 0 }]);
    assert.deepEqual(stored.items, [
      { itemID: '9001', itemQuantity: 4, itemPrice: 180 },
      { itemID: '9002', itemQuantity: 1, itemPrice: 650 },
    ]);
  });

  it('a room type with an absurd unit count (5e7) gets at most 500 unit rows: untrusted input never fills the memory', async () => {
    const real = await fetch(`${fake.apiBase}/getRoomTypes?propertyIDs=${fake.demo.propertyId}`, { headers: { 'x-api-key': fake.demo.apiKey } });
    const answer = (await real.json()) as { data: Array<Record<string, unknown>> };
    const [first] = answer.data;
    first!['roomTypeUnits'] = 5e7;
    await fault({ route: 'getRoomTypes', status: 200, body: answer, times: 1 });
    // A proxy of its own: the shared one keeps the room types it read.
    const proxy = proxyFor(fake);
    const own = await serve(proxy);
    try {
      const response = await fetch(`${own}/room-availability?from=${day(1)}&to=${day(2)}`, { headers: { origin: ORIGIN } });
      assert.equal(response.status, 200);
      const rows = ((await response.json()) as { rows: Array<{ roomId: string }> }).rows.filter((r) => r.roomId === first!['roomTypeID']);
      assert.equal(rows.length, 500);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it('sold out: refused before posting, naming the night', async () => {
    const res = await book(stay('501234', 2, 5));
    assert.equal(res.status, 400);
    assert.equal(res.json.error, `Not enough availability on ${day(3)} (need 1 unit(s), 0 left).`);
    assert.equal((await state()).requests.postReservation, undefined);
  });

  it("Cloudbeds' own success:false sold-out on HTTP 200 becomes the sold-out answer naming the night", async () => {
    // Another channel takes the last Rooftop unit between the proxy's check and the insert.
    await fault({ route: 'postReservation', status: 200, body: { success: false, message: 'Some of the selected rooms are no longer available for the selected dates' }, times: 1 });
    await fetch(`${fake.url}/__sandbox/reservations`, { method: 'POST', body: JSON.stringify({ roomTypeID: '501237', startDate: day(16), endDate: day(17) }) });
    const res = await book(stay('501237', 15, 17));
    assert.equal(res.status, 400, res.text);
    assert.equal(res.json.error, `Not enough availability on ${day(16)} (need 1 unit(s), 0 left).`);
  });

  it('a refusal that only speaks of availability (a payment method) is not sold out: the guest gets Cloudbeds\' reason, the host a log line', async () => {
    await fault({ route: 'postReservation', status: 200, body: { success: false, message: 'Payment method cash is not available for this property' }, times: 1 });
    const res = await book(stay('501235', 20, 22));
    assert.equal(res.status, 400, res.text);
    assert.equal(res.json.error, 'Cloudbeds refused the booking: Payment method cash is not available for this property');
    assert.ok(errors().some((l) => l.includes('Payment method cash is not available')), logs.join('\n'));
  });

  it("a sold-out text while Cloudbeds' own rates show the units free is not told to the guest as sold out", async () => {
    await fault({ route: 'postReservation', status: 200, body: { success: false, message: 'Some of the selected rooms are no longer available for the selected dates' }, times: 1 });
    const res = await book(stay('501235', 20, 22));
    assert.equal(res.status, 400, res.text);
    assert.doesNotMatch(res.json.error, /^Not enough availability/);
    assert.match(res.json.error, /^Cloudbeds refused the booking: Some of the selected rooms are no longer available/);
    assert.ok(errors().some((l) => /no longer available/.test(l) && /free/.test(l)), logs.join('\n'));
  });

  it('extras: slow postItem calls share one short deadline, so the guest hears of the reservation well within 15 s', async () => {
    await fault({ route: 'postItem', latencyMs: 4000, times: 2 });
    await withProxy({ timeoutMs: 10_000 }, async (at) => {
      const started = Date.now();
      const res = await bookAt(at, stay('501235', 6, 8, { selectedOptions: [{ bookingOptionId: '9002', quantity: 1 }, { bookingOptionId: '9003', quantity: 1 }] }));
      const took = Date.now() - started;
      assert.equal(res.status, 201, res.text);
      // One after the other, the two calls alone took 8 s; now the deadline (2 s) bounds them.
      assert.ok(took < 5000, `answered after ${took} ms`);
      assert.ok(errors().some((l) => l.includes(res.json.booking._id) && l.includes('Airport transfer') && l.includes('Welcome mezcal')), logs.join('\n'));
      // The calls go on after the answer: both extras land, and no late line reaches another test's log.
      const reservation = async () => (await state()).reservations.find((r: any) => r.reservationID === res.json.booking._id);
      for (let i = 0; i < 60 && (await reservation()).items.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await reservation()).items.length, 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
  });

  it('extras still being added when the guest is answered are handed to the runtime (Workers\' waitUntil), whose wait ends when they land', async () => {
    await fault({ route: 'postItem', latencyMs: 3000, times: 1 });
    // The fetch-handler form, as the Workers entry runs it, with a context carrying waitUntil.
    const handler = createStaymodProxy({
      pms: cloudbedsPmsFor(fake), propertyIds: fake.demo.propertyId, allowedOrigins: ORIGIN, currency: 'MXN', timeoutMs: 10_000,
      cacheTtlMs: { availability: 0, rooms: 0, bookingOptions: 0 }, rateLimit: false,
      logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(`ERROR ${m}`) },
    });
    // Like Workers' ExecutionContext: waitUntil works only called on its context ("Illegal invocation" detached).
    class Context {
      readonly handed: Array<Promise<unknown>> = [];
      waitUntil(work: Promise<unknown>): void {
        if (!(this instanceof Context)) throw new TypeError('Illegal invocation');
        this.handed.push(work);
      }
    }
    const post = (from: number, to: number, context: object) => {
      const body = stay('501235', from, to, { selectedOptions: [{ bookingOptionId: '9002', quantity: 1 }] });
      const request = new Request(`http://proxy.test/api/public/v1/properties/${fake.demo.propertyId}/bookings`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return handler(request, context);
    };
    const context = new Context();
    const response = await post(6, 8, context);
    const json = (await response.json()) as any;
    assert.equal(response.status, 201, JSON.stringify(json));
    const items = async (id: string) => (await state()).reservations.find((r: any) => r.reservationID === id).items.length;
    assert.equal(context.handed.length, 1, 'the running extra is handed over');
    assert.equal(await items(json.booking._id), 0, 'still on its way when the guest is answered');
    await Promise.all(context.handed);
    assert.equal(await items(json.booking._id), 1, 'added by the time the handed work settles');
    assert.ok(logs.some((l) => l.includes('was added after all')), logs.join('\n'));
    // A waitUntil that throws (here: detached from its context) never fails a booking Cloudbeds has made.
    const detached = await post(20, 22, { waitUntil: new Context().waitUntil });
    assert.equal(detached.status, 201, await detached.clone().text());
    assert.ok(logs.some((l) => l.includes('waitUntil failed (Illegal invocation)')), logs.join('\n'));
  });

  it('a zero rate (a plan that does not apply) is no price: shown unpriced and not bookable online', async () => {
    await fetch(`${fake.url}/__sandbox/rates`, { method: 'POST', body: JSON.stringify({ roomTypeID: '501235', startDate: day(20), endDate: day(22), rate: 0 }) });
    const { json } = await get(`room-availability?from=${day(20)}&to=${day(22)}`);
    const row = json.rows.find((r: any) => r.roomId === '501235');
    assert.deepEqual(row.cells.map((c: any) => c.price === null), [true, true, false]);
    const res = await book(stay('501235', 20, 22));
    assert.equal(res.status, 400, res.text);
    assert.match(res.json.error, /has no price for the night of/);
    assert.equal((await state()).requests.postReservation, undefined);
  });

  it('pacing is per API key, not per property: two properties on one key stay under 5 calls a second together; the key never names the pace', async () => {
    const keys = new Set<string>();
    const spy = new (class extends MemoryState {
      override paceTake(scope: string, key: string, calls: number, windowMs: number, maxWaitMs: number) {
        keys.add(key);
        return super.paceTake(scope, key, calls, windowMs, maxWaitMs);
      }
    })();
    await withProxy({ propertyIds: [fake.demo.propertyId, fake.demo.otherPropertyId], state: spy }, async (at) => {
      // Distinct reads (identical ones share a call): 9 calls for one property, 2 for the other, all at once.
      const other = at.replace(fake.demo.propertyId, fake.demo.otherPropertyId);
      const months = [0, 1, 2, 3, 4, 5].map((m) => `${at}/room-availability?from=${day(1 + m * 10)}&to=${day(9 + m * 10)}`);
      const answers = await Promise.all([`${at}/booking-options`, ...months, `${other}/rooms`, `${other}/booking-options`].map((u) => fetch(u, { headers: { origin: ORIGIN } })));
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 200, 200, 502, 502]);
    });
    const { overRate, requests } = await state();
    assert.equal(overRate, 0, `no second with more than 5 calls: ${JSON.stringify(requests)}`);
    assert.equal(keys.size, 1, [...keys].join());
    const [key] = [...keys];
    assert.ok(!key!.includes(fake.demo.propertyId) && !key!.includes(fake.demo.apiKey) && !key!.includes(fake.demo.apiKey.slice(5, 20)), key);
  });

  it("the party's occupancy rate (totalRate with extra adults) is quoted, not the base occupancy", async () => {
    const res = await book(stay('501236', 24, 26, { numberOfGuests: 4 }));
    assert.equal(res.status, 201, res.text);
    const plans = (await (await fetch(`${fake.apiBase}/getRatePlans?${new URLSearchParams({ startDate: day(24), endDate: day(26), detailedRates: 'true' })}`, { headers: { 'x-api-key': fake.demo.apiKey } })).json()) as any;
    const base = plans.data.find((p: any) => p.roomTypeID === '501236' && !p.ratePlanID).roomRateDetailed.map((d: any) => d.rateBase + 700);
    const line = res.json.booking.specialRequests.split('\n').find((l: string) => l.startsWith('Family Suite'));
    assert.match(line, new RegExp(`= ${noted((base[0] + base[1]) * 100)}$`));
    assert.ok(!errors().some((l) => /total/i.test(l)), logs.join('\n'));
  });

  it("exclusive taxes: the stay is quoted with them before booking, and the booking's quote note totals what Cloudbeds charges", async () => {
    const taxed = await startCloudbedsFake({ today: TODAY, exclusiveTaxPercent: 19 });
    try {
      await withProxy({}, async (at) => {
        const cells = (await (await fetch(`${at}/room-availability?from=${day(20)}&to=${day(21)}`, { headers: { origin: ORIGIN } })).json()) as any;
        // The nightly rates leave the taxes out: a guide, the stay priced by a quote.
        assert.equal(cells.pricing, 'quoted');
        const rooms = cells.rows.find((r: any) => r.roomId === '501235').cells.reduce((s: number, c: any) => s + c.price, 0) * 100;
        const quote = await fetch(`${at}/quote?roomId=501235&checkIn=${day(20)}&checkOut=${day(22)}&guests=2`, { headers: { origin: ORIGIN } });
        assert.equal(quote.status, 200);
        const quoted = (await quote.json()) as any;
        assert.equal(Math.round(quoted.quote.total * 100), Math.round(rooms * 1.19), 'the rooms and their 19% taxes');
        const res = await bookAt(at, stay('501235', 20, 22, { selectedOptions: [{ bookingOptionId: '9002', quantity: 1 }] }));
        assert.equal(res.status, 201, res.text);
        const charged = Math.round(rooms * 1.19) + 65_000;
        assert.match(res.json.booking.specialRequests, /^Taxes and fees \(Cloudbeds\): /m, res.json.booking.specialRequests);
        assert.match(res.json.booking.specialRequests, new RegExp(`^Total: MXN ${noted(charged)}$`, 'm'), res.json.booking.specialRequests);
        assert.ok(!errors().some((l) => l.includes('grandTotal')), `Cloudbeds charges what was quoted: no mismatch line\n${logs.join('\n')}`);
      }, taxed);
    } finally {
      await taxed.close();
    }
  });

  it('without exclusive taxes the nights are priced as they are: no quote marking', async () => {
    const cells = (await (await fetch(`${base}/room-availability?from=${day(20)}&to=${day(21)}`, { headers: { origin: ORIGIN } })).json()) as any;
    assert.equal(cells.pricing, undefined);
  });

  it('units past the first page of getRooms (20 a page unless asked) are read: a dorm of 130 beds keeps every name', async () => {
    const beds = Array.from({ length: 130 }, (_, i) => ({ roomID: `501238-${i + 1}`, roomName: `Bed ${i + 1}` }));
    const dorm = { ...CLOUDBEDS_ROOM_TYPES[0]!, roomTypeID: '501238', roomTypeName: 'Dorm Bed', units: beds };
    const hostel = await startCloudbedsFake({ today: TODAY, roomTypes: [...CLOUDBEDS_ROOM_TYPES, dorm] });
    try {
      await withProxy({}, async (at) => {
        const response = await fetch(`${at}/rooms`, { headers: { origin: ORIGIN } });
        assert.equal(response.status, 200);
        const { rooms } = (await response.json()) as any;
        const room = rooms.find((r: any) => r._id === '501238');
        assert.equal(room.unitCount, 130);
        assert.deepEqual(room.roomNumbers, beds.map((b) => b.roomName));
        assert.deepEqual(rooms.find((r: any) => r._id === '501235').roomNumbers, ['201', '202', '203'], 'and those of the first page');
      }, hostel);
    } finally {
      await hostel.close();
    }
  });

  it('grandTotal as a numeric string is read; absent, nothing changes', async () => {
    await fault({ route: 'postReservation', status: 200, body: { success: true, reservationID: '8412345679999', status: 'not_confirmed', grandTotal: '12345.50' }, times: 1 });
    const res = await book(stay('501235', 20, 22));
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.booking.specialRequests, /^Total: MXN 12,345\.50$/m);
    await fault({ route: 'postReservation', status: 200, body: { success: true, reservationID: '8412345679998', status: 'not_confirmed' }, times: 1 });
    logs.length = 0;
    const plain = await book(stay('501235', 20, 22));
    assert.equal(plain.status, 201, plain.text);
    assert.doesNotMatch(plain.json.booking.specialRequests, /12,345/);
    assert.deepEqual(errors(), []);
  });

  it("the guest's special requests are not echoed as stored: Cloudbeds takes none, and the answer says so", async () => {
    const res = await book(stay('501235', 20, 22, { specialRequests: 'Wheelchair-accessible room please' }));
    assert.equal(res.status, 201, res.text);
    assert.doesNotMatch(res.json.booking.specialRequests, /Wheelchair/);
    assert.match(res.json.booking.specialRequests, /special requests were not sent to the hotel/i);
    const quiet = await book(stay('501234', 20, 22));
    assert.doesNotMatch(quiet.json.booking.specialRequests, /special requests/i, 'no line when the guest wrote none');
  });

  it("a property whose Cloudbeds currency is not the proxy's: bookings refused as misconfigured, the host told both; an answer without it is tolerated", async () => {
    await withProxy({ currency: 'USD' }, async (at) => {
      const res = await bookAt(at, stay('501235', 20, 22));
      assert.equal(res.status, 502, res.text);
      assert.match(res.json.error, /misconfigured/);
      assert.equal((await state()).requests.postReservation, undefined);
      assert.ok(errors().some((l) => l.includes('MXN') && l.includes('USD') && l.includes('STAYMOD_CURRENCY')), logs.join('\n'));
    });
    await fault({ route: 'getHotelDetails', status: 200, body: { success: true, data: { propertyID: fake.demo.propertyId } } });
    try {
      await withProxy({ currency: 'USD' }, async (at) => {
        assert.equal((await bookAt(at, stay('501235', 20, 22))).status, 201);
      });
    } finally {
      await fetch(`${fake.url}/__sandbox/reset`, { method: 'POST' });
    }
  });

  it('minimum stay and closed to arrival are refused in the proxy with a message naming them', async () => {
    const short = await book(stay('501236', 6, 7, { numberOfGuests: 3 }));
    assert.equal(short.status, 400);
    assert.match(short.json.fields.checkOut, /at least 2 nights.*minimum stay/);
    let sunday = 1;
    while (new Date(`${day(sunday)}T00:00:00Z`).getUTCDay() !== 0 || sunday < 13) sunday++;
    const closed = await book(stay('501237', sunday, sunday + 1));
    assert.equal(closed.status, 400);
    assert.match(closed.json.fields.checkIn, /closed to arrival/);
    assert.equal((await state()).requests.postReservation, undefined);
  });

  it('ids: numeric room ids accepted, 24-hex refused by the Cloudbeds rule; a foreign property is 403', async () => {
    const hex = await book(stay('6630f1a2b3c4d5e6f7a8b9c0', 6, 8));
    assert.equal(hex.status, 400);
    assert.equal(hex.json.fields['rooms.0.roomId'], 'must be a Cloudbeds room type id (digits).');
    const foreign = await fetch(`${base.replace(fake.demo.propertyId, fake.demo.otherPropertyId)}/rooms`);
    assert.equal(foreign.status, 403);
  });

  it('unconfirmed: a hang or a dropped connection on postReservation is never sent twice under one Idempotency-Key', async () => {
    for (const [i, kind] of (['hang', 'drop'] as const).entries()) {
      await fault({ route: 'postReservation', [kind]: true, times: 1 });
      const body = stay('501235', 30 + i * 2, 31 + i * 2);
      const first = await book(body, { 'idempotency-key': `cb-${kind}` });
      assert.equal(first.status, 502, first.text);
      assert.match(first.json.error, /^Staymod may have recorded this booking/);
      const again = await book(body, { 'idempotency-key': `cb-${kind}` });
      assert.equal(again.text, first.text);
      assert.equal((await state()).requests.postReservation, i + 1);
    }
  });

  it("a refused key is the host's problem: 502 misconfigured, never Cloudbeds' 401", async () => {
    await fault({ route: 'getRoomTypes', status: 401, body: { error: 'access_denied', message: 'denied' }, times: 1 });
    const res = await get('rooms');
    assert.equal(res.status, 502);
    assert.match(res.json.error, /misconfigured: Cloudbeds refused/);
    assert.ok(logs.some((l) => l.includes('CLOUDBEDS_API_KEY')));
  });

  it('the CLI starts with STAYMOD_PMS=cloudbeds and refuses without the guest country', async () => {
    const errors: string[] = [];
    const io = { log: () => {}, error: (m: string) => errors.push(m) };
    const env = { STAYMOD_PMS: 'cloudbeds', CLOUDBEDS_API_KEY: fake.demo.apiKey, CLOUDBEDS_PROPERTY_ID: fake.demo.propertyId, CLOUDBEDS_API_BASE: fake.apiBase };
    assert.equal((await main(['--port', '0'], env, io)).exitCode, 1);
    assert.match(errors.join('\n'), /CLOUDBEDS_GUEST_COUNTRY/);
    const started = await main(['--port', '0'], { ...env, CLOUDBEDS_GUEST_COUNTRY: 'MX' }, io);
    assert.equal(started.exitCode, 0, errors.join('\n'));
    const rooms = await fetch(`${started.url}/api/public/v1/properties/${fake.demo.propertyId}/rooms`);
    assert.equal(rooms.status, 200);
    await started.close!();
  });
});
