/**
 * The Node server answers GETs without building fetch's Request (and, for a plain target,
 * without parsing a URL). These tests hold that it decides every request exactly as the
 * Request path does (workers, `createStaymodProxy`), for targets sent byte for byte over a
 * raw socket, and that the shortcuts keep the cache header and the upstream ceiling.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/domain/dates.js';
import { createProxyCore, createStaymodProxy, type StaymodProxyHandler } from '../../src/proxy/handler.js';
import { MemoryState } from '../../src/proxy/state/memory.js';
import { createNodeProxyServer, type NodeProxyOptions } from '../../src/proxy/node.js';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { serverPool } from './servers.js';

const TODAY = '2027-03-01';
const ORIGIN = 'https://hotel.example';
const P = DEMO.propertyId;
const path = (resource: string, property = P) => `/api/public/v1/properties/${property}/${resource}`;
const month = (from: number, to: number) => `from=${addDays(TODAY, from)}&to=${addDays(TODAY, to)}`;

let sandbox: RunningSandbox;
const servers = serverPool();
const listen = servers.listen;
const quiet = { info() {}, warn() {}, error() {} };

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One GET with the target exactly as given (fetch would normalise it first). */
function rawGet(port: number, target: string, origin = ORIGIN): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(head[0]!.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
  });
}

async function viaRequest(handler: StaymodProxyHandler, port: number, target: string): Promise<Answer> {
  const response = await handler(new Request(`http://127.0.0.1:${port}${target}`, { headers: { origin: ORIGIN } }), { remoteAddress: '127.0.0.1' });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, body: await response.text() };
}

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});

after(async () => {
  await servers.closeAll();
  await sandbox.close();
});

function options(extra: Partial<NodeProxyOptions> = {}): NodeProxyOptions {
  return { apiKey: DEMO.keys.full, propertyIds: [P], allowedOrigins: [ORIGIN], upstream: sandbox.url, rateLimit: false, logger: quiet, ...extra };
}

