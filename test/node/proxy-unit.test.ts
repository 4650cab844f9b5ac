/**
 * Proxy rules where counting, ordering or a clock matters, against a tiny fake
 * Staymod behind an injected fetch. The real-HTTP suite is proxy.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UNCONFIRMED_BOOKING_MESSAGE } from '../../src/contract/errors.js';
import { Pacer } from '../../src/proxy/adapters/pacer.js';
import { SharedRead } from '../../src/proxy/adapters/shared-read.js';
import { guardState, StateUnavailable } from '../../src/proxy/state/guard.js';
import { MemoryState } from '../../src/proxy/state/memory.js';
import type { ProxyState } from '../../src/proxy/state/types.js';
import { createStaymodProxy, MemoryIdempotencyStore } from '../../src/proxy/index.js';
import { BASE, booking, fakeStaymod, jsonResponse, KEY, makeProxy, OPTION, post, posts, PROPERTY, readAll, ROOM } from './proxy-fake.js';
describe('proxy options', () => {
  it('refuses to start without a key, with a bad property id or a non-origin', () => {
    assert.throws(() => createStaymodProxy({ apiKey: '', propertyIds: [PROPERTY] }), /apiKey is required/);
    assert.throws(() => createStaymodProxy({ apiKey: KEY, propertyIds: [] }), /at least one/);
    assert.throws(() => createStaymodProxy({ apiKey: KEY, propertyIds: ['nope'] }), /"nope" is not a Staymod property id/);
    assert.throws(
      () => createStaymodProxy({ apiKey: KEY, propertyIds: PROPERTY, allowedOrigins: 'https://hotel.example/' }),
      /not an exact origin/,
    );
    assert.throws(() => createStaymodProxy({ apiKey: KEY, propertyIds: PROPERTY, upstream: 'ftp://x' }), /http\(s\)/);
    assert.throws(() => createStaymodProxy({ apiKey: KEY, propertyIds: PROPERTY, timeoutMs: -1 }), /timeoutMs/);
  });

  it('warns about allowedOrigins "*"', () => {
    const warnings: string[] = [];
    createStaymodProxy({
      apiKey: KEY,
      propertyIds: PROPERTY,
      allowedOrigins: '*',
      logger: { info() {}, warn: (m) => warnings.push(m), error() {} },
    });
    assert.match(warnings.join('\n'), /any website/);
  });
});

describe('proxy upstream calls', () => {
  it('an empty rooms or availability answer (a property Staymod does not know) is not cached, and the host is told once', async () => {
    const fake = fakeStaymod();
    fake.onCall((call) => {
      const path = new URL(call.url).pathname;
      if (path.endsWith('/rooms')) return jsonResponse(200, { rooms: [] });
      if (path.endsWith('/room-availability')) return jsonResponse(200, { from: '2026-06-01', to: '2026-06-02', days: [{ dateKey: '2026-06-01', isWeekend: false }, { dateKey: '2026-06-02', isWeekend: false }], rows: [] });
      return undefined;
    });
    const { proxy, logs } = makeProxy(fake);
    for (const path of ['rooms', 'rooms', 'room-availability?from=2026-06-01&to=2026-06-02', 'room-availability?from=2026-06-01&to=2026-06-02']) {
      const response = await proxy(new Request(`${BASE}/${path}`));
      assert.equal(response.status, 200);
      assert.notEqual(response.headers.get('x-staymod-proxy-cache'), 'hit', `${path}: never served from the cache`);
    }
    assert.equal(fake.calls.length, 4, 'each asked Staymod again');
    const told = logs.filter((line) => line.includes(`lists no rooms for property ${PROPERTY}`));
    assert.equal(told.length, 1, 'one line for the host');
  });

  it('sends only its own Authorization, never the guest\'s headers, to a URL built from validated pieces', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    const response = await proxy(
      new Request(`${BASE}/rooms?x=1&upstream=https://evil.example`, {
        headers: {
          authorization: 'Bearer sk_live_guest',
          cookie: 'session=1',
          'x-forwarded-for': '1.2.3.4',
          'x-custom': 'y',
          origin: 'https://hotel.example',
        },
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(fake.calls.length, 1);
    const call = fake.calls[0]!;
    assert.equal(call.url, `https://app.staymod.in/api/public/v1/properties/${PROPERTY}/rooms`);
    assert.deepEqual(Object.keys(call.headers).sort(), ['accept', 'authorization']);
    assert.equal(call.headers['authorization'], `Bearer ${KEY}`);
  });

  it('strips iCal tokens and orgId from rooms', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    const text = await (await proxy(new Request(`${BASE}/rooms`))).text();
    assert.ok(text.includes('Deluxe'));
    assert.ok(!text.includes('ical-secret') && !text.includes('icalToken') && !text.includes('org-secret'), text);
  });

  it('coalesces identical concurrent GETs into one upstream call and caches the answer', async () => {
    const fake = fakeStaymod({ delayMs: 30 });
    const { proxy } = makeProxy(fake);
    const url = `${BASE}/room-availability?from=2026-06-01&to=2026-06-30`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => proxy(new Request(url))));
    assert.deepEqual(new Set(answers.map((r) => r.status)), new Set([200]));
    assert.equal(fake.calls.length, 1);
    const sources = answers.map((r) => r.headers.get('x-staymod-proxy-cache'));
    assert.equal(sources.filter((s) => s === 'miss').length, 1);
    assert.equal(sources.filter((s) => s === 'coalesced').length, 19);
    const again = await proxy(new Request(url));
    assert.equal(again.headers.get('x-staymod-proxy-cache'), 'hit');
    assert.equal(fake.calls.length, 1);
  });

  it('expires cached availability after its TTL', async () => {
    let now = Date.parse('2026-05-01T00:00:00Z');
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake, { now: () => now });
    const url = `${BASE}/room-availability?from=2026-06-01&to=2026-06-02`;
    await proxy(new Request(url));
    now += 14_000;
    await proxy(new Request(url));
    assert.equal(fake.calls.length, 1);
    now += 2_000;
    await proxy(new Request(url));
    assert.equal(fake.calls.length, 2);
  });

  it('maps a hanging Staymod to 504 after timeoutMs and a 401 of its own key to a 502 for the host', async () => {
    const fake = fakeStaymod();
    const { proxy, logs } = makeProxy(fake, { timeoutMs: 50 });
    fake.onCall(
      (call) =>
        new Promise<Response>((_, reject) => {
          void call;
          setTimeout(() => reject(new Error('aborted')), 200);
        }),
    );
    const started = Date.now();
    const slow = await proxy(new Request(`${BASE}/rooms`));
    assert.equal(slow.status, 504);
    assert.ok(Date.now() - started < 190, 'answered at the timeout, not when the upstream gave up');

    fake.onCall(() => new Response(JSON.stringify({ error: 'Invalid API key.' }), { status: 401 }));
    const refused = await proxy(new Request(`${BASE}/booking-options`));
    assert.equal(refused.status, 502);
    assert.match((await refused.json()).error, /site owner must fix the proxy's key/);
    assert.match(logs.join('\n'), /refused the proxy's own credentials/);
  });

  it('never echoes the key even when Staymod puts it in an error message', async () => {
    const fake = fakeStaymod();
    const { proxy, logs } = makeProxy(fake);
    fake.onCall(() => new Response(JSON.stringify({ error: `Bad header Bearer ${KEY}` }), { status: 400 }));
    const response = await proxy(new Request(`${BASE}/rooms`));
    assert.equal(response.status, 400);
    const all = await readAll(response);
    assert.ok(!all.includes(KEY), all);
    assert.ok(!logs.join('\n').includes(KEY));
  });
});

describe('proxy rate limit', () => {
  it('answers 429 with Retry-After per client, and lets the client back in after the wait', async () => {
    let now = 1_000_000;
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake, { rateLimit: { get: 3, post: 1 }, now: () => now, clientId: (r) => r.headers.get('x-client') ?? '' });
    const get = (client: string) => proxy(new Request(`${BASE}/rooms`, { headers: { 'x-client': client } }));
    for (let i = 0; i < 3; i++) assert.equal((await get('a')).status, 200);
    const limited = await get('a');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '20');
    assert.match((await limited.json()).error, /Too many requests/);
    assert.equal((await get('b')).status, 200, 'another client has its own bucket');
    now += 20_000;
    assert.equal((await get('a')).status, 200);
  });
});

describe("pacer (an API's published rate limits)", () => {
  /** When each of `n` calls asked at once was let go, in ms from the start. */
  async function departures(pacer: Pacer, n: number): Promise<number[]> {
    const start = Date.now();
    const out: number[] = [];
    await Promise.all(Array.from({ length: n }, () => pacer.take().then(() => out.push(Date.now() - start))));
    return out.sort((a, b) => a - b);
  }
  // Times are read when each promise settles, a millisecond or two after the pacer let it go: 10 ms of slack.
  const mostIn = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u - t < windowMs - 10).length));

  it('lets a burst go in steps of the limit, each window widened by the margin', async () => {
    const times = await departures(new Pacer({ calls: 3, perMs: 150 }, 'api', { marginMs: 50 }), 8);
    assert.equal(mostIn(times, 200), 3, `no 200 ms holds more than 3: ${times}`);
    assert.ok(times[2]! < 30, `the first 3 go at once: ${times}`);
    assert.ok(times[7]! >= 400, `the 8th waits two windows of 150 + 50 ms: ${times}`);
  });

  it('lets calls go in the order they asked; one whose turn is past its patience is refused at once and holds no turn', async () => {
    const pacer = new Pacer({ calls: 2, perMs: 100 }, 'api', { marginMs: 20 });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => pacer.take().then(() => order.push(i))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    // The last two went together: the next turn is a window (120 ms) away.
    const asked = Date.now();
    assert.equal(await pacer.take(30), false);
    assert.ok(Date.now() - asked < 30, 'refused at once');
    assert.equal(await pacer.take(), true);
    const waited = Date.now() - asked;
    assert.ok(waited >= 100 && waited < 200, `took the refused call's turn, not the one after it: ${waited} ms`);
  });

  it("two instances on one state share the account's limit; another account has its own", async () => {
    const state = new MemoryState();
    const [a, b] = [new Pacer({ calls: 3, perMs: 150 }, 'account-1', { state, marginMs: 50 }), new Pacer({ calls: 3, perMs: 150 }, 'account-1', { state, marginMs: 50 })];
    const start = Date.now();
    const both = await Promise.all([departures(a, 4), departures(b, 4)]);
    const times = both.flat().sort((x, y) => x - y);
    assert.equal(mostIn(times, 200), 3, `no 200 ms holds more than 3 of the 8: ${times}`);
    assert.ok(Date.now() - start >= 400, 'eight calls at 3 a window: two windows of waiting');
    const other = await departures(new Pacer({ calls: 3, perMs: 150 }, 'account-2', { state, marginMs: 50 }), 3);
    assert.ok(other.every((t) => t < 30), `another account waits for nobody: ${other}`);
  });
});

