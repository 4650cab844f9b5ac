/**
 * Guesty's access token shared across proxy instances through the proxy's state:
 * Guesty allows only a few token renewals a day, so two instances (two processes,
 * two isolates) sharing one store must not each ask for their own.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { startGuestyFake, type RunningGuestyFake } from '../../src/fakes/guesty/server.js';
import { guestyTestProxy } from '../../src/fakes/pms.js';
import { createStaymodProxy, type StaymodProxyHandler } from '../../src/proxy/handler.js';
import { MemoryState } from '../../src/proxy/state/memory.js';
import { redisState } from '../../src/proxy/state/redis.js';
import type { ProxyState } from '../../src/proxy/state/types.js';
import { startRedis, type RunningRedis } from './redis-server.js';

const TODAY = utcDateKey(Date.now());
const day = (n: number) => addDays(TODAY, n);
const ORIGIN = 'https://hotel.example';
let fake: RunningGuestyFake;
let redis: RunningRedis;
const opened: ProxyState[] = [];

/** The instances' clock: moved forward to age a token, since a 401 renews only one at least 10 minutes old. */
let clockOffset = 0;
function instance(state: ProxyState): StaymodProxyHandler {
  return createStaymodProxy({ ...guestyTestProxy(fake), state, now: () => Date.now() + clockOffset });
}
/** Availability is never cached here: each call reaches Guesty with the instance's token. */
async function availability(proxy: StaymodProxyHandler, from: number): Promise<number> {
  const url = `https://proxy.example/api/public/v1/properties/${fake.demo.propertyId}/room-availability?from=${day(from)}&to=${day(from + 2)}`;
  return (await proxy(new Request(url, { headers: { origin: ORIGIN } }))).status;
}
const tokenRequests = async (): Promise<number> => ((await (await fetch(`${fake.url}/__sandbox/state`)).json()) as any).requests.token ?? 0;

before(async () => {
  fake = await startGuestyFake({ today: TODAY });
  redis = await startRedis();
});
after(async () => {
  for (const state of opened) await state.close?.();
  await fake.close();
  await redis.kill();
});
beforeEach(async () => {
  await fetch(`${fake.url}/__sandbox/reset`, { method: 'POST' });
  clockOffset = 0;
});

const stores: Array<[string, () => [ProxyState, ProxyState]]> = [
  ['one memory store', () => {
    const shared = new MemoryState();
    return [shared, shared];
  }],
  ['one Redis (a connection each, as two processes)', () => {
    const prefix = `token-test-${crypto.randomUUID()}:`;
    const pair: [ProxyState, ProxyState] = [redisState({ url: redis.url, prefix }), redisState({ url: redis.url, prefix })];
    opened.push(...pair);
    return pair;
  }],
];

for (const [name, make] of stores) {
  describe(`Guesty token across two proxy instances sharing ${name}`, () => {
    it('N concurrent first requests on both instances make 1 token request; after a 401 one renewal serves both', async () => {
      const [a, b] = make().map(instance) as [StaymodProxyHandler, StaymodProxyHandler];
      const first = await Promise.all(Array.from({ length: 8 }, (_, i) => availability(i % 2 ? a : b, 1)));
      assert.deepEqual([...new Set(first)], [200]);
      assert.equal(await tokenRequests(), 1, 'eight guests on two instances, one token');
      assert.equal(await availability(b, 4), 200);
      assert.equal(await tokenRequests(), 1, 'reused');

      clockOffset = 11 * 60_000;
      await fetch(`${fake.url}/__sandbox/expire-tokens`, { method: 'POST' });
      assert.equal(await availability(a, 7), 200);
      assert.equal(await tokenRequests(), 2, 'renewed once after the 401');
      // b still holds the refused token: its 401 finds a's renewal in the store.
      assert.equal(await availability(b, 10), 200);
      assert.equal(await tokenRequests(), 2, 'the other instance takes the renewed token');
    });

    it('after one renewal on a 401, neither instance renews on a 401 again within 15 minutes', async () => {
      const [a, b] = make().map(instance) as [StaymodProxyHandler, StaymodProxyHandler];
      assert.equal(await availability(a, 1), 200);
      clockOffset = 11 * 60_000;
      await fetch(`${fake.url}/__sandbox/expire-tokens`, { method: 'POST' });
      assert.equal(await availability(a, 4), 200);
      assert.equal(await tokenRequests(), 2);
      // Twelve minutes on, the renewed token is old too, but a 401 renewed one three minutes ago: the host is told instead.
      clockOffset = 23 * 60_000;
      await fetch(`${fake.url}/__sandbox/expire-tokens`, { method: 'POST' });
      assert.equal(await availability(b, 7), 502);
      assert.equal(await availability(a, 10), 502);
      assert.equal(await tokenRequests(), 2, 'no renewal within 15 minutes of the last, on either instance');
      clockOffset = 27 * 60_000;
      assert.equal(await availability(b, 13), 200);
      assert.equal(await tokenRequests(), 3);
    });
  });
}
