/**
 * Abuse corpus for the proxy on node:http in front of the real sandbox: a few
 * hundred generated requests a hostile client could send (unknown paths, wrong
 * methods, foreign properties, odd origins, oversized and non-JSON bodies, fields
 * Staymod would trust, forged client ids, header injection, traversal, double
 * encoding, huge query strings), over fetch and, where fetch refuses to send the
 * bytes, over a raw socket.
 *
 * Every case says what it expects, and why:
 * - `refused`: a 4xx with a JSON `{ error }` body, and Staymod never called;
 * - `refused after lookup`: a 4xx JSON error that needs Staymod's data to decide
 *   (sold out, unknown room or extra), so Staymod is read but nothing is posted;
 * - `valid`: a 2xx, because the request was legitimately valid (with anything
 *   Staymod must not trust dropped or forced; checked in the sandbox's store).
 * Whatever the case: never a 5xx, and the proxy's key in no byte of any answer
 * nor in any log line.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/domain/dates.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import { DEMO, DEMO_OPTIONS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { serverPool } from './servers.js';

const TODAY = '2027-03-01';
const ORIGIN = 'https://hotel.example';
const P = DEMO.propertyId;
const KEY = DEMO.keys.full;
const day = (n: number) => addDays(TODAY, n);
const base = (resource: string, property = P) => `/api/public/v1/properties/${property}/${resource}`;

let sandbox: RunningSandbox;
const servers = serverPool();
const listen = servers.listen;
const logs: string[] = [];
let proxy = '';
let proxyPort = 0;
let limitedPort = 0;
let limited = '';
let sent = 0;

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
  const options = {
    apiKey: KEY,
    propertyIds: [P],
    allowedOrigins: [ORIGIN],
    upstream: sandbox.url,
    timeoutMs: 2000,
    logger: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
  };
  proxyPort = await listen(createNodeProxyServer({ ...options, rateLimit: false }));
  proxy = `http://127.0.0.1:${proxyPort}`;
  // Default client id on Node: the socket, not X-Forwarded-For (trustForwardedFor is off).
  limitedPort = await listen(createNodeProxyServer({ ...options, rateLimit: { get: 5, post: 2 } }));
  limited = `http://127.0.0.1:${limitedPort}`;
});

after(async () => {
  await servers.closeAll();
  await sandbox.close();
});

// ---- sending --------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Every byte received (raw) or headers + body (fetch): what the key must not be in. */
  bytes: Buffer;
}

async function viaFetch(path: string, init: RequestInit = {}, origin: string | null = ORIGIN, at = proxy): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (origin !== null && !headers.has('origin')) headers.set('origin', origin);
  sent++;
  const response = await fetch(`${at}${path}`, { ...init, headers, signal: AbortSignal.timeout(8000) });
  const body = Buffer.from(await response.arrayBuffer());
  const flat: Record<string, string> = {};
  response.headers.forEach((value, name) => (flat[name] = value));
  const head = Object.entries(flat).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return { status: response.status, headers: flat, body, bytes: Buffer.concat([Buffer.from(head), body]) };
}

/** The final answer after interim (1xx) ones, keeping every byte for the key check. */
function parseAgain(rest: Buffer, all: Buffer): Answer {
  const split = rest.indexOf('\r\n\r\n');
  const head = rest.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
  if (status >= 100 && status < 200) return parseAgain(rest.subarray(split + 4), all);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body: Buffer = rest.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status, headers, body, bytes: all };
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString(), 16);
    if (!size) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Writes bytes on a fresh socket and reads until the server closes it (requests say Connection: close). */
function viaSocket(request: string | Buffer, port = proxyPort): Promise<Answer | 'closed'> {
  sent++;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within 8 s'));
    }, 8000);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {}); // a reset after the answer is fine; 'close' decides
    socket.on('close', () => {
      clearTimeout(timer);
      const bytes = Buffer.concat(chunks);
      if (!bytes.length) return resolve('closed');
      const split = bytes.indexOf('\r\n\r\n');
      const head = bytes.subarray(0, split < 0 ? bytes.length : split).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body: Buffer = split < 0 ? Buffer.alloc(0) : bytes.subarray(split + 4);
      // An interim "100 Continue" comes first: the answer is the one after it.
      if (status >= 100 && status < 200) return resolve(parseAgain(body, bytes));
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({ status, headers, body, bytes });
    });
  });
}

const rawRequest = (lines: string[], body = '') => `${lines.join('\r\n')}\r\n\r\n${body}`;
const get = (path: string, extra: string[] = []) => rawRequest([`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Origin: ${ORIGIN}`, ...extra, 'Connection: close']);

