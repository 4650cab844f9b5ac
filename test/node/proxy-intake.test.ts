/**
 * Issue 12, what a request may cost the proxy: bodies are read only after the
 * origin check and the rate limit, capped in size and time (a trickling upload
 * costs one connection for bodyTimeoutMs); the in-memory state stays under its
 * documented byte ceiling whatever is sent; a burst of distinct availability
 * windows is bounded in upstream calls and evicts in bytes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import { MEMORY_STATE_CEILING_BYTES, MemoryState } from '../../src/proxy/state/memory.js';
import { BASE, booking, fakeStaymod, jsonResponse, KEY, makeProxy, post, posts, PROPERTY } from './proxy-fake.js';
import { serverPool } from './servers.js';

const servers = serverPool();
after(() => servers.closeAll());

function start(options: Parameters<typeof createNodeProxyServer>[0]): Promise<number> {
  return servers.listen(createNodeProxyServer(options));
}

/**
 * A raw HTTP/1.1 POST whose headers arrive at once and whose body arrives one byte
 * every `everyMs` (or never, with everyMs = 0). Resolves with what came back and when.
 */
function rawPost(port: number, headers: Record<string, string>, everyMs: number) {
  return new Promise<{ head: string; answeredMs: number; closedMs: number }>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let answeredMs = -1;
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on('connect', () => {
      const lines = Object.entries({ host: 'proxy.test', 'content-type': 'application/json', 'content-length': '400', ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`POST /api/public/v1/properties/${PROPERTY}/bookings HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (everyMs > 0) timer = setInterval(() => socket.writable && socket.write('x'), everyMs);
    });
    socket.on('data', (data) => {
      if (answeredMs < 0) answeredMs = Date.now() - started;
      received += data.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ head: received.split('\r\n')[0] ?? '', answeredMs, closedMs: Date.now() - started });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 8 s; got: ${received.slice(0, 200)}`));
    }, 8000);
  });
}

const quiet = { info() {}, warn() {}, error() {} };
const base = { apiKey: KEY, propertyIds: [PROPERTY], upstream: 'http://127.0.0.1:9', logger: quiet };

