/**
 * The proxy's cost and benefit on loopback: latency it adds over calling the
 * sandbox directly, requests/s it serves from its cache on one core (against a
 * bare node:http server answering the same bytes), and how many upstream calls
 * 100 identical concurrent availability requests make (goal: 1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import { closeServer, listen, TODAY, type BenchStack } from './stack.js';
import { ms, percentile, ratio, type ResultRow } from './stats.js';
import { addDays } from '../../src/domain/dates.js';

const silent = { info() {}, warn() {}, error() {} };
const path = (resource: string) => `/api/public/v1/properties/${DEMO.propertyId}/${resource}`;
const AVAILABILITY = path(`room-availability?from=${addDays(TODAY, 1)}&to=${addDays(TODAY, 30)}`);

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - t0;
}

export interface AddedLatency {
  direct: { p50: number; p99: number };
  proxied: { p50: number; p99: number };
  cached: { p50: number; p99: number };
}

/** Sequential availability requests: direct, through the proxy without cache, and from its cache. */
export async function addedLatency(stack: BenchStack, n: number): Promise<AddedLatency> {
  stack.latency.ms = 0;
  const uncachedProxy = createNodeProxyServer({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false, cacheTtlMs: { rooms: 0, bookingOptions: 0, availability: 0 }, logger: silent });
  const cachingProxy = createNodeProxyServer({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false, cacheTtlMs: { availability: 3_600_000 }, logger: silent });
  const uncached = await listen(uncachedProxy);
  const caching = await listen(cachingProxy);
  try {
    const auth = { authorization: `Bearer ${DEMO.keys.full}` };
    const series = { direct: [] as number[], proxied: [] as number[], cached: [] as number[] };
    // Warm up every path (JIT, connections), then interleave so drift hits all three alike.
    for (let i = 0; i < 20; i++) {
      await timed(`${stack.sandboxUrl}${AVAILABILITY}`, auth);
      await timed(`${uncached}${AVAILABILITY}`, {});
      await timed(`${caching}${AVAILABILITY}`, {});
    }
    for (let i = 0; i < n; i++) {
      series.direct.push(await timed(`${stack.sandboxUrl}${AVAILABILITY}`, auth));
      series.proxied.push(await timed(`${uncached}${AVAILABILITY}`, {}));
      series.cached.push(await timed(`${caching}${AVAILABILITY}`, {}));
    }
    const summary = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
    return { direct: summary(series.direct), proxied: summary(series.proxied), cached: summary(series.cached) };
  } finally {
    await closeServer(uncachedProxy);
    await closeServer(cachingProxy);
  }
}

function startChild(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/proxy-child.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`bench child exited (${code})`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** `total` GETs of `url` with `concurrency` keep-alive connections; requests per second. */
async function load(url: string, total: number, concurrency: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await once();
    }
  };
  for (let i = 0; i < 200; i++) await once(); // warm-up
  started = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return total / seconds;
}

/** Requests/s from the proxy's cache, and from a bare server with the same bytes, each in its own process. */
export async function throughput(stack: BenchStack, total: number): Promise<{ proxy: number; bare: number; bytes: number }> {
  stack.latency.ms = 0;
  const proxied = await startChild(['proxy', stack.sandboxUrl, DEMO.keys.full, DEMO.propertyId]);
  try {
    const url = `${proxied.url}${path('rooms')}`;
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    const file = join(mkdtempSync(join(tmpdir(), 'staymod-bench-')), 'rooms.json');
    writeFileSync(file, body);
    const proxy = await load(url, total, 32);
    const bare = await startChild(['bare', file]);
    try {
      return { proxy, bare: await load(`${bare.url}/rooms`, total, 32), bytes: body.byteLength };
    } finally {
      await stopChild(bare.child);
    }
  } finally {
    await stopChild(proxied.child);
  }
}