describe('shared read (listings, room types)', () => {
  it('requests that arrive together share one read; a fresh one reads anew and later ones join it; a failure is not kept', async () => {
    let reads = 0;
    let fail = false;
    const shared = new SharedRead<string, string[], Error>(
      async (key) => {
        const n = ++reads;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return fail ? new Error('down') : [`${key} ${n}`];
      },
      (v): v is string[] => Array.isArray(v),
      { keepMs: 60_000, joinMs: 60_000, now: Date.now },
    );
    const [a, b] = await Promise.all([shared.get('p'), shared.get('p')]);
    assert.deepEqual([a, b, reads], [['p 1'], ['p 1'], 1]);
    assert.deepEqual(await shared.get('p'), ['p 1'], 'kept');
    assert.deepEqual([await shared.get('p', true), reads], [['p 2'], 2], 'fresh: never the kept one');
    const [first, fresh, joined] = [shared.get('r'), shared.get('r', true), shared.get('r')];
    assert.deepEqual([await first, await fresh, await joined, reads], [['r 3'], ['r 4'], ['r 4'], 4], 'fresh: not the read in flight; the next joins it');
    fail = true;
    assert.ok((await shared.get('q')) instanceof Error);
    fail = false;
    assert.deepEqual(await shared.get('q'), ['q 6'], 'read again after a failure');
  });

  it("an older read that ends last never replaces a fresh one's value", async () => {
    const delays = [60, 10];
    let reads = 0;
    const shared = new SharedRead<string, string[], Error>(
      async () => {
        const n = ++reads;
        await new Promise((resolve) => setTimeout(resolve, delays[n - 1]));
        return [n === 1 ? 'old' : 'new'];
      },
      (v): v is string[] => Array.isArray(v),
      { keepMs: 60_000, joinMs: 60_000, now: Date.now },
    );
    const older = shared.get('p');
    assert.deepEqual(await shared.get('p', true), ['new']);
    assert.deepEqual(await older, ['old']);
    assert.deepEqual(await shared.get('p'), ['new'], 'the fresh value is kept');
  });

  it('a read in flight past joinMs is not joined (one that never settles is not waited on for ever)', async () => {
    let now = 0;
    let reads = 0;
    const shared = new SharedRead<string, string[], Error>(
      () => (++reads === 1 ? new Promise<string[]>(() => {}) : Promise.resolve(['second'])),
      (v): v is string[] => Array.isArray(v),
      { keepMs: 60_000, joinMs: 1000, now: () => now },
    );
    void shared.get('p');
    now = 1500;
    assert.deepEqual(await shared.get('p'), ['second']);
  });
});

