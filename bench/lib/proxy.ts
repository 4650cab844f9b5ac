/**
 * The proxy's cost and benefit on loopback, every server in its own process and
 * this one only the client: latency the proxy adds over calling the sandbox
 * directly, requests/s it serves from its cache (against a bare node:http server
 * answering the same bytes), bytes a month of availability costs with and without
 * compression, and how many upstream calls 100 identical concurrent availability
 * requests make (goal: 1).
 */
import { execFileSync } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import { onCpu, PIN_CPUS, startChild, startProxy, type Child } from './children.js';
import { closeServer, listen, TODAY, type BenchStack } from './stack.js';
import { median, ms, percentile, ratio, type ResultRow } from './stats.js';
import { addDays } from '../../src/domain/dates.js';

const silent = { info() {}, warn() {}, error() {} };
const path = (resource: string) => `/api/public/v1/properties/${DEMO.propertyId}/${resource}`;
const AVAILABILITY = path(`room-availability?from=${addDays(TODAY, 1)}&to=${addDays(TODAY, 30)}`);
const AUTH = { authorization: `Bearer ${DEMO.keys.full}` };

interface Got {
  status: number;
  /** Bytes on the wire (still compressed, if they were). */
  bytes: Buffer;
  encoding: string | undefined;
}

/** A GET with node:http (no fetch machinery in the way, no automatic decompression). */
function get(url: string, headers: Record<string, string>, agent?: Agent): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed(url: string, headers: Record<string, string>, agent: Agent): Promise<number> {
  const t0 = performance.now();
  const got = await get(url, headers, agent);
  if (got.status !== 200) throw new Error(`${url}: HTTP ${got.status}`);
  return performance.now() - t0;
}

export interface Latency {
  /** Median over rounds of each round's p50. */
  p50: number;
  /** Over every request. */
  p99: number;
}

export interface AddedLatency {
  direct: Latency;
  /** A bare node:http server answering the same bytes: one loopback round trip, the floor a proxy adds. */
  hop: Latency;
  /** A bare node:http forwarder piping the sandbox's answer through untouched: the least a proxy that calls upstream adds. */
  forward: Latency;
  proxied: Latency;
  proxiedBrotli: Latency;
  cached: Latency;
}

/**
 * Sequential availability requests, `rounds` rounds of `n / rounds`: to the sandbox
 * directly, through a proxy without cache (identity, and brotli as a browser asks),
 * and from a proxy's cache; the four interleaved so drift hits them alike.
 */
export async function addedLatency(stack: BenchStack, n: number, rounds = 5): Promise<AddedLatency> {
  await stack.setLatency(0);
  const base = { apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false as const };
  const uncached = await startProxy({ ...base, cacheTtlMs: { rooms: 0, bookingOptions: 0, availability: 0 } });
  const caching = await startProxy({ ...base, cacheTtlMs: { availability: 3_600_000 } });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const identity = { 'accept-encoding': 'identity' };
  const file = join(mkdtempSync(join(tmpdir(), 'staymod-bench-')), 'availability.json');
  writeFileSync(file, (await get(`${stack.sandboxUrl}${AVAILABILITY}`, AUTH)).bytes);
  const bare = await startChild(['bare', file]);
  const forwarder = await startChild(['forward', JSON.stringify({ upstream: stack.sandboxUrl, apiKey: DEMO.keys.full })]);
  const targets = {
    direct: () => timed(`${stack.sandboxUrl}${AVAILABILITY}`, { ...AUTH, ...identity }, agent),
    hop: () => timed(`${bare.url}/availability`, identity, agent),
    forward: () => timed(`${forwarder.url}${AVAILABILITY}`, identity, agent),
    proxied: () => timed(`${uncached.url}${AVAILABILITY}`, identity, agent),
    proxiedBrotli: () => timed(`${uncached.url}${AVAILABILITY}`, { 'accept-encoding': 'gzip, deflate, br' }, agent),
    cached: () => timed(`${caching.url}${AVAILABILITY}`, identity, agent),
  };
  type Key = keyof typeof targets;
  const keys = Object.keys(targets) as Key[];
  try {
    // Warm every path (JIT, connections).
    for (let i = 0; i < 200; i++) for (const key of keys) await targets[key]();
    const all = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<Key, number[]>;
    const roundP50 = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<Key, number[]>;
    for (let r = 0; r < rounds; r++) {
      const round = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<Key, number[]>;
      for (let i = 0; i < Math.ceil(n / rounds); i++) for (const key of keys) round[key].push(await targets[key]());
      for (const key of keys) {
        roundP50[key].push(median(round[key]));
        all[key].push(...round[key]);
      }
    }
    const summary = (key: Key): Latency => ({ p50: median(roundP50[key]), p99: percentile(all[key], 99) });
    return { direct: summary('direct'), hop: summary('hop'), forward: summary('forward'), proxied: summary('proxied'), proxiedBrotli: summary('proxiedBrotli'), cached: summary('cached') };
  } finally {
    agent.destroy();
    await bare.stop();
    await forwarder.stop();
    await uncached.stop();
    await caching.stop();
  }
}

/** `total` GETs of `url` over `concurrency` keep-alive connections, from this Node process; requests per second. */
async function nodeLoad(url: string, total: number, concurrency: number, headers: Record<string, string> = {}): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers }, (res) => {
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
  // Warm-up: every connection opened, the server's JIT warm.
  started = total - 500;
  await Promise.all(Array.from({ length: concurrency }, worker));
  started = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return total / seconds;
}

/** wrk (Debian's package), when installed: a C load generator costs the machine far less per request than Node. */
const WRK = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version exits 1 after printing its version.
    return (error as { status?: number }).status === 1;
  }
})();