/** Upstream calls for `n` identical concurrent availability requests, through a cold proxy and directly. */
export async function coalescing(stack: BenchStack, n: number): Promise<{ proxied: number; direct: number }> {
  stack.latency.ms = 100;
  const server = createNodeProxyServer({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false, logger: silent });
  const proxyUrl = await listen(server);
  const calls = () => stack.stats.snapshot()['room-availability'];
  try {
    let before = calls();
    await Promise.all(Array.from({ length: n }, () => fetch(`${proxyUrl}${AVAILABILITY}`).then((r) => r.arrayBuffer())));
    const proxied = calls() - before;
    before = calls();
    await Promise.all(Array.from({ length: n }, () => fetch(`${stack.sandboxUrl}${AVAILABILITY}`, { headers: { authorization: `Bearer ${DEMO.keys.full}` } }).then((r) => r.arrayBuffer())));
    return { proxied, direct: calls() - before };
  } finally {
    stack.latency.ms = 0;
    await closeServer(server);
  }
}

export interface StateCost {
  memory: { booking: number; cachedGet: number };
  redis: { booking: number; cachedGet: number };
}

/**
 * What sharing the state through Redis adds over keeping it in memory: p50 of a
 * booking (lock, idempotency record, limits, cache drop) and of a cached
 * availability GET, `n` sequential each, the two engines interleaved.
 */
export async function stateCost(stack: BenchStack, n: number): Promise<StateCost> {
  stack.latency.ms = 0;
  const { startRedis } = await import('../../test/node/redis-server.js');
  const redis = await startRedis();
  const options = { apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false as const, cacheTtlMs: { availability: 3_600_000 }, logger: silent };
  const memoryServer = createNodeProxyServer(options);
  const redisServer = createNodeProxyServer({ ...options, redis: redis.url });
  const urls = { memory: await listen(memoryServer), redis: await listen(redisServer) };
  const room = '7915373985207e52aa17c6bd'; // Deluxe: 3 units a night
  let day = 20;
  const book = async (url: string, key: string) => {
    const from = addDays(TODAY, day);
    day += 1;
    const t0 = performance.now();
    const response = await fetch(`${url}${path('bookings')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ guestName: 'Bench', checkIn: `${from}T14:00:00.000Z`, checkOut: `${addDays(from, 1)}T11:00:00.000Z`, rooms: [{ roomId: room, quantity: 1 }] }),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`booking: HTTP ${response.status}`);
    return performance.now() - t0;
  };
  try {
    const series = { memory: { booking: [] as number[], cachedGet: [] as number[] }, redis: { booking: [] as number[], cachedGet: [] as number[] } };
    for (const engine of ['memory', 'redis'] as const) for (let i = 0; i < 20; i++) await timed(`${urls[engine]}${AVAILABILITY}`, {});
    for (let i = 0; i < n; i++) {
      for (const engine of ['memory', 'redis'] as const) {
        series[engine].cachedGet.push(await timed(`${urls[engine]}${AVAILABILITY}`, {}));
        // Bookings only every fourth round: each takes a night of the room.
        if (i % 4 === 0) series[engine].booking.push(await book(urls[engine], `bench-${engine}-${i}`));
      }
    }
    const p50 = (values: number[]) => percentile(values, 50);
    return {
      memory: { booking: p50(series.memory.booking), cachedGet: p50(series.memory.cachedGet) },
      redis: { booking: p50(series.redis.booking), cachedGet: p50(series.redis.cachedGet) },
    };
  } finally {
    await closeServer(memoryServer);
    await closeServer(redisServer);
    await redis.kill();
  }
}

/** Rows for what the Redis state adds (also printed alone by bench/state.ts). */
export function stateRows(cost: StateCost, section: string): ResultRow[] {
  return [
    { section, what: 'p50, booking with the state in Redis (lock, Idempotency-Key record, cache drop)', value: ms(cost.redis.booking), baselineName: 'state in memory', baseline: ms(cost.memory.booking), ratio: ratio(cost.redis.booking, cost.memory.booking), note: `adds ${ms(cost.redis.booking - cost.memory.booking)}` },
    { section, what: 'p50, cached availability GET with the state in Redis', value: ms(cost.redis.cachedGet), baselineName: 'state in memory', baseline: ms(cost.memory.cachedGet), ratio: ratio(cost.redis.cachedGet, cost.memory.cachedGet), note: `adds ${ms(cost.redis.cachedGet - cost.memory.cachedGet)}` },
  ];
}

