/**
 * The proxy's compressed answers on node:http against the real sandbox: what a
 * client gets for each Accept-Encoding (bytes on the wire, read with node:http so
 * nothing decodes them behind the test's back), and that availability Staymod
 * already sends in the contract's shape is forwarded unchanged.
 */
import assert from 'node:assert/strict';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { availabilityResponseSchema } from '../../src/contract/schemas.js';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { isCanonicalAvailabilityText } from '../../src/contract/canonical-text.js';
import { canonicalAvailabilityText } from '../../src/proxy/adapters/canonical.js';
import { exchange, toAnswer } from '../../src/proxy/upstream.js';

const isCanonical = (json: unknown) => canonicalAvailabilityText(json) !== null;
import { pickEncoding } from '../../src/proxy/encoding.js';
import { createNodeProxyServer, type NodeProxyOptions } from '../../src/proxy/node.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

const TODAY = utcDateKey(Date.now());
let sandbox: RunningSandbox;
const servers: Server[] = [];

async function startProxy(options: Partial<NodeProxyOptions> = {}): Promise<string> {
  const server = createNodeProxyServer({
    apiKey: sandbox.demo.keys.full,
    propertyIds: [sandbox.demo.propertyId],
    upstream: sandbox.url,
    rateLimit: false,
    logger: { info() {}, warn() {}, error() {} },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(raw: Raw): unknown {
  const encoding = raw.headers['content-encoding'];
  const bytes = encoding === 'br' ? brotliDecompressSync(raw.bytes) : encoding === 'gzip' ? gunzipSync(raw.bytes) : raw.bytes;
  return JSON.parse(bytes.toString('utf8'));
}

const path = (resource: string) => `/api/public/v1/properties/${sandbox.demo.propertyId}/${resource}`;
const month = () => path(`room-availability?from=${addDays(TODAY, 1)}&to=${addDays(TODAY, 30)}`);

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});

after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await sandbox.close();
});

