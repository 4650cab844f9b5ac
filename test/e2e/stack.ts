/**
 * The e2e stack in one process: the sandbox (Staymod), the host's static site
 * (pages + the built widget), a proxy holding the sandbox key, and the Cloudbeds
 * and Guesty fakes with a proxy each, every one on its own origin. Playwright
 * starts it as its webServer.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { startSandbox } from '../../src/sandbox/server.js';
import { snapshotRooms } from '../../src/catalogue/snapshot.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import { startCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';
import { startGuestyFake } from '../../src/fakes/guesty/server.js';
import { cloudbedsPmsFor, guestyPmsFor } from '../../src/fakes/pms.js';
import type { StaymodProxyOptions } from '../../src/proxy/options.js';
import { E2E } from './ports.js';

const root = process.cwd();
const port = (url: string) => Number(new URL(url).port);

const sandbox = await startSandbox({ port: port(E2E.sandboxUrl), today: E2E.today });
// Made once, as a host runs `npx staymod-booking rooms-snapshot` once: later sandbox faults and room changes do not touch it.
const catalogue = JSON.stringify(await snapshotRooms({ upstream: sandbox.url, apiKey: sandbox.demo.keys.full, propertyId: sandbox.demo.propertyId }));

const proxy = createNodeProxyServer({
  apiKey: sandbox.demo.keys.full,
  propertyIds: [sandbox.demo.propertyId],
  allowedOrigins: [E2E.hostUrl],
  upstream: sandbox.url,
  // Generous for the tests that fire many requests from one page (one client); the proxy's own
  // suites test the limits, the per-client cap on bookings in flight and the bounded lock wait.
  rateLimit: { get: 100_000, post: 100_000, upstream: 100_000 },
  maxBookingsInFlightPerClient: 100,
  lockWaitMs: 12_000,
  // After a booking whose outcome is unknown (a 500, a 502, a 400 that is not a refusal) the lock
  // stays held, 2 x timeoutMs by default: here one spec's fault would hold up the next spec's booking
  // on the same property. The hold itself is tested in proxy-unit and proxy-redis.
  unconfirmedHoldMs: 1_000,
});
await new Promise<void>((resolve) => proxy.listen(port(E2E.proxyUrl), '127.0.0.1', resolve));

// Cloudbeds and Guesty: each fake with a proxy configured as docs/proxy.md tells a host to.
const cloudbeds = await startCloudbedsFake({ port: port(E2E.cloudbedsUrl), today: E2E.today });
const guesty = await startGuestyFake({ port: port(E2E.guestyUrl), today: E2E.today });
const pmsProxy = async (url: string, options: StaymodProxyOptions) => {
  const server = createNodeProxyServer({ allowedOrigins: [E2E.hostUrl], rateLimit: { get: 100_000, post: 100_000, upstream: 100_000 }, ...options });
  await new Promise<void>((resolve) => server.listen(port(url), '127.0.0.1', resolve));
  return server;
};
const cloudbedsProxy = await pmsProxy(E2E.cloudbedsProxyUrl, {
  pms: cloudbedsPmsFor(cloudbeds),
  propertyIds: [cloudbeds.demo.propertyId],
  currency: cloudbeds.demo.currency,
});
const guestyProxy = await pmsProxy(E2E.guestyProxyUrl, {
  pms: guestyPmsFor(guesty, { withOpenApi: true }),
  propertyIds: [guesty.demo.propertyId],
  currency: guesty.demo.currency,
});
const guestyPerStayProxy = await pmsProxy(E2E.guestyPerStayProxyUrl, {
  pms: guestyPmsFor(guesty),
  // Every quote reaches Guesty, so a test sees one being asked for (a run before would have cached it).
  cacheTtlMs: { availability: 0 },
  propertyIds: [guesty.demo.propertyId],
  currency: guesty.demo.currency,
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Built apps: /examples/<name>/ serves demo/examples/<name>/dist (`npm run examples:build`)
 * and /demo/ serves E2E.demoDist (the playground, built by the visual tests' setup).
 */
function builtApp(path: string): string | undefined {
  const example = /^\/examples\/([a-z]+)\/(.*)$/.exec(path);
  const demo = /^\/demo\/(.*)$/.exec(path);
  if (!example && !demo) return undefined;
  const dir = example ? join('demo/examples', example[1]!, 'dist') : E2E.demoDist;
  const rest = (example ? example[2] : demo![1]) ?? '';
  return join(root, dir, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest);
}

/** Pages under test/e2e/pages, the built widget under /dist. CSP pages get a strict policy. */
const host = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', E2E.hostUrl);
  if (url.pathname === '/health') {
    res.end('ok');
    return;
  }
  // The host's published room catalogue (`npx staymod-booking rooms-snapshot`), made from the sandbox.
  if (url.pathname === '/rooms.json') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(catalogue);
    return;
  }
  const path = normalize(url.pathname).replace(/^(\.\.[/\\])+/, '');
  const file = path.startsWith('/dist/') ? join(root, path) : (builtApp(path) ?? join(root, 'test/e2e/pages', path === '/' ? 'index.html' : path));
  try {
    let body: Buffer | string = await readFile(file);
    // Pages are written as a host pastes them, with the default ports: follow E2E_PORT_OFFSET.
    if (file.endsWith('.html')) {
      body = body.toString('utf8').replaceAll('http://127.0.0.1:8790', E2E.sandboxUrl).replaceAll('http://127.0.0.1:8791', E2E.proxyUrl);
    }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (path.includes('csp')) {
      headers['content-security-policy'] = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        `img-src 'self' ${E2E.sandboxUrl}`,
        // 'self': the room catalogue (/rooms.json) is on the host's own origin.
        `connect-src 'self' ${E2E.sandboxUrl} ${E2E.proxyUrl}`,
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; ');
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
});
await new Promise<void>((resolve) => host.listen(port(E2E.hostUrl), '127.0.0.1', resolve));

console.log(`e2e stack: host ${E2E.hostUrl}, sandbox ${sandbox.url}, proxy ${E2E.proxyUrl}, Cloudbeds ${cloudbeds.url} (proxy ${E2E.cloudbedsProxyUrl}), Guesty ${guesty.url} (proxy ${E2E.guestyProxyUrl})`);

const stop = async () => {
  host.close();
  proxy.close();
  cloudbedsProxy.close();
  guestyProxy.close();
  guestyPerStayProxy.close();
  await Promise.all([cloudbeds.close(), guesty.close()]);
  await sandbox.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
