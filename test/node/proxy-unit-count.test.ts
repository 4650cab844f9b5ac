/**
 * A room whose unitCount is below its number of room numbers (Staymod's form defaults it to 1):
 * the view shows a row per room number, Staymod books at most unitCount. The proxy against the
 * sandbox, which keeps Staymod's per-type counter.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { createStaymodProxy } from '../../src/proxy/handler.js';
import { DEMO_NIGHTS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

// The proxy refuses past stays by its real clock.
const TODAY = utcDateKey(Date.now());
let sandbox: RunningSandbox;

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});
after(() => sandbox.close());

async function admin(path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { room: { _id: string } };
}

function makeProxy() {
  const logs: string[] = [];
  const posts: string[] = [];
  const proxy = createStaymodProxy({
    apiKey: sandbox.demo.keys.full,
    propertyIds: [sandbox.demo.propertyId],
    upstream: sandbox.url,
    rateLimit: false,
    fetch: (input, init) => {
      if (init?.method === 'POST') posts.push(String(input));
      return globalThis.fetch(input, init);
    },
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
  });
  const book = async (roomId: string, quantity: number, night: string, more: Array<{ roomId: string; quantity: number }> = []) => {
    const url = `https://proxy.test/api/public/v1/properties/${sandbox.demo.propertyId}/bookings`;
    const body = { guestName: 'Guest', checkIn: night, checkOut: addDays(night as never, 1), rooms: [...more, { roomId, quantity }] };
    const res = await proxy(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    return { status: res.status, body: (await res.json()) as { error?: string; fields?: Record<string, string> } };
  };
  return { logs, posts, book };
}

describe('proxy: a room with fewer units (unitCount) than room numbers', () => {
  let seaView: string;
  beforeEach(async () => {
    await admin('reset', {});
    // The only "quad": Staymod's counter for the type starts at 1.
    seaView = (await admin('rooms', { name: 'Sea View', type: 'quad', unitCount: 1, roomNumbers: ['301', '302', '303'], priceWeekday: 3000, priceWeekend: 3000 })).room._id;
  });

  it('refuses a quantity above unitCount before posting, in the words of its other checks', async () => {
    const { book, posts } = makeProxy();
    const refused = await book(seaView, 2, addDays(TODAY, 10));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'Invalid booking request: rooms.0.quantity must be at most 1: "Sea View" takes at most 1 unit per booking.');
    assert.deepEqual(refused.body.fields, { 'rooms.0.quantity': 'must be at most 1: "Sea View" takes at most 1 unit per booking.' });
    assert.equal(posts.length, 0, 'Staymod never saw it');
    assert.equal((await book(seaView, 1, addDays(TODAY, 10))).status, 201);
  });

  it('a later guest refused while the view shows 2 free: the host hears of the unitCount, not of a stale counter', async () => {
    const { book, logs } = makeProxy();
    const night = addDays(TODAY, 12);
    assert.equal((await book(seaView, 1, night)).status, 201);
    for (let i = 0; i < 2; i++) {
      const refused = await book(seaView, 1, night);
      assert.equal(refused.status, 400);
      assert.match(refused.body.error!, new RegExp(`^Not enough availability on ${night}`));
    }
    assert.ok(!logs.some((line) => line.includes('inventory counter is out of date')), logs.join('\n'));
    const told = logs.filter((line) => line.includes('unitCount'));
    assert.equal(told.length, 1, logs.join('\n'));
    assert.match(told[0]!, /room "Sea View" .* unitCount \(1\).*set the unit count of "Sea View" to its number of rooms/);
  });

  it('a counter that is really stale is still blamed', async () => {
    const { book, logs } = makeProxy();
    // Added after the twin nights' counter went to 0: free in the view, refused by the counter.
    const annex = (await admin('rooms', { name: 'Twin Annex', type: 'twin', unitCount: 3, roomNumbers: ['A1', 'A2', 'A3'], priceWeekday: 2500, priceWeekend: 2500 })).room._id;
    const night = addDays(TODAY, DEMO_NIGHTS.twinSoldOut[0]!);
    assert.match((await book(annex, 1, night)).body.error!, /^Not enough availability/);
    assert.equal(logs.filter((line) => line.includes('inventory counter is out of date')).length, 1, logs.join('\n'));
    assert.ok(!logs.some((line) => line.includes('unitCount')));
  });

  it('of a stay with several rooms, the stale type is the one of the refused line (its quantity), not every type booked', async () => {
    const { book, logs } = makeProxy();
    const annex = (await admin('rooms', { name: 'Twin Annex', type: 'twin', unitCount: 3, roomNumbers: ['A1', 'A2', 'A3'], priceWeekday: 2500, priceWeekend: 2500 })).room._id;
    const rooms = (await (await fetch(`${sandbox.url}/api/public/v1/properties/${sandbox.demo.propertyId}/rooms`, { headers: { Authorization: `Bearer ${sandbox.demo.keys.full}` } })).json()) as { rooms: { _id: string; name: string }[] };
    const suite = rooms.rooms.find((r) => r.name === 'Family Suite')!._id;
    const night = addDays(TODAY, DEMO_NIGHTS.twinSoldOut[0]!);
    // The suite's line (1) passes Staymod's check; the annex's (2) meets the twins' counter at 0.
    assert.match((await book(annex, 2, night, [{ roomId: suite, quantity: 1 }])).body.error!, /^Not enough availability on .* \(need 2 unit\(s\), 0 left\)/);
    const stale = logs.filter((line) => line.includes('inventory counter is out of date'));
    assert.equal(stale.length, 1, logs.join('\n'));
    assert.match(stale[0]!, /refused room type "twin" on/);
  });
});
