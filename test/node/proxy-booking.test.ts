/**
 * What the proxy adds to a booking and how it reads Staymod's refusals, against
 * the fake Staymod of proxy-fake.ts: ambiguous 400s, the quote note, OTA-held
 * nights and Staymod's stale inventory counter.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorFromBookingResponse, isBookingRefusal, UNCONFIRMED_BOOKING_MESSAGE } from '../../src/contract/errors.js';
import { booking, fakeStaymod, jsonResponse, makeProxy, OPTION, post, posts } from './proxy-fake.js';

describe('proxy: a 400 on POST bookings is a refusal only with a Staymod validation message', () => {
  for (const message of ['E11000 duplicate key error collection: staymod.bookings index: _id_', 'connection 3 to 127.0.0.1:27017 closed']) {
    it(`"${message.slice(0, 30)}...": unconfirmed, kept under the key, never re-sent`, async () => {
      const fake = fakeStaymod({ units: 5 });
      const { proxy, logs } = makeProxy(fake);
      fake.onCall((call) => (call.method === 'POST' ? jsonResponse(400, { error: message }) : undefined));
      const first = await proxy(post(booking(), { 'idempotency-key': 'k-400' }));
      assert.equal(first.status, 502);
      assert.deepEqual(await first.json(), { error: UNCONFIRMED_BOOKING_MESSAGE });
      assert.match(logs.join('\n'), /may have been made but could not be confirmed \(HTTP 400\)/);
      fake.onCall(undefined); // a re-sent POST would now book a second time
      for (let i = 0; i < 3; i++) {
        const again = await proxy(post(booking(), { 'idempotency-key': 'k-400' }));
        assert.equal(again.status, 502);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
      }
      assert.equal(posts(fake), 1, 'Staymod saw exactly one POST');
    });
  }

  // Staymod's message for an empty rooms list or map (its handler checks it before any insert).
  it('"rooms must include at least one room." is a refusal: passed through, and the key says nothing was booked', async () => {
    const message = 'rooms must include at least one room.';
    assert.ok(isBookingRefusal(message));
    assert.equal(errorFromBookingResponse(400, message).code, 'invalid-input', 'direct mode: not unconfirmed');
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? jsonResponse(400, { error: message }) : undefined));
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-empty' }));
    assert.equal(first.status, 400);
    assert.equal((await first.json()).error, message);
    const asked = await proxy(post(booking(), { 'idempotency-key': 'k-empty', 'idempotency-replay-only': 'true' }));
    assert.equal(asked.status, 400);
    assert.equal((await asked.json()).booked, false);
  });

  it("Staymod's own validation 400 stays a definitive refusal, passed through", async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? jsonResponse(400, { error: 'Room number "9" is not valid for "Deluxe".' }) : undefined));
    const first = await proxy(post(booking(), { 'idempotency-key': 'k-val' }));
    assert.equal(first.status, 400);
    assert.equal((await first.json()).error, 'Room number "9" is not valid for "Deluxe".');
  });
});

describe('proxy: the quote goes to Staymod in specialRequests', () => {
  it('writes rooms, nights, extras and total above the guest text, from its own re-pricing', async () => {
    const prices: Record<string, number> = { '2026-06-01': 4500, '2026-06-02': 4500, '2026-06-03': 5200 };
    const fake = fakeStaymod({ units: 5, price: (d) => prices[d] ?? 1 });
    const { proxy } = makeProxy(fake);
    const response = await proxy(
      post(
        booking({
          checkOut: '2026-06-04T11:00:00.000Z',
          numberOfGuests: 2,
          specialRequests: 'Quiet room please.',
          selectedOptions: [{ bookingOptionId: OPTION, quantity: 2 }],
        }),
      ),
    );
    assert.equal(response.status, 201);
    const sent = fake.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    assert.equal(
      sent['specialRequests'],
      [
        '[Quote by booking proxy from Staymod availability]',
        'Deluxe, 3 nights: 2 x 4,500 + 1 x 5,200 = 14,200',
        'Breakfast: 1,800',
        'Total: INR 16,000',
        '---',
        'Quiet room please.',
      ].join('\n'),
    );
  });

  it('writes the quote alone when the guest wrote nothing, in the configured currency', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake, { currency: 'usd' });
    assert.equal((await proxy(post(booking()))).status, 201);
    const sent = fake.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    assert.equal(sent['specialRequests'], '[Quote by booking proxy from Staymod availability]\nDeluxe, 2 nights: 2 x 2,500 = 5,000\nTotal: USD 5,000');
  });

  it('refuses an unknown currency at start', () => {
    assert.throws(() => makeProxy(fakeStaymod(), { currency: 'RUPEES' }), /currency "RUPEES" is not an ISO 4217 code/);
  });
});

describe('proxy: its availability check and Staymod inventory counter', () => {
  it('refuses a night the view shows full (an OTA booking) even though Staymod would accept it', async () => {
    const fake = fakeStaymod({ units: 5 }); // Staymod's counter: plenty
    const { proxy } = makeProxy(fake);
    fake.onCall(async (call) => {
      if (!call.url.includes('/room-availability')) return undefined;
      fake.onCall(undefined);
      fake.setUnits(0); // the view: every cell full
      const view = await fake.fetch(call.url, { method: 'GET' });
      fake.setUnits(5);
      return view;
    });
    const response = await proxy(post(booking()));
    assert.equal(response.status, 400);
    assert.match((await response.json()).error, /^Not enough availability on 2026-06-01/);
    assert.equal(posts(fake), 0, 'nothing was sent to Staymod');
  });

  it("a view showing free but Staymod's counter saying sold out: the guest gets sold-out, the host one line per room type and night", async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy, logs } = makeProxy(fake);
    fake.onCall((call) =>
      call.method === 'POST' ? jsonResponse(400, { error: 'Not enough availability on 2026-06-02 (need 1 unit(s), 0 left).' }) : undefined,
    );
    for (let i = 0; i < 4; i++) {
      const response = await proxy(post(booking({ guestName: `Guest ${i}` })));
      assert.equal(response.status, 400);
      assert.match((await response.json()).error, /^Not enough availability on 2026-06-02/);
    }
    const stale = logs.filter((line) => line.includes('inventory counter is out of date'));
    assert.equal(stale.length, 1, logs.join('\n'));
    assert.match(stale[0]!, /room type "double" on 2026-06-02/);
    assert.match(stale[0]!, /re-save the unit count/);
    fake.onCall((call) =>
      call.method === 'POST' ? jsonResponse(400, { error: 'Not enough availability on 2026-06-01 (need 1 unit(s), 0 left).' }) : undefined,
    );
    await proxy(post(booking()));
    assert.equal(logs.filter((line) => line.includes('inventory counter is out of date')).length, 2, 'another night is another line');
    assert.equal(posts(fake), 5);
  });
});
