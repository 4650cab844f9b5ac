/**
 * The Durable Object state under real workerd (Miniflare): two workers, so two
 * isolates with their own handler, share one StaymodProxyState namespace in
 * front of the real sandbox. The same race and replay cases as the Redis suite.
 *
 *   node --import tsx --test test/worker/durable-object.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { oneRoomBooking, storedCount, TODAY } from '../state-fixtures.js';

const ENTRY = fileURLToPath(new URL('../../src/proxy/worker.ts', import.meta.url));

let sandbox: RunningSandbox;
let mf: Miniflare;
let workDir: string;
type Fetcher = { fetch(url: string, init?: RequestInit): Promise<Response> };
const workers: Fetcher[] = [];

before(async () => {
  // A wide window between Staymod's check and its insert: without the shared lock, the isolates would double-book.
  sandbox = await startSandbox({ port: 0, today: TODAY, raceWindowMs: 50 });
  workDir = await mkdtemp(join(tmpdir(), 'staymod-do-'));
  const outfile = join(workDir, 'worker.mjs');
  await build({ entryPoints: [ENTRY], bundle: true, format: 'esm', platform: 'neutral', conditions: ['worker', 'browser'], mainFields: ['browser', 'module', 'main'], outfile, logLevel: 'silent' });
  const script = await readFile(outfile, 'utf8');
  const bindings = {
    STAYMOD_API_KEY: sandbox.demo.keys.full,
    STAYMOD_PROPERTY_IDS: sandbox.demo.propertyId,
    STAYMOD_UPSTREAM: sandbox.url,
    STAYMOD_TIMEOUT_MS: '2000',
  };
  mf = new Miniflare({
    workers: [
      { name: 'a', modules: true, script, compatibilityDate: '2025-01-01', bindings, durableObjects: { STAYMOD_STATE: 'StaymodProxyState' } },
      { name: 'b', modules: true, script, compatibilityDate: '2025-01-01', bindings, durableObjects: { STAYMOD_STATE: { className: 'StaymodProxyState', scriptName: 'a' } } },
    ],
  });
  await mf.ready;
  for (const name of ['a', 'b']) workers.push((await mf.getWorker(name)) as unknown as Fetcher);
});

after(async () => {
  await mf?.dispose();
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const base = () => `http://proxy.test/api/public/v1/properties/${sandbox.demo.propertyId}`;

const booking = (room: string, from: number, to: number, guestName = 'DO Guest') => oneRoomBooking(room, from, to, guestName);

async function post(worker: Fetcher, client: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await worker.fetch(`${base()}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': client, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const stored = (room: string, from: number) => storedCount(sandbox, room, from);

describe('proxy state in a Durable Object, shared by two workers', () => {
  it('20 simultaneous bookings of the last unit through two isolates: exactly one booked', { timeout: 30_000 }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(workers[i % 2]!, `198.51.100.${i + 1}`, booking(DEMO_ROOMS.penthouse, 20, 22, `Guest ${i}`))),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
    for (const a of answers.filter((x) => x.status !== 201)) {
      assert.ok(a.status === 400 || (a.status === 503 && a.headers.get('retry-after')), `${a.status} ${a.text}`);
    }
    assert.equal(await stored(DEMO_ROOMS.penthouse, 20), 1);
  });

  it('the same Idempotency-Key on both isolates at once: one booking, the same answer; another body gets 422', async () => {
    const body = booking(DEMO_ROOMS.deluxe, 24, 25);
    const headers = { 'idempotency-key': 'do-idem-1' };
    const [a, b] = await Promise.all([post(workers[0]!, '203.0.113.1', body, headers), post(workers[1]!, '203.0.113.2', body, headers)]);
    assert.equal(a.status, 201, a.text);
    assert.equal(b.text, a.text);
    assert.equal([a, b].filter((x) => x.headers.get('idempotent-replayed') === 'true').length, 1);
    const other = await post(workers[1]!, '203.0.113.2', { ...body, guestName: 'Someone Else' }, headers);
    assert.equal(other.status, 422);
    assert.equal(await stored(DEMO_ROOMS.deluxe, 24), 1);
  });

  it('a rate limit counts across isolates (10 bookings a minute per client)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(workers[i % 2]!, '192.0.2.99', { not: 'a booking' })).status);
    assert.deepEqual(statuses, [...Array(10).fill(400), 429, 429]);
  });
});
