/**
 * A tiny fake Staymod behind an injected fetch, and helpers to drive a proxy
 * against it. Shared by the proxy's unit-level suites.
 */
import { createStaymodProxy, type StaymodProxyOptions } from '../../src/proxy/index.js';

export const KEY = 'sk_live_' + 'ab12'.repeat(12);
export const PROPERTY = '6630f1a2b3c4d5e6f7a8b9c0';
export const ROOM = '6630f1a2b3c4d5e6f7a8b9d1';
export const OPTION = '6630f1a2b3c4d5e6f7a8b9e1';
export const BASE = `https://proxy.test/api/public/v1/properties/${PROPERTY}`;

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fake Staymod: one room with `units` units every night, one option priced 300. */
export function fakeStaymod(
  init: { units?: number; delayMs?: number; price?: (dateKey: string) => number | null; maxGuests?: number } = {},
) {
  const calls: Call[] = [];
  let units = init.units ?? 1;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  let override: ((call: Call) => Promise<Response | undefined> | Response | undefined) | undefined;
  const fetch = async (input: string, requestInit: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(requestInit.headers).forEach((v, k) => (headers[k] = v));
    const call: Call = { method: requestInit.method ?? 'GET', url: input, headers };
    if (typeof requestInit.body === 'string') call.body = JSON.parse(requestInit.body);
    calls.push(call);
    if (init.delayMs) await new Promise((r) => setTimeout(r, init.delayMs));
    const custom = await override?.(call);
    if (custom) return custom;
    const url = new URL(input);
    if (url.pathname.endsWith('/rooms')) {
      return json(200, { rooms: [{ _id: ROOM, orgId: 'org-secret', name: 'Deluxe', icalToken: 'ical-secret', unitCount: 1, maxGuests: init.maxGuests ?? 2 }] });
    }
    if (url.pathname.endsWith('/booking-options')) {
      return json(200, {
        bookingOptions: [
          { _id: OPTION, name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 300, isActive: true, sortOrder: 0 },
        ],
      });
    }
    if (url.pathname.endsWith('/room-availability')) {
      const from = url.searchParams.get('from')!;
      const to = url.searchParams.get('to')!;
      const dates: string[] = [];
      for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
        dates.push(d.toISOString().slice(0, 10));
      }
      return json(200, {
        from,
        to,
        days: dates.map((dateKey) => ({ dateKey, isWeekend: false })),
        rows: [
          {
            rowId: `${ROOM}:1`,
            roomId: ROOM,
            listingName: 'Deluxe',
            roomType: 'double',
            unitLabel: 'Unit 1',
            cells: dates.map((dateKey) => ({ dateKey, isFull: units <= 0, price: init.price ? init.price(dateKey) : 2500, priceIsOverride: false })),
          },
        ],
      });
    }
    if (url.pathname.endsWith('/bookings') && call.method === 'POST') {
      if (units <= 0) return json(400, { error: 'Not enough availability on 2026-06-01 (need 1 unit(s), 0 left).' });
      units -= 1;
      const body = call.body as Record<string, unknown>;
      return json(201, {
        booking: {
          _id: `b${calls.length}`.padEnd(24, '0'),
          propertyId: PROPERTY,
          orgId: 'org-secret',
          guestName: body['guestName'],
          checkIn: body['checkIn'],
          checkOut: body['checkOut'],
          selectedOptions: body['selectedOptions'] ?? [],
          status: body['status'],
          rooms: { [ROOM]: { roomType: 'double', quantity: 1 } },
        },
      });
    }
    return json(404, { error: 'Not found' });
  };
  return {
    fetch,
    calls,
    setUnits: (n: number) => (units = n),
    onCall: (fn: typeof override) => (override = fn),
  };
}

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** POSTs that reached the fake Staymod. */
export const posts = (fake: ReturnType<typeof fakeStaymod>) => fake.calls.filter((c) => c.method === 'POST').length;

export function makeProxy(fake: ReturnType<typeof fakeStaymod>, extra: Partial<StaymodProxyOptions> = {}) {
  const logs: string[] = [];
  const proxy = createStaymodProxy({
    apiKey: KEY,
    propertyIds: [PROPERTY],
    allowedOrigins: ['https://hotel.example'],
    fetch: fake.fetch,
    rateLimit: false,
    // The fake's stays are in June 2026: the proxy's clock is a month before.
    now: () => Date.parse('2026-05-01T09:00:00Z'),
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    ...extra,
  });
  return { proxy, logs };
}

export const booking = (extra: Record<string, unknown> = {}) => ({
  guestName: 'Asha',
  checkIn: '2026-06-01T14:00:00.000Z',
  checkOut: '2026-06-03T11:00:00.000Z',
  rooms: [{ roomId: ROOM, quantity: 1 }],
  ...extra,
});

export function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${BASE}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function readAll(response: Response): Promise<string> {
  let text = await response.text();
  response.headers.forEach((v, k) => (text += `\n${k}: ${v}`));
  return text;
}

