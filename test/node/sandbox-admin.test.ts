// The sandbox's admin API: state, reset, today, request stats, fault injection
// (each kind, times, FIFO stacking, drop, hang with client abort) and --data persistence.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays } from '../../src/domain/dates.js';
import { DEMO, DEMO_BOOKINGS, DEMO_NIGHTS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

const TODAY = '2026-05-01';
let sandbox: RunningSandbox;

const ROOMS = `/api/public/v1/properties/${DEMO.propertyId}/rooms`;
const OPTIONS = `/api/public/v1/properties/${DEMO.propertyId}/booking-options`;
const AVAILABILITY = `/api/public/v1/properties/${DEMO.propertyId}/room-availability`;
const BOOKINGS = `/api/public/v1/properties/${DEMO.propertyId}/bookings`;

function api(path: string, init: RequestInit = {}, base = sandbox) {
  return fetch(`${base.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${DEMO.keys.full}`, origin: 'http://localhost:5173', ...(init.headers as Record<string, string>) },
  });
}

async function admin(method: string, path: string, body?: unknown, base = sandbox) {
  const res = await fetch(`${base.url}/__sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const fault = (spec: Record<string, unknown>) => admin('POST', 'faults', spec);
const SEEDED = Object.keys(DEMO_BOOKINGS).length;

function booking(roomId: string = DEMO_ROOMS.penthouse) {
  return {
    method: 'POST',
    body: JSON.stringify({
      guestName: 'Persisted Guest',
      checkIn: addDays(TODAY, 1),
      checkOut: addDays(TODAY, 2),
      rooms: [{ roomId, quantity: 1 }],
    }),
  };
}

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});
after(() => sandbox.close());
beforeEach(async () => {
  await admin('POST', 'reset');
  await admin('POST', 'stats/reset');
});

describe('state, reset and today', () => {
  it('GET /__sandbox/state describes today, properties and keys', async () => {
    const { status, body, headers } = await admin('GET', 'state');
    assert.equal(status, 200);
    assert.equal(headers.get('access-control-allow-origin'), '*');
    assert.equal(body.today, TODAY);
    assert.equal(body.timeZone, 'UTC');
    assert.deepEqual(body.properties, [
      { id: DEMO.propertyId, name: 'Sea Breeze Residency, Goa', orgId: 'org_2sandboxSeaBreezeDemo', active: true },
      { id: DEMO.otherPropertyId, name: 'Hillside Homestay, Coorg', orgId: 'org_2sandboxSeaBreezeDemo', active: true },
      { id: DEMO.foreignPropertyId, name: 'Lakeside Inn, Udaipur', orgId: 'org_2sandboxLakesideHotels', active: true },
      { id: DEMO.inactivePropertyId, name: 'Old Town Guesthouse (closed)', orgId: 'org_2sandboxSeaBreezeDemo', active: false },
    ]);
    const byName = Object.fromEntries(body.keys.map((k: any) => [k.name, k]));
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(DEMO.keys).sort());
    for (const [name, key] of Object.entries(DEMO.keys)) assert.equal(byName[name].key, key);
    // 4 dev-server ports + 7 shifted e2e hosts (offsets 100 to 700), each on localhost and 127.0.0.1.
    assert.equal(byName.widget.allowedOrigins.length, 22);
    assert.ok(byName.widget.allowedOrigins.includes('http://127.0.0.1:4473'));
    assert.ok(byName.widget.allowedOrigins.includes('http://127.0.0.1:5173'));
    assert.deepEqual(byName.ipRestricted.allowedIps, ['203.0.113.7']);
    assert.deepEqual(byName.otherProperty.propertyIds, [DEMO.otherPropertyId]);
    assert.equal(byName.expired.expired, true);
    assert.equal(byName.full.expired, false);
    assert.equal(byName.inactive.active, false);
    assert.deepEqual(byName.widget.scopes, ['availability:read', 'booking-options:read', 'bookings:write']);
    assert.deepEqual(byName.roomsReader.scopes, ['rooms:read', 'availability:read', 'booking-options:read', 'bookings:write']);
    assert.deepEqual(byName.roomsReader.allowedOrigins, byName.widget.allowedOrigins);
  });

  it('reset restores the demo data and clears faults', async () => {
    assert.equal((await api(BOOKINGS, booking())).status, 201);
    await fault({ route: 'rooms', status: 500 });
    assert.equal((await api(ROOMS)).status, 500);
    const reset = await admin('POST', 'reset');
    assert.equal(reset.status, 200);
    assert.equal((await api(ROOMS)).status, 200);
    const all = await (await api(BOOKINGS)).json();
    assert.equal(all.bookings.length, SEEDED, 'only the seeded bookings');
    assert.deepEqual((await admin('GET', 'faults')).body.faults, []);
  });

  it('POST /__sandbox/today moves today and lays the demo out around it', async () => {
    const res = await admin('POST', 'today', { today: '2027-01-10' });
    assert.equal(res.status, 200);
    assert.equal(res.body.today, '2027-01-10');
    const avail = await (await api(AVAILABILITY)).json();
    assert.equal(avail.from, '2027-01-10');
    assert.equal(avail.to, '2027-02-08');
    const allFull = addDays('2027-01-10', DEMO_NIGHTS.allFull);
    const cells = avail.rows.map((r: any) => r.cells.find((c: any) => c.dateKey === allFull));
    assert.ok(cells.every((c: any) => c.isFull));
    assert.deepEqual((await admin('POST', 'today', { today: '2027-02-30' })).status, 400);
    assert.deepEqual((await admin('POST', 'today', '{')).body, { error: 'Request body is not valid JSON.' });
    await admin('POST', 'today', { today: TODAY });
  });
});

describe('stats', () => {
  it('counts requests per route, including refused and faulted ones, but not preflights', async () => {
    await api(ROOMS);
    await api(ROOMS, { headers: { authorization: '' } });
    await api(AVAILABILITY);
    await api(BOOKINGS, booking());
    await api(`${BOOKINGS}/${'a'.repeat(24)}`);
    await api(ROOMS, { method: 'OPTIONS' });
    await fault({ route: 'booking-options', status: 503, times: 1 });
    await api(OPTIONS);
    const { body } = await admin('GET', 'stats');
    assert.deepEqual(body, { requests: { rooms: 2, 'room-availability': 1, 'booking-options': 1, bookings: 2 } });
    await admin('POST', 'stats/reset');
    assert.deepEqual((await admin('GET', 'stats')).body.requests, { rooms: 0, 'room-availability': 0, 'booking-options': 0, bookings: 0 });
  });
});

describe('faults', () => {
  it('answers an injected status with a JSON body and CORS, then only `times` times', async () => {
    const added = await fault({ route: 'rooms', status: 503, body: { error: 'Staymod is down' }, times: 2 });
    assert.equal(added.status, 201);
    for (let i = 0; i < 2; i++) {
      const res = await api(ROOMS);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.deepEqual(await res.json(), { error: 'Staymod is down' });
    }
    assert.equal((await api(ROOMS)).status, 200);
  });

  it('defaults the body to { error: "Injected fault" } and applies without times to every request', async () => {
    await fault({ route: 'room-availability', status: 500 });
    for (let i = 0; i < 3; i++) {
      const res = await api(AVAILABILITY);
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { error: 'Injected fault' });
    }
    assert.equal((await api(ROOMS)).status, 200, 'other routes unaffected');
    await admin('DELETE', 'faults');
    assert.equal((await api(AVAILABILITY)).status, 200);
  });

  it('stacks faults first in, first out per route, and * matches every route', async () => {
    await fault({ route: 'rooms', status: 502, times: 1 });
    await fault({ route: '*', status: 504, times: 2 });
    await fault({ route: 'rooms', status: 429, times: 1 });
    assert.equal((await api(ROOMS)).status, 502);
    assert.equal((await api(OPTIONS)).status, 504);
    assert.equal((await api(ROOMS)).status, 504);
    assert.equal((await api(ROOMS)).status, 429);
    assert.equal((await api(ROOMS)).status, 200);
  });

  it('adds latency, then answers normally', async () => {
    await fault({ route: 'rooms', latencyMs: 250, times: 1 });
    const start = Date.now();
    const res = await api(ROOMS);
    assert.ok(Date.now() - start >= 240, `took ${Date.now() - start} ms`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).rooms.length, 7);
  });

  it('latency combines with a status', async () => {
    await fault({ route: 'bookings', latencyMs: 100, status: 500, times: 1 });
    const start = Date.now();
    const res = await api(BOOKINGS, booking());
    assert.ok(Date.now() - start >= 90);
    assert.equal(res.status, 500);
    const all = await (await api(BOOKINGS)).json();
    assert.equal(all.bookings.length, SEEDED, 'a faulted POST stores nothing');
  });

  it('a 2xx fault on POST /bookings books for real and spoils only the answer; a refusal stays a refusal', async () => {
    const count = async () => (await (await api(BOOKINGS)).json()).bookings.length as number;
    const before = await count();
    await fault({ route: 'bookings', malformedJson: true, times: 1 });
    const spoiled = await api(BOOKINGS, booking());
    assert.equal(spoiled.status, 200);
    await assert.rejects(spoiled.json(), SyntaxError);
    assert.equal(await count(), before + 1, 'Staymod stored it; only the answer was lost');

    // The single-unit penthouse is now taken for that night: Staymod's real 400 comes back, unspoiled.
    await fault({ route: 'bookings', status: 201, body: { ok: true }, times: 1 });
    const refused = await api(BOOKINGS, booking());
    assert.equal(refused.status, 400);
    assert.match((await refused.json()).error, /^Not enough availability on /);
    assert.equal(await count(), before + 1);
  });

  it('sends malformed JSON', async () => {
    await fault({ route: 'booking-options', malformedJson: true, times: 1 });
    const res = await api(OPTIONS);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    await assert.rejects(res.json(), SyntaxError);
  });

  it('drops the connection without an answer', async () => {
    await fault({ route: 'rooms', drop: true, times: 1 });
    await assert.rejects(api(ROOMS), (error: Error) => error instanceof TypeError);
    assert.equal((await api(ROOMS)).status, 200, 'the sandbox keeps serving');
  });

  it('hangs until the client aborts', async () => {
    await fault({ route: 'rooms', hang: true, times: 1 });
    const controller = new AbortController();
    const pending = api(ROOMS, { signal: controller.signal });
    const outcome = await Promise.race([pending.then(() => 'answered', () => 'failed'), new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    assert.equal(outcome, 'still waiting');
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal((await api(ROOMS)).status, 200);
  });

  it('close() does not wait for a hanging request', async () => {
    const other = await startSandbox({ port: 0, today: TODAY });
    await fetch(`${other.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ route: 'rooms', hang: true }) });
    const pending = api(ROOMS, {}, other).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    const start = Date.now();
    await other.close();
    assert.ok(Date.now() - start < 1000);
    assert.ok((await pending) instanceof Error);
  });

  it('does not apply to preflights', async () => {
    await fault({ route: '*', status: 500 });
    const res = await api(ROOMS, { method: 'OPTIONS' });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-headers'), 'Authorization, Content-Type');
  });

  it('refuses a malformed fault with a clear 400', async () => {
    const cases: Array<[unknown, string]> = [
      [{ route: 'guests' }, 'route must be one of: rooms, room-availability, booking-options, bookings, *.'],
      [{ route: 'rooms', status: 99 }, 'status must be an integer from 200 to 599.'],
      [{ route: 'rooms', times: 0 }, 'times must be a positive integer.'],
      [{ route: 'rooms', latencyMs: -1 }, 'latencyMs must be an integer from 0 to 120000.'],
      [{ route: 'rooms', hang: 'yes' }, 'hang must be true or false.'],
      [{ route: 'rooms', stauts: 500 }, 'Unknown fault field(s): stauts.'],
      [{ route: 'rooms', failAfterInsert: true }, 'failAfterInsert only applies to route bookings (POST).'],
      [{ route: 'bookings', failAfterInsert: 42 }, 'failAfterInsert must be true or a database error message.'],
      ['[1]', 'A fault must be a JSON object.'],
      ['[{"route": "rooms"}, {"route": "x"}]', 'Fault 1: route must be one of: rooms, room-availability, booking-options, bookings, *.'],
    ];
    for (const [spec, message] of cases) {
      const res = await admin('POST', 'faults', spec);
      assert.equal(res.status, 400, JSON.stringify(spec));
      assert.deepEqual(res.body, { error: message });
    }
    assert.deepEqual((await admin('GET', 'faults')).body.faults, []);
  });

  it('accepts a list of faults at once', async () => {
    const res = await admin('POST', 'faults', [{ route: 'rooms', status: 500, times: 1 }, { route: 'rooms', status: 502, times: 1 }]);
    assert.equal(res.body.faults.length, 2);
    assert.equal((await api(ROOMS)).status, 500);
    assert.equal((await api(ROOMS)).status, 502);
  });
});

