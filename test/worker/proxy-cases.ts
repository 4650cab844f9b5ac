/**
 * Proxy rules as a table of cases, run against the real sandbox over HTTP both
 * by the Node suite (test/node/proxy.test.ts) and inside workerd
 * (test/worker/worker.test.ts), and against the Cloudbeds and Guesty fakes by
 * test/node/pms-cases.test.ts (a case that only fits Staymod says why in
 * `staymodOnly`). Every response goes through `call`, which fails the test if
 * the proxy's key appears anywhere in its bytes or headers.
 *
 * Each case gets its own client id (so rate limits do not leak between cases)
 * and its own dates (so caches do not either).
 */
import assert from 'node:assert/strict';
import { addDays } from '../../src/domain/dates.js';
import { DEMO_OPTIONS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';

export const ALLOWED_ORIGIN = 'https://hotel.example';
export const EVIL_ORIGIN = 'https://evil.example';
/** Upstream timeout both harnesses configure, so a `hang` fault ends quickly. */
export const TIMEOUT_MS = 1000;

export interface Demo {
  propertyId: string;
  otherPropertyId: string;
  today?: string;
  keys: Record<string, string>;
}

/** A booking as the system behind the proxy stored it. */
export interface StoredBooking {
  roomId: string;
  /** YYYY-MM-DD */
  checkIn: string;
  guestName: string;
}

/**
 * The system behind the proxy, as the cases need it: its name in messages, its
 * fake's route names (for faults and request counts), rooms with known facts,
 * and what it stored. Default: Staymod's sandbox (`staymodSystem`).
 */
export interface SystemUnderTest {
  name: string;
  /** The fake's (or sandbox's) route names for the availability read and the booking write. */
  routes: { availability: string; booking: string };
  /** A room with two or more units and no stay rule, how many, and one with a single unit. */
  rooms: { multi: string; multiUnits: number; single: string };
  /** A stay (day offsets) that is sold out on its second night. */
  soldOut: { roomId: string; from: number; to: number };
  /** The message for a malformed room id. */
  badRoomId: RegExp;
  /** The status of a successful create call, for a garbled answer that still books. */
  createdStatus: number;
  /** How many guests race for the last unit (Cloudbeds and Guesty are paced to 5 requests a second). */
  racers: number;
  /** Upstream requests per route name. */
  stats(): Promise<Record<string, number>>;
  stored(): Promise<StoredBooking[]>;
}

export interface Harness {
  demo: Demo;
  /** Default Staymod's sandbox at `sandboxUrl`. */
  sys?: SystemUnderTest;
  /** The key the proxy holds: must never come back. */
  secret: string;
  /** Absolute URL of a proxy path. */
  url(path: string): string;
  /** Headers that make a request count as client `id` for rate limits. */
  client(id: string): Record<string, string>;
  sandboxUrl: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Fetches through the proxy and checks that the key is in no byte of the answer. */
export async function call(h: Harness, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(h.url(path), init);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.ok(!bytes.includes(Buffer.from(h.secret)), `the key leaked in the body of ${path}`);
  response.headers.forEach((value, name) => {
    assert.ok(!value.includes(h.secret) && !name.includes(h.secret), `the key leaked in header ${name} of ${path}`);
  });
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

// ---- sandbox admin -----------------------------------------------------------------

export async function sandboxStats(h: Harness): Promise<Record<string, number>> {
  return sysOf(h).stats();
}

export async function addFault(h: Harness, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${h.sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  assert.equal(response.status, 201, await response.text());
}

export async function clearFaults(h: Harness): Promise<void> {
  await fetch(`${h.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
}

/** What the sandbox really stored, read with the full key (never through the proxy). */
async function staymodBookings(h: Harness): Promise<any[]> {
  const response = await fetch(`${h.sandboxUrl}/api/public/v1/properties/${h.demo.propertyId}/bookings`, {
    headers: { authorization: `Bearer ${h.demo.keys['full']}` },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { bookings: any[] }).bookings;
}

export function staymodSystem(h: Harness): SystemUnderTest {
  return {
    name: 'Staymod',
    routes: { availability: 'room-availability', booking: 'bookings' },
    rooms: { multi: DEMO_ROOMS.familySuite, multiUnits: 2, single: DEMO_ROOMS.penthouse },
    soldOut: { roomId: DEMO_ROOMS.gardenTwin, from: 2, to: 5 },
    badRoomId: /24-character/,
    createdStatus: 201,
    racers: 50,
    async stats() {
      const response = await fetch(`${h.sandboxUrl}/__sandbox/stats`);
      return ((await response.json()) as { requests: Record<string, number> }).requests;
    },
    async stored() {
      return (await staymodBookings(h)).flatMap((b) => Object.keys(b.rooms).map((roomId) => ({ roomId, checkIn: String(b.checkIn).slice(0, 10), guestName: b.guestName })));
    },
  };
}

const sysOf = (h: Harness) => h.sys ?? staymodSystem(h);
const storedOf = async (h: Harness, roomId: string, checkIn: string) => (await sysOf(h).stored()).filter((b) => b.roomId === roomId && b.checkIn === checkIn);

// ---- helpers -------------------------------------------------------------------------

const today = (h: Harness) => h.demo.today ?? '2026-05-01';
const day = (h: Harness, n: number) => addDays(today(h), n);
const base = (h: Harness, property = h.demo.propertyId) => `/api/public/v1/properties/${property}`;

function bookingBody(h: Harness, room: string, from: number, to: number, extra: Record<string, unknown> = {}) {
  return {
    guestName: 'Test Guest',
    guestEmail: 'guest@example.com',
    checkIn: `${day(h, from)}T14:00:00.000Z`,
    checkOut: `${day(h, to)}T11:00:00.000Z`,
    numberOfGuests: 2,
    rooms: [{ roomId: room, quantity: 1 }],
    ...extra,
  };
}

function postBooking(h: Harness, ip: string, body: unknown, headers: Record<string, string> = {}) {
  return call(h, `${base(h)}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN, ...h.client(ip), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function get(h: Harness, ip: string, path: string, headers: Record<string, string> = {}) {
  return call(h, path, { headers: { origin: ALLOWED_ORIGIN, ...h.client(ip), ...headers } });
}

const range = (h: Harness, from: number, to: number) => `${base(h)}/room-availability?from=${day(h, from)}&to=${day(h, to)}`;

export interface ProxyCase {
  name: string;
  /** Why the case fits Staymod only; such cases are skipped for other systems. */
  staymodOnly?: string;
  run(h: Harness, ip: string): Promise<void>;
}

export const proxyCases: ProxyCase[] = [
  {
    name: 'serves rooms rebuilt through the contract: no iCal tokens, no orgId',
    staymodOnly: "iCal tokens and orgId are fields of Staymod's rooms; the adapters build rooms from scratch",
    async run(h, ip) {
      const res = await get(h, ip, `${base(h)}/rooms`);
      assert.equal(res.status, 200);
      assert.ok(res.json.rooms.length >= 5);
      assert.ok(res.json.rooms.some((r: { name: string }) => r.name === 'Deluxe'));
      for (const secret of ['icalToken', 'icalTokensByRoomNumber', 'orgId', 'org_2sandbox', '4c8a0c6404bfebcee06a2f861890d1af']) {
        assert.ok(!res.text.includes(secret), `${secret} must be stripped`);
      }
    },
  },
  {
    name: "ignores the guest's own Authorization header and cookies",
    async run(h, ip) {
      const res = await get(h, ip, `${base(h)}/booking-options`, {
        authorization: `Bearer ${h.demo.keys['inactive']}`,
        cookie: 'session=abc',
      });
      assert.equal(res.status, 200);
      assert.ok(Array.isArray(res.json.bookingOptions));
      if (!h.sys) assert.ok(res.json.bookingOptions.some((o: { name: string }) => o.name === 'Breakfast buffet'));
    },
  },
  {
    name: 'CORS: echoes an allowed origin with Vary, refuses others without ACAO, answers preflights',
    async run(h, ip) {
      const ok = await get(h, ip, `${base(h)}/booking-options`);
      assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.match(ok.headers.get('vary') ?? '', /Origin/);
      assert.match(ok.headers.get('access-control-expose-headers') ?? '', /Retry-After/);

      const evil = await get(h, ip, `${base(h)}/booking-options`, { origin: EVIL_ORIGIN });
      assert.equal(evil.status, 403);
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
      assert.match(evil.json.error, /allowedOrigins/);

      const preflight = await call(h, `${base(h)}/bookings`, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.equal(preflight.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key, Idempotency-Replay-Only');
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

      const badPreflight = await call(h, `${base(h)}/bookings`, {
        method: 'OPTIONS',
        headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST' },
      });
      assert.equal(badPreflight.headers.get('access-control-allow-origin'), null);
      assert.notEqual(badPreflight.status, 204);

      const noOrigin = await call(h, `${base(h)}/booking-options`, { headers: h.client(ip) });
      assert.equal(noOrigin.status, 200, 'server-side callers send no Origin');
      assert.equal(noOrigin.headers.get('access-control-allow-origin'), null);
    },
  },
  {
    name: 'routes: unknown path 404, wrong method 405 with Allow, foreign property 403, no bookings read',
    async run(h, ip) {
      const before = await sandboxStats(h);
      const unknown = await get(h, ip, `${base(h)}/guests`);
      assert.equal(unknown.status, 404);
      assert.match(unknown.json.error, /Not found/);
      assert.equal((await get(h, ip, '/')).status, 404);
      assert.equal((await get(h, ip, `${base(h)}/bookings/a1650b7f5f2fd9a1576d7443`)).status, 404, 'never exposes booking look-ups');
      assert.equal((await get(h, ip, `${base(h)}%2F..%2F${h.demo.otherPropertyId}/rooms`)).status, 403, 'an encoded traversal is just an unknown property');

      const listBookings = await get(h, ip, `${base(h)}/bookings?guestEmail=asha.menon@example.com`);
      assert.equal(listBookings.status, 405);
      assert.equal(listBookings.headers.get('allow'), 'POST, OPTIONS');
      assert.ok(!listBookings.text.includes('asha'), 'no guest data');
      const deleteRooms = await call(h, `${base(h)}/rooms`, { method: 'DELETE', headers: h.client(ip) });
      assert.equal(deleteRooms.status, 405);
      assert.equal(deleteRooms.headers.get('allow'), 'GET, OPTIONS');

      const foreign = await get(h, ip, `${base(h, h.demo.otherPropertyId)}/rooms`);
      assert.equal(foreign.status, 403);
      assert.match(foreign.json.error, /does not serve property/);
      assert.deepEqual(await sandboxStats(h), before, 'none of these reached Staymod');
    },
  },
  {
    name: 'availability query is validated before any upstream call',
    async run(h, ip) {
      const before = await sandboxStats(h);
      const bad = await get(h, ip, `${base(h)}/room-availability?from=2026-02-30&to=2026-03-02`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error, 'from/to must be YYYY-MM-DD.');
      assert.ok(bad.json.fields.from);
      const reversed = await get(h, ip, range(h, 5, 2));
      assert.equal(reversed.status, 400);
      assert.match(reversed.json.error, /on or before/);
      const tooLong = await get(h, ip, range(h, 0, 62));
      assert.equal(tooLong.status, 400);
      assert.equal(tooLong.json.error, 'Date range cannot exceed 62 nights.');
      assert.deepEqual(await sandboxStats(h), before);
      const longest = await get(h, ip, range(h, 0, 61));
      assert.equal(longest.status, 200, '62 dates are fine');
      assert.equal(longest.json.days.length, 62);
    },
  },
  {
    name: 'caches GETs and coalesces identical concurrent ones into one upstream call',
    async run(h, ip) {
      const route = sysOf(h).routes.availability;
      // What one guest's read costs upstream (one call for Staymod and Cloudbeds, one per listing for Guesty).
      const start = await sandboxStats(h);
      assert.equal((await get(h, ip, range(h, 51, 51))).status, 200);
      const before = await sandboxStats(h);
      const one = before[route]! - (start[route] ?? 0);
      assert.ok(one >= 1);
      const path = range(h, 44, 50);
      const answers = await Promise.all(Array.from({ length: 10 }, () => get(h, ip, path)));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
      assert.equal(new Set(answers.map((a) => a.text)).size, 1);
      const middle = await sandboxStats(h);
      assert.equal(middle[route]! - before[route]!, one, "ten guests, one guest's upstream calls");
      const again = await get(h, ip, path);
      assert.equal(again.headers.get('x-staymod-proxy-cache'), 'hit');
      assert.equal((await sandboxStats(h))[route], middle[route], 'served from cache');
    },
  },
  {
    name: 'booking: status forced to pending, trusted fields dropped, options re-priced from Staymod',
    staymodOnly: "reads back fields Staymod stores (discount, advanceAmount, customItems, selectedOptions); Cloudbeds' extras are re-priced in pms-cloudbeds.test.ts, Guesty offers none",
    async run(h, ip) {
      const res = await postBooking(
        h,
        ip,
        bookingBody(h, DEMO_ROOMS.deluxe, 30, 32, {
          status: 'confirmed',
          discount: 3000,
          advanceAmount: 99999,
          customItems: [{ name: 'Free upgrade', amount: 0 }],
          orgId: 'someone-else',
          selectedOptions: [
            { bookingOptionId: DEMO_OPTIONS.breakfast, name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 1, quantity: 2 },
            { bookingOptionId: DEMO_OPTIONS.lateCheckout, quantity: 1 },
          ],
        }),
      );
      assert.equal(res.status, 201, res.text);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.json.booking.status, 'pending');
      assert.ok(!('orgId' in res.json.booking));
      const stored = (await staymodBookings(h)).find((b) => b._id === res.json.booking._id);
      assert.ok(stored, 'the sandbox holds the booking');
      assert.equal(stored.status, 'pending');
      // Staymod answers unset fields as null: nothing the client sent was stored.
      assert.equal(stored.discount ?? null, null);
      assert.equal(stored.advanceAmount ?? null, null);
      assert.equal(stored.customItems ?? null, null);
      assert.deepEqual(
        stored.selectedOptions.map((o: any) => [o.name, o.pricePerUnit, o.quantity, o.appliesTo, o.frequency]),
        [
          ['Breakfast buffet', 450, 2, 'user', 'day'],
          ['Late checkout', 1500, 1, 'room', 'booking'],
        ],
      );
    },
  },
  {
    name: 'booking: unknown or inactive options and oversized quantities are refused, nothing stored',
    staymodOnly: "uses the sandbox's inactive and per-guest options by id",
    async run(h, ip) {
      const before = await sandboxStats(h);
      const unknown = await postBooking(
        h,
        ip,
        bookingBody(h, DEMO_ROOMS.deluxe, 33, 34, { selectedOptions: [{ bookingOptionId: 'ffffffffffffffffffffffff', quantity: 1 }] }),
      );
      assert.equal(unknown.status, 400);
      assert.match(unknown.json.fields['selectedOptions.0.bookingOptionId'], /not a booking option/);
      const inactive = await postBooking(
        h,
        ip,
        bookingBody(h, DEMO_ROOMS.deluxe, 33, 34, { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.dinner, quantity: 1 }] }),
      );
      assert.equal(inactive.status, 400);
      const tooMany = await postBooking(
        h,
        ip,
        bookingBody(h, DEMO_ROOMS.deluxe, 33, 34, { numberOfGuests: 2, selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 3 }] }),
      );
      assert.equal(tooMany.status, 400);
      assert.match(tooMany.json.fields['selectedOptions.0.quantity'], /must be 2 for .* \(one per guest\)/);
      // Below what the stay implies (two guests, breakfast for one) is refused too.
      const tooFew = await postBooking(
        h,
        ip,
        bookingBody(h, DEMO_ROOMS.deluxe, 33, 34, { numberOfGuests: 2, selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 1 }] }),
      );
      assert.equal(tooFew.status, 400);
      assert.match(tooFew.json.fields['selectedOptions.0.quantity'], /must be 2/);
      assert.equal((await sandboxStats(h))['bookings'], before['bookings'], 'no POST reached Staymod');
    },
  },
  {
    name: "booking: a room of another property or an inactive room is refused by name, nothing stored",
    staymodOnly: "uses the sandbox's room of another property and its inactive room",
    async run(h, ip) {
      const before = await sandboxStats(h);
      for (const room of [DEMO_ROOMS.hillCottage, DEMO_ROOMS.cottage]) {
        const res = await postBooking(h, ip, bookingBody(h, room, 33, 34));
        assert.equal(res.status, 400);
        assert.equal(res.json.fields['rooms.0.roomId'], 'is not a bookable room of this property.');
      }
      assert.equal((await sandboxStats(h))['bookings'], before['bookings']);
    },
  },
  {
    name: 'booking: a sold-out night is refused with Staymod\'s message before posting',
    async run(h, ip) {
      const { soldOut, routes } = sysOf(h);
      const before = await sandboxStats(h);
      const res = await postBooking(h, ip, bookingBody(h, soldOut.roomId, soldOut.from, soldOut.to));
      assert.equal(res.status, 400);
      assert.equal(res.json.error, `Not enough availability on ${day(h, soldOut.from + 1)} (need 1 unit(s), 0 left).`);
      assert.equal((await sandboxStats(h))[routes.booking], before[routes.booking], 'the POST never reached the system');
    },
  },
  {
    name: 'booking: bad bodies get 415, 413 and 400 with field messages, before any upstream call',
    async run(h, ip) {
      const before = await sandboxStats(h);
      const notJson = await postBooking(h, ip, 'guestName=x', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(notJson.status, 415);
      const huge = await postBooking(h, ip, bookingBody(h, sysOf(h).rooms.multi, 35, 36, { specialRequests: 'x'.repeat(40_000) }));
      assert.equal(huge.status, 413);
      const broken = await postBooking(h, ip, '{"guestName": ');
      assert.equal(broken.status, 400);
      assert.match(broken.json.error, /not valid JSON/);
      const invalid = await postBooking(h, ip, { guestName: ' ', rooms: [{ roomId: 'nope', quantity: 0 }], checkOut: 'soon' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.json.fields.guestName, 'must not be empty.');
      assert.equal(invalid.json.fields.checkIn, 'is required.');
      assert.match(invalid.json.fields.checkOut, /must be a date/);
      assert.match(invalid.json.fields['rooms.0.roomId'], sysOf(h).badRoomId);
      assert.match(invalid.json.fields['rooms.0.quantity'], /at least 1/);
      const backwards = await postBooking(h, ip, bookingBody(h, sysOf(h).rooms.multi, 36, 35));
      assert.equal(backwards.status, 400);
      assert.equal(backwards.json.fields.checkOut, 'must be after checkIn.');
      assert.deepEqual(await sandboxStats(h), before);
    },
  },
  {
    name: 'idempotency: same key and body replays the first booking, a different body gets 422',
    async run(h, ip) {
      const room = h.sys ? h.sys.rooms.multi : DEMO_ROOMS.dorm; // a dorm bed sleeps one
      const body = bookingBody(h, room, 25, 27, { numberOfGuests: 1 });
      const key = `case-${ip}`;
      const [first, second] = await Promise.all([
        postBooking(h, ip, body, { 'idempotency-key': key }),
        postBooking(h, ip, body, { 'idempotency-key': key }),
      ]);
      const third = await postBooking(h, ip, body, { 'idempotency-key': key });
      assert.deepEqual([first.status, second.status, third.status], [201, 201, 201]);
      assert.equal(first.json.booking._id, second.json.booking._id);
      assert.equal(first.json.booking._id, third.json.booking._id);
      assert.equal(third.headers.get('idempotent-replayed'), 'true');
      assert.equal([first, second].filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 1);
      assert.equal((await storedOf(h, room, day(h, 25))).length, 1, 'exactly one booking stored');

      const changed = await postBooking(h, ip, { ...body, guestName: 'Someone Else' }, { 'idempotency-key': key });
      assert.equal(changed.status, 422);
      assert.equal((await storedOf(h, room, day(h, 25))).length, 1);
    },
  },
  {
    name: 'idempotency: a booking sent but unconfirmed (unreadable 201, hang, dropped) is replayed, never posted twice; a readable 5xx stays retryable',
    async run(h, ip) {
      const { routes, rooms, createdStatus, name: system } = sysOf(h);
      const posts = async () => (await sandboxStats(h))[routes.booking] ?? 0;
      const scenarios: Array<{ name: string; fault: Record<string, unknown>; from: number }> = [
        { name: `unreadable ${createdStatus}`, fault: { malformedJson: true, status: createdStatus }, from: 52 },
        { name: 'hang past the timeout', fault: { hang: true }, from: 54 },
        { name: 'dropped connection', fault: { drop: true }, from: 56 },
      ];
      try {
        for (const { name, fault, from } of scenarios) {
          const body = bookingBody(h, rooms.multi, from, from + 1);
          const key = `unconfirmed-${from}-${ip}`;
          const before = await posts();
          await addFault(h, { route: routes.booking, ...fault, times: 1 });
          const first = await postBooking(h, ip, body, { 'idempotency-key': key });
          assert.equal(first.status, 502, `${name}: ${first.text}`);
          assert.match(first.json.error, /^Staymod may have recorded this booking but its answer could not be confirmed\./, name);
          assert.equal(await posts(), before + 1, `${name}: one POST reached ${system}`);
          const again = await postBooking(h, ip, body, { 'idempotency-key': key });
          assert.equal(again.status, 502, name);
          assert.equal(again.text, first.text, `${name}: the same answer, replayed`);
          assert.equal(again.headers.get('idempotent-replayed'), 'true', name);
          assert.equal(await posts(), before + 1, `${name}: the retry did not reach ${system}`);
        }

        // A readable 503 from Staymod: nothing was booked, so the same key may be sent again, and books.
        const body = bookingBody(h, rooms.multi, 58, 59);
        const key = `readable-5xx-${ip}`;
        const before = await posts();
        await addFault(h, { route: routes.booking, status: 503, body: { error: 'Service Unavailable' }, times: 1 });
        const failed = await postBooking(h, `${ip}-5xx`, body, { 'idempotency-key': key });
        assert.equal(failed.status, 502);
        assert.match(failed.json.error, new RegExp(`^${system} is unavailable`));
        const retried = await postBooking(h, `${ip}-5xx`, body, { 'idempotency-key': key });
        assert.equal(retried.status, 201, retried.text);
        assert.equal(retried.headers.get('idempotent-replayed'), null);
        assert.equal(await posts(), before + 2, 'the retry reached Staymod');
      } finally {
        await clearFaults(h);
      }
    },
  },
  {
    name: 'availability after a booking reflects it (the cache is dropped)',
    async run(h, ip) {
      const { multi, multiUnits } = sysOf(h).rooms;
      const path = range(h, 37, 38);
      const unitsFree = (a: Answer) =>
        a.json.rows.filter((r: any) => r.roomId === multi && !r.cells[0].isFull).length;
      const before = await get(h, ip, path);
      assert.equal(unitsFree(before), multiUnits);
      assert.equal((await get(h, ip, path)).headers.get('x-staymod-proxy-cache'), 'hit');
      const booked = await postBooking(h, ip, bookingBody(h, multi, 37, 38));
      assert.equal(booked.status, 201, booked.text);
      const after = await get(h, ip, path);
      assert.equal(unitsFree(after), multiUnits - 1);
    },
  },
  {
    name: '50 concurrent bookings for the last free unit (6 on Cloudbeds and Guesty): one 201, the rest sold-out 400s, one stored',
    async run(h, ip) {
      const { rooms, racers } = sysOf(h);
      const body = bookingBody(h, rooms.single, 20, 22);
      const answers = await Promise.all(
        Array.from({ length: racers }, (_, i) => postBooking(h, `${ip}-${i}`, { ...body, guestName: `Guest ${i}` })),
      );
      const statuses = answers.map((a) => a.status);
      assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
      const refused = answers.filter((a) => a.status === 400);
      // A paced system (Cloudbeds and Guesty, 5 calls a second) makes some wait past the lock's bounded
      // wait: they get a retryable 503 with Retry-After instead, never a second booking.
      const busy = answers.filter((a) => a.status === 503);
      if (sysOf(h).name === 'Staymod') assert.equal(busy.length, 0, `statuses: ${statuses.join(',')}`);
      for (const b of busy) assert.ok(Number(b.headers.get('retry-after')) > 0, 'a busy answer says when to retry');
      assert.equal(refused.length + busy.length, racers - 1);
      for (const r of refused) assert.match(r.json.error, new RegExp(`^Not enough availability on ${day(h, 20)} \\(need 1 unit\\(s\\), 0 left\\)\\.$`));
      assert.equal((await storedOf(h, rooms.single, day(h, 20))).length, 1);
    },
  },
  {
    name: 'rate limit: 429 with Retry-After once a client exceeds its POST budget',
    async run(h, ip) {
      const statuses: number[] = [];
      let limited: Answer | undefined;
      for (let i = 0; i < 11; i++) {
        const res = await postBooking(h, ip, {});
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      assert.deepEqual(statuses, [...Array(10).fill(400), 429]);
      const retryAfter = Number(limited!.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(limited!.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN, 'the widget can read it');
      const other = await postBooking(h, `${ip}-other`, {});
      assert.equal(other.status, 400, 'another client is not limited');
    },
  },
  {
    name: 'upstream failures: 500, malformed JSON and a dropped connection -> 502; a hang -> 504; 4xx passed through',
    async run(h, ip) {
      const { routes, name: system } = sysOf(h);
      const route = routes.availability;
      try {
        await addFault(h, { route, status: 500, times: 1 });
        const failed = await get(h, ip, range(h, 40, 40));
        assert.equal(failed.status, 502);
        assert.match(failed.json.error, new RegExp(`^${system} is unavailable`));

        await addFault(h, { route, malformedJson: true, times: 1 });
        const garbled = await get(h, ip, range(h, 41, 41));
        assert.equal(garbled.status, 502);

        await addFault(h, { route, drop: true, times: 1 });
        const dropped = await get(h, ip, range(h, 42, 42));
        assert.equal(dropped.status, 502);
        assert.match(dropped.json.error, new RegExp(`^${system} is unavailable`));

        await addFault(h, { route, hang: true, times: 1 });
        const started = Date.now();
        const hung = await get(h, ip, range(h, 43, 43));
        assert.equal(hung.status, 504);
        assert.ok(Date.now() - started < TIMEOUT_MS + 2000);

        // Staymod's own 4xx reach the widget; another system's are not the guest's to read (502 above).
        if (!h.sys) {
          await addFault(h, { route, status: 404, body: { error: 'Property not found.' }, times: 1 });
          const missing = await get(h, ip, range(h, 39, 39));
          assert.equal(missing.status, 404);
          assert.equal(missing.json.error, 'Property not found.');
        }

        const fine = await get(h, ip, range(h, 40, 40));
        assert.equal(fine.status, 200, 'a failure is not cached');
      } finally {
        await clearFaults(h);
      }
    },
  },
  {
    name: "a refusal of the proxy's key by Staymod becomes a 502 for the host, never Staymod's 401",
    async run(h, ip) {
      try {
        // Until cleared: Guesty's adapter renews its token once on a 401 before it gives up, in each of its
        // calls (a month's calendars are asked for together).
        await addFault(h, { route: sysOf(h).routes.availability, status: 401, body: { error: 'API key has expired.' } });
        const res = await get(h, ip, range(h, 45, 45));
        assert.equal(res.status, 502);
        assert.match(res.json.error, h.sys ? new RegExp(`misconfigured: ${h.sys.name} refused its credentials.*site owner`) : /misconfigured.*API key has expired\..*site owner/);
      } finally {
        await clearFaults(h);
      }
    },
  },
];
