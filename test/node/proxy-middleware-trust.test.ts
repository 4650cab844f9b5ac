// The Express/Connect middleware takes the client's identity from the app's own `trust proxy`
// setting (req.ip), and from the socket otherwise: a guest cannot pick their rate-limit bucket.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { staymodProxyMiddleware } from '../../src/proxy/node.js';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { serverPool } from './servers.js';

/** A minimal Express look-alike: `req.app.get('trust proxy')`, and `req.ip` from X-Forwarded-For when trusted. */
function expressish(trustProxy: boolean, sandboxUrl: string): Server {
  const middleware = staymodProxyMiddleware({
    apiKey: DEMO.keys.full,
    propertyIds: [DEMO.propertyId],
    upstream: sandboxUrl,
    rateLimit: { get: 2 },
    logger: { info() {}, warn() {}, error() {} },
  });
  return createServer((req, res) => {
    const r = req as IncomingMessage & { app?: unknown; ip?: string; originalUrl?: string };
    r.app = { get: (setting: string) => (setting === 'trust proxy' ? trustProxy : undefined) };
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    r.ip = trustProxy && forwarded.length ? forwarded.at(-1)! : (req.socket.remoteAddress ?? '');
    r.originalUrl = req.url;
    middleware(r as never, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
}

describe('Express middleware: who a request counts against', () => {
  let sandbox: RunningSandbox;
  before(async () => (sandbox = await startSandbox({ port: 0 })));
  after(() => sandbox.close());
  const servers = serverPool();
  afterEach(() => servers.closeAll());
  const listen = servers.url;

  const statuses = async (base: string, clients: string[]) => {
    const out: number[] = [];
    for (const client of clients) {
      const res = await fetch(`${base}/api/public/v1/properties/${DEMO.propertyId}/booking-options`, { headers: { 'x-forwarded-for': client } });
      out.push(res.status);
      await res.arrayBuffer();
    }
    return out;
  };

  it("with the app's `trust proxy`, each guest behind the app's own proxy has a bucket (req.ip)", async () => {
    const server = expressish(true, sandbox.url);
    const base = await listen(server);
    assert.deepEqual(await statuses(base, ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']), [200, 200, 200, 200]);
    assert.deepEqual(await statuses(base, ['203.0.113.9', '203.0.113.9', '203.0.113.9']), [200, 200, 429]);
  });

  it('without it, a forged X-Forwarded-For changes nothing: the socket is the client', async () => {
    const server = expressish(false, sandbox.url);
    const base = await listen(server);
    assert.deepEqual(await statuses(base, ['198.51.100.1', '198.51.100.2', '198.51.100.3']), [200, 200, 429]);
  });
});