async function upstreamCalls(): Promise<Record<string, number>> {
  const response = await fetch(`${sandbox.url}/__sandbox/stats`);
  return ((await response.json()) as { requests: Record<string, number> }).requests;
}

// ---- cases ------------------------------------------------------------------------

type Outcome =
  | { kind: 'refused'; status: number | number[] }
  | { kind: 'refused after lookup'; status: number }
  | { kind: 'valid'; status: number | number[] };

interface Case {
  name: string;
  expect: Outcome;
  send: () => Promise<Answer | 'closed'>;
  /** Extra checks on a valid answer (what was stored, what was stripped). */
  check?: (answer: Answer) => void | Promise<void>;
  /** Node closes the connection without an answer (only where that is the right thing). */
  mayClose?: boolean;
}

const refused = (status: number | number[]): Outcome => ({ kind: 'refused', status });
const valid = (status: number | number[] = 200): Outcome => ({ kind: 'valid', status });
const lookup = (status = 400): Outcome => ({ kind: 'refused after lookup', status });

let nextDay = 10;
/** A booking that would be accepted: its own dates (so accepted ones never collide), one dorm bed. */
function booking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = nextDay++;
  return {
    guestName: `Abuse ${n}`,
    checkIn: `${day(n)}T14:00:00.000Z`,
    checkOut: `${day(n + 1)}T11:00:00.000Z`,
    numberOfGuests: 1,
    rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1 }],
    ...overrides,
  };
}

const postJson = (body: unknown, headers: Record<string, string> = {}, origin: string | null = ORIGIN) => () =>
  viaFetch(base('bookings'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }, origin);

const stored = (answer: Answer) => {
  const id = (JSON.parse(answer.body.toString()) as { booking: { _id: string } }).booking._id;
  const doc = sandbox.store.data.bookings.find((b) => String(b._id) === id) as Record<string, unknown> | undefined;
  assert.ok(doc, `booking ${id} is in the sandbox`);
  return doc;
};
/** The booking reached Staymod with nothing a browser must not control. */
function sanitized(answer: Answer): Record<string, unknown> {
  const doc = stored(answer);
  assert.equal(doc.status, 'pending');
  assert.equal(doc.discount, undefined);
  assert.equal(doc.advanceAmount, undefined);
  assert.deepEqual(doc.customItems ?? [], []);
  assert.equal(String(doc.propertyId), P);
  return doc;
}

const GET_RESOURCES = ['rooms', 'room-availability', 'booking-options'] as const;
const ALL_RESOURCES = [...GET_RESOURCES, 'bookings'] as const;

const cases: Array<[group: string, Case[]]> = [];
const group = (name: string, list: Case[]) => cases.push([name, list]);

group('unknown paths', [
  ...[
    '/',
    '/api',
    '/api/public/v1',
    '/api/public/v1/properties',
    `/api/public/v1/properties/${P}`,
    `/api/public/v1/properties/${P}/`,
    `${base('rooms')}/1`,
    `${base('bookings')}/6630f1aa00000000000000aa`,
    base('Rooms'),
    base('ROOM-AVAILABILITY'),
    `/api/public/v2/properties/${P}/rooms`,
    `/API/public/v1/properties/${P}/rooms`,
    `${base('rooms')}.json`,
    `${base('rooms')};jsessionid=1`,
    base('%72ooms'),
    `/api/public/v1/properties/${P}%2Frooms`,
    `${base('rooms')}%00`,
    `${base('rooms')}%2F..%2F..%2F..%2F__sandbox%2Fstate`,
    `${base('room-availability')}%252F..%252Fbookings`,
    `/api/public/v1/properties/${P}/%252e%252e/bookings`,
    '/__sandbox/state',
    '/__sandbox/reset',
    '/__sandbox/images/deluxe.svg',
    '/.env',
    '/.git/config',
    '/robots.txt',
    `/${'a'.repeat(4000)}`,
    `/api/public/v1/properties/${P}/rooms/../bookings/x`,
    `//evil.example${base('rooms')}`,
    `/api/public/v1/properties/${P}/rooms\u2028`,
  ].map((path): Case => ({ name: `GET ${path.slice(0, 90)}`, expect: refused(404), send: () => viaFetch(path) })),
  { name: 'POST /__sandbox/reset (the sandbox admin is not behind the proxy)', expect: refused(404), send: () => viaFetch('/__sandbox/reset', { method: 'POST' }) },
  { name: 'GET rooms with a trailing slash is the same resource', expect: valid(), send: () => viaFetch(`${base('rooms')}/`) },
]);

