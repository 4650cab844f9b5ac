/** The Cloudbeds fake keeps the contract's traps (shared/cloudbeds-contract.md). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { startCloudbedsFake, type RunningCloudbedsFake } from '../../src/fakes/cloudbeds/server.js';

const TODAY = utcDateKey(Date.now());
let fake: RunningCloudbedsFake;
const auth = () => ({ 'x-api-key': fake.demo.apiKey });
const day = (n: number) => addDays(TODAY, n);

async function get(method: string, query: Record<string, string> = {}, headers: Record<string, string> = auth()) {
  const response = await fetch(`${fake.apiBase}/${method}?${new URLSearchParams(query)}`, { headers });
  return { status: response.status, body: (await response.json()) as any };
}

function reservationForm(extra: Record<string, string> = {}): Record<string, string> {
  return {
    propertyID: fake.demo.propertyId, startDate: day(20), endDate: day(22), guestFirstName: 'Ana', guestLastName: 'López',
    guestEmail: 'ana@example.com', guestCountry: 'MX', paymentMethod: 'cash',
    'rooms[0][roomTypeID]': '501237', 'rooms[0][quantity]': '1', 'adults[0][roomTypeID]': '501237', 'adults[0][quantity]': '2',
    'children[0][roomTypeID]': '501237', 'children[0][quantity]': '0', ...extra,
  };
}

async function post(method: string, form: Record<string, string>, type = 'application/x-www-form-urlencoded') {
  const body = type.includes('json') ? JSON.stringify(form) : new URLSearchParams(form).toString();
  const response = await fetch(`${fake.apiBase}/${method}`, { method: 'POST', headers: { ...auth(), 'content-type': type }, body });
  return { status: response.status, body: (await response.json()) as any };
}

before(async () => {
  fake = await startCloudbedsFake({ today: TODAY });
});
after(() => fake.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__sandbox/reset`, { method: 'POST' });
});

describe('Cloudbeds fake', () => {
  it('refuses a missing or wrong key with 401 access_denied, accepts x-api-key and Bearer', async () => {
    assert.equal((await get('getRoomTypes', {}, {})).status, 401);
    const wrong = await get('getRoomTypes', {}, { 'x-api-key': 'cbat_nope' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'access_denied');
    assert.equal((await get('getRoomTypes', {}, { authorization: `Bearer ${fake.demo.apiKey}` })).status, 200);
  });

  it('answers another property with HTTP 200 and success:false', async () => {
    const other = await get('getRoomTypes', { propertyIDs: fake.demo.otherPropertyId });
    assert.equal(other.status, 200);
    assert.equal(other.body.success, false);
    assert.match(other.body.message, /None of the included property id's match/);
  });

  it('lists room types with numeric string ids and unit counts, features sometimes as an object', async () => {
    const { body } = await get('getRoomTypes');
    assert.equal(body.success, true);
    assert.ok(body.data.every((t: any) => typeof t.roomTypeID === 'string' && /^\d+$/.test(t.roomTypeID)));
    assert.equal(body.data.find((t: any) => t.roomTypeName === 'Standard Double').roomTypeUnits, 4);
    assert.ok(body.data.some((t: any) => !Array.isArray(t.roomTypeFeatures)), 'one room type has features as an object');
  });

  it('rate plans: a derived plan listed before the base one, availability as a count per room type', async () => {
    const { body } = await get('getRatePlans', { startDate: day(3), endDate: day(5), detailedRates: 'true' });
    const std = body.data.filter((p: any) => p.roomTypeID === '501234');
    assert.equal(std.length, 2);
    assert.ok(std[0].ratePlanID, 'derived first');
    assert.equal(std[1].ratePlanID, undefined, 'the base plan has no ratePlanID');
    assert.deepEqual(std[1].roomRateDetailed.map((d: any) => [d.date, d.roomsAvailable]), [[day(3), 0], [day(4), 0]]);
    assert.equal((await get('getRatePlans', { startDate: day(3) })).status, 400, 'endDate is required');
  });

  it('takes reservations only as forms with bracketed arrays; a JSON body carries no parameters', async () => {
    const asJson = await post('postReservation', reservationForm(), 'application/json');
    assert.equal(asJson.status, 400);
    assert.match(asJson.body.message, /Parameter startDate is required/);
    const made = await post('postReservation', reservationForm());
    assert.equal(made.status, 200);
    assert.equal(made.body.success, true);
    assert.match(made.body.reservationID, /^\d+$/);
    assert.equal(made.body.status, 'not_confirmed');
    const state = (await (await fetch(`${fake.url}/__sandbox/state`)).json()) as any;
    const stored = state.reservations.find((r: any) => r.reservationID === made.body.reservationID);
    assert.deepEqual(stored.rooms, [{ roomTypeID: '501237', quantity: 1, adults: 2, children: 0 }]);
    assert.equal(stored.guestLastName, 'López');
  });

  it('a sold-out stay is refused with HTTP 200 and success:false; items are added after', async () => {
    const first = await post('postReservation', reservationForm());
    const second = await post('postReservation', reservationForm());
    assert.equal(second.status, 200);
    assert.equal(second.body.success, false);
    const item = await post('postItem', { reservationID: first.body.reservationID, itemID: '9002', itemQuantity: '1' });
    assert.equal(item.body.success, true);
  });

  it('a plan that does not apply comes back with zero rates while units stay free (set by /__sandbox/rates)', async () => {
    const set = await fetch(`${fake.url}/__sandbox/rates`, { method: 'POST', body: JSON.stringify({ roomTypeID: '501235', startDate: day(20), endDate: day(22), rate: 0 }) });
    assert.equal(set.status, 200);
    const { body } = await get('getRatePlans', { startDate: day(20), endDate: day(23), detailedRates: 'true' });
    const base = body.data.find((p: any) => p.roomTypeID === '501235' && !p.ratePlanID);
    assert.deepEqual(base.roomRateDetailed.map((d: any) => [d.rateBase, d.totalRate, d.roomsAvailable > 0]), [[0, 0, true], [0, 0, true], [base.roomRateDetailed[2].rateBase, base.roomRateDetailed[2].rateBase, true]]);
    assert.ok(base.roomRateDetailed[2].rateBase > 0);
  });

  it("totalRate adds the extra adults' charge for the party asked about; rateBase stays the base occupancy", async () => {
    const { body } = await get('getRatePlans', { startDate: day(20), endDate: day(21), detailedRates: 'true', adults: '4', children: '0' });
    const [night] = body.data.find((p: any) => p.roomTypeID === '501236' && !p.ratePlanID).roomRateDetailed;
    assert.equal(night.totalRate, night.rateBase + 2 * 350);
    const plain = await get('getRatePlans', { startDate: day(20), endDate: day(21), detailedRates: 'true' });
    const [baseNight] = plain.body.data.find((p: any) => p.roomTypeID === '501236' && !p.ratePlanID).roomRateDetailed;
    assert.equal(baseNight.totalRate, baseNight.rateBase);
  });

  it('grandTotal: the nights with extra adults, and exclusive taxes when the option is set', async () => {
    const form = reservationForm({ 'rooms[0][roomTypeID]': '501236', 'adults[0][roomTypeID]': '501236', 'adults[0][quantity]': '3', 'children[0][roomTypeID]': '501236' });
    const plain = await post('postReservation', form);
    const nights = plain.body.unassigned[0].dailyRates;
    const rooms = nights.reduce((s: number, r: any) => s + r.rate, 0);
    assert.equal(plain.body.grandTotal, rooms);
    const taxed = await startCloudbedsFake({ today: TODAY, exclusiveTaxPercent: 19 });
    try {
      const response = await fetch(`${taxed.apiBase}/postReservation`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
      const made = (await response.json()) as any;
      assert.equal(made.success, true);
      assert.equal(made.grandTotal, Math.round(rooms * 119) / 100);
    } finally {
      await taxed.close();
    }
  });

  it('faults: a hang, a drop and a success:false answer, by method name', async () => {
    await fetch(`${fake.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ route: 'getItems', status: 200, body: { success: false, message: 'x' }, times: 1 }) });
    assert.equal((await get('getItems')).body.success, false);
    assert.equal((await get('getItems')).body.success, true);
  });
});
