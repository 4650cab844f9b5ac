/** The proxy with the Cloudbeds adapter, against the Cloudbeds fake over HTTP. */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { startCloudbedsFake, type RunningCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';
import { cloudbedsPmsFor } from '../../src/fakes/pms.js';
import { main } from '../../src/proxy/cli.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';

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
function proxyFor(fake: RunningCloudbedsFake): Server {
  return createNodeProxyServer({
    pms: cloudbedsPmsFor(fake),
    propertyIds: fake.demo.propertyId,
    allowedOrigins: ORIGIN,
    currency: 'MXN',
    timeoutMs: 800,
    cacheTtlMs: { availability: 0, rooms: 0, bookingOptions: 0 },
    rateLimit: false,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
  });
}

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