group('wrong methods', [
  ...GET_RESOURCES.flatMap((r) =>
    ['POST', 'PUT', 'PATCH', 'DELETE'].map((method): Case => ({
      name: `${method} ${r}`,
      expect: refused(405),
      send: () => viaFetch(base(r), { method, headers: { 'content-type': 'application/json' }, body: method === 'DELETE' ? undefined : '{}' }),
      check: undefined,
    })),
  ),
  ...['GET', 'PUT', 'PATCH', 'DELETE'].map((method): Case => ({ name: `${method} bookings`, expect: refused(405), send: () => viaFetch(base('bookings'), { method }) })),
  ...ALL_RESOURCES.map((r): Case => ({ name: `HEAD ${r} (405, no body: HEAD never has one)`, expect: refused(405), send: () => viaFetch(base(r), { method: 'HEAD' }) })),
  ...ALL_RESOURCES.map((r): Case => ({ name: `OPTIONS ${r} from the allowed origin is a preflight`, expect: valid(204), send: () => viaFetch(base(r), { method: 'OPTIONS', headers: { 'access-control-request-method': r === 'bookings' ? 'POST' : 'GET' } }) })),
  { name: 'TRACE rooms (raw)', expect: refused(405), send: () => viaSocket(rawRequest([`TRACE ${base('rooms')} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'])) },
  { name: 'TRACK rooms (raw: not a method Node knows, refused by its parser, in JSON)', expect: refused(400), send: () => viaSocket(rawRequest([`TRACK ${base('rooms')} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'])) },
  { name: 'CONNECT (raw)', expect: refused(405), send: () => viaSocket(rawRequest([`CONNECT ${base('rooms')} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'])) },
  { name: 'an unknown method FOO (raw: rejected by the HTTP parser, in JSON)', expect: refused(400), send: () => viaSocket(rawRequest([`FOO ${base('rooms')} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'])) },
]);

group('foreign or malformed property ids', [
  ...[DEMO.otherPropertyId, 'aaaaaaaaaaaaaaaaaaaaaaaa', '000000000000000000000000', P.slice(0, 23), `${P}0`, 'zzzzzzzzzzzzzzzzzzzzzzzz', 'rooms', '%2e%2e', '..%2f..', `${P}%00`, 'x'.repeat(500), '%E2%80%AE', "'%20OR%201=1--"].flatMap((id) =>
    (['rooms', 'bookings'] as const).map((r): Case => ({
      name: `${r === 'bookings' ? 'POST' : 'GET'} ${r} of property "${id.slice(0, 40)}"`,
      // "%2e%2e" is a ".." segment to the URL parser: the path loses a level and matches no route.
      expect: refused(id === '%2e%2e' ? 404 : 403),
      send: r === 'bookings' ? () => viaFetch(base(r, id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(booking()) }) : () => viaFetch(base(r, id)),
    })),
  ),
  { name: 'GET rooms of the served property in capitals (the same id)', expect: valid(), send: () => viaFetch(base('rooms', P.toUpperCase())) },
]);

group('origins', [
  ...[
    'https://evil.example',
    'null',
    'https://hotel.example.evil.example',
    'https://evilhotel.example',
    'https://hotel.example:8443',
    'HTTPS://HOTEL.EXAMPLE',
    'https://hotel.example/',
    'http://hotel.example',
    'file://',
    'javascript:alert(1)',
    `${ORIGIN}, https://evil.example`,
    '*',
  ].flatMap((origin) => [
    { name: `GET rooms from origin "${origin}"`, expect: refused(403), send: () => viaFetch(base('rooms'), {}, origin) } satisfies Case,
    { name: `POST bookings from origin "${origin}"`, expect: refused(403), send: postJson(booking(), {}, origin) } satisfies Case,
    { name: `preflight from origin "${origin}"`, expect: refused(403), send: () => viaFetch(base('bookings'), { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } }, origin) } satisfies Case,
  ]),
  {
    name: 'GET rooms from the allowed origin: CORS for it alone',
    expect: valid(),
    send: () => viaFetch(base('rooms')),
    check: (a) => assert.equal(a.headers['access-control-allow-origin'], ORIGIN),
  },
  {
    name: 'GET rooms without an Origin (a server, not a browser): allowed, no CORS header',
    expect: valid(),
    send: () => viaFetch(base('rooms'), {}, null),
    check: (a) => assert.equal(a.headers['access-control-allow-origin'], undefined),
  },
  {
    name: 'POST bookings without an Origin (a server): allowed and sanitized',
    expect: valid(201),
    send: postJson(booking({ status: 'confirmed' }), {}, null),
    check: (a) => void sanitized(a),
  },
  {
    name: 'forged Host with a matching Origin (raw): a same-origin claim only a non-browser can make, no more than no Origin',
    expect: valid(),
    send: () => viaSocket(rawRequest([`GET ${base('rooms')} HTTP/1.1`, 'Host: evil.example', 'Origin: http://evil.example', 'Connection: close'])),
  },
]);

const AVAIL = base('room-availability');
group('availability query strings', [
  ...[
    'from=2027-03-01&to=2027-04-30&from=2027-03-05',
    `from=${day(1)}&to=${day(3)}&junk=${'x'.repeat(8000)}`,
    `from=${day(1)}&to=${day(3)}&${Array.from({ length: 400 }, (_, i) => `p${i}=${i}`).join('&')}`,
    `from[]=${day(1)}&to[]=${day(2)}`,
    '',
  ].map((q): Case => ({ name: `valid (unknown or extra parameters ignored): ?${q.slice(0, 60)}`, expect: valid(), send: () => viaFetch(`${AVAIL}?${q}`) })),
  ...[
    'from=2027-02-30&to=2027-03-02',
    'from=2027-13-01&to=2027-13-02',
    'from=tomorrow&to=2027-03-02',
    `from=${day(5)}&to=${day(1)}`,
    `from=${day(0)}&to=${day(62)}`,
    'from=0000-01-01&to=9999-12-31',
    'from=-2027-01-01&to=2027-01-02',
    'from=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%97-01-01&to=2027-01-02',
    'from=2027-03-01%0d%0aX-Injected:%201&to=2027-03-02',
    "from=2027-03-01'%20OR%20'1'='1&to=2027-03-02",
    `from=${day(1)}T00:00:00Z&to=${day(2)}`,
    'from=2027-3-1&to=2027-3-2',
    `from=${'9'.repeat(3000)}&to=2027-03-02`,
  ].map((q): Case => ({ name: `?${q.slice(0, 70)}`, expect: refused(400), send: () => viaFetch(`${AVAIL}?${q}`) })),
  { name: 'a 20 kB query string (raw: over Node\'s header limit, refused in JSON)', expect: refused(431), send: () => viaSocket(get(`${AVAIL}?from=${day(1)}&to=${day(2)}&x=${'y'.repeat(20_000)}`)) },
  { name: 'a 70 kB query string over fetch', expect: refused(431), send: () => viaFetch(`${AVAIL}?x=${'y'.repeat(70_000)}`) },
]);

group('content types and non-JSON bodies', [
  ...[
    ['text/plain', JSON.stringify(booking())],
    ['application/x-www-form-urlencoded', 'guestName=x&rooms=1'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="guestName"\r\n\r\nx\r\n--x--'],
    ['application/jsonp', JSON.stringify(booking())],
    ['text/json', JSON.stringify(booking())],
    ['application/xml', '<booking/>'],
    ['', JSON.stringify(booking())],
  ].map(([type, body]): Case => ({
    name: `Content-Type "${type}"`,
    expect: refused(415),
    send: () => viaFetch(base('bookings'), { method: 'POST', headers: type ? { 'content-type': type } : {}, body: new TextEncoder().encode(body) }),
  })),
  ...[
    ['not JSON', 'guestName: x'],
    ['truncated JSON', '{"guestName": "x", "rooms": ['],
    ['empty body', ''],
    ['null', 'null'],
    ['an array', JSON.stringify([booking()])],
    ['a number', '42'],
    ['a string', '"booking"'],
    ['true', 'true'],
    ['JSON with comments', '{ /* hi */ "guestName": "x" }'],
    ['single quotes', "{'guestName': 'x'}"],
    ['NaN', '{"guestName": "x", "numberOfGuests": NaN}'],
    ['10 000 nested arrays', `{"rooms": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['a JSON object of the wrong shape', '{"hello": "world"}'],
  ].map(([what, body]): Case => ({ name: `body: ${what}`, expect: refused(400), send: postJson(body) })),
  {
    name: 'body: bytes that are not UTF-8',
    expect: refused(400),
    send: () => viaFetch(base('bookings'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }),
  },
  {
    name: 'body: UTF-16 JSON',
    expect: refused(400),
    send: () => viaFetch(base('bookings'), { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-16le' }, body: Buffer.from(JSON.stringify(booking()), 'utf16le') }),
  },
  // RFC 8259 lets a parser ignore a byte-order mark; the proxy's UTF-8 decoder does.
  { name: 'body: JSON with a byte-order mark is still JSON', expect: valid(201), send: postJson(`\uFEFF${JSON.stringify(booking())}`), check: (a) => void sanitized(a) },
  { name: 'Content-Type with a charset parameter is still JSON', expect: valid(201), send: () => viaFetch(base('bookings'), { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=UTF-8' }, body: JSON.stringify(booking()) }), check: (a) => void sanitized(a) },
]);

group('oversized bodies', [
  { name: '40 kB booking (Content-Length)', expect: refused(413), send: postJson(booking({ specialRequests: 'x'.repeat(40_000) })) },
  { name: '200 kB booking', expect: refused(413), send: postJson(booking({ guestName: 'y'.repeat(200_000) })) },
  {
    name: '100 kB booking, chunked (no Content-Length)',
    expect: refused(413),
    send: () =>
      viaFetch(base('bookings'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(`{"guestName": "${'z'.repeat(100_000)}"}`));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
  },
  {
    name: 'Content-Length of 10 GB with a small body (raw): refused before reading',
    expect: refused(413),
    send: () => viaSocket(rawRequest([`POST ${base('bookings')} HTTP/1.1`, 'Host: 127.0.0.1', `Origin: ${ORIGIN}`, 'Content-Type: application/json', 'Content-Length: 10000000000', 'Connection: close'], '{"guestName":"x"}')),
  },
  { name: 'a 2001-character special request (schema limit, not size)', expect: refused(400), send: postJson(booking({ specialRequests: 's'.repeat(2001) })) },
]);

group('booking fields that fail validation', [
  ...(
    [
      ['guestName missing', { guestName: undefined }],
      ['guestName empty', { guestName: '' }],
      ['guestName blank', { guestName: '   \t ' }],
      ['guestName 201 characters', { guestName: 'n'.repeat(201) }],
      ['guestName a number', { guestName: 42 }],
      ['guestName an object', { guestName: { $ne: null } }],
      ['guestEmail 321 characters', { guestEmail: `${'e'.repeat(310)}@example.com` }],
      ['guestPhone 41 characters', { guestPhone: '1'.repeat(41) }],
      ['rooms missing', { rooms: undefined }],
      ['rooms empty', { rooms: [] }],
      ['rooms not a list', { rooms: { roomId: DEMO_ROOMS.dorm, quantity: 1 } }],
      ['roomId not an ObjectId', { rooms: [{ roomId: 'dorm', quantity: 1 }] }],
      ['roomId 25 hex characters', { rooms: [{ roomId: `${DEMO_ROOMS.dorm}a`, quantity: 1 }] }],
      ['roomId a Mongo operator', { rooms: [{ roomId: { $gt: '' }, quantity: 1 }] }],
      ['quantity 0', { rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 0 }] }],
      ['quantity -1', { rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: -1 }] }],
      ['quantity 1.5', { rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1.5 }] }],
      ['quantity "1"', { rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: '1' }] }],
      ['the same room twice', { rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1 }, { roomId: DEMO_ROOMS.dorm, quantity: 1 }] }],
      ['more room numbers than quantity', { rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1, roomNumbers: ['101', '102'] }] }],
      // Staymod books a named unit without checking it is free: the property assigns rooms.
      ['a room number chosen', { rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1, roomNumbers: ['101'] }] }],
      ['checkIn missing', { checkIn: undefined }],
      ['checkIn 2027-13-01', { checkIn: '2027-13-01' }],
      ['checkIn 2027-02-30', { checkIn: '2027-02-30', checkOut: '2027-03-02' }],
      ['checkIn "tomorrow"', { checkIn: 'tomorrow' }],
      ['checkIn at 25:00', { checkIn: `${day(3)}T25:00:00.000Z` }],
      ['checkIn with a local offset', { checkIn: `${day(3)}T14:00:00+05:30` }],
      ['checkOut before checkIn', { checkIn: `${day(5)}T14:00:00.000Z`, checkOut: `${day(4)}T11:00:00.000Z` }],
      ['checkOut on checkIn', { checkIn: `${day(5)}T14:00:00.000Z`, checkOut: `${day(5)}T18:00:00.000Z` }],
      ['400 nights', { checkIn: `${day(5)}T14:00:00.000Z`, checkOut: `${day(405)}T11:00:00.000Z` }],
      ['numberOfGuests 0', { numberOfGuests: 0 }],
      ['numberOfGuests -2', { numberOfGuests: -2 }],
      ['numberOfGuests "two"', { numberOfGuests: 'two' }],
      ['selectedOptions not a list', { selectedOptions: 'breakfast' }],
      ['option quantity 0', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 0 }] }],
      ['option quantity 51', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 51 }] }],
      ['the same option twice', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 1 }, { bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 1 }] }],
      ['option id of 101 characters', { selectedOptions: [{ bookingOptionId: 'o'.repeat(101), quantity: 1 }] }],
    ] as Array<[string, Record<string, unknown>]>
  ).map(([what, fields]): Case => ({
    name: what,
    expect: refused(400),
    send: postJson(booking(fields)),
    check: undefined,
  })),
  ...(
    [
      ['a room of another property', { rooms: [{ roomId: DEMO_ROOMS.hillCottage, quantity: 1 }] }],
      ['an unknown room id', { rooms: [{ roomId: 'abcdefabcdefabcdefabcdef', quantity: 1 }] }],
      ['an inactive room', { rooms: [{ roomId: DEMO_ROOMS.cottage, quantity: 1 }] }],
      ['a million dorm beds', { rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1_000_000 }] }],
      ['an inactive extra', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.dinner, quantity: 1 }] }],
      ['an extra of another property', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.hillBreakfast, quantity: 1 }] }],
      ['an unknown extra', { selectedOptions: [{ bookingOptionId: 'no-such-option', quantity: 1 }] }],
      ['breakfast for 40 guests when 1 is booked', { selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 40 }] }],
    ] as Array<[string, Record<string, unknown>]>
  ).map(([what, fields]): Case => ({ name: `${what} (needs Staymod's data to refuse)`, expect: lookup(), send: postJson(booking(fields)) })),
]);

group('stay rules the proxy adds (dates, horizon, guests, extras)', [
  ...['T24:00:00.000Z', 'T14:00:00+05:30', 'T14:00:00.000+00:00', 'T14:00:00', 'T14:00:00.500Z', 'T14:00:30Z', 'T23:59:60Z', 'T14Z'].map(
    (time): Case => ({
      name: `checkIn with time ${time}`,
      expect: refused(400),
      send: postJson(booking({ checkIn: `${day(200)}${time}` })),
    }),
  ),
  { name: 'a stay in the past', expect: refused(400), send: postJson(booking({ checkIn: '2020-01-01', checkOut: '2020-01-02' })) },
  { name: 'a stay starting beyond 730 days', expect: refused(400), send: postJson(booking({ checkIn: '2031-01-01', checkOut: '2031-01-02' })) },
  { name: 'more guests than the rooms sleep', expect: lookup(400), send: postJson(booking({ numberOfGuests: 2 })) },
  {
    name: 'a per-guest extra for fewer guests than stay',
    expect: lookup(400),
    send: postJson(booking({ rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1 }], numberOfGuests: 2, selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 1 }] })),
  },
  {
    name: 'a per-guest extra without numberOfGuests',
    expect: lookup(400),
    send: postJson(booking({ numberOfGuests: undefined, selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, quantity: 1 }] })),
  },
]);

group('fields Staymod would trust: dropped or forced, the booking goes through', [
  ...(
    [
      ['status "confirmed"', { status: 'confirmed' }],
      ['status "checked_in"', { status: 'checked_in' }],
      ['a 100% discount', { discount: 100 }],
      ['an advance already "paid"', { advanceAmount: 99999 }],
      ['a free custom item', { customItems: [{ name: 'Free upgrade', amount: -5000 }] }],
      ['another property in the body', { propertyId: DEMO.otherPropertyId }],
      ['a chosen _id', { _id: '000000000000000000000001' }],
      ['orgId and createdAt', { orgId: 'org_evil', createdAt: '2000-01-01T00:00:00.000Z' }],
      ['a total of 1 rupee', { totalAmount: 1, total: 1, price: 1 }],
      ['a __proto__ with status', JSON.parse('{"__proto__": {"status": "confirmed", "isAdmin": true}}')],
      ['constructor.prototype', { constructor: { prototype: { status: 'confirmed' } } }],
    ] as Array<[string, Record<string, unknown>]>
  ).map(([what, fields]): Case => ({ name: what, expect: valid(201), send: postJson(booking(fields)), check: (a) => void sanitized(a) })),
  {
    name: 'breakfast "priced" at 0 with a made-up name: re-priced from Staymod',
    expect: valid(201),
    send: postJson(booking({ selectedOptions: [{ bookingOptionId: DEMO_OPTIONS.breakfast, name: 'Free breakfast', appliesTo: 'room', frequency: 'booking', pricePerUnit: 0, quantity: 1 }] })),
    check: (a) => {
      const doc = sanitized(a);
      const [option] = doc.selectedOptions as Array<Record<string, unknown>>;
      assert.deepEqual({ name: option!.name, pricePerUnit: option!.pricePerUnit, appliesTo: option!.appliesTo, frequency: option!.frequency }, { name: 'Breakfast buffet', pricePerUnit: 450, appliesTo: 'user', frequency: 'day' });
    },
  },
]);

const REPLAY = booking();
group('Idempotency-Key', [
  ...[['empty', ''], ['201 characters', 'k'.repeat(201)], ['a space inside', 'key with spaces'], ['Latin-1 bytes', 'clé'], ['a tab', 'key\tx']].map(([what, key]): Case => ({
    name: `Idempotency-Key ${what}`,
    expect: refused(400),
    send: postJson(booking(), { 'idempotency-key': key! }),
  })),
  { name: 'a new key books', expect: valid(201), send: postJson(REPLAY, { 'idempotency-key': 'abuse-replay-1' }) },
  { name: 'the same key and body replays the booking', expect: valid(201), send: postJson(REPLAY, { 'idempotency-key': 'abuse-replay-1' }), check: (a) => assert.equal(a.headers['idempotent-replayed'], 'true') },
  { name: 'the same key with another body', expect: refused(422), send: postJson({ ...REPLAY, guestName: 'Someone Else' }, { 'idempotency-key': 'abuse-replay-1' }) },
]);

group('header injection and framing (raw socket)', [
  { name: 'a bare CR inside a header value', expect: refused(400), send: () => viaSocket(get(base('rooms'), ['X-Note: a\rSet-Cookie: pwned=1'])) },
  { name: 'a NUL inside a header value', expect: refused(400), send: () => viaSocket(get(base('rooms'), ['X-Note: a\u0000b'])) },
  { name: 'an obsolete folded header line', expect: refused(400), send: () => viaSocket(get(base('rooms'), ['X-Note: a', ' folded: b'])) },
  { name: 'a space before the colon', expect: refused(400), send: () => viaSocket(get(base('rooms'), ['X-Note : a'])) },
  { name: 'Content-Length and Transfer-Encoding together (smuggling)', expect: refused(400), send: () => viaSocket(rawRequest([`POST ${base('bookings')} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked', 'Connection: close'], '0\r\n\r\n')) },
  { name: 'two different Content-Lengths', expect: refused(400), send: () => viaSocket(rawRequest([`POST ${base('bookings')} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 3', 'Connection: close'], '{}x')) },
  { name: 'a broken chunk size', expect: refused(400), send: () => viaSocket(rawRequest([`POST ${base('bookings')} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close'], 'zz\r\n{}\r\n0\r\n\r\n')) },
  { name: 'a 20 kB cookie', expect: refused(431), send: () => viaSocket(get(base('rooms'), [`Cookie: c=${'v'.repeat(20_000)}`])) },
  { name: 'an HTTP/0.9-style request line (Node reads it as a GET without headers: a server-side client, served)', expect: valid(), send: () => viaSocket(`GET ${base('rooms')}\r\n\r\n`) },
  { name: 'garbage instead of HTTP', expect: refused(400), send: () => viaSocket(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])) },
  {
    name: "a guest's own Authorization, Set-Cookie and X-Forwarded-For: ignored, nothing reflected",
    expect: valid(),
    send: () => viaSocket(get(base('rooms'), ['X-Forwarded-For: 1.2.3.4', 'Authorization: Bearer sk_live_guest_supplied', 'Set-Cookie: pwned=1'])),
    check: (a) => {
      assert.equal(a.headers['set-cookie'], undefined);
      assert.ok(!a.bytes.includes('sk_live_guest_supplied'));
    },
  },
  { name: 'an Idempotency-Key with UTF-8 bytes', expect: refused(400), send: () => viaSocket(rawRequest([`POST ${base('bookings')} HTTP/1.1`, 'Host: 127.0.0.1', `Origin: ${ORIGIN}`, 'Content-Type: application/json', 'Idempotency-Key: kéy-\u00e9', `Content-Length: ${Buffer.byteLength(JSON.stringify(booking()))}`, 'Connection: close'], JSON.stringify(booking()))) },
  {
    name: 'absolute-form request target naming another host: served from its path, upstream unchanged',
    expect: valid(),
    send: () => viaSocket(rawRequest([`GET http://evil.example${base('rooms')} HTTP/1.1`, 'Host: evil.example', `Origin: ${ORIGIN}`, 'Connection: close'])),
  },
  { name: 'Upgrade: websocket', expect: valid(), send: () => viaSocket(get(base('rooms'), ['Upgrade: websocket', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'])) },
  {
    name: 'Expect: 100-continue on a booking',
    expect: valid(201),
    send: () => {
      const body = JSON.stringify(booking());
      return viaSocket(rawRequest([`POST ${base('bookings')} HTTP/1.1`, 'Host: 127.0.0.1', `Origin: ${ORIGIN}`, 'Content-Type: application/json', 'Expect: 100-continue', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'], body));
    },
  },
]);

group('path traversal and encodings (raw socket: fetch would normalize)', [
  ...[
    `${base('rooms')}/../../../../__sandbox/state`,
    `${base('rooms')}/../../../../__sandbox/reset`,
    `/api/public/v1/properties/${P}/%2e%2e/%2e%2e/%2e%2e/__sandbox/state`,
    `/api/public/v1/properties/${P}/%2E%2E%2F%2E%2E%2F__sandbox%2Fstate`,
    `/api/public/v1/properties/${P}/%252e%252e%252f__sandbox`,
    `/api/public/v1/properties/${P}/..%5c..%5c__sandbox%5cstate`,
    `/api/public/v1/properties/${P}\\..\\..\\__sandbox\\state`,
    `/api/public/v1/properties/${P}/rooms/%2e%2e/bookings/x`,
    `/api/public/v1/properties/..%2F${DEMO.otherPropertyId}/rooms/x`,
    `//127.0.0.1:1/api/public/v1/properties/${P}/rooms/x`,
    `/api/public/v1/properties/${P}/rooms%23/x`,
    `/api/public/v1/properties/${P}/rooms?/../../__sandbox/state/x`.replace('?', '%3F'),
  ].map((path): Case => ({ name: `GET ${path.slice(0, 90)}`, expect: refused(404), send: () => viaSocket(get(path)) })),
  ...[
    `/api/public/v1/properties/${DEMO.otherPropertyId}/../${P}/rooms`,
    `/api/public/v1/properties/x/../${P}/rooms`,
    `/api/public/v1/properties/${P}/bookings/../rooms`,
    `/api/public/v1/properties/${P}/./rooms`,
    `/api/public/v1/properties/${P}/%2e/rooms`,
  ].map((path): Case => ({ name: `GET ${path} (dot segments resolve to a served path)`, expect: valid(), send: () => viaSocket(get(path)) })),
  { name: 'POST through ../ to the sandbox admin reset', expect: refused(404), send: () => viaSocket(rawRequest([`POST ${base('bookings')}/../../../../__sandbox/reset HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Length: 0', 'Connection: close'])) },
]);

group('forged client ids (rate limit: 5 GETs a minute per socket address)', [
  ...Array.from({ length: 8 }, (_, i): Case => ({
    name: `GET ${i + 1} with a fresh X-Forwarded-For and cf-connecting-ip`,
    // The forged headers change nothing: the 6th GET from this address is limited.
    expect: i < 5 ? valid() : refused(429),
    send: () =>
      viaFetch(base('rooms'), { headers: { 'x-forwarded-for': `203.0.113.${i}, 10.0.0.${i}`, 'cf-connecting-ip': `198.51.100.${i}`, 'x-real-ip': `192.0.2.${i}`, forwarded: `for=192.0.2.${i}` } }, ORIGIN, limited),
    check: (a) => {
      if (a.status === 429) assert.match(a.headers['retry-after'] ?? '', /^\d+$/);
    },
  })),
]);

// ---- running them -----------------------------------------------------------------

const count = cases.reduce((n, [, list]) => n + list.length, 0);

describe(`proxy abuse corpus (${count} requests)`, () => {
  it('has at least 200 cases', () => {
    assert.ok(count >= 200, `only ${count} cases`);
  });

  for (const [name, list] of cases) {
    describe(name, () => {
      for (const c of list) {
        it(`${c.name} -> ${c.expect.kind} ${JSON.stringify(c.expect.status)}`, async () => {
          const before = await upstreamCalls();
          const answer = await c.send();
          const after = await upstreamCalls();
          assert.notEqual(answer, 'closed', 'the proxy answered (it did not just close the connection)');
          const a = answer as Answer;
          assert.ok(!a.bytes.includes(KEY), 'the key is in no byte of the answer');
          assert.ok(a.status < 500, `never a 5xx (got ${a.status}: ${a.body.toString().slice(0, 200)})`);
          const statuses = [c.expect.status].flat();
          assert.ok(statuses.includes(a.status), `status ${a.status}, expected ${statuses.join(' or ')}: ${a.body.toString().slice(0, 300)}`);
          if (c.expect.kind !== 'valid') {
            if (a.body.length) {
              const json = JSON.parse(a.body.toString()) as { error?: unknown };
              assert.equal(typeof json.error, 'string', 'a JSON { error } body');
              assert.ok((json.error as string).length > 0);
              assert.match(a.headers['content-type'] ?? '', /^application\/json/);
            } else {
              assert.ok(c.name.startsWith('HEAD'), 'only HEAD answers have no body');
            }
          }
          if (c.expect.kind === 'refused') assert.deepEqual(after, before, 'nothing reached Staymod');
          if (c.expect.kind === 'refused after lookup') assert.equal(after.bookings, before.bookings, 'Staymod was read, but nothing was posted');
          if (c.expect.kind === 'valid' && c.check) await c.check(a);
        });
      }
    });
  }

  it(`sent at least 200 requests, and no log line holds the key`, () => {
    assert.ok(sent >= 200, `sent ${sent}`);
    assert.ok(!logs.some((line) => line.includes(KEY)));
  });
});