describe('data admin routes (Staymod traps on demand)', () => {
  const avail = async (roomId: string, dateKey: string) => {
    const body = await (await api(`${AVAILABILITY}?from=${dateKey}&to=${dateKey}`)).json();
    return body.rows.filter((r: any) => r.roomId === roomId && !r.cells[0].isFull).length;
  };
  const night = addDays(TODAY, 20);

  it('POST /__sandbox/bookings/import stores a confirmed booking that fills the view and leaves the counters alone', async () => {
    const res = await admin('POST', 'bookings/import', {
      guestName: 'Airbnb Guest',
      checkIn: night,
      checkOut: addDays(night, 2),
      rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }],
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.booking.status, 'confirmed');
    assert.equal(await avail(DEMO_ROOMS.penthouse, night), 0);
    const counters = (await admin('GET', 'counters')).body.counters;
    assert.ok(!counters.some((c: any) => c.dateKey === night), 'no counter written');
    assert.equal((await api(BOOKINGS, { method: 'POST', body: JSON.stringify({ guestName: 'Direct', checkIn: night, checkOut: addDays(night, 1), rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }) })).status, 201);
    // Same validation messages as POST bookings, plus the room must be of that property.
    assert.deepEqual((await admin('POST', 'bookings/import', { checkIn: night, checkOut: addDays(night, 1), rooms: [] })).body, { error: 'guestName is required.' });
    const foreign = await admin('POST', 'bookings/import', { guestName: 'X', checkIn: night, checkOut: addDays(night, 1), rooms: [{ roomId: DEMO_ROOMS.hillLoft, quantity: 1 }] });
    assert.equal(foreign.status, 400);
  });

  it('GET /__sandbox/counters shows stored counters and the defaults a new night starts from', async () => {
    const res = await admin('GET', 'counters');
    assert.equal(res.status, 200);
    assert.equal(res.body.propertyId, DEMO.propertyId);
    assert.deepEqual(res.body.defaults, { double: 3, dorm_bed: 6, family: 2, studio: 2, suite: 1, twin: 2 });
    const twin = res.body.counters.filter((c: any) => c.roomType === 'twin');
    assert.deepEqual(twin.map((c: any) => [c.dateKey, c.noOfRooms]), [
      ...DEMO_NIGHTS.twinSoldOut.map((n) => [addDays(TODAY, n), 0]),
      [addDays(TODAY, DEMO_NIGHTS.allFull), 0],
    ]);
    assert.equal((await admin('GET', 'counters?propertyId=nope')).status, 400);
  });

  it('POST /__sandbox/rooms adds a listing; POST /__sandbox/rooms/{id} changes unitCount or isActive; neither touches counters', async () => {
    const added = await admin('POST', 'rooms', { name: 'Garden Twin Annex', type: 'twin', unitCount: 3, priceWeekday: 2500, priceWeekend: 3000, roomNumbers: ['A1', 'A2', 'A3'] });
    assert.equal(added.status, 201);
    const room = added.body.room;
    assert.match(room._id, /^[0-9a-f]{24}$/);
    assert.deepEqual(Object.keys(room.icalTokensByRoomNumber), ['A1', 'A2', 'A3']);
    const listed = (await (await api(ROOMS)).json()).rooms.map((r: any) => r._id);
    assert.ok(listed.includes(room._id));
    // The sold-out twin nights keep their 0 counter: the annex is free in the view but refused.
    const soldOut = addDays(TODAY, DEMO_NIGHTS.twinSoldOut[0]);
    assert.equal(await avail(room._id, soldOut), 3);
    const refused = await api(BOOKINGS, { method: 'POST', body: JSON.stringify({ guestName: 'X', checkIn: soldOut, checkOut: addDays(soldOut, 1), rooms: [{ roomId: room._id, quantity: 1 }] }) });
    assert.deepEqual(await refused.json(), { error: `Not enough availability on ${soldOut} (need 1 unit(s), 0 left).` });
    assert.equal((await admin('GET', 'counters')).body.defaults.twin, 5, 'new nights count it');

    const off = await admin('POST', `rooms/${DEMO_ROOMS.penthouse}`, { isActive: false });
    assert.equal(off.status, 200);
    assert.equal(off.body.room.status, 'inactive');
    assert.ok(!(await (await api(ROOMS)).json()).rooms.some((r: any) => r._id === DEMO_ROOMS.penthouse));
    assert.equal((await admin('POST', `rooms/${DEMO_ROOMS.penthouse}`, { isActive: true, unitCount: 4 })).body.room.unitCount, 4);
    assert.equal((await admin('POST', `rooms/${'f'.repeat(24)}`, { unitCount: 1 })).status, 404);
    assert.deepEqual((await admin('POST', `rooms/${DEMO_ROOMS.penthouse}`, {})).body, { error: 'Send unitCount and/or isActive.' });
    assert.deepEqual((await admin('POST', 'rooms', { name: 'X', type: 'castle' })).status, 400);
    assert.equal((await admin('GET', 'rooms')).status, 405);
  });
});

