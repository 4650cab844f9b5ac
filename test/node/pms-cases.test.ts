/**
 * The shared proxy case table (test/worker/proxy-cases.ts) against the proxy with
 * the Cloudbeds adapter and with the Guesty adapter, each in front of its fake
 * over HTTP. Cases that only fit Staymod are skipped with their reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';
import { startGuestyFake } from '../../src/fakes/guesty/server.js';
import type { RunningFake } from '../../src/fakes/common.js';
import { cloudbedsPmsFor, guestyPmsFor } from '../../src/fakes/pms.js';
import type { PmsDefinition } from '../../src/proxy/adapters/types.js';
import { createNodeProxyServer } from '../../src/proxy/node.js';
import { ALLOWED_ORIGIN, proxyCases, TIMEOUT_MS, type Harness, type StoredBooking, type SystemUnderTest } from '../worker/proxy-cases.js';
import { serverPool } from './servers.js';

// A frozen Tuesday a few months ahead (the proxy checks dates by the real clock, so it must be in the
// future): day 20, the race's check-in, is then a Monday, not a Sunday (the Rooftop Suite is closed to
// arrival on Sundays).
const TODAY = (() => {
  const d = new Date(Date.now() + 90 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((2 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
})();

interface Setup {
  fake: RunningFake;
  pms: PmsDefinition;
  propertyId: string;
  otherPropertyId: string;
  currency: string;
  secret: string;
  sys: Omit<SystemUnderTest, 'stats' | 'stored'> & { stored(state: any): StoredBooking[] };
}

async function cloudbeds(): Promise<Setup> {
  const fake = await startCloudbedsFake({ today: TODAY });
  return {
    fake,
    pms: cloudbedsPmsFor(fake),
    propertyId: fake.demo.propertyId,
    otherPropertyId: fake.demo.otherPropertyId,
    currency: fake.demo.currency,
    secret: fake.demo.apiKey,
    sys: {
      name: 'Cloudbeds',
      routes: { availability: 'getRatePlans', booking: 'postReservation' },
      // Superior King: 3 units; Rooftop Suite: 1; the Standard Double is full on nights 3 and 4.
      rooms: { multi: '501235', multiUnits: 3, single: '501237' },
      soldOut: { roomId: '501234', from: 2, to: 5 },
      badRoomId: /Cloudbeds room type id/,
      createdStatus: 200,
      // Paced to 5 requests a second (past it Cloudbeds may suspend the key): each racer's turn costs a few calls.
      racers: 6,
      stored: (state) =>
        state.reservations.flatMap((r: any) => r.rooms.map((room: any) => ({ roomId: room.roomTypeID, checkIn: r.startDate, guestName: `${r.guestFirstName} ${r.guestLastName}` }))),
    },
  };
}

async function guesty(): Promise<Setup> {
  const fake = await startGuestyFake({ today: TODAY });
  const [alfama, baixa, riverside] = fake.listingIds;
  return {
    fake,
    pms: guestyPmsFor(fake, { withOpenApi: true }),
    propertyId: fake.demo.propertyId,
    otherPropertyId: 'another-account',
    currency: fake.demo.currency,
    secret: fake.demo.beClientSecret,
    sys: {
      name: 'Guesty',
      routes: { availability: 'calendar', booking: 'inquiry' },
      // Riverside Rooms: a multi-unit listing of 3; Baixa Studio: 1; the Alfama Loft is taken on nights 3 and 4.
      rooms: { multi: riverside!, multiUnits: 3, single: baixa! },
      soldOut: { roomId: alfama!, from: 2, to: 5 },
      badRoomId: /Guesty listing id/,
      createdStatus: 200,
      // Paced to 5 requests a second: each racer's turn costs a few calls.
      racers: 6,
      stored: (state) => state.reservations.map((r: any) => ({ roomId: r.listingId, checkIn: r.checkIn, guestName: `${r.guest.firstName} ${r.guest.lastName}` })),
    },
  };
}

for (const make of [cloudbeds, guesty]) {
  describe(`shared proxy cases against ${make.name === 'cloudbeds' ? 'Cloudbeds' : 'Guesty'}`, () => {
    let setup: Setup;
    const servers = serverPool();
    let h: Harness;
    const logs: string[] = [];

    before(async () => {
      setup = await make();
      const server = createNodeProxyServer({
        pms: setup.pms,
        propertyIds: [setup.propertyId],
        allowedOrigins: [ALLOWED_ORIGIN],
        currency: setup.currency,
        timeoutMs: TIMEOUT_MS,
        trustForwardedFor: true,
        logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
      });
      const proxyUrl = `http://127.0.0.1:${await servers.listen(server)}`;
      const state = async () => (await fetch(`${setup.fake.url}/__sandbox/state`)).json() as Promise<any>;
      h = {
        demo: { propertyId: setup.propertyId, otherPropertyId: setup.otherPropertyId, today: TODAY, keys: {} },
        secret: setup.secret,
        url: (path) => `${proxyUrl}${path}`,
        client: (id) => ({ 'x-forwarded-for': id }),
        sandboxUrl: setup.fake.url,
        sys: { ...setup.sys, stats: async () => (await state()).requests, stored: async () => setup.sys.stored(await state()) },
      };
    });
    after(async () => {
      await servers.closeAll();
      await setup.fake.close();
    });

    proxyCases.forEach((c, i) => {
      it(c.name, { skip: c.staymodOnly ? `Staymod only: ${c.staymodOnly}` : false }, () => c.run(h, `198.51.100.${i + 1}`));
    });
    it('never wrote a secret to a log line', () => {
      assert.ok(logs.length > 0, 'the failure cases logged something');
      for (const line of logs) assert.ok(!line.includes(setup.secret), line);
    });
  });
}
