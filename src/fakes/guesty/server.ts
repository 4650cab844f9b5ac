/**
 * A local fake of Guesty's Booking Engine API (and the Open API calendar), from
 * shared/guesty-contract.md, with its traps: an OAuth2 token endpoint that counts
 * renewals (429 past the budget), tokens that expire, 5 requests a second and 275 a minute (429
 * with Retry-After), quotes that expire and serve one reservation only, inquiries
 * that end `reserved` (the host confirms), instant booking refused without a card
 * token, nightly prices without the cleaning fee (only the quote's money has it),
 * prices in the listing's currency (`currency`), deleted or unlisted listings
 * answering 404 (`unlisted`), one listing wrapped in `results` (`listingWrap`),
 * and the `{error:{code,message,data}}` envelope.
 */
import { addDays, isDateKey, nightsBetween, type DateKey } from '../../domain/dates.js';
import type { NodeRequestContext } from '../../server/node-adapter.js';
import { FaultList, handleAdmin, json, listenFake, parseForm, playFault, todayOf, type RunningFake } from '../common.js';
import { GUESTY_DEMO, GUESTY_LISTINGS, GUESTY_SEED_BOOKINGS, type FakeListing } from './data.js';

export interface GuestyFakeOptions {
  port?: number;
  host?: string;
  today?: string;
  /** Tokens one client may get per 24 h. Default 3 (the stricter of the two documented counts). */
  tokenLimit?: number;
  /** Seconds a token lives. Default 86400. */
  tokenTtlSeconds?: number;
  /** Milliseconds a quote lives. Default 24 h. */
  quoteTtlMs?: number;
  /** Requests per second per token. Default 5. */
  perSecond?: number;
  /** Requests per minute per token. Default 275 (the hour's 16,500 is the same rate). */
  perMinute?: number;
  /** Delay between an inquiry's calendar check and its insert. Default 5 ms. */
  raceWindowMs?: number;
  /** The listings' currency (prices, quotes, Open API calendar). Default EUR. */
  currency?: string;
  /** How one listing is answered: at the top level (default, as clients read it) or in `results` (the spec), as an object or a list. */
  listingWrap?: 'none' | 'object' | 'array';
  /** Listing ids deleted or unlisted in Guesty: 404 NOT_FOUND everywhere. */
  unlisted?: string[];
}

interface Reservation {
  _id: string;
  listingId: string;
  checkIn: DateKey;
  checkOut: DateKey;
  status: 'reserved' | 'confirmed';
  guest: { firstName: string; lastName: string; email?: string; phone?: string };
  guestsCount: number;
  quoteId?: string;
  confirmationCode: string;
}

interface Quote {
  _id: string;
  listingId: string;
  checkIn: DateKey;
  checkOut: DateKey;
  guestsCount: number;
  expiresAt: number;
  ratePlanId: string;
  usedBy?: string;
}