describe('proxy intake: the body is read last, capped in size and time', () => {
  it('a body trickling in a byte at a time gets 408 after bodyTimeoutMs and the connection is closed', async () => {
    const port = await start({ ...base, bodyTimeoutMs: 800 });
    const got = await rawPost(port, {}, 100);
    assert.match(got.head, /^HTTP\/1\.1 408 /);
    assert.ok(got.answeredMs >= 700 && got.answeredMs < 2500, `answered after ${got.answeredMs} ms`);
    assert.ok(got.closedMs < 3000, `closed after ${got.closedMs} ms`);
  });

  it('a client over its booking limit is refused (429) before sending any body, and the connection closed', async () => {
    const port = await start({ ...base, rateLimit: { post: 1 } });
    await fetch(`http://127.0.0.1:${port}/api/public/v1/properties/${PROPERTY}/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const got = await rawPost(port, {}, 0);
    assert.match(got.head, /^HTTP\/1\.1 429 /);
    assert.ok(got.answeredMs < 1000 && got.closedMs < 1500, `${got.answeredMs} / ${got.closedMs} ms`);
  });

  it('a refused origin gets 403 without its body being waited for', async () => {
    const port = await start({ ...base, allowedOrigins: ['https://hotel.example'] });
    const got = await rawPost(port, { origin: 'https://evil.example' }, 0);
    assert.match(got.head, /^HTTP\/1\.1 403 /);
    assert.ok(got.closedMs < 1500, `${got.closedMs} ms`);
  });

  it('a declared body over maxBodyBytes gets 413 before any of it is read', async () => {
    const port = await start(base);
    const got = await rawPost(port, { 'content-length': String(50 * 1024 * 1024) }, 0);
    assert.match(got.head, /^HTTP\/1\.1 413 /);
    assert.ok(got.closedMs < 1500, `${got.closedMs} ms`);
  });
});

describe('proxy intake: memory stays under the documented ceiling', () => {
  it(`distinct clients (2 kB ids), windows and 200-character Idempotency-Keys far past every bound: heap growth under ${MEMORY_STATE_CEILING_BYTES / 1024 / 1024} MiB`, { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/node/fixtures/memory-load.ts', '1500', '2600', '5000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    const { growth, bytes } = JSON.parse(out) as { growth: number; bytes: { cache: number; idempotency: number; rateLimit: number } };
    // The load filled every map to its bound (else this would prove nothing)...
    assert.ok(bytes.cache > 7.5 * 1024 * 1024, `cache ${bytes.cache}`);
    assert.ok(bytes.idempotency > 3.5 * 1024 * 1024, `idempotency ${bytes.idempotency}`);
    assert.ok(bytes.rateLimit > 1.8 * 1024 * 1024, `rate limits ${bytes.rateLimit}`);
    // ...and the heap grew by less than the documented ceiling.
    assert.ok(growth < MEMORY_STATE_CEILING_BYTES, `heap grew ${growth} bytes`);
  });
});

describe('proxy intake: availability windows', () => {
  const windowUrl = (i: number) => `${BASE}/room-availability?from=2026-06-01&to=2026-06-${String(2 + (i % 28)).padStart(2, '0')}`;
  const distinct = (i: number) => `${BASE}/room-availability?from=2026-${String(6 + Math.floor(i / 28)).padStart(2, '0')}-01&to=2026-${String(6 + Math.floor(i / 28)).padStart(2, '0')}-${String(2 + (i % 28)).padStart(2, '0')}`;
  const availabilityCalls = (fake: ReturnType<typeof fakeStaymod>) => fake.calls.filter((c) => c.url.includes('/room-availability')).length;

  it('a burst of 100 distinct windows from one client: at most 30 upstream calls, the rest 429 with Retry-After', async () => {
    const fake = fakeStaymod({ units: 5, delayMs: 20 });
    const { proxy } = makeProxy(fake, { rateLimit: { get: 1000 } });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => proxy(new Request(distinct(i)))));
    assert.equal(availabilityCalls(fake), 30);
    const refused = answers.filter((a) => a.status === 429);
    assert.equal(refused.length, 70);
    assert.ok(refused.every((a) => Number(a.headers.get('retry-after')) >= 1));
  });

  it('100 identical concurrent windows: one upstream call', async () => {
    const fake = fakeStaymod({ units: 5, delayMs: 20 });
    const { proxy } = makeProxy(fake, { rateLimit: { get: 1000 } });
    const answers = await Promise.all(Array.from({ length: 100 }, () => proxy(new Request(windowUrl(0)))));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(availabilityCalls(fake), 1);
  });

  it('the cache counts bytes: windows beyond its bound evict the oldest', async () => {
    const fake = fakeStaymod({ units: 5 });
    const state = new MemoryState({ limits: { cacheBytes: 64 * 1024 }, now: () => Date.parse('2026-05-01T09:00:00Z') });
    const { proxy } = makeProxy(fake, { state, rateLimit: false });
    for (let i = 0; i < 28; i++) await (await proxy(new Request(windowUrl(i)))).text();
    assert.ok(state.bytes.cache <= 64 * 1024, `holds ${state.bytes.cache}`);
    assert.ok(state.bytes.cache > 32 * 1024, `holds ${state.bytes.cache}`);
    assert.equal((await proxy(new Request(windowUrl(27)))).headers.get('x-staymod-proxy-cache'), 'hit', 'the newest is kept');
    assert.equal((await proxy(new Request(windowUrl(0)))).headers.get('x-staymod-proxy-cache'), 'miss', 'the oldest was evicted');
  });
});

describe('proxy intake: a client cannot hold the booking lock hostage', () => {
  it('a booking that waits longer than lockWaitMs for its property gets 503 with Retry-After, and is not posted', async () => {
    const fake = fakeStaymod({ units: 5 });
    fake.onCall((call) => (call.method === 'POST' ? new Promise<Response>((resolve) => setTimeout(() => resolve(jsonResponse(400, { error: 'Room is required.' })), 700)) : undefined));
    const { proxy } = makeProxy(fake, { lockWaitMs: 200, clientId: (r) => r.headers.get('x-client') ?? '' });
    const [first, second] = await Promise.all([
      proxy(post(booking(), { 'x-client': 'a' })),
      new Promise<Response>((resolve) => setTimeout(() => resolve(proxy(post(booking(), { 'x-client': 'b' }))), 50)),
    ]);
    assert.equal(first.status, 400);
    assert.equal(second.status, 503);
    assert.equal(second.headers.get('retry-after'), '2');
    const told = await second.json();
    assert.match(told.error, /Another booking for this property is being completed/);
    assert.equal(told.booked, false, 'nothing was sent: the widget offers a plain "try again"');
    assert.equal(posts(fake), 1);
  });

  it('one client may have maxBookingsInFlightPerClient bookings in flight; the next gets 429', async () => {
    const fake = fakeStaymod({ units: 5, delayMs: 50 });
    const { proxy } = makeProxy(fake, { maxBookingsInFlightPerClient: 2 });
    const answers = await Promise.all(Array.from({ length: 3 }, () => proxy(post(booking()))));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 429]);
    assert.equal((await proxy(post(booking()))).status, 201, 'free again once they finished');
  });
});
