/**
 * The proxy on node:http against the real sandbox over HTTP: the shared case
 * table (also run inside workerd by test/worker/worker.test.ts), then what only
 * the Node entry has: misconfigured keys, basePath, Express-style middleware,
 * the CLI and the socket-based client id.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { main } from '../../src/proxy/cli.js';
import { createNodeProxyServer, staymodProxyMiddleware } from '../../src/proxy/node.js';
import type { StaymodProxyOptions } from '../../src/proxy/options.js';
import { DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { ALLOWED_ORIGIN, call, proxyCases, TIMEOUT_MS, type Harness } from '../worker/proxy-cases.js';
import { serverPool } from './servers.js';

// The proxy refuses past stays by its real clock, so the sandbox's today is the real one too.
const TODAY = utcDateKey(Date.now());

let sandbox: RunningSandbox;
const logs: string[] = [];
const servers = serverPool();
const listen = servers.url;

/** A proxy server in front of the sandbox; every log line is kept for the key check. */
async function startProxy(options: Partial<StaymodProxyOptions> = {}): Promise<string> {
  const server = createNodeProxyServer({
    apiKey: sandbox.demo.keys.full,
    propertyIds: [sandbox.demo.propertyId],
    allowedOrigins: [ALLOWED_ORIGIN],
    upstream: sandbox.url,
    timeoutMs: TIMEOUT_MS,
    trustForwardedFor: true,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    ...options,
  });
  return listen(server);
}

function harness(proxyUrl: string, secret = sandbox.demo.keys.full): Harness {
  return {
    demo: sandbox.demo,
    secret,
    url: (path) => `${proxyUrl}${path}`,
    // A forged first entry, then the address our one trusted proxy appended: the last one counts.
    client: (id) => ({ 'x-forwarded-for': `203.0.113.66, ${id}` }),
    sandboxUrl: sandbox.url,
  };
}

before(async () => {
  sandbox = await startSandbox({ port: 0, today: TODAY });
});

after(async () => {
  await servers.closeAll();
  await sandbox.close();
});

describe('proxy on Node against the sandbox (shared cases)', () => {
  let h: Harness;
  before(async () => {
    h = harness(await startProxy());
  });
  proxyCases.forEach((c, i) => {
    it(c.name, () => c.run(h, `198.51.100.${i + 1}`));
  });
  it('never wrote the key to a log line', () => {
    assert.ok(logs.length > 0, 'the failure cases logged something');
    for (const line of logs) assert.ok(!line.includes(sandbox.demo.keys.full), line);
  });
});

describe('proxy with a key Staymod refuses', () => {
  const path = (p: string) => `/api/public/v1/properties/${sandbox.demo.propertyId}/${p}`;

  for (const [name, key, pattern] of [
    ['expired', 'expired', /API key has expired/],
    ['for another property', 'otherProperty', /not allowed for this property/],
  ] as const) {
    it(`answers 502 telling the host to fix the proxy key (${name}) and logs why`, async () => {
      const secret = sandbox.demo.keys[key];
      const h = harness(await startProxy({ apiKey: secret }), secret);
      const before = logs.length;
      const res = await call(h, path('rooms'), { headers: { origin: ALLOWED_ORIGIN } });
      assert.equal(res.status, 502);
      assert.match(res.json.error, /site owner must fix the proxy's key/);
      assert.match(res.json.error, pattern);
      const logged = logs.slice(before).join('\n');
      assert.match(logged, /STAYMOD_API_KEY/);
      assert.ok(!logged.includes(secret));
    });
  }

  it('a key without bookings:write fails the POST as a host error, not a guest error', async () => {
    const secret = sandbox.demo.keys.readOnly;
    const h = harness(await startProxy({ apiKey: secret }), secret);
    const res = await call(h, path('bookings'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        guestName: 'Ravi',
        checkIn: `${addDays(TODAY, 61)}T14:00:00.000Z`,
        checkOut: `${addDays(TODAY, 62)}T11:00:00.000Z`,
        rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 1 }],
      }),
    });
    assert.equal(res.status, 502);
    assert.match(res.json.error, /scope does not allow/);
  });
});

