// The client against the sandbox over real HTTP, from another origin (real CORS), and how
// reads retry through query-core (src/data/queries.ts). It owns the fault sandbox: faults,
// resets and request counts are global to a sandbox, and test files run side by side.
import { StaymodError } from '../contract/errors.js';
import { addDays, eachDate } from '../domain/dates.js';
import { equal, ok, rejects } from '../test-utils/assert.js';
import { DEMO, FAULT_SANDBOX_URL as SANDBOX_URL, faultSandbox as sandbox } from '../test-utils/sandbox.js';
import { QueryClient } from '@tanstack/query-core';
import { optionsQuery, roomDetailsQuery, type Source } from '../data/queries.js';
import { readDefaults } from '../data/read-defaults.js';
import { createStaymodClient } from './client.js';

// query-core reads process.env.NODE_ENV (every build defines it); this unbundled test page has no `process`.
(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };

const client = (apiKey = DEMO.keys.full, extra: Record<string, unknown> = {}) =>
  createStaymodClient({ baseUrl: SANDBOX_URL, propertyId: DEMO.propertyId, apiKey, ...extra });

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await rejects(promise);
  ok(error instanceof StaymodError, `expected a StaymodError, got ${String(error)}`);
  return error.code;
}

let today = '';

describe('client against the sandbox', () => {
  before(async () => {
    await sandbox.reset();
    today = ((await sandbox.state()) as { today: string }).today;
  });
  afterEach(async () => {
    await sandbox.clearFaults();
  });

  it('reads rooms without the leaked feed tokens, and says they were there', async () => {
    const answer = await client().rooms();
    ok(answer.rooms.length >= 5, `expected the demo rooms, got ${answer.rooms.length}`);
    const text = JSON.stringify(answer);
    ok(!/ical/i.test(text.replace('feedTokens', '')) && !text.includes('orgId'), 'no iCal token or orgId');
    equal(answer.feedTokens, true, "the sandbox's rooms answer carries feed tokens, as Staymod's does");
  });

  it('reads a 120-night range as month windows of at most 31 dates', async () => {
    const urls: string[] = [];
    const counting = (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const to = addDays(today, 120);
    const availability = await client(DEMO.keys.full, { fetch: counting }).availability(today, to);
    equal(availability.days.length, 121);
    equal(availability.from, today);
    equal(availability.to, to);
    ok(urls.length >= 4 && urls.length <= 6, `${urls.length} requests`);
    for (const url of urls) {
      const params = new URL(url).searchParams;
      ok(eachDate(params.get('from')!, params.get('to')!).length <= 31, url);
    }
    const row = availability.rows[0]!;
    equal(row.cells.length, 121, 'each unit row has every date once');
  });

  it('maps each key problem to a typed error', async () => {
    equal(await code(client('sk_live_' + '0'.repeat(48)).rooms()), 'invalid-key');
    equal(await code(client(DEMO.keys.expired).rooms()), 'expired-key');
    equal(await code(client(DEMO.keys.inactive).rooms()), 'invalid-key');
    equal(await code(client(DEMO.keys.foreignOrigin).rooms()), 'origin-not-allowed');
    equal(await code(client(DEMO.keys.ipRestricted).rooms()), 'ip-not-allowed');
    equal(await code(client(DEMO.keys.otherProperty).rooms()), 'wrong-property');
    equal(
      await code(createStaymodClient({ baseUrl: SANDBOX_URL, propertyId: 'nope', apiKey: DEMO.keys.full }).rooms()),
      'invalid-property-id',
    );
    const booking = client(DEMO.keys.readOnly).createBooking({
      guestName: 'A',
      checkIn: `${addDays(today, 40)}T14:00:00.000Z`,
      checkOut: `${addDays(today, 41)}T11:00:00.000Z`,
      rooms: [{ roomId: '65f0000000000000000000a1', quantity: 1 }],
    });
    equal(await code(booking), 'missing-scope');
  });

  it('refuses a bad range before sending anything', async () => {
    equal(await code(client().availability('2026-13-01', '2027-01-01')), 'invalid-input');
    equal(await code(client().availability('2027-02-01', '2027-01-01')), 'invalid-input');
  });

  it('sends a GET once: retrying is the query layer\'s (src/data/queries.ts)', async () => {
    await sandbox.resetStats();
    await sandbox.fault({ route: 'rooms', status: 503, times: 1 });
    equal(await code(client().rooms()), 'server');
    equal((await sandbox.stats())['rooms'], 1);
  });

  it('never re-sends a POST, and marks an uncertain failure (a 500: a crash, maybe after the insert) as ambiguous', async () => {
    await sandbox.resetStats();
    await sandbox.fault({ route: 'bookings', status: 500, times: 1 });
    const { rooms } = await client().rooms();
    const error = await rejects(
      client().createBooking({
        guestName: 'Once Only',
        checkIn: `${addDays(today, 45)}T14:00:00.000Z`,
        checkOut: `${addDays(today, 46)}T11:00:00.000Z`,
        rooms: [{ roomId: rooms[0]!._id, quantity: 1 }],
      }),
    );
    ok(error instanceof StaymodError && error.code === 'server' && error.ambiguous);
    equal((await sandbox.stats())['bookings'], 1);
  });

  it('calls a 2xx booking answer it cannot read unconfirmed (it exists: never invite a resend), and never re-sends it', async () => {
    await sandbox.resetStats();
    const { rooms } = await client().rooms();
    await sandbox.fault({ route: 'bookings', malformedJson: true, times: 1 });
    const error = await rejects(
      client().createBooking({
        guestName: 'Unreadable Answer',
        checkIn: `${addDays(today, 47)}T14:00:00.000Z`,
        checkOut: `${addDays(today, 48)}T11:00:00.000Z`,
        rooms: [{ roomId: rooms[0]!._id, quantity: 1 }],
      }),
    );
    ok(error instanceof StaymodError && error.code === 'unconfirmed' && error.ambiguous, `got ${String(error)}`);
    equal((await sandbox.stats())['bookings'], 1);
  });

  it('times out a hanging call and tells timeout from cancel', async () => {
    await sandbox.fault({ route: 'rooms', hang: true });
    equal(await code(client(DEMO.keys.full, { timeoutMs: 300, retries: 0 }).rooms()), 'timeout');
    const controller = new AbortController();
    const pending = client(DEMO.keys.full, { timeoutMs: 5000 }).rooms({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    equal(await code(pending), 'aborted');
  });

  it('works in browsers without AbortSignal.any (Safari before 17.4): reads with a signal, times out, cancels', async () => {
    const any = Object.getOwnPropertyDescriptor(AbortSignal, 'any');
    const timeout = Object.getOwnPropertyDescriptor(AbortSignal, 'timeout');
    Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true });
    Object.defineProperty(AbortSignal, 'timeout', { value: undefined, configurable: true });
    try {
      const answer = await client().rooms({ signal: new AbortController().signal });
      ok(answer.rooms.length >= 5, 'the rooms, read with a signal as query-core passes one');
      await sandbox.fault({ route: 'rooms', hang: true });
      equal(await code(client(DEMO.keys.full, { timeoutMs: 300, retries: 0 }).rooms({ signal: new AbortController().signal })), 'timeout');
      const controller = new AbortController();
      const pending = client(DEMO.keys.full, { timeoutMs: 5000 }).rooms({ signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      equal(await code(pending), 'aborted');
    } finally {
      Object.defineProperty(AbortSignal, 'any', any!);
      Object.defineProperty(AbortSignal, 'timeout', timeout!);
    }
  });

  it('reports malformed JSON and a wrong shape as unreadable', async () => {
    await sandbox.fault({ route: 'rooms', malformedJson: true, times: 1 });
    equal(await code(client(DEMO.keys.full, { retries: 0 }).rooms()), 'unreadable');
    await sandbox.fault({ route: 'rooms', status: 200, body: { rooms: 'none' }, times: 1 });
    // Not a list where the list must be: unreadable, never "no rooms" (the guest would read "sold out").
    equal(await code(client(DEMO.keys.full, { retries: 0 }).rooms()), 'unreadable');
    await sandbox.fault({ route: 'room-availability', status: 200, body: { nothing: true }, times: 1 });
    equal(await code(client(DEMO.keys.full, { retries: 0 }).availability(today, today)), 'unreadable');
  });

  it('sends no header beyond Authorization and Content-Type, even when given an idempotency key', async () => {
    // Staymod's CORS would fail the preflight for any other header.
    const { rooms } = await client().rooms();
    const booking = await client().createBooking(
      {
        guestName: 'Header Check',
        checkIn: `${addDays(today, 50)}T14:00:00.000Z`,
        checkOut: `${addDays(today, 51)}T11:00:00.000Z`,
        rooms: [{ roomId: rooms[0]!._id, quantity: 1 }],
      },
      { idempotencyKey: 'abc' },
    );
    ok(booking._id, 'booked across origins');
  });
});

describe('client: a booking 400 from Staymod that is not a refusal', () => {
  const answering = (status: number, body: unknown, calls: string[]) =>
    (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  const stay = {
    guestName: 'Asha',
    checkIn: '2026-06-01T14:00:00.000Z',
    checkOut: '2026-06-02T11:00:00.000Z',
    rooms: [{ roomId: '6630f1a2b3c4d5e6f7a8b9d1', quantity: 1 }],
  };
  const direct = (fetchFn: typeof fetch) =>
    createStaymodClient({ baseUrl: 'https://staymod.test', propertyId: DEMO.propertyId, apiKey: DEMO.keys.full, fetch: fetchFn });

  it('direct mode: a driver error after the insert is unconfirmed (ambiguous), sent once', async () => {
    const calls: string[] = [];
    const error = await rejects(direct(answering(400, { error: 'E11000 duplicate key error collection: staymod.bookings' }, calls)).createBooking(stay));
    ok(error instanceof StaymodError && error.code === 'unconfirmed' && error.ambiguous, `got ${String(error)}`);
    equal(error.serverMessage, 'E11000 duplicate key error collection: staymod.bookings');
    equal(calls.length, 1);
  });

  it("direct mode: Staymod's own validation messages stay refusals", async () => {
    const soldOut = await rejects(
      direct(answering(400, { error: 'Not enough availability on 2026-06-01 (need 1 unit(s), 0 left).' }, [])).createBooking(stay),
    );
    ok(soldOut instanceof StaymodError && soldOut.code === 'sold-out' && !soldOut.ambiguous);
    const invalid = await rejects(direct(answering(400, { error: 'checkOut must be after checkIn.' }, [])).createBooking(stay));
    ok(invalid instanceof StaymodError && invalid.code === 'invalid-input' && !invalid.ambiguous);
  });

  it('a GET 400 with an unknown message and a proxy 400 stay invalid-input', async () => {
    const getError = await rejects(direct(answering(400, { error: 'connection 3 to 127.0.0.1:27017 closed' }, [])).rooms());
    ok(getError instanceof StaymodError && getError.code === 'invalid-input');
    const viaProxy = createStaymodClient({
      baseUrl: 'https://proxy.test',
      propertyId: DEMO.propertyId,
      fetch: answering(400, { error: 'Invalid booking request: rooms.0.quantity must be at least 1.' }, []),
    });
    const proxyError = await rejects(viaProxy.createBooking(stay));
    ok(proxyError instanceof StaymodError && proxyError.code === 'invalid-input' && !proxyError.ambiguous);
  });

  it('proxy mode: a 5xx booking answer is ambiguous unless the proxy says nothing was booked ("booked": false)', async () => {
    const viaProxy = (status: number, body: unknown) =>
      createStaymodClient({ baseUrl: 'https://proxy.test', propertyId: DEMO.propertyId, fetch: answering(status, body, []) });
    const busy = await rejects(viaProxy(503, { error: 'Another booking for this property is being completed.', booked: false }).createBooking(stay));
    ok(busy instanceof StaymodError && busy.code === 'server' && !busy.ambiguous, `got ${String(busy)}`);
    const unknown = await rejects(viaProxy(503, { error: 'Service Unavailable' }).createBooking(stay));
    ok(unknown instanceof StaymodError && unknown.ambiguous, 'without the proxy saying so, it may have landed');
    // Staymod itself is never taken at its word on this (it does not send the field): a 500 stays ambiguous.
    const directly = await rejects(direct(answering(500, { error: 'x', booked: false }, [])).createBooking(stay));
    ok(directly instanceof StaymodError && directly.ambiguous && directly.booked === undefined);
  });

  it('direct mode: a 500, 502, 504, 520 or 524 may have stored the booking (ambiguous); a 503 never reached it', async () => {
    // A 502 often comes after the app had the request (a gateway's "upstream prematurely closed connection").
    for (const status of [500, 502, 504, 520, 524]) {
      const error = await rejects(direct(answering(status, { error: 'x' }, [])).createBooking(stay));
      ok(error instanceof StaymodError && error.ambiguous, `${status} is ambiguous`);
    }
    for (const status of [503]) {
      const error = await rejects(direct(answering(status, { error: 'x' }, [])).createBooking(stay));
      ok(error instanceof StaymodError && !error.ambiguous, `${status} is not`);
    }
  });
});

const source: Source = {
  client: createStaymodClient({ baseUrl: SANDBOX_URL, propertyId: DEMO.propertyId, apiKey: DEMO.keys.full }),
  scope: [SANDBOX_URL, 'retry-test'],
};

/** A fresh cache per read, with the shared client's read behaviour. */
const queryClient = () => new QueryClient({ defaultOptions: { queries: { ...readDefaults, gcTime: 0 } } });
const rooms = () => queryClient().fetchQuery(roomDetailsQuery(source, undefined, DEMO.propertyId, 15_000));

describe('reads retry through query-core', () => {
  afterEach(async () => {
    await sandbox.clearFaults();
  });

  it('retries a read after two 503s, backing off between tries, and after a dropped connection', async () => {
    await sandbox.resetStats();
    await sandbox.fault({ route: 'rooms', status: 503, times: 2 });
    const started = performance.now();
    ok(((await rooms()).details?.rooms.length ?? 0) > 0);
    equal((await sandbox.stats())['rooms'], 3);
    // About 400 ms then 800 ms, each at least 75 %.
    ok(performance.now() - started >= 0.75 * 1200, `retried after ${Math.round(performance.now() - started)} ms`);

    // (Chromium itself may re-send a GET whose reused connection dropped: no count here.)
    await sandbox.fault({ route: 'rooms', drop: true, times: 1 });
    ok(((await rooms()).details?.rooms.length ?? 0) > 0);
  });

  it('never retries a refusal: a 400, or a 429 whose Retry-After the guest is told', async () => {
    await sandbox.resetStats();
    await sandbox.fault({ route: 'rooms', status: 400, body: { error: 'Nope.' }, times: 1 });
    equal(await code(rooms()), 'invalid-input');
    equal((await sandbox.stats())['rooms'], 1);

    await sandbox.resetStats();
    await sandbox.fault({ route: 'rooms', status: 429, body: { error: 'Too many requests.' }, times: 1 });
    equal(await code(rooms()), 'rate-limited');
    equal((await sandbox.stats())['rooms'], 1);
  });

  it('waits out a 429 whose Retry-After is short (a proxy busy for a second), and not one that asks for minutes', async () => {
    // The proxy's answer, then the sandbox's: what a guest's read meets when the proxy's PMS is paced.
    const busyFor = (seconds: string) => {
      const calls: number[] = [];
      const fetch429 = (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push(performance.now());
        if (calls.length > 1) return fetch(input, init);
        return Promise.resolve(
          new Response(JSON.stringify({ error: 'Guesty is busy. Please wait a moment and try again.' }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': seconds } }),
        );
      };
      const busy: Source = { client: createStaymodClient({ baseUrl: SANDBOX_URL, propertyId: DEMO.propertyId, apiKey: DEMO.keys.full, fetch: fetch429 }), scope: [SANDBOX_URL, `busy-${seconds}`] };
      return { calls, options: () => queryClient().fetchQuery(optionsQuery(busy)) };
    };
    const short = busyFor('1');
    ok(Array.isArray(await short.options()), 'the options, once the second had passed');
    equal(short.calls.length, 2);
    ok(short.calls[1]! - short.calls[0]! >= 950, `asked again after ${Math.round(short.calls[1]! - short.calls[0]!)} ms, not before the Retry-After`);

    const long = busyFor('120');
    equal(await code(long.options()), 'rate-limited');
    equal(long.calls.length, 1);
  });

  it('gives up after two retries, naming the cause', async () => {
    await sandbox.resetStats();
    await sandbox.fault({ route: 'booking-options', status: 500 });
    equal(await code(queryClient().fetchQuery(optionsQuery(source))), 'server');
    equal((await sandbox.stats())['booking-options'], 3);
  });
});