const hex = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(24 - prefix.length, '0')}`;

function guestyError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: { code, message, data: { requestId: `req-${Math.random().toString(16).slice(2, 10)}` } } }, headers);
}

export function createGuestyFake(options: GuestyFakeOptions = {}) {
  const faults = new FaultList();
  const today = () => todayOf(options.today) as DateKey;
  let reservations: Reservation[] = [];
  let quotes = new Map<string, Quote>();
  let tokens = new Map<string, { clientId: string; scope: string; expiresAt: number }>();
  let issued: Record<string, number[]> = {};
  let requests: Record<string, number> = {};
  /** Requests past the token check and the rate limit: the ones Guesty acts on (a 429 is refused unread). */
  let served: Record<string, number> = {};
  let perSecond = new Map<string, number[]>();
  let perMinute = new Map<string, number[]>();
  let next = 0;

  function reset(): void {
    reservations = GUESTY_SEED_BOOKINGS.map((b) => ({
      _id: hex(++next, 'aa'), listingId: b.listingId, checkIn: addDays(today(), b.from), checkOut: addDays(today(), b.to), status: 'confirmed',
      guest: { firstName: b.guest.split(' ')[0]!, lastName: b.guest.split(' ')[1]! }, guestsCount: 2, confirmationCode: `GY-${next}`,
    }));
    quotes = new Map();
    tokens = new Map();
    issued = {};
    requests = {};
    served = {};
    perSecond = new Map();
    perMinute = new Map();
  }
  reset();

  const listing = (id: string) => (options.unlisted?.includes(id) ? undefined : GUESTY_LISTINGS.find((l) => l._id === id));
  const currency = options.currency ?? GUESTY_DEMO.currency;
  function taken(l: FakeListing, date: DateKey): number {
    return reservations.filter((r) => r.listingId === l._id && date >= r.checkIn && date < r.checkOut).length;
  }
  const allotment = (l: FakeListing, date: DateKey) => Math.max(0, l.units - taken(l, date));
  const priceOn = (l: FakeListing, date: DateKey) => ([5, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()) ? l.weekendPrice : l.basePrice);
  const nightsOf = (from: DateKey, to: DateKey) => Array.from({ length: nightsBetween(from, to) }, (_, i) => addDays(from, i));

  function token(request: Request, body: Record<string, unknown>): Response {
    const clientId = String(body['client_id'] ?? '');
    const secret = String(body['client_secret'] ?? '');
    const scope = String(body['scope'] ?? '');
    const known = (clientId === GUESTY_DEMO.beClientId && secret === GUESTY_DEMO.beClientSecret && scope === 'booking_engine:api')
      || (clientId === GUESTY_DEMO.oaClientId && secret === GUESTY_DEMO.oaClientSecret && scope === 'open-api');
    if (body['grant_type'] !== 'client_credentials' || !known) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
    const now = Date.now();
    const recent = (issued[clientId] ?? []).filter((t) => now - t < 86_400_000);
    if (recent.length >= (options.tokenLimit ?? 3)) {
      return guestyError(429, 'TOO_MANY_REQUESTS', 'You have reached the maximum number of token renewals for the last 24 hours.', { 'retry-after': '3600' });
    }
    issued[clientId] = [...recent, now];
    const access = `fake.${clientId}.${now}.${Math.random().toString(36).slice(2)}`;
    const ttl = options.tokenTtlSeconds ?? 86_400;
    tokens.set(access, { clientId, scope, expiresAt: now + ttl * 1000 });
    void request;
    return json(200, { token_type: 'Bearer', expires_in: ttl, access_token: access, scope });
  }

  function authorize(request: Request, scope: string): Response | string {
    const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const known = bearer ? tokens.get(bearer) : undefined;
    if (!known || known.expiresAt <= Date.now() || known.scope !== scope) return guestyError(401, 'UNAUTHORIZED', 'Invalid or expired access token.');
    const now = Date.now();
    const window = (perSecond.get(bearer!) ?? []).filter((t) => now - t < 1000);
    if (window.length >= (options.perSecond ?? 5)) return guestyError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded.', { 'retry-after': '1' });
    // The minute's limit asks for a long wait: until the oldest call of the minute leaves it.
    const minute = (perMinute.get(bearer!) ?? []).filter((t) => now - t < 60_000);
    if (minute.length >= (options.perMinute ?? 275)) {
      return guestyError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded.', { 'retry-after': String(Math.ceil((minute[0]! + 60_000 - now) / 1000)) });
    }
    perSecond.set(bearer!, [...window, now]);
    perMinute.set(bearer!, [...minute, now]);
    return bearer!;
  }

  function listingJson(l: FakeListing) {
    return {
      _id: l._id, type: l.type, title: l.title, nickname: l.nickname, propertyType: 'Apartment', roomType: 'Entire home/apt',
      accommodates: l.accommodates, bedrooms: l.bedrooms, beds: l.beds, bathrooms: 1, amenities: l.amenities,
      picture: { thumbnail: l.pictures[0], regular: l.pictures[0], large: l.pictures[0] },
      pictures: l.pictures.map((p) => ({ original: p, large: p, regular: p, thumbnail: p, caption: '' })),
      publicDescription: { summary: l.summary, space: '' },
      prices: { basePrice: l.basePrice, currency, cleaningFee: 30 },
      terms: { minNights: l.minNights, maxNights: 90 }, timezone: GUESTY_DEMO.timezone, defaultCheckInTime: '15:00', defaultCheckOutTime: '11:00',
    };
  }

  async function api(request: Request, path: string, context: NodeRequestContext): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method;
    const oa = path.startsWith('/v1/');
    const route = oa ? 'oa-calendar' : /quotes\/[^/]+\/inquiry$/.test(path) ? 'inquiry' : /quotes\/[^/]+\/instant$/.test(path) ? 'instant' : path.endsWith('/quotes') ? 'quotes' : path.endsWith('/calendar') ? 'calendar' : 'listings';
    requests[route] = (requests[route] ?? 0) + 1;
    const auth = authorize(request, oa ? 'open-api' : 'booking_engine:api');
    if (auth instanceof Response) return auth;
    served[route] = (served[route] ?? 0) + 1;
    const proceed = async (): Promise<Response> => {
      let m: RegExpExecArray | null;
      if (method === 'GET' && path === '/api/listings') {
        const listed = GUESTY_LISTINGS.filter((l) => listing(l._id));
        return json(200, { results: listed.map(listingJson), pagination: { total: listed.length, cursor: { next: null } } });
      }
      if (method === 'GET' && (m = /^\/api\/listings\/([^/]+)$/.exec(path))) {
        const l = listing(m[1]!);
        if (!l) return guestyError(404, 'NOT_FOUND', 'Listing not found');
        const wrap = options.listingWrap ?? 'none';
        return json(200, wrap === 'array' ? { results: [listingJson(l)] } : wrap === 'object' ? { results: listingJson(l) } : listingJson(l));
      }
      if (method === 'GET' && (m = /^\/api\/listings\/([^/]+)\/calendar$/.exec(path))) {
        const l = listing(m[1]!);
        const from = url.searchParams.get('from') ?? '';
        const to = url.searchParams.get('to') ?? '';
        if (!l) return guestyError(404, 'NOT_FOUND', 'Listing not found');
        if (!isDateKey(from) || !isDateKey(to) || to < from) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'from and to must be YYYY-MM-DD');
        // Both ends included; no price in the Booking Engine calendar.
        const days = [...nightsOf(from, to), to].map((date) => {
          const free = allotment(l, date);
          const day: Record<string, unknown> = { date, minNights: l.minNights, isBaseMinNights: true, status: free > 0 ? 'available' : taken(l, date) ? 'booked' : 'unavailable', cta: false, ctd: false };
          if (l.type === 'MTL') day['allotment'] = free;
          return day;
        });
        return json(200, days);
      }
      if (method === 'GET' && (m = /^\/v1\/availability-pricing\/api\/calendar\/listings\/([^/]+)$/.exec(path))) {
        const l = listing(m[1]!);
        const from = url.searchParams.get('startDate') ?? '';
        const to = url.searchParams.get('endDate') ?? '';
        if (!l) return guestyError(404, 'NOT_FOUND', 'Listing not found');
        if (!isDateKey(from) || !isDateKey(to) || to < from) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'startDate and endDate must be YYYY-MM-DD');
        const days = [...nightsOf(from, to), to].map((date) => ({
          date, currency, price: priceOn(l, date), isBasePrice: true, minNights: l.minNights,
          status: allotment(l, date) > 0 ? 'available' : 'booked', allotment: allotment(l, date), cta: false, ctd: false,
        }));
        return json(200, { status: 200, data: { days } });
      }
      if (method === 'POST' && path === '/api/reservations/quotes') {
        const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
        const l = listing(String(body['listingId']));
        const checkIn = String(body['checkInDateLocalized'] ?? '');
        const checkOut = String(body['checkOutDateLocalized'] ?? '');
        const guestsCount = Number(body['guestsCount']);
        if (!l || !isDateKey(checkIn) || !isDateKey(checkOut) || checkOut <= checkIn || !Number.isInteger(guestsCount) || guestsCount < 1) {
          return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'listingId, checkInDateLocalized, checkOutDateLocalized and guestsCount are required');
        }
        if (guestsCount > l.accommodates) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', `guestsCount exceeds the listing's capacity of ${l.accommodates}`);
        const nights = nightsOf(checkIn, checkOut);
        if (nights.length < l.minNights) return guestyError(400, 'MIN_NIGHT_MISMATCH', `The minimum stay for this listing is ${l.minNights} nights`);
        if (nights.some((d) => allotment(l, d) < 1)) return guestyError(400, 'LISTING_CALENDAR_BLOCKED', 'The listing is not available for the requested dates');
        const id = hex(++next, 'bb');
        const ratePlanId = hex(++next, 'cc');
        const days = nights.map((date) => ({ date, price: priceOn(l, date), currency, basePrice: priceOn(l, date) }));
        const fare = days.reduce((s, d) => s + d.price, 0);
        const quote: Quote = { _id: id, listingId: l._id, checkIn, checkOut, guestsCount, expiresAt: Date.now() + (options.quoteTtlMs ?? 86_400_000), ratePlanId };
        quotes.set(id, quote);
        return json(200, {
          _id: id, createdAt: new Date().toISOString(), expiresAt: new Date(quote.expiresAt).toISOString(), promotions: [], coupons: [],
          // The nesting four clients read (rate plan under `ratePlan`, days beside it).
          rates: { ratePlans: [{ ratePlan: { _id: ratePlanId, name: 'Standard', money: { currency, fareAccommodation: fare, fareCleaning: 30, totalFees: 30, totalTaxes: 0, subTotalPrice: fare + 30, hostPayout: fare + 30 } }, days }] },
        });
      }
      if (method === 'POST' && (m = /^\/api\/reservations\/quotes\/([^/]+)\/(inquiry|instant)$/.exec(path))) {
        const body = (await request.json().catch(() => ({}))) as Record<string, any>;
        const quote = quotes.get(m[1]!);
        if (!quote) return guestyError(404, 'NOT_FOUND', 'Quote not found');
        if (quote.expiresAt <= Date.now()) return guestyError(400, 'QUOTE_EXPIRED', 'Quote has expired');
        if (quote.usedBy) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'Inquiry is already fulfilled by a reservation');
        if (body['ratePlanId'] !== quote.ratePlanId) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'ratePlanId does not belong to this quote');
        const guest = body['guest'] ?? {};
        if (!guest.firstName || !guest.lastName || !guest.email) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'guest.firstName, guest.lastName and guest.email are required');
        if (m[2] === 'instant' && !body['ccToken']) return guestyError(400, 'WRONG_REQUEST_PARAMETERS', 'ccToken is required for instant booking');
        const l = listing(quote.listingId)!;
        const free = () => nightsOf(quote.checkIn, quote.checkOut).every((d) => allotment(l, d) > 0);
        if (!free()) return guestyError(400, 'LISTING_CALENDAR_BLOCKED', 'The listing is not available for the requested dates');
        const window = options.raceWindowMs ?? 5;
        if (window > 0) await new Promise((resolve) => setTimeout(resolve, window));
        if (!free()) return guestyError(400, 'LISTING_CALENDAR_BLOCKED', 'The listing is not available for the requested dates');
        const reservation: Reservation = {
          _id: hex(++next, 'dd'), listingId: l._id, checkIn: quote.checkIn, checkOut: quote.checkOut, status: m[2] === 'instant' ? 'confirmed' : 'reserved',
          guest: { firstName: guest.firstName, lastName: guest.lastName, email: guest.email, phone: guest.phone }, guestsCount: quote.guestsCount, quoteId: quote._id,
          confirmationCode: `GY-${next}`,
        };
        quote.usedBy = reservation._id;
        reservations.push(reservation);
        return json(200, { _id: reservation._id, status: reservation.status, platform: 'direct', confirmationCode: reservation.confirmationCode, createdAt: new Date().toISOString(), guestId: hex(++next, 'ee') });
      }
      void context;
      return guestyError(404, 'NOT_FOUND', 'Not found');
    };
    const fault = faults.take(route);
    return fault ? playFault(fault, route === 'inquiry' || route === 'quotes', context, proceed) : proceed();
  }

  const hooks = {
    faults,
    reset,
    state: () => ({ today: today(), propertyId: GUESTY_DEMO.propertyId, reservations, tokensIssued: Object.fromEntries(Object.entries(issued).map(([k, v]) => [k, v.length])), requests, served, quotes: [...quotes.values()] }),
    async extra(request: Request, path: string) {
      if (request.method !== 'POST') return undefined;
      // Reservations, quotes and counters afresh, while the tokens issued stay valid, as Guesty's do
      // for their 24 h (a proxy renews on a 401 only now and then: a reset must not look like a revocation).
      if (path === '/__sandbox/reset-stays') {
        const [kept, keptIssued] = [tokens, issued];
        reset();
        [tokens, issued] = [kept, keptIssued];
        return json(200, { ok: true });
      }
      if (path === '/__sandbox/expire-tokens') {
        for (const t of tokens.values()) t.expiresAt = 0;
        return json(200, { ok: true });
      }
      if (path === '/__sandbox/expire-quotes') {
        for (const q of quotes.values()) q.expiresAt = 0;
        return json(200, { ok: true });
      }
      if (path === '/__sandbox/reservations') {
        const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
        const l = listing(String(body['listingId']));
        if (!l || !isDateKey(body['checkIn']) || !isDateKey(body['checkOut'])) return json(400, { error: 'listingId, checkIn and checkOut are required.' });
        const made: Reservation = { _id: hex(++next, 'aa'), listingId: l._id, checkIn: body['checkIn'], checkOut: body['checkOut'], status: 'confirmed', guest: { firstName: 'Airbnb', lastName: 'Guest' }, guestsCount: 1, confirmationCode: `GY-${next}` };
        reservations.push(made);
        return json(201, { reservation: made });
      }
      return undefined;
    },
  };

  return async (request: Request, context: NodeRequestContext): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/__sandbox/')) return handleAdmin(request, path, hooks);
    if (path === '/oauth2/token' && request.method === 'POST') {
      requests['token'] = (requests['token'] ?? 0) + 1;
      const fault = faults.take('token');
      const proceed = async () => token(request, parseForm(await request.text()));
      return fault ? playFault(fault, false, context, proceed) : proceed();
    }
    if (path.startsWith('/api/') || path.startsWith('/v1/')) return api(request, path, context);
    return guestyError(404, 'NOT_FOUND', 'Not found');
  };
}

export interface RunningGuestyFake extends RunningFake {
  demo: typeof GUESTY_DEMO;
  listingIds: string[];
}

export async function startGuestyFake(options: GuestyFakeOptions = {}): Promise<RunningGuestyFake> {
  const running = await listenFake(createGuestyFake(options), options.port ?? 0, options.host);
  return { ...running, demo: GUESTY_DEMO, listingIds: GUESTY_LISTINGS.map((l) => l._id) };
}