describe('proxy mounting', () => {
  const rooms = () => `/api/public/v1/properties/${sandbox.demo.propertyId}/rooms`;

  it('serves under a basePath and nowhere else', async () => {
    const h = harness(await startProxy({ basePath: '/api/staymod/' }));
    assert.equal((await call(h, `/api/staymod${rooms()}`)).status, 200);
    assert.equal((await call(h, rooms())).status, 404);
    assert.equal((await call(h, `/api/staymodx${rooms()}`)).status, 404);
  });

  it('a page on the proxy\'s own origin needs no allowedOrigins entry', async () => {
    const url = await startProxy({ allowedOrigins: [] });
    const h = harness(url);
    const same = await call(h, rooms(), { headers: { origin: url } });
    assert.equal(same.status, 200);
    assert.equal(same.headers.get('access-control-allow-origin'), url);
    assert.equal((await call(h, rooms(), { headers: { origin: ALLOWED_ORIGIN } })).status, 403);
  });

  it('Express-style middleware: answers its paths, calls next() for others, accepts a pre-parsed body', async () => {
    const middleware = staymodProxyMiddleware({
      apiKey: sandbox.demo.keys.full,
      propertyIds: sandbox.demo.propertyId,
      upstream: sandbox.url,
      basePath: '/api/staymod',
      logger: { info() {}, warn() {}, error() {} },
    });
    // A tiny Connect: an express.json()-like parser for /parsed/*, a mount path, then the proxy, then a fallback.
    const server = createServer(async (req: IncomingMessage & { body?: unknown; _body?: boolean; originalUrl?: string }, res: ServerResponse) => {
      req.originalUrl = req.url;
      if (req.url!.startsWith('/parsed/')) {
        let text = '';
        for await (const chunk of req) text += chunk;
        req.body = text ? JSON.parse(text) : {};
        req._body = true;
        req.url = req.url!.slice('/parsed'.length);
        req.originalUrl = req.url;
      }
      if (req.url!.startsWith('/mounted/')) req.url = req.url!.slice('/mounted'.length); // as app.use('/mounted', mw)
      middleware(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('next() was called');
      });
    });
    const url = await listen(server);
    const h = harness(url);

    const other = await fetch(`${url}/about`);
    assert.equal(await other.text(), 'next() was called');
    assert.equal((await call(h, `/api/staymod${rooms()}`)).status, 200);
    assert.equal((await call(h, `/mounted/api/staymod${rooms()}`)).status, 200, 'mount path + basePath');

    const booking = await call(h, `/parsed/api/staymod/api/public/v1/properties/${sandbox.demo.propertyId}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        guestName: 'Parsed Body',
        checkIn: `${addDays(TODAY, 70)}T14:00:00.000Z`,
        checkOut: `${addDays(TODAY, 71)}T11:00:00.000Z`,
        rooms: [{ roomId: DEMO_ROOMS.dorm, quantity: 1 }],
        status: 'confirmed',
      }),
    });
    assert.equal(booking.status, 201, booking.text);
    assert.equal(booking.json.booking.status, 'pending');
  });

  it('on Node the client id is the socket address: a spoofed cf-connecting-ip does not reset the rate limit', async () => {
    const h = harness(await startProxy({ trustForwardedFor: false, rateLimit: { get: 2, post: 1 } }));
    const statuses = [];
    for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
      statuses.push((await call(h, rooms(), { headers: { 'cf-connecting-ip': ip, 'x-forwarded-for': ip } })).status);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
  });
});

describe('staymod-booking proxy (CLI)', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { log: (m: string) => out.push(m), error: (m: string) => err.push(m) } };
  }

  it('refuses to start without a key or property ids, naming what is missing (exit code 1)', async () => {
    const none = io();
    assert.equal((await main(['proxy'], {}, none.io)).exitCode, 1);
    assert.match(none.err.join('\n'), /STAYMOD_API_KEY.*STAYMOD_PROPERTY_IDS/s);

    const noIds = io();
    assert.equal((await main(['proxy'], { STAYMOD_API_KEY: sandbox.demo.keys.full }, noIds.io)).exitCode, 1);
    assert.match(noIds.err.join('\n'), /refusing to start without STAYMOD_PROPERTY_IDS/);

    const badId = io();
    assert.equal((await main(['proxy'], { STAYMOD_API_KEY: 'k', STAYMOD_PROPERTY_IDS: 'abc' }, badId.io)).exitCode, 1);
    assert.match(badId.err.join('\n'), /"abc" is not a Staymod property id/);

    const badArg = io();
    assert.equal((await main(['proxy', '--prot', '1'], {}, badArg.io)).exitCode, 1);
    assert.match(badArg.err.join('\n'), /Unknown argument "--prot"/);
  });

  it('starts from the environment, prints where it listens (never the key) and serves the widget', async () => {
    const out = io();
    const result = await main(
      ['proxy', '--port', '0'],
      {
        STAYMOD_API_KEY: sandbox.demo.keys.full,
        STAYMOD_PROPERTY_IDS: sandbox.demo.propertyId,
        ALLOWED_ORIGINS: ALLOWED_ORIGIN,
        STAYMOD_UPSTREAM: sandbox.url,
      },
      out.io,
    );
    try {
      assert.equal(result.exitCode, 0);
      const printed = out.out.join('\n');
      assert.match(printed, /listening on http:\/\/127\.0\.0\.1:\d+/);
      assert.ok(printed.includes(ALLOWED_ORIGIN));
      assert.ok(!printed.includes(sandbox.demo.keys.full));
      const h = harness(result.url!);
      const res = await call(h, `/api/public/v1/properties/${sandbox.demo.propertyId}/rooms`, { headers: { origin: ALLOWED_ORIGIN } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    } finally {
      await result.close?.();
    }
  });
});
