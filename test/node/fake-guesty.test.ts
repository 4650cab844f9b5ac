/** The Guesty fake keeps the contract's traps (shared/guesty-contract.md). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addDays, utcDateKey } from '../../src/domain/dates.js';
import { startGuestyFake, type RunningGuestyFake } from '../../src/fakes/guesty/server.js';

const TODAY = utcDateKey(Date.now());
const day = (n: number) => addDays(TODAY, n);
let fake: RunningGuestyFake;

async function token(scope = 'booking_engine:api', id: string = fake.demo.beClientId, secret: string = fake.demo.beClientSecret) {
  const response = await fetch(`${fake.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope, client_id: id, client_secret: secret }),
  });
  return { status: response.status, body: (await response.json()) as any, retryAfter: response.headers.get('retry-after') };
}
async function api(bearer: string, path: string, body?: unknown) {
  const response = await fetch(`${fake.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any, retryAfter: response.headers.get('retry-after') };
}

before(async () => {
  fake = await startGuestyFake({ today: TODAY, quoteTtlMs: 60_000, perSecond: 1000 });
});
after(() => fake.close());
beforeEach(async () => {
  await fetch(`${fake.url}/__sandbox/reset`, { method: 'POST' });
});

describe('Guesty fake', () => {
  it('issues 24 h bearer tokens by client credentials, three a day, then 429', async () => {
    const first = await token();
    assert.equal(first.status, 200);
    assert.equal(first.body.token_type, 'Bearer');
    assert.equal(first.body.expires_in, 86400);
    await token();
    await token();
    const fourth = await token();
    assert.equal(fourth.status, 429);
    assert.equal((await token('booking_engine:api', fake.demo.beClientId, 'wrong')).status, 401);
  });

  it('answers an expired token with 401 and the error envelope', async () => {
    const { body } = await token();
    assert.equal((await api(body.access_token, `/api/listings/${fake.listingIds[0]}`)).status, 200);
    await fetch(`${fake.url}/__sandbox/expire-tokens`, { method: 'POST' });
    const expired = await api(body.access_token, `/api/listings/${fake.listingIds[0]}`);
    assert.equal(expired.status, 401);
    assert.ok(expired.body.error.code && expired.body.error.data.requestId);
  });

  it('limits each token to 5 requests a second with 429 and Retry-After', async () => {
    const strict = await startGuestyFake({ today: TODAY });
    const { body } = await token();
    void body;
    const got = await fetch(`${strict.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'booking_engine:api', client_id: fake.demo.beClientId, client_secret: fake.demo.beClientSecret }) });
    const bearer = ((await got.json()) as any).access_token;
    const answers = await Promise.all(Array.from({ length: 7 }, async () => {
      const response = await fetch(`${strict.url}/api/listings/${fake.listingIds[1]}`, { headers: { authorization: `Bearer ${bearer}` } });
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    }));
    await strict.close();
    const limited = answers.filter((a) => a.status === 429);
    assert.ok(limited.length >= 2);
    assert.equal(limited[0]!.retryAfter, '1');
  });

  it('limits each token to 275 requests a minute (here 4): 429 asking to wait out the minute', async () => {
    const strict = await startGuestyFake({ today: TODAY, perMinute: 4 });
    try {
      const got = await fetch(`${strict.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'booking_engine:api', client_id: fake.demo.beClientId, client_secret: fake.demo.beClientSecret }) });
      const bearer = ((await got.json()) as any).access_token;
      const answers = [];
      // One at a time, 250 ms apart: never 5 in a second.
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${strict.url}/api/listings/${fake.listingIds[1]}`, { headers: { authorization: `Bearer ${bearer}` } });
        answers.push({ status: response.status, retryAfter: Number(response.headers.get('retry-after')) });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 429]);
      assert.ok(answers[4]!.retryAfter >= 58 && answers[4]!.retryAfter <= 60, `wait out the minute: ${answers[4]!.retryAfter} s`);
    } finally {
      await strict.close();
    }
  });

  it('calendar without prices; quote then inquiry ends reserved; a quote serves one reservation; instant needs a card token', async () => {
    const { body } = await token();
    const t = body.access_token;
    const cal = await api(t, `/api/listings/${fake.listingIds[0]}/calendar?from=${day(2)}&to=${day(5)}`);
    assert.deepEqual(cal.body.map((d: any) => d.status), ['available', 'booked', 'booked', 'available']);
    assert.ok(cal.body.every((d: any) => d.price === undefined));
    const blocked = await api(t, '/api/reservations/quotes', { listingId: fake.listingIds[0], checkInDateLocalized: day(2), checkOutDateLocalized: day(4), guestsCount: 2 });
    assert.equal(blocked.body.error.code, 'LISTING_CALENDAR_BLOCKED');
    const short = await api(t, '/api/reservations/quotes', { listingId: fake.listingIds[0], checkInDateLocalized: day(8), checkOutDateLocalized: day(9), guestsCount: 2 });
    assert.equal(short.body.error.code, 'MIN_NIGHT_MISMATCH');
    const quote = await api(t, '/api/reservations/quotes', { listingId: fake.listingIds[1], checkInDateLocalized: day(8), checkOutDateLocalized: day(10), guestsCount: 2 });
    assert.equal(quote.status, 200);
    const ratePlanId = quote.body.rates.ratePlans[0].ratePlan._id;
    const guest = { firstName: 'João', lastName: 'Pereira', email: 'joao@example.com' };
    const instant = await api(t, `/api/reservations/quotes/${quote.body._id}/instant`, { ratePlanId, guest });
    assert.equal(instant.status, 400);
    const inquiry = await api(t, `/api/reservations/quotes/${quote.body._id}/inquiry`, { ratePlanId, guest });
    assert.equal(inquiry.status, 200);
    assert.equal(inquiry.body.status, 'reserved');
    const again = await api(t, `/api/reservations/quotes/${quote.body._id}/inquiry`, { ratePlanId, guest });
    assert.match(again.body.error.message, /already fulfilled/);
  });

  it("nightly prices leave out the cleaning fee: only the quote's money has it, in the listing's currency", async () => {
    const dollars = await startGuestyFake({ today: TODAY, currency: 'USD' });
    try {
      const got = await fetch(`${dollars.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'booking_engine:api', client_id: fake.demo.beClientId, client_secret: fake.demo.beClientSecret }) });
      const bearer = ((await got.json()) as any).access_token;
      const call = async (path: string, body?: unknown) =>
        (await fetch(`${dollars.url}${path}`, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).json() as Promise<any>;
      assert.equal((await call(`/api/listings/${fake.listingIds[1]}`)).prices.currency, 'USD');
      const quote = await call('/api/reservations/quotes', { listingId: fake.listingIds[1], checkInDateLocalized: day(8), checkOutDateLocalized: day(10), guestsCount: 2 });
      const plan = quote.rates.ratePlans[0];
      const nights = plan.days.reduce((sum: number, d: any) => sum + d.price, 0);
      assert.equal(plan.ratePlan.money.currency, 'USD');
      assert.equal(plan.ratePlan.money.subTotalPrice + plan.ratePlan.money.totalTaxes, nights + 30);
    } finally {
      await dollars.close();
    }
  });

  it('a listing deleted or unlisted answers 404 NOT_FOUND everywhere; one listing may come wrapped in `results`', async () => {
    const odd = await startGuestyFake({ today: TODAY, unlisted: [fake.listingIds[0]!], listingWrap: 'array' });
    try {
      const got = await fetch(`${odd.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'booking_engine:api', client_id: fake.demo.beClientId, client_secret: fake.demo.beClientSecret }) });
      const bearer = ((await got.json()) as any).access_token;
      const call = async (path: string) => {
        const response = await fetch(`${odd.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
        return { status: response.status, body: (await response.json()) as any };
      };
      for (const path of [`/api/listings/${fake.listingIds[0]}`, `/api/listings/${fake.listingIds[0]}/calendar?from=${day(1)}&to=${day(2)}`]) {
        const gone = await call(path);
        assert.equal(gone.status, 404, path);
        assert.equal(gone.body.error.code, 'NOT_FOUND');
      }
      assert.equal((await call('/api/listings')).body.results.length, 3);
      const wrapped = await call(`/api/listings/${fake.listingIds[1]}`);
      assert.equal(wrapped.body.results[0]._id, fake.listingIds[1]);
    } finally {
      await odd.close();
    }
  });

  it('an expired quote cannot be booked', async () => {
    const { body } = await token();
    const quote = await api(body.access_token, '/api/reservations/quotes', { listingId: fake.listingIds[1], checkInDateLocalized: day(8), checkOutDateLocalized: day(9), guestsCount: 1 });
    await fetch(`${fake.url}/__sandbox/expire-quotes`, { method: 'POST' });
    const late = await api(body.access_token, `/api/reservations/quotes/${quote.body._id}/inquiry`, { ratePlanId: quote.body.rates.ratePlans[0].ratePlan._id, guest: { firstName: 'A', lastName: 'B', email: 'a@b.c' } });
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'QUOTE_EXPIRED');
  });
});