/** The cores of a throughput run: wrk on one, the server it loads on the other (when PIN_CPUS). */
const LOAD_CPU = 0;
const SERVER_CPU = 1;

/** Requests/s of `url` over 32 keep-alive connections for `seconds`, from wrk. */
function wrkLoad(url: string, seconds: number): number {
  const [command, ...args] = onCpu(LOAD_CPU, ['wrk', '-t1', '-c32', `-d${seconds}s`, url]);
  const out = execFileSync(command, args, { encoding: 'utf8' });
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (errors) throw new Error(`wrk: ${errors[1]} answers were not 200`);
  // Dropped or timed-out connections would only lower the figure, silently: say so instead.
  const socket = /Socket errors: .*/.exec(out);
  if (socket) throw new Error(`wrk: ${socket[0]}`);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]);
}

/**
 * The load generator: wrk when installed, else this Node process. A Node generator
 * saturates its own core before a fast server's: on 2 cores it measured a cached proxy
 * answer at 0.7-1.0x a bare server, where wrk measured 0.4-0.75x on the same build.
 */
export const LOAD_GENERATOR = WRK ? `wrk, 1 thread${PIN_CPUS ? '; wrk and the server pinned to different cores' : ''}` : 'Node (install wrk for a truer figure)';
async function load(url: string, total: number): Promise<number> {
  if (WRK) return wrkLoad(url, 3);
  return nodeLoad(url, total, 32);
}

/**
 * Requests/s from the proxy's cache and from a bare node:http server with the same
 * bytes, each in its own process, 32 connections; `rounds` interleaved pairs of runs:
 * medians, and each pair's ratio (a pair shares the machine's load of its moment).
 */
export async function throughput(stack: BenchStack, total: number, rounds = 5): Promise<{ proxy: number; bare: number; ratios: number[]; bytes: number }> {
  await stack.setLatency(0);
  const proxied = await startProxy({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false }, [], WRK ? SERVER_CPU : undefined);
  let bare: Child | undefined;
  try {
    const url = `${proxied.url}${path('rooms')}`;
    const body = (await get(url, {})).bytes;
    const file = join(mkdtempSync(join(tmpdir(), 'staymod-bench-')), 'rooms.json');
    writeFileSync(file, body);
    bare = await startChild(['bare', file], [], WRK ? SERVER_CPU : undefined);
    const proxy: number[] = [];
    const baseline: number[] = [];
    // Warm-up for wrk (the Node generator warms up itself): connections open, both servers' JIT warm.
    if (WRK) for (const target of [url, `${bare.url}/rooms`]) wrkLoad(target, 1);
    for (let r = 0; r < rounds; r++) {
      proxy.push(await load(url, Math.round(total / rounds)));
      baseline.push(await load(`${bare.url}/rooms`, Math.round(total / rounds)));
    }
    const ratios = proxy.map((p, i) => p / baseline[i]!).sort((a, b) => a - b);
    return { proxy: median(proxy), bare: median(baseline), ratios, bytes: body.byteLength };
  } finally {
    await bare?.stop();
    await proxied.stop();
  }
}

/** Bytes of one month of availability (February, 28 nights) from the proxy, per Accept-Encoding. */
export async function monthBytes(stack: BenchStack): Promise<{ identity: number; gzip: number; br: number }> {
  await stack.setLatency(0);
  const proxied = await startProxy({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false });
  try {
    const url = `${proxied.url}${path('room-availability?from=2027-02-01&to=2027-02-28')}`;
    const size = async (encoding: string) => {
      const got = await get(url, { 'accept-encoding': encoding });
      if (got.status !== 200) throw new Error(`month bytes: HTTP ${got.status}`);
      if ((got.encoding ?? 'identity') !== encoding) console.error(`bench: asked for ${encoding}, the proxy answered ${got.encoding ?? 'identity'}`);
      return got.bytes.byteLength;
    };
    return { identity: await size('identity'), gzip: await size('gzip'), br: await size('br') };
  } finally {
    await proxied.stop();
  }
}

/** Upstream calls for `n` identical concurrent availability requests, through a cold proxy and directly. */
export async function coalescing(stack: BenchStack, n: number): Promise<{ proxied: number; direct: number }> {
  await stack.setLatency(100);
  const proxied = await startProxy({ apiKey: DEMO.keys.full, propertyIds: [DEMO.propertyId], upstream: stack.sandboxUrl, rateLimit: false });
  const calls = async () => (await stack.stats())['room-availability'];
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  try {
    let before = await calls();
    await Promise.all(Array.from({ length: n }, () => get(`${proxied.url}${AVAILABILITY}`, {}, agent)));
    const viaProxy = (await calls()) - before;
    before = await calls();
    await Promise.all(Array.from({ length: n }, () => get(`${stack.sandboxUrl}${AVAILABILITY}`, AUTH, agent)));
    return { proxied: viaProxy, direct: (await calls()) - before };
  } finally {
    agent.destroy();
    await stack.setLatency(0);
    await proxied.stop();
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
  await stack.setLatency(0);
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
    const cachedGet = async (url: string) => {
      const t0 = performance.now();
      const response = await fetch(`${url}${AVAILABILITY}`);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`cached GET: HTTP ${response.status}`);
      return performance.now() - t0;
    };
    for (const engine of ['memory', 'redis'] as const) for (let i = 0; i < 20; i++) await cachedGet(urls[engine]);
    for (let i = 0; i < n; i++) {
      for (const engine of ['memory', 'redis'] as const) {
        series[engine].cachedGet.push(await cachedGet(urls[engine]));
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

