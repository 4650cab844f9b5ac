/**
 * The Workers entry with STAYMOD_PMS=cloudbeds|guesty, inside real workerd via
 * Miniflare, against the Cloudbeds and Guesty fakes on node:http (loopback): the
 * same bindings as the CLI's environment variables.
 *
 *   node --import tsx --test test/worker/worker-pms.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { startCloudbedsFake, type RunningCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';
import { startGuestyFake, type RunningGuestyFake } from '../../src/fakes/guesty/server.js';

const ENTRY = fileURLToPath(new URL('../../src/proxy/worker.ts', import.meta.url));
const TODAY = utcDateKey(Date.now());

let cloudbeds: RunningCloudbedsFake;
let guesty: RunningGuestyFake;
let mf: Miniflare;
let workDir: string;

before(async () => {
  cloudbeds = await startCloudbedsFake({ today: TODAY });
  // Each isolate paces itself to Guesty's 5 requests a second; two isolates on one token make 10.
  guesty = await startGuestyFake({ today: TODAY, perSecond: 10 });
  workDir = await mkdtemp(join(tmpdir(), 'staymod-worker-pms-'));
  const outfile = join(workDir, 'worker.mjs');
  await build({ entryPoints: [ENTRY], bundle: true, format: 'esm', platform: 'neutral', conditions: ['worker', 'browser'], mainFields: ['browser', 'module', 'main'], outfile, logLevel: 'silent' });
  const script = await readFile(outfile, 'utf8');
  const worker = (name: string, bindings: Record<string, string>) => ({ name, modules: true, script, compatibilityDate: '2025-01-01', bindings: { ALLOWED_ORIGINS: 'https://hotel.example', ...bindings } });
  const guestyBindings = {
    STAYMOD_PMS: 'guesty',
    GUESTY_CLIENT_ID: guesty.demo.beClientId,
    GUESTY_CLIENT_SECRET: guesty.demo.beClientSecret,
    GUESTY_LISTING_IDS: guesty.listingIds.join(','),
    GUESTY_PROPERTY_ID: guesty.demo.propertyId,
    GUESTY_API_BASE: guesty.url,
    GUESTY_TOKEN_URL: `${guesty.url}/oauth2/token`,
    STAYMOD_CURRENCY: 'EUR',
  };
  mf = new Miniflare({
    workers: [
      worker('cloudbeds', {
        STAYMOD_PMS: 'cloudbeds',
        CLOUDBEDS_API_KEY: cloudbeds.demo.apiKey,
        CLOUDBEDS_PROPERTY_ID: cloudbeds.demo.propertyId,
        CLOUDBEDS_GUEST_COUNTRY: 'MX',
        CLOUDBEDS_API_BASE: cloudbeds.apiBase,
        STAYMOD_CURRENCY: 'MXN',
      }),
      worker('guesty', guestyBindings),
      worker('guesty-open-api', {
        ...guestyBindings,
        GUESTY_OPEN_API_CLIENT_ID: guesty.demo.oaClientId,
        GUESTY_OPEN_API_CLIENT_SECRET: guesty.demo.oaClientSecret,
        GUESTY_OPEN_API_BASE: guesty.url,
      }),
      // Two isolates sharing one Durable Object namespace: one Guesty token between them.
      { ...worker('guesty-do-a', guestyBindings), durableObjects: { STAYMOD_STATE: 'StaymodProxyState' } },
      { ...worker('guesty-do-b', guestyBindings), durableObjects: { STAYMOD_STATE: { className: 'StaymodProxyState', scriptName: 'guesty-do-a' } } },
      worker('cloudbeds-incomplete', { STAYMOD_PMS: 'cloudbeds', CLOUDBEDS_API_KEY: cloudbeds.demo.apiKey }),
    ],
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  await cloudbeds?.close();
  await guesty?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function call(name: string, propertyId: string, path: string, init: RequestInit = {}) {
  // Miniflare types the worker as a workers-types Fetcher; only its fetch is used here.
  const worker = (await mf.getWorker(name)) as unknown as { fetch(url: string, init?: RequestInit): Promise<Response> };
  const response = await worker.fetch(`http://proxy.test/api/public/v1/properties/${propertyId}/${path}`, init);
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as any };
}

describe('Workers entry with STAYMOD_PMS', () => {
  it('cloudbeds: rooms are the fake\'s room types with their units, and the key never leaves the worker', async () => {
    const res = await call('cloudbeds', cloudbeds.demo.propertyId, 'rooms');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.rooms.map((r: any) => r.name), ['Standard Double', 'Superior King', 'Family Suite', 'Rooftop Suite']);
    assert.deepEqual(res.json.rooms.find((r: any) => r._id === '501234').roomNumbers, ['101', '102', '103', '104']);
    assert.ok(!res.text.includes(cloudbeds.demo.apiKey));
  });

  it('cloudbeds: availability with base-plan prices and a booking stored in the fake', async () => {
    const res = await call('cloudbeds', cloudbeds.demo.propertyId, `room-availability?from=${addDays(TODAY, 20)}&to=${addDays(TODAY, 21)}`);
    assert.equal(res.status, 200, res.text);
    const row = res.json.rows.find((r: any) => r.roomId === '501235');
    assert.ok([1850, 2100].includes(row.cells[0].price), JSON.stringify(row.cells[0]));
    const booked = await call('cloudbeds', cloudbeds.demo.propertyId, 'bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        guestName: 'Worker Guest', guestEmail: 'worker@example.com', numberOfGuests: 1,
        checkIn: `${addDays(TODAY, 20)}T14:00:00.000Z`, checkOut: `${addDays(TODAY, 22)}T11:00:00.000Z`, rooms: [{ roomId: '501235', quantity: 1 }],
      }),
    });
    assert.equal(booked.status, 201, booked.text);
    const state = (await (await fetch(`${cloudbeds.url}/__sandbox/state`)).json()) as any;
    const made = state.reservations.filter((r: any) => r.guestLastName === 'Guest' && r.guestFirstName === 'Worker');
    assert.equal(made.length, 1);
    assert.equal(made[0].startDate, addDays(TODAY, 20));
  });

  it('guesty: rooms are the configured listings; nights have no price without the Open API, and a price with it', async () => {
    const rooms = await call('guesty', guesty.demo.propertyId, 'rooms');
    assert.equal(rooms.status, 200, rooms.text);
    assert.deepEqual(rooms.json.rooms.map((r: any) => r._id), guesty.listingIds);
    assert.equal(rooms.json.rooms.find((r: any) => r.name === 'Riverside Rooms').unitCount, 3);
    assert.ok(!rooms.text.includes(guesty.demo.beClientSecret));
    const range = `room-availability?from=${addDays(TODAY, 20)}&to=${addDays(TODAY, 20)}`;
    const plain = await call('guesty', guesty.demo.propertyId, range);
    assert.equal(plain.status, 200, plain.text);
    assert.ok(plain.json.rows.every((r: any) => r.cells[0].price === null));
    const priced = await call('guesty-open-api', guesty.demo.propertyId, range);
    assert.equal(priced.status, 200, priced.text);
    assert.ok(priced.json.rows.every((r: any) => typeof r.cells[0].price === 'number' && r.cells[0].price > 0));
  });

  it('guesty: two isolates sharing the Durable Object state make 1 token request for N concurrent first requests', async () => {
    await fetch(`${guesty.url}/__sandbox/reset`, { method: 'POST' });
    // Different ranges, so every request reaches Guesty (none is served from the shared cache).
    // Four requests of four listings' calendars are 16 paced calls, about 3.5 s at 5 a second:
    // inside a read's 5 s patience (six were 24 calls, at its edge, and a loaded machine went past).
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => call(i % 2 ? 'guesty-do-a' : 'guesty-do-b', guesty.demo.propertyId, `room-availability?from=${addDays(TODAY, 10 + i)}&to=${addDays(TODAY, 11 + i)}`)),
    );
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200], answers.map((a) => a.text).join('\n'));
    const state = (await (await fetch(`${guesty.url}/__sandbox/state`)).json()) as any;
    assert.equal(state.requests.token, 1, 'one token for both isolates');
  });

  it('a system named without its variables answers 500 naming them', async () => {
    const res = await call('cloudbeds-incomplete', cloudbeds.demo.propertyId, 'rooms');
    assert.equal(res.status, 500);
    assert.match(res.json.error, /not configured: STAYMOD_PMS=cloudbeds needs CLOUDBEDS_PROPERTY_ID, CLOUDBEDS_GUEST_COUNTRY/);
  });
});