describe('proxy compression', () => {
  it('answers brotli, gzip or plain JSON by Accept-Encoding, each decoding to the same availability', async () => {
    const proxy = await startProxy();
    const plain = await get(`${proxy}${month()}`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    const expected = JSON.parse(plain.bytes.toString('utf8')) as { rows: unknown[] };
    assert.ok(expected.rows.length > 0);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const raw = await get(`${proxy}${month()}`, { 'accept-encoding': accept });
      assert.equal(raw.status, 200, accept);
      assert.equal(raw.headers['content-encoding'], encoding, accept);
      assert.match(String(raw.headers['vary']), /Accept-Encoding/, accept);
      assert.deepEqual(decode(raw), expected, accept);
      if (encoding) assert.ok(raw.bytes.byteLength < plain.bytes.byteLength / 10, `${accept}: ${raw.bytes.byteLength} bytes`);
    }
  });

  it('serves cache hits compressed too, the same bytes each time', async () => {
    const proxy = await startProxy({ cacheTtlMs: { rooms: 60_000 } });
    const first = await get(`${proxy}${path('rooms')}`, { 'accept-encoding': 'br' });
    const second = await get(`${proxy}${path('rooms')}`, { 'accept-encoding': 'br' });
    const gzip = await get(`${proxy}${path('rooms')}`, { 'accept-encoding': 'gzip' });
    assert.equal(first.headers['x-staymod-proxy-cache'], 'miss');
    assert.equal(second.headers['x-staymod-proxy-cache'], 'hit');
    assert.equal(second.headers['content-encoding'], 'br');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(second.bytes, first.bytes);
    assert.deepEqual(decode(gzip), decode(first));
  });

  it('leaves small answers and refusals uncompressed', async () => {
    const proxy = await startProxy();
    const refused = await get(`${proxy}${path('nothing')}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(refused.status, 404);
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.match((decode(refused) as { error: string }).error, /Not found/);
  });

  it('compresses nothing with compression: false (a server in front does it)', async () => {
    const proxy = await startProxy({ compression: false });
    const raw = await get(`${proxy}${month()}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(raw.headers['content-encoding'], undefined);
    assert.doesNotMatch(String(raw.headers['vary']), /Accept-Encoding/);
    assert.ok(Array.isArray((decode(raw) as { rows: unknown }).rows));
  });

  it('is decoded by fetch, as a browser decodes it', async () => {
    const proxy = await startProxy();
    const response = await fetch(`${proxy}${month()}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(response.headers.get('content-encoding'), 'br');
    const body = (await response.json()) as { from: string; rows: unknown[] };
    assert.equal(body.from, addDays(TODAY, 1));
    assert.ok(body.rows.length > 0);
  });

  it('reads Accept-Encoding as RFC 9110 says: q-values, *, x-gzip', () => {
    assert.equal(pickEncoding(null), null);
    assert.equal(pickEncoding(''), null);
    assert.equal(pickEncoding('identity'), null);
    assert.equal(pickEncoding('gzip;q=0.5, br;q=0.1'), 'br');
    assert.equal(pickEncoding('BR;Q=0, *'), 'gzip');
    assert.equal(pickEncoding('*;q=0'), null);
    assert.equal(pickEncoding('x-gzip'), 'gzip');
    assert.equal(pickEncoding('deflate'), null);
  });
});

describe('availability forwarded as Staymod sent it', () => {
  it("takes the sandbox's answer as canonical and forwards it unchanged", async () => {
    const proxy = await startProxy();
    const direct = await fetch(`${sandbox.url}${month()}`, { headers: { authorization: `Bearer ${sandbox.demo.keys.full}` } });
    const text = await direct.text();
    assert.equal(isCanonical(JSON.parse(text)), true);
    const raw = await get(`${proxy}${month()}`);
    assert.equal(raw.bytes.toString('utf8'), text);
  });

  it('lets through only what the schema returns unchanged; anything else goes through the schema', async () => {
    const direct = await fetch(`${sandbox.url}${month()}`, { headers: { authorization: `Bearer ${sandbox.demo.keys.full}` } });
    const base = (await direct.json()) as { rows: Array<Record<string, unknown> & { cells: Array<Record<string, unknown>> }>; days: Array<Record<string, unknown>> };
    const variants: Array<[string, (a: typeof base) => void]> = [
      ['as is', () => {}],
      ['per-stay pricing', (a) => Object.assign(a, { pricing: 'per-stay' })],
      ['a listing name needing escapes', (a) => Object.assign(a.rows[0]!, { listingName: 'Suite "Nilgiri" \\ \u2028 ☀ \u0007' })],
      ['an unknown top-level field', (a) => Object.assign(a, { orgId: 'secret' })],
      ['a feed token in a row', (a) => Object.assign(a.rows[0]!, { icalToken: 'secret' })],
      ['an unknown field in a cell', (a) => Object.assign(a.rows[0]!.cells[0]!, { guestName: 'A' })],
      ['a negative price', (a) => Object.assign(a.rows[0]!.cells[0]!, { price: -5 })],
      ['a price as text', (a) => Object.assign(a.rows[0]!.cells[0]!, { price: '100' })],
      ['a missing listing name', (a) => delete a.rows[0]!['listingName']],
      ['a missing priceIsOverride', (a) => delete a.rows[0]!.cells[0]!['priceIsOverride']],
      ['a bad date key', (a) => Object.assign(a.days[0]!, { dateKey: '2027-1-1' })],
      ['a row that is not an object', (a) => a.rows.push('x' as never)],
      ['an unknown pricing', (a) => Object.assign(a, { pricing: 'free' })],
    ];
    let canonical = 0;
    for (const [name, change] of variants) {
      const json = structuredClone(base);
      change(json);
      const round = JSON.parse(JSON.stringify(json)) as unknown;
      if (!isCanonical(round)) continue;
      canonical++;
      const parsed = z.safeParse(availabilityResponseSchema, round);
      assert.ok(parsed.success, name);
      assert.deepEqual(JSON.parse(JSON.stringify(parsed.data)), round, `${name}: the schema would change it, so it must not be forwarded as is`);
      assert.equal(canonicalAvailabilityText(round), JSON.stringify(parsed.data), `${name}: written out as the schema's value would be`);
    }
    assert.equal(canonical, 3, 'only the untouched answer, per-stay pricing and the escaped name are canonical');
    // JSON.parse makes "__proto__" an own key: one the schema would drop.
    const text = JSON.stringify(base).replace('"isFull":', '"__proto__":{"x":1},"isFull":');
    assert.equal(isCanonical(JSON.parse(text)), false);
  });

  it('forwards unparsed only a text that is exactly what the canonical writer would write for it', async () => {
    const direct = await fetch(`${sandbox.url}${month()}`, { headers: { authorization: `Bearer ${sandbox.demo.keys.full}` } });
    const text = await direct.text();
    assert.equal(isCanonicalAvailabilityText(text), true, "the sandbox's month takes the unparsed path");
    const price = /"price":\d+/;
    const name = /"listingName":"[^"]*"/;
    const variants: Array<[string, string, boolean]> = [
      ['as sent', text, true],
      ['per-stay pricing', text.replace(/\}$/, ',"pricing":"per-stay"}'), true],
      ['a name with non-ASCII and an emoji', text.replace(name, '"listingName":"Kōvalam ☀ 🌴 suite"'), true],
      ['a price with decimals', text.replace(price, '"price":2499.5'), true],
      ['a price of null', text.replace(price, '"price":null'), true],
      ['a price of 0', text.replace(price, '"price":0'), true],
      ['pretty-printed', JSON.stringify(JSON.parse(text), null, 1), false],
      ['a space after a colon', text.replace('"from":', '"from": '), false],
      ['an escaped quote in a name', text.replace(name, '"listingName":"Suite \\"N\\""'), false],
      ['an escaped slash in a name', text.replace(name, '"listingName":"A\\/B"'), false],
      ['a \\u escape in a name', text.replace(name, '"listingName":"\\u0041"'), false],
      ['a raw control character in a name', text.replace(name, '"listingName":"A\u0007"'), false],
      ['a lone surrogate in a name', text.replace(name, '"listingName":"A\ud800"'), false],
      ['a price with a trailing zero', text.replace(price, '"price":2499.50'), false],
      ['a price with an exponent', text.replace(price, '"price":1e3'), false],
      ['a price with a leading zero', text.replace(price, '"price":0100'), false],
      ['a negative price', text.replace(price, '"price":-5'), false],
      ['a price of -0', text.replace(price, '"price":-0'), false],
      ['a price with seven decimals', text.replace(price, '"price":0.0000001'), false],
      ['a price past nine digits', text.replace(price, '"price":12345678901'), false],
      ['a price as text', text.replace(price, '"price":"100"'), false],
      ['a key written twice', text.replace('"unitLabel":', '"unitLabel":"x","unitLabel":'), false],
      ['keys in another order', text.replace(/"isFull":(true|false),"price":(null|[\d.]+)/, '"price":$2,"isFull":$1'), false],
      ['an unknown field', text.replace('"roomType":', '"icalToken":"tok","roomType":'), false],
      ['a field missing', text.replace(/"unitLabel":"[^"]*",/, ''), false],
      ['a bad date key', text.replace(/"dateKey":"\d{4}-\d{2}-\d{2}"/, '"dateKey":"2027-1-01"'), false],
      ['a trailing comma', text.replace(/\]\}$/, ',]}'), false],
      ['text after the object', `${text}\n`, false],
      ['an unknown pricing', text.replace(/\}$/, ',"pricing":"free"}'), false],
    ];
    for (const [label, variant, expected] of variants) {
      assert.notEqual(variant === text, label !== 'as sent', `${label}: the variant changes the text`);
      assert.equal(isCanonicalAvailabilityText(variant), expected, label);
      if (expected) assert.equal(canonicalAvailabilityText(JSON.parse(variant)), variant, `${label}: exactly what the writer writes`);
    }
    // Through the proxy: an accepted text arrives byte for byte; a refused but valid one, rewritten.
    for (const [label, served, verbatim] of [variants[2]!, variants[6]!]) {
      const proxy = await startProxy({ fetch: async () => new Response(served, { status: 200, headers: { 'content-type': 'application/json' } }) });
      const raw = await get(`${proxy}${month()}`, { 'accept-encoding': 'identity' });
      assert.equal(raw.status, 200, label);
      assert.equal(raw.headers['content-length'], String(raw.bytes.length), `${label}: sent with its length`);
      assert.equal(raw.bytes.toString('utf8'), verbatim ? served : JSON.stringify(JSON.parse(served)), label);
    }
  });

  it('forwards a verbatim text only next to the check that accepted it; any other schema reads it', async () => {
    const direct = await fetch(`${sandbox.url}${month()}`, { headers: { authorization: `Bearer ${sandbox.demo.keys.full}` } });
    const served = (await direct.text()).replace('"roomType":', '"icalToken":"tok_secret","roomType":');
    const quiet = { info() {}, warn() {}, error() {} };
    const acceptAll = (text: string) => text.startsWith('{');
    const outcome = await exchange('http://staymod.test/x', {}, { fetch: async () => new Response(served), timeoutMs: 1000, logger: quiet, system: 'Staymod', label: 'GET x', verbatim: acceptAll });
    assert.equal(outcome.kind, 'verbatim');
    const context = { what: 'GET x', logger: quiet };
    assert.equal(toAnswer(outcome, availabilityResponseSchema, { ...context, verbatim: acceptAll }).body, served, 'with its own check: as it came');
    for (const other of [undefined, isCanonicalAvailabilityText]) {
      const rebuilt: ReturnType<typeof toAnswer> = toAnswer(outcome, availabilityResponseSchema, other ? { ...context, verbatim: other } : context);
      assert.equal(rebuilt.status, 200);
      assert.doesNotMatch(rebuilt.body, /tok_secret/, 'read through the schema');
    }
    const long = JSON.parse(served.replace('"icalToken":"tok_secret",', '')) as { rows: unknown[] };
    while (JSON.stringify(long).length <= 4_000_000) long.rows.push(...long.rows);
    const longText = JSON.stringify(long);
    assert.equal(canonicalAvailabilityText(long), longText, 'canonical, only long');
    assert.equal(isCanonicalAvailabilityText(longText), false, 'past 4 MB the text is parsed, not matched');
  });

  it('drops fields the contract does not have, as before', async () => {
    let served = '';
    const fakeFetch = async () => new Response(served, { status: 200, headers: { 'content-type': 'application/json' } });
    const direct = await fetch(`${sandbox.url}${month()}`, { headers: { authorization: `Bearer ${sandbox.demo.keys.full}` } });
    const answer = (await direct.json()) as { rows: Array<Record<string, unknown>> };
    answer.rows[0]!['icalToken'] = 'tok_secret';
    served = JSON.stringify(answer);
    const proxy = await startProxy({ fetch: fakeFetch });
    const raw = await get(`${proxy}${month()}`);
    assert.equal(raw.status, 200);
    assert.doesNotMatch(raw.bytes.toString('utf8'), /tok_secret|icalToken/);
  });

  it('a key written twice cannot smuggle its first value past the check', async () => {
    const direct = await fetch(`${sandbox.url}${month()}`, { headers: { authorization: `Bearer ${sandbox.demo.keys.full}` } });
    const text = await direct.text();
    // JSON.parse keeps the last "unitLabel", which passes every check; the first must not reach a browser.
    const served = text.replace('"unitLabel":', '"unitLabel":{"icalToken":"tok_smuggled","guest":"Asha Rao"},"unitLabel":');
    assert.notEqual(served, text);
    assert.equal(isCanonical(JSON.parse(served)), true);
    const proxy = await startProxy({ fetch: async () => new Response(served, { status: 200, headers: { 'content-type': 'application/json' } }) });
    const raw = await get(`${proxy}${month()}`);
    assert.equal(raw.status, 200);
    assert.doesNotMatch(raw.bytes.toString('utf8'), /tok_smuggled|Asha Rao/);
  });
});
