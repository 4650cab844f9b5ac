/**
 * The proxy's stay quote (`GET quote?roomId&checkIn&checkOut&guests`): offered only where the
 * system prices whole stays (Guesty without its Open API), answered from a Guesty quote,
 * cached briefly and rate-limited like the other upstream reads.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { startCloudbedsFake, type RunningCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';
import { GUESTY_LISTINGS } from '../../src/fakes/guesty/data.js';
import { startGuestyFake, type RunningGuestyFake } from '../../src/fakes/guesty/server.js';
import { cloudbedsPmsFor, guestyPmsFor } from '../../src/fakes/pms.js';
import { createStaymodProxy, type StaymodProxyHandler } from '../../src/proxy/handler.js';
import type { StaymodProxyOptions } from '../../src/proxy/options.js';

const TODAY = utcDateKey(Date.now());
const day = (n: number) => addDays(TODAY, n);
const ORIGIN = 'https://hotel.example';
let guesty: RunningGuestyFake;
let cloudbeds: RunningCloudbedsFake;
const riverside = GUESTY_LISTINGS.find((l) => l.title === 'Riverside Rooms')!;

function proxy(options: Partial<StaymodProxyOptions> & Pick<StaymodProxyOptions, 'pms' | 'propertyIds'>): StaymodProxyHandler {
  return createStaymodProxy({ allowedOrigins: ORIGIN, currency: 'EUR', timeoutMs: 800, logger: { info: () => {}, warn: () => {}, error: () => {} }, ...options });
}
async function quote(handler: StaymodProxyHandler, propertyId: string, query: Record<string, string>) {
  const url = `https://proxy.example/api/public/v1/properties/${propertyId}/quote?${new URLSearchParams(query)}`;
  const response = await handler(new Request(url, { headers: { origin: ORIGIN } }));
  return { status: response.status, json: (await response.json()) as any };
}
const guestyRequests = async (): Promise<Record<string, number>> => ((await (await fetch(`${guesty.url}/__sandbox/state`)).json()) as any).requests;

before(async () => {
  guesty = await startGuestyFake({ today: TODAY });
  cloudbeds = await startCloudbedsFake({ today: TODAY });
});
after(async () => {
  await guesty.close();
  await cloudbeds.close();
});
beforeEach(async () => {
  await fetch(`${guesty.url}/__sandbox/reset`, { method: 'POST' });
});

describe('stay quote through the proxy', () => {
  it('Guesty without the Open API: the quote\'s price for the stay (nights, cleaning fee and taxes), cached briefly', async () => {
    const handler = proxy({ pms: guestyPmsFor(guesty), propertyIds: guesty.demo.propertyId });
    const stay = { roomId: riverside._id, checkIn: day(20), checkOut: day(22), guests: '2' };
    const first = await quote(handler, guesty.demo.propertyId, stay);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const nights = [day(20), day(21)].map((d) => ([5, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? riverside.weekendPrice : riverside.basePrice));
    assert.deepEqual(first.json.quote, { roomId: riverside._id, checkIn: day(20), checkOut: day(22), guests: 2, total: nights[0]! + nights[1]! + 30 });
    const quotesMade = (await guestyRequests())['quotes'];
    assert.equal((await quote(handler, guesty.demo.propertyId, stay)).json.quote.total, first.json.quote.total);
    assert.equal((await guestyRequests())['quotes'], quotesMade, 'the second guest is answered from the cache');
  });

  it("Guesty's quote without its money (fees and taxes) is no price, never the nights' sum, which would understate it", async () => {
    // Guesty's answer with the rate plans' `money` removed: only the nights' prices are left.
    const stripMoney = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/api/reservations/quotes')) return response;
      const text = (await response.text()).replace(/"money":\{[^{}]*\}/g, '"money":{}');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const handler = proxy({ pms: guestyPmsFor(guesty), propertyIds: guesty.demo.propertyId, fetch: stripMoney });
    const answer = await quote(handler, guesty.demo.propertyId, { roomId: riverside._id, checkIn: day(20), checkOut: day(22), guests: '2' });
    assert.equal(answer.status, 502, JSON.stringify(answer.json));
    assert.match(answer.json.error, /quote without a price/);
  });

  it('refuses a malformed stay without asking Guesty, and names Guesty\'s refusal (minimum stay)', async () => {
    const handler = proxy({ pms: guestyPmsFor(guesty), propertyIds: guesty.demo.propertyId });
    const bad = await quote(handler, guesty.demo.propertyId, { roomId: 'nope', checkIn: day(22), checkOut: day(20), guests: '0' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.json.fields).sort(), ['checkOut', 'guests', 'roomId']);
    assert.equal((await guestyRequests())['quotes'] ?? 0, 0);
  });

  it('rate-limited like the other upstream reads', async () => {
    const handler = proxy({ pms: guestyPmsFor(guesty), propertyIds: guesty.demo.propertyId, rateLimit: { get: 1000, upstream: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await quote(handler, guesty.demo.propertyId, { roomId: riverside._id, checkIn: day(30 + i), checkOut: day(32 + i), guests: '1' })).status);
    assert.deepEqual(statuses, [200, 200, 429]);
  });

  it("offered by Guesty with the Open API too (its nightly prices leave out fees and taxes), and by Cloudbeds (for its exclusive taxes)", async () => {
    const open = proxy({ pms: guestyPmsFor(guesty, { withOpenApi: true }), propertyIds: guesty.demo.propertyId });
    const quoted = await quote(open, guesty.demo.propertyId, { roomId: riverside._id, checkIn: day(20), checkOut: day(22), guests: '1' });
    assert.equal(quoted.status, 200, JSON.stringify(quoted.json));
    const nights = [day(20), day(21)].map((d) => ([5, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? riverside.weekendPrice : riverside.basePrice));
    assert.equal(quoted.json.quote.total, nights[0]! + nights[1]! + 30);
    const cb = proxy({ pms: cloudbedsPmsFor(cloudbeds), propertyIds: cloudbeds.demo.propertyId, currency: cloudbeds.demo.currency });
    // No exclusive taxes in this fake: the quote is the nights' rates (pms-cloudbeds tests a taxed one).
    const stay = await quote(cb, cloudbeds.demo.propertyId, { roomId: '501235', checkIn: day(20), checkOut: day(22), guests: '1' });
    assert.equal(stay.status, 200, JSON.stringify(stay.json));
    assert.ok(stay.json.quote.total > 0, JSON.stringify(stay.json));
  });
});
