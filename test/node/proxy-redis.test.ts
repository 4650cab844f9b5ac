/**
 * Several proxy processes on one Redis, in front of the real sandbox: the
 * booking lock, Idempotency-Key records, rate limits and cache hold across
 * instances, a crashed lock holder's lease runs out, and a Redis outage degrades
 * GETs and refuses bookings. Real processes, a real redis-server, no mocks.
 *
 *   node --import tsx --test test/node/proxy-redis.test.ts
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/domain/dates.js';
import { DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { oneRoomBooking, storedCount, TODAY } from '../state-fixtures.js';
import { startRedis, type RunningRedis } from './redis-server.js';

// Generous: the test machine may be busy, and a check that times out is a refusal, not a booking.
const TIMEOUT_MS = 2500;

interface Instance {
  url: string;
  child: ChildProcess;
  logs: string[];
}

let sandbox: RunningSandbox;
let redis: RunningRedis;
const instances: Instance[] = [];

function startInstance(): Promise<Instance> {
  const options = {
    apiKey: sandbox.demo.keys.full,
    propertyIds: [sandbox.demo.propertyId],
    upstream: sandbox.url,
    redis: redis.url,
    trustedProxies: 1,
    timeoutMs: TIMEOUT_MS,
    lockLeaseMs: 1500,
    lockWaitMs: 8000,
    unconfirmedHoldMs: 1000,
    rateLimit: { get: 5, post: 10 },
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/node/fixtures/proxy-child.ts', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child, logs }));
    child.once('exit', (code) => reject(new Error(`proxy child exited (${code}): ${logs.join('\n')}`)));
  });
}

const base = () => `/api/public/v1/properties/${sandbox.demo.propertyId}`;

const booking = (room: string, from: number, to: number, guestName = 'Redis Guest') => oneRoomBooking(room, from, to, guestName);

async function post(instance: Instance, client: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${instance.url}${base()}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function get(instance: Instance, client: string, path: string) {
  const response = await fetch(`${instance.url}${base()}/${path}`, { headers: { 'x-forwarded-for': client }, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, cache: response.headers.get('x-staymod-proxy-cache'), text: await response.text() };
}

const stored = (room: string, from: number) => storedCount(sandbox, room, from);

async function sandboxPosts(): Promise<number> {
  const response = await fetch(`${sandbox.url}/__sandbox/stats`);
  return ((await response.json()) as { requests: Record<string, number> }).requests['bookings'] ?? 0;
}

before(async () => {
  // A wide window between Staymod's check and its insert: without a shared lock, instances would double-book.
  sandbox = await startSandbox({ port: 0, today: TODAY, raceWindowMs: 50 });
  redis = await startRedis();
  instances.push(...(await Promise.all([startInstance(), startInstance(), startInstance()])));
});

after(async () => {
  for (const { child } of instances) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await redis?.kill();
  await sandbox?.close();
});

describe('three proxy processes on one Redis', () => {
  it('says at start that its state is shared', () => {
    for (const { logs } of instances) assert.doesNotMatch(logs.join('\n'), /single instance/);
  });

  it('50 simultaneous bookings of the last unit, spread over three instances: exactly one booked', { timeout: 30_000 }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(instances[i % 3]!, `198.51.100.${i + 1}`, booking(DEMO_ROOMS.penthouse, 20, 22, `Guest ${i}`))),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
    for (const a of answers.filter((x) => x.status !== 201)) {
      // Sold out (checked under the lock), told to retry, or the check timed out on a busy machine: never a second booking.
      assert.ok(a.status === 400 || a.status === 504 || (a.status === 503 && a.headers.get('retry-after')), `${a.status} ${a.text}`);
    }
    assert.equal(await stored(DEMO_ROOMS.penthouse, 20), 1, 'one booking in the sandbox');
  });

  it('the same Idempotency-Key on two instances at once: one booking, the same answer; another body gets 422', async () => {
    const body = booking(DEMO_ROOMS.deluxe, 24, 25);
    const headers = { 'idempotency-key': 'redis-idem-1' };
    const [a, b] = await Promise.all([post(instances[0]!, '203.0.113.1', body, headers), post(instances[1]!, '203.0.113.2', body, headers)]);
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    assert.equal(a.text, b.text, 'the same booking, replayed');
    assert.equal([a, b].filter((x) => x.headers.get('idempotent-replayed') === 'true').length, 1);
    const later = await post(instances[2]!, '203.0.113.3', body, headers);
    assert.equal(later.text, a.text);
    const other = await post(instances[2]!, '203.0.113.3', { ...body, guestName: 'Someone Else' }, headers);
    assert.equal(other.status, 422);
    assert.equal(await stored(DEMO_ROOMS.deluxe, 24), 1);
  });

  it('a rate limit counts across instances: 5 GETs a minute in all, not per instance', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) for (const instance of instances) statuses.push((await get(instance, '192.0.2.50', 'rooms')).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  });

  it('the availability cache is shared, and a booking on any instance drops it everywhere', async () => {
    const path = `room-availability?from=${addDays(TODAY, 30)}&to=${addDays(TODAY, 31)}`;
    assert.equal((await get(instances[0]!, '192.0.2.60', path)).cache, 'miss');
    assert.equal((await get(instances[1]!, '192.0.2.61', path)).cache, 'hit', 'cached by another instance');
    assert.equal((await post(instances[2]!, '192.0.2.62', booking(DEMO_ROOMS.familySuite, 30, 31))).status, 201);
    const after = await get(instances[0]!, '192.0.2.63', path);
    assert.equal(after.cache, 'miss', 'dropped on every instance');
  });

  it('a proxy killed (SIGKILL) while its POST runs: the lock is held until the lease runs out, then booking resumes', { timeout: 20_000 }, async () => {
    const victim = instances[0]!;
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'bookings', hang: true, times: 1 }) });
    const before = await sandboxPosts();
    const doomed = post(victim, '192.0.2.70', booking(DEMO_ROOMS.gardenTwin, 34, 35)).catch(() => null);
    while ((await sandboxPosts()) === before) await new Promise((r) => setTimeout(r, 10));
    victim.child.kill('SIGKILL');
    await doomed;
    const started = Date.now();
    const next = await post(instances[1]!, '192.0.2.71', booking(DEMO_ROOMS.deluxe, 36, 37));
    const waited = Date.now() - started;
    assert.equal(next.status, 201, next.text);
    // The POST may still have been running on Staymod: the lease covered it (timeout + hold), and then ran out.
    assert.ok(waited >= 1000, `waited ${waited} ms for the dead holder's lease`);
    assert.ok(waited < TIMEOUT_MS + 1000 + 1000 + 1000, `waited ${waited} ms (the lease covers timeout + hold + 1 s)`);
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('Redis down: GETs still served straight from Staymod, bookings refused with 503, logged once; back when Redis is', { timeout: 20_000 }, async () => {
    const [, b, c] = instances as [Instance, Instance, Instance];
    await redis.kill();
    const postsBefore = await sandboxPosts();
    for (let i = 0; i < 3; i++) {
      const got = await get(b, `192.0.2.8${i}`, `room-availability?from=${addDays(TODAY, 40)}&to=${addDays(TODAY, 41)}`);
      assert.equal(got.status, 200, got.text);
      assert.equal(got.cache, 'miss');
      assert.equal((await get(c, `192.0.2.8${i}`, 'rooms')).status, 200);
    }
    for (const instance of [b, c, b]) {
      const refused = await post(instance, '192.0.2.90', booking(DEMO_ROOMS.deluxe, 42, 43));
      assert.equal(refused.status, 503, refused.text);
      assert.ok(refused.headers.get('retry-after'));
      assert.match(refused.text, /cannot take bookings right now/);
    }
    assert.equal(await sandboxPosts(), postsBefore, 'nothing reached Staymod without the lock');
    assert.equal(b.logs.filter((l) => /unreachable/.test(l)).length, 1, b.logs.join('\n'));

    await redis.restart();
    let status = 0;
    for (let i = 0; i < 40 && status !== 201; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await post(b, '192.0.2.91', booking(DEMO_ROOMS.deluxe, 44, 45))).status;
    }
    assert.equal(status, 201);
    assert.ok(b.logs.some((l) => /reachable again/.test(l)));
    assert.equal(await stored(DEMO_ROOMS.deluxe, 42), 0);
    assert.equal(await stored(DEMO_ROOMS.deluxe, 44), 1);
  });
});