describe('admin routes', () => {
  it('answers 404 and 405 in JSON', async () => {
    assert.equal((await admin('GET', 'nope')).status, 404);
    const wrong = await admin('GET', 'reset');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
  });
});

describe('--data persistence', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps bookings and the frozen today across a restart', async () => {
    const file = join(dir, 'state.json');
    const first = await startSandbox({ port: 0, dataFile: file, today: '2026-06-01' });
    const created = await api(BOOKINGS, {
      method: 'POST',
      body: JSON.stringify({ guestName: 'Persisted Guest', checkIn: '2026-06-02', checkOut: '2026-06-04', rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] }),
    }, first);
    assert.equal(created.status, 201);
    const id = (await created.json()).booking._id;
    await first.close();
    assert.ok(JSON.parse(readFileSync(file, 'utf8')).bookings.some((b: { _id: string }) => b._id === id));

    const second = await startSandbox({ port: 0, dataFile: file });
    try {
      assert.equal(second.demo.today, '2026-06-01');
      const again = await api(`${BOOKINGS}/${id}`, {}, second);
      assert.equal(again.status, 200);
      assert.equal((await again.json()).booking.guestName, 'Persisted Guest');
      const avail = await (await api(`${AVAILABILITY}?from=2026-06-02&to=2026-06-02`, {}, second)).json();
      assert.ok(avail.rows.find((r: any) => r.roomId === DEMO_ROOMS.penthouse).cells[0].isFull);
      // Reset is saved too.
      await admin('POST', 'reset', undefined, second);
    } finally {
      await second.close();
    }
    assert.ok(!JSON.parse(readFileSync(file, 'utf8')).bookings.some((b: { _id: string }) => b._id === id));
  });

  it('refuses a corrupt data file instead of overwriting it', async () => {
    const file = join(dir, 'corrupt.json');
    writeFileSync(file, '{ not json');
    await assert.rejects(startSandbox({ port: 0, dataFile: file }), /not valid JSON/);
    writeFileSync(file, '{"hello": 1}');
    await assert.rejects(startSandbox({ port: 0, dataFile: file }), /not a sandbox state/);
    assert.equal(readFileSync(file, 'utf8'), '{"hello": 1}');
  });
});
