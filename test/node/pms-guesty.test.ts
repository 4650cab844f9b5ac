/** The proxy with the Guesty adapter, against the Guesty fake over HTTP. */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { GUESTY_LISTINGS } from '../../src/fakes/guesty/data.js';
import { startGuestyFake, type RunningGuestyFake } from '../../src/fakes/guesty/server.js';
import { guestyTestProxy } from '../../src/fakes/pms.js';
import type { GuestyOptions } from '../../src/proxy/adapters/guesty.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';

const TODAY = utcDateKey(Date.now());
const day = (n: number) => addDays(TODAY, n);
const ORIGIN = 'https://hotel.example';
let fake: RunningGuestyFake;
const servers: Server[] = [];
const logs: string[] = [];

/** The proxy's clock: moved forward to age a token (Guesty's fake still expires tokens by its own). */
let clockOffset = 0;
const clock = () => Date.now() + clockOffset;

async function startProxy(extra: Partial<GuestyOptions> = {}, proxy: { fetch?: typeof fetch; now?: () => number } = {}, upstream: RunningGuestyFake = fake): Promise<string> {
  const server = createNodeProxyServer({
    ...guestyTestProxy(upstream, extra),
    ...proxy,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/public/v1/properties/${upstream.demo.propertyId}`;
}
const state = async (): Promise<any> => (await fetch(`${fake.url}/__sandbox/state`)).json();
async function get(base: string, path: string) {
  const response = await fetch(`${base}/${path}`, { headers: { origin: ORIGIN } });
  return { status: response.status, json: (await response.json()) as any };
}
async function book(base: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/bookings`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  assert.ok(!text.includes(fake.demo.beClientSecret));
  return { status: response.status, json: JSON.parse(text) as any, text };
}
const stay = (roomId: string | undefined, from: number, to: number, extra: Record<string, unknown> = {}) => ({
  guestName: 'João Pereira', guestEmail: 'joao@example.com', checkIn: `${day(from)}T14:00:00.000Z`, checkOut: `${day(to)}T11:00:00.000Z`,
  numberOfGuests: 2, rooms: [{ roomId, quantity: 1 }], ...extra,
});

before(async () => {
  fake = await startGuestyFake({ today: TODAY });
});
after(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await fake.close();
});
beforeEach(async () => {
  await fetch(`${fake.url}/__sandbox/reset`, { method: 'POST' });
  clockOffset = 0;
  logs.length = 0;
});
const fault = (body: Record<string, unknown>, upstream: RunningGuestyFake = fake) => fetch(`${upstream.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
const unauthorized = (times: number) => fault({ route: 'calendar', status: 401, times, body: { error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } } });
const MINUTE = 60_000;

describe('proxy with Guesty', () => {
  it('one token for N concurrent first requests, reused after; a 401 renews it once', async () => {
    const base = await startProxy({}, { now: clock });
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(base, 'rooms')));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.equal((await state()).tokensIssued[fake.demo.beClientId], 1, 'eight guests, one token');
    await get(base, `room-availability?from=${day(1)}&to=${day(3)}`);
    assert.equal((await state()).tokensIssued[fake.demo.beClientId], 1, 'reused');
    // Only a token old enough is renewed after a 401.
    clockOffset = 11 * MINUTE;
    await fetch(`${fake.url}/__sandbox/expire-tokens`, { method: 'POST' });
    assert.equal((await get(base, `room-availability?from=${day(4)}&to=${day(6)}`)).status, 200);
    assert.equal((await state()).tokensIssued[fake.demo.beClientId], 2, 'renewed once after the 401');
  });

  it('a burst over a jittery network is paced under 5 a second: every answer is 200 and Guesty refuses none', async () => {
    // Each call reaches Guesty 0-40 ms after it leaves: Guesty counts arrivals, the proxy departures.
    const jittery = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      return fetch(input, init);
    }) as typeof fetch;
    const base = await startProxy({}, { fetch: jittery });
    // Three months and the rooms at once: the 4 listings read once (with the multi-unit one's calendar), 12 calendar reads.
    const months = [[1, 20], [21, 40], [41, 60]].map(([from, to]) => get(base, `room-availability?from=${day(from!)}&to=${day(to!)}`));
    const answers = await Promise.all([...months, get(base, 'rooms')]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200]);
    const { requests, served } = await state();
    assert.deepEqual(served, { listings: 4, calendar: 13 }, 'one listings read for the four requests');
    // One refusal is tolerated for a stalled event loop; 5 ms of margin (the old pacer) drew several.
    assert.ok(requests.calendar + requests.listings - served.calendar - served.listings <= 1, JSON.stringify({ requests, served }));
  });

  it("a cold page's two months on screen are priced a pacing step before the month fetched ahead", async () => {
    const base = await startProxy();
    const started = Date.now();
    const at = (path: string) => get(base, path).then((a) => ({ status: a.status, ms: Date.now() - started }));
    // As the widget asks: rooms and the two months on screen, then the next month a moment later.
    const shown = [at('rooms'), at(`room-availability?from=${day(0)}&to=${day(30)}`), at(`room-availability?from=${day(31)}&to=${day(58)}`)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ahead = await at(`room-availability?from=${day(59)}&to=${day(89)}`);
    const onScreen = await Promise.all(shown);
    assert.deepEqual([...onScreen, ahead].map((a) => a.status), [200, 200, 200, 200]);
    // Each month's four calendars ask for their turns together, so the month fetched ahead queues behind them
    // (listings 5 + 8 calendars: 3 steps of 1.1 s); when a month asked one listing at a time, all ended together.
    const priced = Math.max(...onScreen.map((a) => a.ms));
    assert.ok(ahead.ms - priced > 600, `on screen at ${priced} ms, ahead at ${ahead.ms} ms`);
  });

  it('a short 429 is waited out twice before it is the answer', async () => {
    let limited = 0;
    const busy = (n: number) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input).includes('/calendar') && limited < n) {
          limited++;
          return new Response(JSON.stringify({ error: { code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded.' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
        }
        return fetch(input, init);
      }) as typeof fetch;
    const patient = await startProxy({ listingIds: [fake.listingIds[1]!] }, { fetch: busy(2) });
    assert.equal((await get(patient, `room-availability?from=${day(1)}&to=${day(3)}`)).status, 200);
    limited = 0;
    const beaten = await startProxy({ listingIds: [fake.listingIds[1]!] }, { fetch: busy(3) });
    const answer = await get(beaten, `room-availability?from=${day(1)}&to=${day(3)}`);
    assert.equal(answer.status, 429);
    assert.match(answer.json.error, /Guesty is busy/);
  });

  it("past Guesty's minute limit the guest is told at once that Guesty is busy, with its Retry-After (no minute-long wait)", async () => {
    const strict = await startGuestyFake({ today: TODAY, perMinute: 3 });
    try {
      const base = await startProxy({}, {}, strict);
      const started = Date.now();
      const response = await fetch(`${base}/rooms`, { headers: { origin: ORIGIN } });
      assert.equal(response.status, 429);
      assert.match(((await response.json()) as any).error, /Guesty is busy/);
      assert.ok(Number(response.headers.get('retry-after')) > 2, `Retry-After ${response.headers.get('retry-after')}`);
      assert.ok(Date.now() - started < 3000, `answered in ${Date.now() - started} ms`);
    } finally {
      await strict.close();
    }
  });

  it('rooms: listings, a multi-unit listing with its allotment as units', async () => {
    const base = await startProxy();
    const { json } = await get(base, 'rooms');
    assert.equal(json.rooms.length, 4);
    const riverside = json.rooms.find((r: any) => r.name === 'Riverside Rooms');
    assert.equal(riverside.unitCount, 3);
    assert.equal(json.rooms.find((r: any) => r.name === 'Belém Family House').maxGuests, 6);
  });

  it('availability from the calendar without the Open API: price null per night', async () => {
    const base = await startProxy();
    const { status, json } = await get(base, `room-availability?from=${day(2)}&to=${day(5)}`);
    assert.equal(status, 200);
    const alfama = json.rows.find((r: any) => r.roomId === fake.listingIds[0]);
    assert.deepEqual(alfama.cells.map((c: any) => [c.isFull, c.price]), [[false, null], [true, null], [true, null], [false, null]]);
    assert.equal(json.rows.filter((r: any) => r.roomId === fake.listingIds[2]).length, 3);
  });

  it('with Open API credentials: nightly prices from its calendar', async () => {
    const base = await startProxy({ openApi: { clientId: fake.demo.oaClientId, clientSecret: fake.demo.oaClientSecret, base: fake.url } });
    const { json } = await get(base, `room-availability?from=${day(2)}&to=${day(3)}`);
    const baixa = json.rows.find((r: any) => r.roomId === fake.listingIds[1]);
    for (const c of baixa.cells) assert.ok(c.price === 95 || c.price === 110, String(c.price));
  });

  it('booking: quote then inquiry (reserved = pending), priced from the quote, name split', async () => {
    const base = await startProxy();
    const res = await book(base, stay(fake.listingIds[1], 8, 10, { specialRequests: 'Late arrival' }));
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.booking.status, 'pending');
    // Guesty's inquiry takes no free text: the answer says the requests were not passed on, never echoes them.
    assert.doesNotMatch(res.json.booking.specialRequests, /Late arrival/);
    assert.match(res.json.booking.specialRequests, /special requests were not sent to the hotel/);
    const stored = (await state()).reservations.find((r: any) => r._id === res.json.booking._id);
    assert.equal(stored.status, 'reserved');
    assert.deepEqual(stored.guest, { firstName: 'João', lastName: 'Pereira', email: 'joao@example.com' });
    assert.equal(stored.checkIn, day(8));
    assert.equal(stored.checkOut, day(10));
  });

  it('one listing per booking; minimum nights named; a blocked calendar is sold out', async () => {
    const base = await startProxy();
    const two = await book(base, stay(fake.listingIds[1], 8, 10, { rooms: [{ roomId: fake.listingIds[1], quantity: 1 }, { roomId: fake.listingIds[2], quantity: 1 }] }));
    assert.equal(two.status, 400);
    assert.match(two.json.fields.rooms, /one listing per booking/);
    const short = await book(base, stay(fake.listingIds[3], 8, 9));
    assert.equal(short.status, 400);
    assert.match(short.json.fields.checkOut, /at least 3 nights/);
    const sold = await book(base, stay(fake.listingIds[0], 2, 5));
    assert.equal(sold.status, 400);
    assert.equal(sold.json.error, `Not enough availability on ${day(3)} (need 1 unit(s), 0 left).`);
    assert.equal((await state()).reservations.length, 1, 'only the seed booking');
  });

  it('an expired quote is quoted again once; a lost inquiry answer is unconfirmed and never re-sent', async () => {
    const base = await startProxy();
    await fetch(`${fake.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ route: 'inquiry', status: 404, body: { error: { code: 'NOT_FOUND', message: 'Quote not found' } }, times: 1 }) });
    const retried = await book(base, stay(fake.listingIds[1], 12, 13));
    assert.equal(retried.status, 201, retried.text);
    // Counted where Guesty acts on them: under load a paced call can still meet a 429 (refused unread) and is sent again.
    assert.equal((await state()).served.quotes, 2);

    await fetch(`${fake.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ route: 'inquiry', hang: true, times: 1 }) });
    const body = stay(fake.listingIds[2], 14, 15);
    const first = await book(base, body, { 'idempotency-key': 'gy-hang' });
    assert.equal(first.status, 502);
    assert.match(first.json.error, /^Staymod may have recorded this booking/);
    const again = await book(base, body, { 'idempotency-key': 'gy-hang' });
    assert.equal(again.text, first.text);
    assert.equal((await state()).served.inquiry, 3, 'the inquiry whose answer was lost is not sent again');
  });

  it('a 401 renews only a token at least 10 minutes old, at most once per 15 minutes: an endpoint refusing every token spends no renewals', async () => {
    const base = await startProxy({ listingIds: [fake.listingIds[1]!] }, { now: clock });
    const issued = async () => (await state()).tokensIssued[fake.demo.beClientId];
    const month = (n: number) => get(base, `room-availability?from=${day(n)}&to=${day(n + 1)}`);
    assert.equal((await get(base, 'rooms')).status, 200);
    // Three page loads on an endpoint that refuses the brand-new token: no renewal, the host is told.
    await unauthorized(3);
    for (let i = 0; i < 3; i++) {
      const refused = await month(10 + i);
      assert.equal(refused.status, 502);
      assert.match(refused.json.error, /misconfigured/);
    }
    assert.equal(await issued(), 1, 'no renewal for a young token');
    assert.ok(logs.some((l) => /HTTP 401 on GET .*calendar; the token was not renewed/.test(l)), logs.join('\n'));
    // The cause gone, the token still serves: the day's renewals are intact.
    assert.equal((await month(20)).status, 200);
    // An old token refused: renewed once.
    clockOffset = 11 * MINUTE;
    await unauthorized(1);
    assert.equal((await month(22)).status, 200);
    assert.equal(await issued(), 2);
    // Its successor, old too but 11 minutes after that renewal: not renewed again yet.
    clockOffset = 22 * MINUTE;
    await unauthorized(1);
    assert.equal((await month(24)).status, 502);
    assert.equal(await issued(), 2, 'one renewal after a 401 per 15 minutes');
    clockOffset = 27 * MINUTE;
    await unauthorized(1);
    assert.equal((await month(26)).status, 200);
    assert.equal(await issued(), 3);
  });

  it("a token endpoint's 429 is not asked again before its Retry-After (not after a fixed 30 s)", async () => {
    let tokenCalls = 0;
    const limited = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/oauth2/token')) {
        tokenCalls++;
        if (tokenCalls === 1) {
          const body = { error: { code: 'TOO_MANY_REQUESTS', message: 'You have reached the maximum number of token renewals for the last 24 hours.' } };
          return new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '600' } });
        }
      }
      return fetch(input, init);
    }) as typeof fetch;
    const base = await startProxy({}, { fetch: limited, now: clock });
    const first = await get(base, 'rooms');
    assert.equal(first.status, 502);
    assert.match(first.json.error, /token renewal limit/);
    assert.ok(logs.some((l) => /Not asked again for 10 min/.test(l)), logs.join('\n'));
    clockOffset = 2 * MINUTE;
    assert.equal((await get(base, 'rooms')).status, 502);
    assert.equal(tokenCalls, 1, 'not asked again within its Retry-After');
    clockOffset = 10 * MINUTE + 1000;
    assert.equal((await get(base, 'rooms')).status, 200);
    assert.equal(tokenCalls, 2);
  });

  it("with the Open API: the nights exclude the cleaning fee, so the stay quote and the booking's quote note are Guesty's total", async () => {
    const base = await startProxy({ openApi: { clientId: fake.demo.oaClientId, clientSecret: fake.demo.oaClientSecret, base: fake.url } });
    const baixa = fake.listingIds[1]!;
    const listing = GUESTY_LISTINGS[1]!;
    const nightly = (d: string) => ([5, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? listing.weekendPrice : listing.basePrice);
    const nights = nightly(day(20)) + nightly(day(21));
    const quoted = await get(base, `quote?roomId=${baixa}&checkIn=${day(20)}&checkOut=${day(22)}&guests=2`);
    assert.equal(quoted.status, 200, JSON.stringify(quoted.json));
    assert.equal(quoted.json.quote.total, nights + 30, 'the nights and the fake\'s cleaning fee of 30');
    const res = await book(base, stay(baixa, 20, 22));
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.booking.specialRequests, new RegExp(`Fees and taxes \\(Guesty's quote\\): 30\nTotal: EUR ${nights + 30}$`, 'm'));
  });

  it('a currency other than the configured one: logged once for the host, bookings refused; a missing currency is tolerated', async () => {
    const dollars = await startGuestyFake({ today: TODAY, currency: 'USD' });
    try {
      const base = await startProxy({}, {}, dollars);
      assert.equal((await get(base, 'rooms')).status, 200, 'shown, never booked');
      for (const from of [8, 12]) {
        const res = await book(base, stay(dollars.listingIds[1], from, from + 2));
        assert.equal(res.status, 502, res.text);
        assert.match(res.json.error, /misconfigured: Guesty prices this stay in USD, the proxy in EUR/);
      }
      assert.equal((await (await fetch(`${dollars.url}/__sandbox/state`)).json() as any).reservations.length, 1, 'only the seed booking');
      assert.equal(logs.filter((l) => /in USD, but the proxy quotes in EUR/.test(l)).length, 1, logs.join('\n'));
      // Guesty's answers without any currency: nothing to compare, the booking goes on.
      const noCurrency = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await fetch(input, init);
        const text = (await response.text()).replace(/"currency":"USD",?/g, '');
        return new Response(text, { status: response.status, headers: response.headers });
      }) as typeof fetch;
      const tolerant = await startProxy({}, { fetch: noCurrency }, dollars);
      const res = await book(tolerant, stay(dollars.listingIds[1], 16, 18));
      assert.equal(res.status, 201, res.text);
    } finally {
      await dollars.close();
    }
  });

  it('one configured listing deleted or unlisted (404): left out and logged once, the others served', async () => {
    const gone = await startGuestyFake({ today: TODAY, unlisted: [GUESTY_LISTINGS[0]!._id] });
    try {
      const base = await startProxy({}, {}, gone);
      const rooms = await get(base, 'rooms');
      assert.equal(rooms.status, 200, JSON.stringify(rooms.json));
      assert.deepEqual(rooms.json.rooms.map((r: any) => r._id), gone.listingIds.slice(1));
      const month = await get(base, `room-availability?from=${day(2)}&to=${day(5)}`);
      assert.equal(month.status, 200, JSON.stringify(month.json));
      assert.deepEqual([...new Set(month.json.rows.map((r: any) => r.roomId))], gone.listingIds.slice(1));
      await get(base, 'rooms');
      assert.equal(logs.filter((l) => l.includes(`listing ${gone.listingIds[0]} was not found`)).length, 1, logs.join('\n'));
    } finally {
      await gone.close();
    }
  });

  it('every configured listing missing is the host\'s setting, not an empty property', async () => {
    const base = await startProxy({ listingIds: ['0123456789abcdef01234567'] });
    const rooms = await get(base, 'rooms');
    assert.equal(rooms.status, 502);
    assert.match(rooms.json.error, /misconfigured/);
  });

  it("a single listing wrapped in `results`, as an object or a list (Guesty's spec), reads as at the top level", async () => {
    for (const listingWrap of ['object', 'array'] as const) {
      const wrapped = await startGuestyFake({ today: TODAY, listingWrap });
      try {
        const rooms = await get(await startProxy({}, {}, wrapped), 'rooms');
        assert.equal(rooms.status, 200);
        assert.deepEqual(rooms.json.rooms.map((r: any) => [r.name, r.unitCount]), GUESTY_LISTINGS.map((l) => [l.title, l.units]), listingWrap);
      } finally {
        await wrapped.close();
      }
    }
  });

  it('on Workers without STAYMOD_STATE, Guesty logs an error at first use: each isolate would spend one of the few daily token renewals', async () => {
    const { default: worker } = await import('../../src/proxy/worker.js');
    const errors: string[] = [];
    const saved = { error: console.error, warn: console.warn, info: console.info, log: console.log };
    console.error = (line: unknown) => errors.push(String(line));
    console.warn = console.info = console.log = () => {};
    try {
      const env = {
        STAYMOD_PMS: 'guesty', GUESTY_CLIENT_ID: fake.demo.beClientId, GUESTY_CLIENT_SECRET: fake.demo.beClientSecret, GUESTY_LISTING_IDS: fake.listingIds.join(','),
        GUESTY_PROPERTY_ID: fake.demo.propertyId, GUESTY_API_BASE: fake.url, GUESTY_TOKEN_URL: `${fake.url}/oauth2/token`, ALLOWED_ORIGINS: ORIGIN, STAYMOD_CURRENCY: 'EUR',
      };
      const response = await worker.fetch(new Request(`https://proxy.example/api/public/v1/properties/${fake.demo.propertyId}/rooms`, { headers: { origin: ORIGIN } }), env);
      assert.equal(response.status, 200);
    } finally {
      Object.assign(console, saved);
    }
    assert.ok(errors.some((l) => /Guesty without a STAYMOD_STATE/.test(l) && /24 h/.test(l)), errors.join('\n'));
  });

  it('bad client credentials are the host problem: 502 misconfigured, and not retried for a while', async () => {
    const base = await startProxy({ clientSecret: 'wrong-secret-value' });
    const res = await get(base, 'rooms');
    assert.equal(res.status, 502);
    assert.match(res.json.error, /misconfigured: Guesty refused/);
    const tokensBefore = (await state()).requests.token;
    await get(base, 'rooms');
    assert.equal((await state()).requests.token, tokensBefore, 'no second token request within the pause');
  });
});
