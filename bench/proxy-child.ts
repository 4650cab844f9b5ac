/**
 * A server in its own process (so the load generator and the browser driver do not
 * share its event loop). Prints `{"url": "..."}` on its first line, then serves until killed:
 *   sandbox                  the Staymod sandbox; control paths under /__bench/
 *   proxy <options JSON>     the staymod proxy (createNodeProxyServer); POST /__bench/reset empties its state
 *   bare <file>              node:http answering the file's bytes as JSON (the throughput baseline)
 *   forward <JSON>           node:http passing each GET to `upstream` with `apiKey` and piping the answer
 *                            back untouched: the least any proxy that calls Staymod per request adds
 * Control paths, answered by the sandbox child:
 *   POST /__bench/latency?ms=N      every later answer (preflights included) waits N ms
 *   POST /__bench/compress?on=1     compress answers for clients that accept it, as Staymod's host does (on=0: off, the default)
 *   GET  /__bench/stats             upstream calls per route so far
 *   POST /__bench/grow-rooms?total=N  copies of the demo's rooms until the property has N
 * BENCH_TRACE=1 logs each request's arrival and end to stderr, in epoch milliseconds (the clock
 * a page's `performance.timeOrigin` also uses), for bench/waterfall.ts.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { pickEncoding, type Bytes } from '../src/proxy/encoding.js';
import { nodeCompressor, type NodeProxyOptions } from '../src/proxy/node.js';
import { DEMO, DEMO_API_KEYS } from '../src/sandbox/demo-data.js';
import { FaultQueue } from '../src/sandbox/faults.js';
import { createSandboxHandler } from '../src/sandbox/handler.js';
import { RequestStats } from '../src/sandbox/stats.js';
import { SandboxStore } from '../src/sandbox/store.js';
import { toNodeListener } from '../src/server/node-adapter.js';
import { TODAY } from './lib/today.js';

/**
 * The proxy as hosts run it: tsc's output in dist/lib (`npm run build`), not the sources through
 * tsx, whose name-keeping wrappers run on every closure a request creates (about 10% of a cached
 * answer's time in a profile).
 */
async function proxyModule<M>(name: string): Promise<M> {
  const built = new URL(`../dist/lib/proxy/${name}.js`, import.meta.url);
  if (existsSync(built)) return (await import(built.href)) as M;
  console.error('bench: dist/lib not built; the proxy runs from its sources through tsx');
  return (await import(`../src/proxy/${name}.js`)) as M;
}

const now = () => performance.timeOrigin + performance.now();
// Read once: process.env is a call into the C++ environment, which on every request would bill the proxy for the bench.
const TRACE = Boolean(process.env.BENCH_TRACE);
function traced(role: string, req: IncomingMessage, res: ServerResponse): void {
  if (!TRACE) return;
  const arrived = now();
  res.on('finish', () => console.error(`trace ${role} ${req.method} ${req.url} arrived ${arrived.toFixed(1)} ended ${now().toFixed(1)}`));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = { info() {}, warn() {}, error() {} };

function control(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The answer compressed as the client accepts it (the proxy's own negotiation and compressor). */
async function compressed(request: Request, response: Response): Promise<Response> {
  const encoding = pickEncoding(request.headers.get('accept-encoding'));
  if (!encoding || !response.body || response.headers.has('content-encoding')) return response;
  const headers = new Headers(response.headers);
  headers.set('content-encoding', encoding);
  headers.append('vary', 'Accept-Encoding');
  headers.delete('content-length');
  return new Response(nodeCompressor(new Uint8Array(await response.arrayBuffer()) as Bytes, encoding), { status: response.status, headers });
}

function sandboxServer(): Server {
  let latency = 0;
  let compress = false;
  const store = new SandboxStore({ today: TODAY });
  const stats = new RequestStats();
  const handler = createSandboxHandler({ store, keys: DEMO_API_KEYS, faults: new FaultQueue(), stats });
  const listener = toNodeListener(async (request, context) => {
    if (latency) await sleep(latency);
    const response = await handler(request, context);
    return compress ? compressed(request, response) : response;
  });
  return createServer((req, res) => {
    traced('sandbox', req, res);
    const url = new URL(req.url ?? '/', 'http://bench');
    if (url.pathname === '/__bench/latency') {
      latency = Number(url.searchParams.get('ms') ?? 0);
      return control(res, { latency });
    }
    if (url.pathname === '/__bench/compress') {
      compress = url.searchParams.get('on') === '1';
      return control(res, { compress });
    }
    if (url.pathname === '/__bench/stats') return control(res, stats.snapshot());
    if (url.pathname === '/__bench/grow-rooms') return control(res, { rooms: growRooms(store, Number(url.searchParams.get('total') ?? 0)) });
    void listener(req, res);
  });
}

/** Adds rooms (copies of the demo's, one or two units each) so the property has `total`; returns the count. */
function growRooms(store: SandboxStore, total: number): number {
  const rooms = store.data.rooms.filter((r) => r.propertyId === DEMO.propertyId && r.isActive);
  const template = rooms[0]!;
  for (let i = rooms.length; i < total; i++) {
    const id = (0xbe0000000000000000000000n + BigInt(i)).toString(16).padStart(24, '0');
    store.data.rooms.push({
      ...template,
      _id: id,
      name: `Bench room ${String(i + 1).padStart(2, '0')}`,
      slug: `bench-room-${i + 1}`,
      roomNumbers: [],
      unitCount: 1 + (i % 2),
      priceWeekday: 2000 + i * 150,
      priceWeekend: 2500 + i * 150,
      sortOrder: 100 + i,
      icalToken: undefined,
      icalTokensByRoomNumber: undefined,
    });
  }
  return Math.max(total, rooms.length);
}

/**
 * The proxy behind a thin server, so /__bench/reset can swap in a fresh one: cold cache and
 * limits, warm JIT, and warm upstream sockets. The upstream client outlives the swap, as a
 * running proxy's keep-alive connections to Staymod outlive any one guest's cache miss; a fresh
 * client per load billed each load 4 TCP connects to the sandbox that no warm proxy makes.
 */
async function proxyServer(options: NodeProxyOptions): Promise<Server> {
  const { createNodeProxyServer } = await proxyModule<typeof import('../src/proxy/node.js')>('node');
  const { keepAliveFetch } = await proxyModule<typeof import('../src/proxy/node-fetch.js')>('node-fetch');
  const upstream = { fetch: keepAliveFetch() };
  let inner = createNodeProxyServer({ logger: silent, ...upstream, ...options });
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    traced('proxy', req, res);
    if (req.url === '/__bench/reset') {
      inner = createNodeProxyServer({ logger: silent, ...upstream, ...options });
      return control(res, { reset: true });
    }
    inner.emit('request', req, res);
  });
}

const [mode, arg] = process.argv.slice(2);
let server: Server;
if (mode === 'sandbox') server = sandboxServer();
else if (mode === 'proxy') server = await proxyServer(JSON.parse(arg!) as NodeProxyOptions);
else if (mode === 'bare') {
  const body = readFileSync(arg!);
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
} else if (mode === 'forward') {
  const { upstream, apiKey } = JSON.parse(arg!) as { upstream: string; apiKey: string };
  const agent = new Agent({ keepAlive: true });
  server = createServer((req, res) => {
    const out = httpRequest(`${upstream}${req.url}`, { agent, headers: { authorization: `Bearer ${apiKey}` } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    out.end();
  });
} else {
  console.error('usage: proxy-child.ts sandbox | proxy <options JSON> | bare <file> | forward <{"upstream","apiKey"} JSON>');
  process.exit(2);
}
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
