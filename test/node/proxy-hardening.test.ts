/**
 * Issue 12, proxy hardening: one block per rule, against the fake Staymod of
 * proxy-fake.ts (proxy clock 2026-05-01, stays in June 2026).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, booking, fakeStaymod, jsonResponse, KEY, makeProxy, OPTION, post, posts, readAll } from './proxy-fake.js';

const calls = (fake: ReturnType<typeof fakeStaymod>, path: string) => fake.calls.filter((c) => new URL(c.url).pathname.endsWith(path)).length;

describe('proxy hardening: prices, extras, guests, dates', () => {
  it('a room with no price on one night of the stay cannot be booked: 400 naming the room, nothing forwarded', async () => {
    const fake = fakeStaymod({ units: 5, price: (d) => (d === '2026-06-02' ? null : 2500) });
    const { proxy } = makeProxy(fake);
    const response = await proxy(post(booking()));
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.match(body.fields['rooms.0.roomId'], /no price for the night of 2026-06-02/);
    assert.equal(posts(fake), 0);
  });

  it('extras are re-counted from the stay: per guest for the guests, never fewer, computed when not sent', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake);
    const tooFew = await proxy(post(booking({ numberOfGuests: 2, selectedOptions: [{ bookingOptionId: OPTION, quantity: 1 }] })));
    assert.equal(tooFew.status, 400);
    assert.match((await tooFew.json()).fields['selectedOptions.0.quantity'], /must be 2 for "Breakfast" \(one per guest\)/);
    const noGuests = await proxy(post(booking({ selectedOptions: [{ bookingOptionId: OPTION, quantity: 1 }] })));
    assert.equal(noGuests.status, 400);
    assert.match((await noGuests.json()).fields['numberOfGuests'], /is required for "Breakfast"/);
    assert.equal(posts(fake), 0);
    const counted = await proxy(post(booking({ numberOfGuests: 2, selectedOptions: [{ bookingOptionId: OPTION }] })));
    assert.equal(counted.status, 201);
    const sent = fake.calls.find((c) => c.method === 'POST')!.body as { selectedOptions: Array<{ quantity: number }> };
    assert.equal(sent.selectedOptions[0]!.quantity, 2);
  });

  it('guests must fit the rooms booked (maxGuests x quantity)', async () => {
    const fake = fakeStaymod({ units: 5, maxGuests: 2 });
    const { proxy } = makeProxy(fake);
    const response = await proxy(post(booking({ numberOfGuests: 3 })));
    assert.equal(response.status, 400);
    assert.match((await response.json()).fields['numberOfGuests'], /must be at most 2/);
    assert.equal((await proxy(post(booking({ numberOfGuests: 2 })))).status, 201);
    assert.equal(posts(fake), 1);
  });

  it('past stays, stays beyond the horizon and stays longer than maxNights are refused', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake, { maxNights: 30 });
    // 2026-05-01T09:00Z: 2026-04-30 is still today at UTC-12 (21:00), 2026-04-29 is past everywhere.
    const past = await proxy(post(booking({ checkIn: '2026-04-29', checkOut: '2026-05-02' })));
    assert.equal(past.status, 400);
    assert.match((await past.json()).fields['checkIn'], /must not be in the past \(the earliest check-in is 2026-04-30\)/);
    const far = await proxy(post(booking({ checkIn: '2028-05-02', checkOut: '2028-05-03' }))); // 733 days after 2026-04-30
    assert.equal(far.status, 400);
    assert.match((await far.json()).fields['checkIn'], /at most 730 days ahead/);
    const long = await proxy(post(booking({ checkIn: '2026-06-01', checkOut: '2026-07-02' })));
    assert.equal(long.status, 400);
    assert.match((await long.json()).fields['checkOut'], /at most 30 nights/);
    assert.equal(posts(fake), 0);
    assert.equal((await proxy(post(booking({ checkIn: '2026-05-01', checkOut: '2026-05-02' })))).status, 201, 'today is fine');
    const { proxy: nearOnly } = makeProxy(fake, { maxDaysAhead: 10 });
    assert.equal((await nearOnly(post(booking()))).status, 400, 'the horizon is configurable');
  });

  it("a guest's own today is never past: 20:00 in Los Angeles is tomorrow in UTC; a timeZone makes the property's today the rule", async () => {
    const fake = fakeStaymod({ units: 5 });
    const evening = Date.parse('2026-05-02T03:00:00Z'); // 2026-05-01, 20:00 in Los Angeles
    const tonight = booking({ checkIn: '2026-05-01', checkOut: '2026-05-02' });
    const { proxy } = makeProxy(fake, { now: () => evening });
    assert.equal((await proxy(post(tonight))).status, 201, 'tonight, booked in the evening west of UTC');
    const { proxy: inLosAngeles } = makeProxy(fake, { now: () => evening, timeZone: 'America/Los_Angeles' });
    assert.equal((await inLosAngeles(post(booking({ checkIn: '2026-05-01', checkOut: '2026-05-03', guestName: 'Late Arrival' })))).status, 201);
    const { proxy: inKolkata } = makeProxy(fake, { now: () => evening, timeZone: 'Asia/Kolkata' }); // 08:30 on 2026-05-02 there
    const refused = await inKolkata(post(booking({ checkIn: '2026-05-01', checkOut: '2026-05-03', guestName: 'Too Late' })));
    assert.equal(refused.status, 400);
    assert.match((await refused.json()).fields['checkIn'], /the earliest check-in is 2026-05-02/);
    assert.throws(() => makeProxy(fake, { timeZone: 'Asia/Bombay-ish' }), /timeZone "Asia\/Bombay-ish" is not an IANA time zone/);
  });

  describe('one meaning of a date', () => {
    const accepted = ['2026-06-01', '2026-06-01T14:00:00.000Z', '2026-06-01T14:00:00Z', '2026-06-01T14:00Z', '2026-06-01T00:00Z', '2026-06-01T23:59:00.000Z'];
    const refused = [
      '2026-06-01T24:00:00.000Z',
      '2026-06-01T14:00:00+05:30',
      '2026-06-01T14:00:00.000+00:00',
      '2026-06-01T14:00:00',
      '2026-06-01T14:00:00.500Z',
      '2026-06-01T14:00:00.0Z',
      '2026-06-01T14:00:30Z',
      '2026-06-01T23:59:60Z',
      '2026-06-01T14Z',
      '2026-06-01T1400Z',
      '2026-06-01 14:00Z',
      '20260601',
      '2026-6-1',
      '2026-06-31',
      '+02026-06-01',
      '2026-06-01Z',
      '2026-06-01t14:00z',
    ];
    for (const value of accepted) {
      it(`accepts ${value}`, async () => {
        const fake = fakeStaymod({ units: 5 });
        const { proxy } = makeProxy(fake);
        const response = await proxy(post(booking({ checkIn: value })));
        assert.equal(response.status, 201, await response.text());
      });
    }
    for (const value of refused) {
      it(`refuses ${value} with a 400 naming the field`, async () => {
        const fake = fakeStaymod({ units: 5 });
        const { proxy } = makeProxy(fake);
        for (const field of ['checkIn', 'checkOut']) {
          const response = await proxy(post(booking({ [field]: value })));
          assert.equal(response.status, 400);
          const body = await response.json();
          assert.ok(body.fields[field], JSON.stringify(body));
          assert.ok(body.error.includes(field), body.error);
        }
        assert.equal(fake.calls.length, 0);
      });
    }
  });

  it('booking options used to price a booking are read fresh, not from the 5-minute cache', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy } = makeProxy(fake);
    await proxy(new Request('https://proxy.test/api/public/v1/properties/6630f1a2b3c4d5e6f7a8b9c0/booking-options'));
    const before = calls(fake, '/booking-options');
    const body = booking({ numberOfGuests: 1, selectedOptions: [{ bookingOptionId: OPTION }] });
    assert.equal((await proxy(post(body))).status, 201);
    assert.equal((await proxy(post(body))).status, 201);
    assert.equal(calls(fake, '/booking-options') - before, 2, 'one fresh read per booking');
  });
});

describe('proxy hardening: redaction before truncation', () => {
  // Long enough that the proxy's 500-character cut of Staymod's message falls inside the key.
  const message = `${'x'.repeat(480)} Bearer ${KEY} rejected`;
  const leaks = (text: string) => [KEY, KEY.slice(0, 12), KEY.slice(8, 20), KEY.slice(-12)].some((part) => text.includes(part));

  for (const [name, status] of [['a 400 passed through', 400], ["a 401 of the proxy's own key", 401], ['a 429', 429]] as const) {
    it(`${name}: not one character of the key in the answer or the log`, async () => {
      const fake = fakeStaymod();
      const { proxy, logs } = makeProxy(fake);
      fake.onCall(() => jsonResponse(status, { error: message }));
      const all = await readAll(await proxy(new Request(`${BASE}/rooms`)));
      assert.ok(!leaks(all), all);
      assert.ok(!leaks(logs.join('\n')), logs.join('\n'));
    });
  }

  it('a booking refused with the key in an unknown 400: unconfirmed, nothing of the key anywhere', async () => {
    const fake = fakeStaymod({ units: 5 });
    const { proxy, logs } = makeProxy(fake);
    fake.onCall((call) => (call.method === 'POST' ? jsonResponse(400, { error: message }) : undefined));
    const all = await readAll(await proxy(post(booking())));
    assert.ok(!leaks(all) && !leaks(logs.join('\n')));
  });
});

describe('proxy hardening: allowed origins', () => {
  for (const entry of ['null', 'NULL', 'https://*.hotel.example', 'https://hotel.example, *.hotel.example', 'https://hotel.*']) {
    it(`refuses to start with allowedOrigins "${entry}"`, () => {
      assert.throws(() => makeProxy(fakeStaymod(), { allowedOrigins: entry }), /allowedOrigins .*(null|wildcard)/);
    });
  }
});

describe('proxy hardening: who a request counts against', () => {
  const rooms = (headers: Record<string, string> = {}) => new Request(`${BASE}/rooms`, { headers });
  async function statuses(extra: Parameters<typeof makeProxy>[1], requests: Array<[Record<string, string>, string]>) {
    const fake = fakeStaymod();
    const { proxy, logs } = makeProxy(fake, { rateLimit: { get: 1, post: 1 }, ...extra });
    const out: number[] = [];
    for (const [headers, socket] of requests) out.push((await proxy(rooms(headers), { remoteAddress: socket })).status);
    return { out, logs };
  }

  it('default: the socket address; forged X-Forwarded-For and cf-connecting-ip change nothing, and the shared bucket is warned once', async () => {
    const { out, logs } = await statuses({}, [
      [{ 'x-forwarded-for': '1.1.1.1' }, '10.0.0.9'],
      [{ 'x-forwarded-for': '2.2.2.2', 'cf-connecting-ip': '2.2.2.2' }, '10.0.0.9'],
      [{ 'x-forwarded-for': '3.3.3.3' }, '10.0.0.9'],
    ]);
    assert.deepEqual(out, [200, 429, 429]);
    assert.equal(logs.filter((l) => l.includes('trustedProxies is not set')).length, 1);
  });

  it('trustedProxies: N takes the entry N from the right (what the nearest trusted proxy appended), not the first', async () => {
    const { out } = await statuses({ trustedProxies: 2 }, [
      [{ 'x-forwarded-for': 'forged-1, 5.5.5.5, 10.0.0.2' }, '10.0.0.1'],
      [{ 'x-forwarded-for': 'forged-2, 5.5.5.5, 10.0.0.2' }, '10.0.0.1'],
      [{ 'x-forwarded-for': '6.6.6.6, 10.0.0.2' }, '10.0.0.1'],
    ]);
    assert.deepEqual(out, [200, 429, 200]);
    const alias = await statuses({ trustForwardedFor: true }, [
      [{ 'x-forwarded-for': 'forged-1, 7.7.7.7' }, '10.0.0.1'],
      [{ 'x-forwarded-for': 'forged-2, 7.7.7.7' }, '10.0.0.1'],
    ]);
    assert.deepEqual(alias.out, [200, 429], 'trustForwardedFor is trustedProxies: 1');
  });

  it('cf-connecting-ip only when configured (the Workers entry does)', async () => {
    const { out } = await statuses({ trustCfConnectingIp: true }, [
      [{ 'cf-connecting-ip': '8.8.8.8' }, ''],
      [{ 'cf-connecting-ip': '9.9.9.9' }, ''],
      [{ 'cf-connecting-ip': '9.9.9.9' }, ''],
    ]);
    assert.deepEqual(out, [200, 200, 429]);
  });

  it('an IPv6 client counts as its /64 (one host has a whole /64 of addresses to rotate through); IPv4-mapped IPv6 as the IPv4', async () => {
    const { out } = await statuses({}, [
      [{}, '2001:db8:1:2::1'],
      [{}, '2001:db8:1:2:ffff:eeee:dddd:cccc'],
      [{}, '2001:DB8:0001:0002::abcd'],
      [{}, '2001:db8:1:3::1'],
      [{}, '::ffff:203.0.113.9'],
      [{}, '203.0.113.9'],
    ]);
    assert.deepEqual(out, [200, 429, 429, 200, 200, 429]);
    const cf = await statuses({ trustCfConnectingIp: true }, [
      [{ 'cf-connecting-ip': '2001:db8:9:9::1' }, ''],
      [{ 'cf-connecting-ip': '2001:db8:9:9::2' }, ''],
    ]);
    assert.deepEqual(cf.out, [200, 429], 'the same from a trusted header');
  });
});

describe('proxy hardening: refused origins', () => {
  it('are rate limited, and logged at most once per 10 s with a count of the rest', async () => {
    let now = Date.parse('2026-05-01T09:00:00Z');
    const fake = fakeStaymod();
    const { proxy, logs } = makeProxy(fake, { rateLimit: { get: 5, post: 1 }, now: () => now });
    const out: number[] = [];
    for (let i = 0; i < 200; i++) {
      const response = await proxy(new Request(`${BASE}/rooms`, { headers: { origin: `https://evil${i}.example` } }), { remoteAddress: '6.6.6.6' });
      out.push(response.status);
    }
    assert.deepEqual(out.slice(0, 5), [403, 403, 403, 403, 403]);
    assert.ok(out.slice(5).every((s) => s === 429), 'then 429');
    const refusedLines = () => logs.filter((l) => l.includes('refused a request from origin'));
    assert.equal(refusedLines().length, 1);
    now += 11_000;
    await proxy(new Request(`${BASE}/rooms`, { headers: { origin: 'https://evil.example' } }), { remoteAddress: '6.6.6.6' });
    assert.equal(refusedLines().length, 2);
    assert.match(refusedLines()[1]!, /\(199 more like this in the last 11 s, not logged\)/);
    assert.equal(fake.calls.length, 0);
  });
});