describe('proxy on Node: the GET shortcut decides as the Request path does', () => {
  it('the same status and body for odd paths and queries, sent as raw bytes', async () => {
    const port = await listen(createNodeProxyServer(options()));
    const web = createStaymodProxy(options());
    const targets = [
      path('rooms'),
      path('rooms/'),
      `${path('room-availability')}?${month(3, 9)}`,
      `${path('room-availability')}?${month(3, 9)}&x='"<>{}\`|^`,
      `${path('room-availability')}??${month(3, 9)}`,
      `${path('room-availability')}?from=${addDays(TODAY, 3).replace(/-/g, '%2D')}&to=${addDays(TODAY, 9)}`,
      `${path('room-availability')}?from=${addDays(TODAY, 3)}+&to=${addDays(TODAY, 9)}`,
      `${path('room-availability')}?from=2027-02-30&to=2027-03-02`,
      `${path('room-availability')}?${month(3, 9)}#fragment`,
      path('rooms', `{${P}}`),
      path('rooms', `${P}"`),
      path('rooms', `<${P}>`),
      path('rooms', `\`${P}\``),
      path('rooms', P.toUpperCase()),
      `/api/public/v1/properties/x/../${P}/rooms`,
      `/api/public/v1/properties/${P}/%72ooms`,
      `/api/public/v1/properties/${P}\\rooms`,
      `//api/public/v1/properties/${P}/rooms`,
      '/api/public/v1/properties',
    ];
    for (const target of targets) {
      const [raw, request] = [await rawGet(port, target), await viaRequest(web, port, target)];
      assert.equal(raw.status, request.status, `${target}: status`);
      assert.deepEqual(JSON.parse(raw.body), JSON.parse(request.body), `${target}: body`);
      assert.equal(raw.headers['access-control-allow-origin'], request.headers['access-control-allow-origin'], `${target}: CORS`);
    }
  });

  it('a page on the proxy\'s own origin is allowed; another origin is refused before anything is read', async () => {
    const port = await listen(createNodeProxyServer(options()));
    const own = await rawGet(port, path('rooms'), `http://127.0.0.1:${port}`);
    assert.equal(own.status, 200);
    assert.equal(own.headers['access-control-allow-origin'], `http://127.0.0.1:${port}`);
    const other = await rawGet(port, path('rooms'), 'https://elsewhere.example');
    assert.equal(other.status, 403);
    assert.match(JSON.parse(other.body).error, /not in this proxy's allowedOrigins/);
  });

  it('says where an answer came from: miss, then hit', async () => {
    const port = await listen(createNodeProxyServer(options()));
    const target = `${path('room-availability')}?${month(10, 16)}`;
    const first = await rawGet(port, target);
    const second = await rawGet(port, target);
    assert.equal(first.headers['x-staymod-proxy-cache'], 'miss');
    assert.equal(second.headers['x-staymod-proxy-cache'], 'hit');
    assert.equal(second.body, first.body);
  });

  it('with GETs unlimited, the upstream ceiling still holds per client', async () => {
    const port = await listen(createNodeProxyServer(options({ rateLimit: { get: Infinity, upstream: 1 } })));
    const first = await rawGet(port, `${path('room-availability')}?${month(20, 26)}`);
    assert.equal(first.status, 200);
    // Another month is another upstream call: over the ceiling of one a minute.
    const second = await rawGet(port, `${path('room-availability')}?${month(30, 36)}`);
    assert.equal(second.status, 429);
    assert.ok(Number(second.headers['retry-after']) > 0);
    // A cached answer costs Staymod nothing, so it is still served.
    const cached = await rawGet(port, `${path('room-availability')}?${month(20, 26)}`);
    assert.equal(cached.status, 200);
    assert.equal(cached.headers['x-staymod-proxy-cache'], 'hit');
  });
});

describe('proxy core: a cache hit in memory is answered at once', () => {
  const incoming = (target: string) => ({
    method: 'GET',
    path: target.split('?')[0]!,
    search: target.includes('?') ? `?${target.split('?')[1]}` : '',
    url: () => new URL(`http://127.0.0.1${target}`),
    header: (name: string) => (name === 'origin' ? ORIGIN : null),
    request: () => new Request(`http://127.0.0.1${target}`, { headers: { origin: ORIGIN } }),
  });

  it('the first GET waits for Staymod, the same GET again is answered without a promise, rate limits on', async () => {
    const core = createProxyCore(options({ rateLimit: { get: 60 } }));
    const target = `${path('room-availability')}?${month(40, 46)}`;
    const first = core.serve(incoming(target), { remoteAddress: '203.0.113.9' });
    assert.ok(first instanceof Promise, 'a miss waits for Staymod');
    assert.equal((await first).headers['X-Staymod-Proxy-Cache'], 'miss');
    const again = core.serve(incoming(target), { remoteAddress: '203.0.113.9' });
    assert.ok(!(again instanceof Promise), 'a hit is answered at once');
    assert.equal(again.status, 200);
    assert.equal(again.headers['X-Staymod-Proxy-Cache'], 'hit');
    assert.equal(again.headers['Access-Control-Allow-Origin'], ORIGIN);
    assert.deepEqual(again.body, (await first).body);
  });

  it('the rate limit still counts hits answered at once', async () => {
    const core = createProxyCore(options({ rateLimit: { get: 2 } }));
    const target = path('rooms');
    await core.serve(incoming(target), { remoteAddress: '203.0.113.10' });
    const second = core.serve(incoming(target), { remoteAddress: '203.0.113.10' });
    assert.ok(!(second instanceof Promise));
    assert.equal(second.status, 200);
    const third = await core.serve(incoming(target), { remoteAddress: '203.0.113.10' });
    assert.equal(third.status, 429);
  });

  it('a state that reads its cache another way is asked, with a promise', async () => {
    let asked = 0;
    class Counting extends MemoryState {
      override async cacheGet(scope: string, group: string, key: string) {
        asked++;
        return super.cacheGet(scope, group, key);
      }
    }
    const core = createProxyCore(options({ state: new Counting() }));
    await core.serve(incoming(path('rooms')), { remoteAddress: '203.0.113.11' });
    const hit = core.serve(incoming(path('rooms')), { remoteAddress: '203.0.113.11' });
    assert.ok(hit instanceof Promise);
    assert.equal((await hit).headers['X-Staymod-Proxy-Cache'], 'hit');
    assert.equal(asked, 2);
  });
});

describe('proxy: the at-once answer keeps what the promise path gave', () => {
  it("another 'request' listener on the Node server may still set headers on a cache hit", async () => {
    const server = createNodeProxyServer(options());
    server.on('request', (_req, res) => res.setHeader('X-Request-Id', 'r-1'));
    const port = await listen(server);
    const first = await rawGet(port, path('booking-options'));
    const hit = await rawGet(port, path('booking-options'));
    assert.equal(first.headers['x-staymod-proxy-cache'], 'miss');
    assert.equal(hit.headers['x-staymod-proxy-cache'], 'hit');
    assert.equal(hit.status, 200);
    assert.equal(hit.headers['x-request-id'], 'r-1');
  });

  it("a state's own rate limiter may answer with any thenable: the limit holds, nobody is refused early", async () => {
    class Thenable extends MemoryState {
      override rateTake(scope: string, key: string, perMinute: number) {
        const decision = this.rateTakeNow(scope, key, perMinute);
        return { then: (resolve: (value: typeof decision) => unknown) => resolve(decision) } as unknown as Promise<typeof decision>;
      }
    }
    const core = createProxyCore(options({ state: new Thenable(), rateLimit: { get: 2 } }));
    const ask = () => core.serve({ method: 'GET', path: path('rooms'), search: '', url: () => new URL(`http://127.0.0.1${path('rooms')}`), header: () => null, request: () => new Request(`http://127.0.0.1${path('rooms')}`) }, { remoteAddress: '203.0.113.20' });
    assert.equal((await ask()).status, 200);
    assert.equal((await ask()).status, 200);
    const third = await ask();
    assert.equal(third.status, 429);
    assert.match(third.headers['Retry-After'] ?? '', /^\d+$/);
  });

  it('a cached entry that does not read back is fetched again, not answered with a 500', async () => {
    const state = new MemoryState();
    await state.cacheSet(P, 'static', '0', 'rooms', '{"status":200,"headers":{}}', 60_000);
    const port = await listen(createNodeProxyServer(options({ state })));
    const answer = await rawGet(port, path('rooms'));
    assert.equal(answer.status, 200, answer.body.slice(0, 200));
    assert.equal(answer.headers['x-staymod-proxy-cache'], 'miss');
    assert.equal(JSON.parse(answer.body).error, undefined);
  });
});