describe('proxy state guard', () => {
  it('a claim answered too late (the booking got 503) is dropped once it lands: no claim is left that no request owns', async () => {
    const inner = new MemoryState();
    // A shared state that applies the claim after the guard gave up (Redis slow, or its answer lost).
    const slow = {
      kind: 'slow',
      shared: true,
      idemClaim: async (...args: Parameters<ProxyState['idemClaim']>) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return inner.idemClaim(...args);
      },
      idemAbandon: (...args: Parameters<ProxyState['idemAbandon']>) => inner.idemAbandon(...args),
    } as unknown as ProxyState;
    const state = guardState(slow, { info() {}, warn() {}, error() {} }, { timeoutMs: 20 });
    const pending = { state: 'pending' as const, fingerprint: 'f', owner: 'gone', deadline: Date.now() + 60_000 };
    await assert.rejects(state.idemClaim(PROPERTY, 'k', pending, 24 * 60 * 60_000), StateUnavailable);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Else a retry of the key would wait for it, then hear "may have been recorded" for a day, though nothing was sent.
    assert.equal(await inner.idemGet(PROPERTY, 'k'), null);
  });
});

describe('proxy bookings (ordering)', () => {
  it('runs check-then-insert one booking at a time per property', async () => {
    const fake = fakeStaymod({ units: 3, delayMs: 5 });
    // Five at once from one client: allowed here, to see the order (the default cap is 2).
    const { proxy } = makeProxy(fake, { maxBookingsInFlightPerClient: 5 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => proxy(post(booking()))));
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 201, 201, 400, 400]);
    // The rooms list (read once, before the lock: which rooms exist), then each booking's check and post in turn.
    const sequence = fake.calls.map((c) => (c.method === 'POST' ? 'post' : c.url.includes('/rooms') ? 'rooms' : 'check')).join(' ');
    assert.equal(sequence, 'rooms check post check post check post check check');
  });

  it('a room the property does not list is refused before the lock: a long stay of made-up rooms holds up no honest booking', async () => {
    const fake = fakeStaymod({ units: 3, delayMs: 300 });
    const { proxy } = makeProxy(fake, { maxBookingsInFlightPerClient: 5 });
    // Warm the rooms list, as a guest's page does.
    await proxy(new Request(`${BASE}/rooms`));
    // A year's stay (six chunks to read) of a made-up room; the fake proxy's today is 2026-05-01.
    const bogus = booking({ checkIn: '2026-06-01T14:00:00.000Z', checkOut: '2027-05-20T11:00:00.000Z', rooms: [{ roomId: 'f'.repeat(24), quantity: 1 }] });
    const started = Date.now();
    const attacks = Array.from({ length: 3 }, () => proxy(post(bogus), { remoteAddress: '10.0.0.1' }));
    const honest = await proxy(post(booking()), { remoteAddress: '10.0.0.2' });
    assert.equal(honest.status, 201);
    for (const attack of await Promise.all(attacks)) {
      assert.equal(attack.status, 400);
      assert.match((await attack.json()).error, /rooms\.0\.roomId is not a bookable room/);
    }
    // One fresh look at the rooms for the unknown id (it may have been added since the cached list), no stay read for it.
    assert.equal(fake.calls.filter((c) => c.url.includes('room-availability')).length, 1, 'only the honest booking read its stay');
    assert.ok(Date.now() - started < 2000, 'nobody waited for the lock');
  });

  it('forces status pending, drops trusted fields and re-prices options from Staymod', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    const response = await proxy(
      post(
        booking({
          status: 'confirmed',
          discount: 5000,
          advanceAmount: 1,
          customItems: [{ name: 'free', price: -100 }],
          numberOfGuests: 2,
          selectedOptions: [{ bookingOptionId: OPTION, name: 'Cheap', appliesTo: 'room', frequency: 'booking', pricePerUnit: 0, quantity: 2 }],
        }),
      ),
    );
    assert.equal(response.status, 201);
    const sent = fake.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    assert.equal(sent['status'], 'pending');
    for (const field of ['discount', 'advanceAmount', 'customItems']) assert.ok(!(field in sent), field);
    assert.deepEqual(sent['selectedOptions'], [
      { bookingOptionId: OPTION, name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 300, quantity: 2 },
    ]);
    const body = await response.json();
    assert.equal(body.booking.status, 'pending');
    assert.ok(!('orgId' in body.booking));
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('replays an Idempotency-Key: concurrent and later requests get the first result, one booking only', async () => {
    const fake = fakeStaymod({ units: 5, delayMs: 10 });
    const { proxy } = makeProxy(fake);
    const answers = await Promise.all(Array.from({ length: 4 }, () => proxy(post(booking(), { 'idempotency-key': 'k-1' }))));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    assert.deepEqual(answers.map((r) => r.status), [201, 201, 201, 201]);
    assert.equal(new Set(bodies).size, 1, 'identical bodies');
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 3);
    assert.equal(fake.calls.filter((c) => c.method === 'POST').length, 1);

    const different = await proxy(post(booking({ guestName: 'Someone else' }), { 'idempotency-key': 'k-1' }));
    assert.equal(different.status, 422);
    assert.equal(fake.calls.filter((c) => c.method === 'POST').length, 1);
  });

  it('does not keep a 5xx under the key, so a retry may book', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? new Response('oops', { status: 503 }) : undefined));
    assert.equal((await proxy(post(booking(), { 'idempotency-key': 'k-2' }))).status, 502);
    fake.onCall(undefined);
    const retry = await proxy(post(booking(), { 'idempotency-key': 'k-2' }));
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), null);
    assert.equal(posts(fake), 2, 'the retry reached Staymod');
  });

  // A 503: the gateway did not take the request in. (A 502 is no such proof: it is often sent after
  // Staymod had the request, e.g. nginx's "upstream prematurely closed connection"; see AMBIGUOUS.)
  it('keeps a readable 503 (a gateway that could not reach Staymod) retryable with the same key, and says nothing was booked', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? jsonResponse(503, { error: 'Service Unavailable' }) : undefined));
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-5xx' }));
    assert.equal(first.status, 502);
    const told = await first.json();
    assert.match(told.error, /^Staymod is unavailable/);
    assert.equal(told.booked, false, 'the widget may offer a plain "try again"');
    fake.onCall(undefined);
    const retry = await proxy(post(booking(), { 'idempotency-key': 'k-5xx' }));
    assert.equal(retry.status, 201);
    assert.equal(posts(fake), 2);
  });

  // Ambiguous outcomes: the POST was sent and Staymod may have booked it. Kept under the key, never re-sent.
  const AMBIGUOUS: Array<{ name: string; answer: () => Promise<Response> | Response; landed: string }> = [
    { name: '201 with a body that is not JSON', answer: () => new Response('<html>Created</html>', { status: 201 }), landed: 'was made' },
    { name: '201 with JSON that is not a booking', answer: () => jsonResponse(201, { ok: true }), landed: 'was made' },
    { name: 'a gateway 504', answer: () => new Response('Gateway Timeout', { status: 504 }), landed: 'may have been made' },
    // nginx's "upstream prematurely closed connection", a load balancer's or a function's error: Staymod had the request.
    { name: 'a gateway 502', answer: () => new Response('<html>502 Bad Gateway</html>', { status: 502 }), landed: 'may have been made' },
    { name: 'a readable 502', answer: () => jsonResponse(502, { error: 'Bad gateway' }), landed: 'may have been made' },
    // Cloudflare: the origin had the request and gave no answer in time (524), or an unusable one (520).
    { name: "Cloudflare's 524", answer: () => new Response('A timeout occurred', { status: 524 }), landed: 'may have been made' },
    { name: "Cloudflare's 520", answer: () => new Response('Unknown error', { status: 520 }), landed: 'may have been made' },
    // Staymod refuses a booking with a 400: a 500 is a crash, possibly after the insert.
    { name: 'a Staymod 500', answer: () => jsonResponse(500, { error: 'Internal error' }), landed: 'may have been made' },
    {
      name: 'a connection dropped after it was opened',
      answer: () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })),
      landed: 'may have been made',
    },
  ];
  for (const { name, answer, landed } of AMBIGUOUS) {
    it(`${name}: an unconfirmed 502, replayed for the same key without a second POST`, async () => {
      const fake = fakeStaymod({ units: 5 });
      const { proxy, logs } = makeProxy(fake);
      fake.onCall((call) => (call.method === 'POST' ? answer() : undefined));
      const first = await proxy(post(booking(), { 'idempotency-key': 'k-amb' }));
      const firstText = await first.text();
      assert.equal(first.status, 502);
      // No "booked": false: this one may have been stored.
      assert.deepEqual(JSON.parse(firstText), { error: UNCONFIRMED_BOOKING_MESSAGE });
      assert.match(logs.join('\n'), new RegExp(`${landed} but could not be confirmed`));
      fake.onCall(undefined); // Staymod is fine again: a re-sent POST would now book a second time
      const again = await proxy(post(booking(), { 'idempotency-key': 'k-amb' }));
      assert.equal(again.status, 502);
      assert.equal(await again.text(), firstText);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(posts(fake), 1, 'Staymod saw exactly one POST');
      const changed = await proxy(post(booking({ guestName: 'Other' }), { 'idempotency-key': 'k-amb' }));
      assert.equal(changed.status, 422, 'the fingerprint check still applies');
      assert.equal(posts(fake), 1);
    });
  }

  // The gateway gives up while Staymod goes on inserting: a second guest must not post before that insert lands.
  const MAY_STILL_LAND: Array<{ name: string; answer: () => Promise<Response> | Response; timeoutMs?: number }> = [
    { name: 'a gateway 502', answer: () => new Response('Bad Gateway', { status: 502 }) },
    { name: 'a gateway 504', answer: () => new Response('Gateway Timeout', { status: 504 }) },
    { name: "Cloudflare's 524", answer: () => new Response('A timeout occurred', { status: 524 }) },
    { name: "Cloudflare's 520", answer: () => new Response('Unknown error', { status: 520 }) },
    { name: 'the proxy timing out', answer: () => new Promise<Response>(() => {}), timeoutMs: 20 },
  ];
  for (const { name, answer, timeoutMs } of MAY_STILL_LAND) {
    it(`after ${name}, the property's lock stays held: another guest's booking waits instead of posting while the first insert may land`, async () => {
      const fake = fakeStaymod({ units: 1 });
      const { proxy } = makeProxy(fake, { timeoutMs: timeoutMs ?? 1000, lockWaitMs: 100, unconfirmedHoldMs: 1000 });
      let first = true;
      fake.onCall((call) => {
        if (call.method !== 'POST' || !first) return undefined;
        first = false;
        setTimeout(() => fake.setUnits(0), 200); // Staymod's insert of the last unit lands after the answer
        return answer();
      });
      const a = await proxy(post(booking(), { 'idempotency-key': 'guest-A' }));
      assert.equal(a.status, 502);
      const b = await proxy(post(booking({ guestName: 'Bea' }), { 'idempotency-key': 'guest-B' }));
      assert.equal(b.status, 503, 'told to try again in a moment');
      assert.equal((await b.json()).booked, false);
      assert.equal(posts(fake), 1, "the second guest's booking never reached Staymod");
    });
  }

  it('a 429 (a CDN or WAF in front of Staymod) is not kept under the key: the retry reaches Staymod and books', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? jsonResponse(429, { error: 'Too Many Requests' }) : undefined));
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-429' }));
    assert.equal(first.status, 429);
    fake.onCall(undefined);
    const retry = await proxy(post(booking(), { 'idempotency-key': 'k-429' }));
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), null);
    assert.equal(posts(fake), 2);
  });

  it('a POST that hangs past timeoutMs: unconfirmed, and the retry never reaches Staymod', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake, { timeoutMs: 50 });
    fake.onCall((call) => (call.method === 'POST' ? new Promise<Response>((resolve) => setTimeout(() => resolve(jsonResponse(500, {})), 300)) : undefined));
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-hang' }));
    assert.equal(first.status, 502);
    assert.equal((await first.json()).error, UNCONFIRMED_BOOKING_MESSAGE);
    fake.onCall(undefined);
    const again = await proxy(post(booking(), { 'idempotency-key': 'k-hang' }));
    assert.equal(again.status, 502);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(posts(fake), 1);
  });

  it('a connection never opened (refused) sent nothing: retryable with the same key', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    fake.onCall((call) =>
      call.method === 'POST'
        ? Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))
        : undefined,
    );
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-refused' }));
    assert.equal(first.status, 502);
    assert.match((await first.json()).error, /^Staymod is unavailable/);
    fake.onCall(undefined);
    const retry = await proxy(post(booking(), { 'idempotency-key': 'k-refused' }));
    assert.equal(retry.status, 201);
    assert.equal(posts(fake), 2);
  });

  it('a failed availability check before the POST stays retryable with the same key', async () => {
    const fake = fakeStaymod();
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.url.includes('/room-availability') ? new Response('<html>', { status: 200 }) : undefined));
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-check' }));
    assert.equal(first.status, 502);
    assert.notEqual((await first.json()).error, UNCONFIRMED_BOOKING_MESSAGE);
    assert.equal(posts(fake), 0);
    fake.onCall(undefined);
    assert.equal((await proxy(post(booking(), { 'idempotency-key': 'k-check' }))).status, 201);
    assert.equal(posts(fake), 1);
  });

  it('without an Idempotency-Key an unconfirmed booking is answered the same, and nothing is kept', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? new Response('not json', { status: 201 }) : undefined));
    const first = await proxy(post(booking()));
    assert.equal(first.status, 502);
    assert.equal((await first.json()).error, UNCONFIRMED_BOOKING_MESSAGE);
    fake.onCall(undefined);
    const second = await proxy(post(booking()));
    assert.equal(second.status, 201, 'no key: a new request, posted again as before');
    assert.equal(second.headers.get('idempotent-replayed'), null);
    assert.equal(posts(fake), 2);
  });

  it('Idempotency-Replay-Only asks how the booking under a key ended and never books: nothing sent (404), booked (replayed), refused (replayed, "booked": false)', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake);
    const ask = (key: string, body = booking()) => proxy(post(body, { 'idempotency-key': key, 'idempotency-replay-only': 'true' }));
    const nothing = await ask('k-never');
    assert.equal(nothing.status, 404);
    assert.equal((await nothing.json()).booked, false);
    assert.equal(posts(fake), 0, 'asking books nothing');

    const made = await proxy(post(booking(), { 'idempotency-key': 'k-made' }));
    assert.equal(made.status, 201);
    const replayed = await ask('k-made');
    assert.equal(replayed.status, 201);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal((await replayed.json()).booking._id, (await made.json()).booking._id);
    assert.equal(posts(fake), 1);

    fake.onCall((call) => (call.method === 'POST' ? jsonResponse(400, { error: 'Room is required.' }) : undefined));
    const refused = await proxy(post(booking({ guestName: 'Refused' }), { 'idempotency-key': 'k-refused' }));
    assert.equal(refused.status, 400);
    fake.onCall(undefined);
    const toldRefused = await ask('k-refused', booking({ guestName: 'Refused' }));
    assert.equal(toldRefused.status, 400);
    assert.equal((await toldRefused.json()).booked, false);
    assert.equal(posts(fake), 2, 'no POST for any question');
  });

  it('past midnight since a booking was sent, asking about it or sending it again under its key answers as it ended; only a new booking is refused the past date', async () => {
    const fake = fakeStaymod({ units: 5 });
    let now = Date.parse('2026-06-01T09:00:00Z');
    const { proxy } = makeProxy(fake, { now: () => now, timeZone: 'UTC' });
    const made = await proxy(post(booking(), { 'idempotency-key': 'k-night' }));
    assert.equal(made.status, 201);
    const id = (await made.json()).booking._id;
    now = Date.parse('2026-06-02T00:30:00Z'); // just past midnight: check-in 2026-06-01 is in the past
    const asked = await proxy(post(booking(), { 'idempotency-key': 'k-night', 'idempotency-replay-only': 'true' }));
    assert.equal(asked.status, 201);
    assert.equal((await asked.json()).booking._id, id);
    const again = await proxy(post(booking(), { 'idempotency-key': 'k-night' }));
    assert.equal(again.status, 201, 'a resend of a booking made is its answer, not "in the past"');
    assert.equal((await again.json()).booking._id, id);
    const never = await proxy(post(booking(), { 'idempotency-key': 'k-never', 'idempotency-replay-only': 'true' }));
    assert.equal(never.status, 404);
    assert.equal((await never.json()).booked, false);
    const fresh = await proxy(post(booking(), { 'idempotency-key': 'k-new' }));
    assert.equal(fresh.status, 400);
    assert.match((await fresh.json()).error, /must not be in the past/);
    assert.equal(posts(fake), 1, 'one POST in all');
  });

  it('with a slow idempotencyStore, a retry arriving while the result is being written gets it replayed, not a second booking', async () => {
    const fake = fakeStaymod({ units: 5 });
    const stored = new Map<string, unknown>();
    const { proxy } = makeProxy(fake, {
      idempotencyStore: {
        get: async (key) => stored.get(key) as never,
        set: async (key, value) => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          stored.set(key, value);
        },
      },
    });
    const first = proxy(post(booking(), { 'idempotency-key': 'k-slow' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const retry = await proxy(post(booking(), { 'idempotency-key': 'k-slow' }));
    assert.equal((await first).status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(posts(fake), 1);
  });

  it('with an async idempotencyStore, two identical requests at once under one key: one POST, the other replayed', async () => {
    const fake = fakeStaymod({ units: 5, delayMs: 10 });
    const stored = new Map<string, unknown>();
    const { proxy } = makeProxy(fake, {
      idempotencyStore: {
        get: async (key) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return stored.get(key) as never;
        },
        set: async (key, value) => void stored.set(key, value),
      },
    });
    const answers = await Promise.all([proxy(post(booking(), { 'idempotency-key': 'same' })), proxy(post(booking(), { 'idempotency-key': 'same' }))]);
    assert.deepEqual(answers.map((r) => r.status), [201, 201]);
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 1);
    assert.equal(posts(fake), 1);
  });

  it('with an idempotencyStore, a result finished on another instance is replayed, not posted', async () => {
    const fake = fakeStaymod({ units: 5 });
    const store = new MemoryIdempotencyStore();
    const { proxy: first } = makeProxy(fake, { idempotencyStore: store });
    const { proxy: second } = makeProxy(fake, { idempotencyStore: store });
    assert.equal((await first(post(booking(), { 'idempotency-key': 'k-shared' }))).status, 201);
    const replayed = await second(post(booking(), { 'idempotency-key': 'k-shared' }));
    assert.equal(replayed.status, 201);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(posts(fake), 1);
  });

  it('answers 503 and books nothing when the idempotency store fails, and leaves no claim behind', async () => {
    const fake = fakeStaymod();
    let down = true;
    const { proxy } = makeProxy(fake, {
      idempotencyStore: {
        get: async () => {
          if (down) throw new Error('redis down');
          return undefined;
        },
        set: async () => {},
      },
    });
    const response = await proxy(post(booking(), { 'idempotency-key': 'k-3' }));
    assert.equal(response.status, 503);
    assert.equal(fake.calls.length, 0);
    down = false;
    assert.equal((await proxy(post(booking(), { 'idempotency-key': 'k-3' }))).status, 201, 'the retry books');
  });

  it('never forgets a kept answer before its time: once the records fill their memory, new keys get 503 until old ones expire', async () => {
    const fake = fakeStaymod({ units: 1000 });
    let now = Date.parse('2026-05-01T09:00:00Z');
    const { proxy, logs } = makeProxy(fake, { now: () => now, memoryLimits: { idempotencyBytes: 16 * 1024 } });
    let refused: Response | undefined;
    let made = 0;
    while (!refused && made < 100) {
      const answer = await proxy(post(booking(), { 'idempotency-key': `k-${made}` }));
      if (answer.status === 503) refused = answer;
      else assert.equal(answer.status, 201, `booking ${made++}`);
    }
    assert.ok(refused && made > 1, 'new keys refused once full');
    assert.match((await refused.json()).error, /cannot take a new one right now/);
    assert.equal(refused.headers.get('retry-after'), '60');
    assert.match(logs.join('\n'), /idempotency records are full \(memoryLimits\.idempotencyBytes\)/);
    const sent = posts(fake);
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-0' }));
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), 'true', 'the oldest answer is still kept');
    assert.equal(posts(fake), sent, 'and never booked again');
    now += 24 * 60 * 60_000;
    assert.equal((await proxy(post(booking(), { 'idempotency-key': 'k-new' }))).status, 201, 'room again once records expire');
  });

  it('keeps idempotent results in a bounded, expiring memory store', () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ maxEntries: 2, now: () => now });
    const value = { fingerprint: 'f', status: 201, body: '{}' };
    store.set('a', value, 1000);
    store.set('b', value, 1000);
    store.set('c', value, 1000);
    assert.equal(store.get('a'), undefined, 'oldest evicted');
    assert.deepEqual(store.get('c'), value);
    now = 1000;
    assert.equal(store.get('b'), undefined, 'expired');
  });

  it('drops cached availability for the property after a booking', async () => {
    const fake = fakeStaymod({ units: 2 });
    const { proxy } = makeProxy(fake);
    const url = `${BASE}/room-availability?from=2026-06-01&to=2026-06-02`;
    await proxy(new Request(url));
    assert.equal((await proxy(new Request(url))).headers.get('x-staymod-proxy-cache'), 'hit');
    assert.equal((await proxy(post(booking()))).status, 201);
    assert.equal((await proxy(new Request(url))).headers.get('x-staymod-proxy-cache'), 'miss');
  });
});
