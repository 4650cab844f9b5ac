/**
 * Guesty (Booking Engine API, OAuth2 client credentials): configured listings as
 * rooms (a multi-unit listing's allotment as units), availability from the BE
 * calendar, nightly prices from the Open API calendar when configured (else
 * `price: null`, and the stay is priced by a quote), bookings as quote then
 * request-to-book (an inquiry, `reserved`: the host confirms in Guesty). One
 * listing per booking. See shared/guesty-contract.md.
 */
import * as z from 'zod/mini';
import { addDays, type DateKey } from '../../domain/dates.js';
import { errorAnswer, type Answer } from '../answer.js';
import { soldOutMessage } from '../booking.js';
import { exchange, type UpstreamOutcome } from '../upstream.js';
import { InvalidRequest } from '../validate.js';
import { bookingFailure, misconfigured, num, readFailure, splitName, text } from './failures.js';
import { TokenCache } from './oauth-token.js';
import { NO_TURN, Pacer, READ_PATIENCE_MS, writePatienceMs, type PaceLimit } from './pacer.js';
import { JOIN_MS, SharedRead } from './shared-read.js';
import { availabilityAnswer, bookingAnswer, bookingOptionsAnswer, quoteAnswer, roomsAnswer, unitCount, unknownQuoteRoom, type NightFacts } from './shapes.js';
import type { AdapterEnv, BookingOutcome, OutgoingBooking, PmsAdapter, PmsDefinition } from './types.js';

export const GUESTY_API_BASE = 'https://booking.guesty.com';
export const GUESTY_TOKEN_URL = 'https://booking.guesty.com/oauth2/token';
export const GUESTY_OPEN_API_BASE = 'https://open-api.guesty.com';

export interface GuestyOptions {
  clientId: string;
  clientSecret: string;
  /** The listings shown as rooms. */
  listingIds: readonly string[] | string;
  /** The id the widget uses (Guesty has nothing above listings). Default "guesty". */
  propertyId?: string;
  apiBase?: string;
  tokenUrl?: string;
  /** Open API credentials, for per-night prices. */
  openApi?: { clientId: string; clientSecret: string; base?: string; tokenUrl?: string };
}

const SYSTEM = 'Guesty';
const FIX = 'GUESTY_CLIENT_ID / GUESTY_CLIENT_SECRET (a Booking Engine API instance that allows request-to-book) or GUESTY_LISTING_IDS';
const LISTING_ID = /^[a-f\d]{24}$/i;
const MEMO_MS = 60_000;
/**
 * Paced per second (BE 5/s, OA 15/s; shared/guesty-contract.md). The minute and hour limits
 * (BE 275/min, OA 120/min) are not paced: a wait of up to a minute would outlast the guest's
 * request. The proxy's cache keeps a host's traffic under them; past them, Guesty's 429
 * with a long Retry-After reaches the guest as "busy".
 */
const BE_LIMIT: PaceLimit = { calls: 5, perMs: 1000 };
const OA_LIMIT: PaceLimit = { calls: 15, perMs: 1000 };
/** How often, and how long (s), a 429 is waited out before it is the answer (Guesty's recipe honours Retry-After). */
const RATE_WAITS = 2;
const RATE_WAIT_MAX_S = 2;

interface Listing {
  id: string;
  name: string;
  multiUnit: boolean;
  units: number;
  /** `prices.currency`, when Guesty gives it. */
  currency: string | undefined;
  raw: Record<string, unknown>;
}

interface PendingQuote {
  key: string;
  quoteId: string;
  ratePlanId: string;
  expiresAt: number;
  prices: Map<string, number>;
  /** What the guest pays for the stay: the rate plan's money (fees and taxes in), else the nights. */
  total: number | undefined;
  /** The total less the nights as the note shows them (fees, taxes): set by prepare. */
  charges?: number;
}

const recordOf = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Guesty's error envelope `{ error: { code, message } }`. */
function errorOf(json: unknown): { code: string; message: string } {
  const error = recordOf(recordOf(json)['error']);
  return { code: text(error['code']) ?? '', message: (text(error['message']) ?? '').slice(0, 300) };
}

/** Calendar days however they are wrapped: `[..]`, `{days}`, `{data:{days}}`. */
function daysOf(json: unknown): Array<Record<string, unknown>> {
  const body = recordOf(json);
  const list = Array.isArray(json) ? json : arrayOf(body['days']).length ? body['days'] : recordOf(body['data'])['days'] ?? body['data'] ?? body['results'];
  return arrayOf(list).map(recordOf);
}

export function guestyPms(options: GuestyOptions): PmsDefinition {
  const clientId = options.clientId?.trim() ?? '';
  const clientSecret = options.clientSecret?.trim() ?? '';
  if (!clientId || !clientSecret) throw new TypeError('createStaymodProxy: the Guesty client id and secret are required (GUESTY_CLIENT_ID, GUESTY_CLIENT_SECRET).');
  const listingIds = (typeof options.listingIds === 'string' ? options.listingIds.split(',') : [...options.listingIds]).map((id) => id.trim()).filter(Boolean);
  if (!listingIds.length) throw new TypeError('createStaymodProxy: GUESTY_LISTING_IDS must list at least one Guesty listing id.');
  for (const id of listingIds) {
    if (!LISTING_ID.test(id)) throw new TypeError(`createStaymodProxy: GUESTY_LISTING_IDS entry "${id}" is not a Guesty listing id (24 hex characters).`);
  }
  const propertyId = (options.propertyId ?? 'guesty').trim().toLowerCase();
  const secrets = [clientSecret, ...(options.openApi?.clientSecret ? [options.openApi.clientSecret] : [])];
  return {
    name: SYSTEM,
    secrets,
    isPropertyId: (id) => id.toLowerCase() === propertyId,
    roomId: { schema: z.string().check(z.regex(LISTING_ID)), message: 'must be a Guesty listing id (24 hexadecimal characters).' },
    create: (env) => guestyAdapter(env, { ...options, clientId, clientSecret }, listingIds.map((id) => id.toLowerCase())),
  };
}

function guestyAdapter(env: AdapterEnv, options: GuestyOptions, listingIds: string[]): PmsAdapter {
  const { logger } = env;
  const apiBase = (options.apiBase ?? GUESTY_API_BASE).replace(/\/+$/, '');
  const beToken = new TokenCache(
    { tokenUrl: options.tokenUrl ?? GUESTY_TOKEN_URL, clientId: options.clientId, clientSecret: options.clientSecret, scope: 'booking_engine:api', system: SYSTEM, fix: FIX },
    env,
  );
  const oa = options.openApi?.clientId && options.openApi.clientSecret ? options.openApi : undefined;
  const oaBase = (oa?.base ?? GUESTY_OPEN_API_BASE).replace(/\/+$/, '');
  const oaToken = oa
    ? new TokenCache(
        { tokenUrl: oa.tokenUrl ?? `${oaBase}/oauth2/token`, clientId: oa.clientId, clientSecret: oa.clientSecret, scope: 'open-api', system: 'Guesty Open API', fix: 'GUESTY_OPEN_API_CLIENT_ID / GUESTY_OPEN_API_CLIENT_SECRET' },
        env,
      )
    : undefined;
  /** The quote made while preparing the booking in progress (bookings of a property run one at a time). */
  let pending: PendingQuote | undefined;

  // Each API's limit, per account (client id), across the instances sharing the proxy's state.
  const pacers = new Map<TokenCache, Pacer>([[beToken, new Pacer(BE_LIMIT, `guesty-be:${options.clientId}`, env)]]);
  if (oaToken && oa) pacers.set(oaToken, new Pacer(OA_LIMIT, `guesty-oa:${oa.clientId}`, env));

  /**
   * One call with the shared token: a 401 renews it once; a short 429 is waited out up to twice.
   * Waiting (for a turn, out a 429) ends at a deadline, past which the call is not sent at all.
   */
  async function call(tokens: TokenCache, url: string, method: 'GET' | 'POST', body?: unknown): Promise<UpstreamOutcome | Answer> {
    const deadline = env.now() + (method === 'POST' ? writePatienceMs(env.timeoutMs) : READ_PATIENCE_MS);
    let renewed = false;
    for (let waits = 0; ; ) {
      if (!(await pacers.get(tokens)!.take(Math.max(0, deadline - env.now())))) return NO_TURN;
      // Read after the turn: a token renewed by another call while this one waited is the one sent.
      const token = await tokens.get();
      if (typeof token !== 'string') return token;
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const label = `${method} ${new URL(url).pathname}`;
      const outcome = await exchange(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { fetch: env.fetch, timeoutMs: env.timeoutMs, logger, system: SYSTEM, label });
      if (outcome.kind !== 'answered') return outcome;
      // Both are refused unread, so sending again never makes a second quote or inquiry.
      if (outcome.status === 401 && !renewed) {
        renewed = true;
        if (await tokens.refused(token)) continue;
        // Renewing would spend one of the few renewals a day on an endpoint that refuses any token.
        return misconfigured(SYSTEM, `HTTP 401 on ${label}; the token was not renewed, as Guesty allows only a few renewals a day`, FIX, logger);
      }
      const wait = Number(outcome.retryAfter);
      if (outcome.status === 429 && waits < RATE_WAITS && Number.isInteger(wait) && wait >= 0 && wait <= RATE_WAIT_MAX_S && env.now() + wait * 1000 < deadline) {
        waits++;
        await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 50));
        continue;
      }
      return outcome;
    }
  }

  const isAnswer = (value: unknown): value is Answer => typeof value === 'object' && value !== null && 'body' in value && 'status' in value && !('kind' in value);

  /** `missing`: a 404 (a listing deleted or unlisted), when the caller can do without it. */
  async function getJson(tokens: TokenCache, url: string): Promise<{ json: unknown } | { failed: Answer } | { missing: true }> {
    const outcome = await call(tokens, url, 'GET');
    if (isAnswer(outcome)) return { failed: outcome };
    if (outcome.kind === 'answered' && outcome.status === 200) return { json: outcome.json };
    if (outcome.kind === 'answered' && outcome.status === 404) return { missing: true };
    return { failed: readFailure(SYSTEM, outcome, `GET ${new URL(url).pathname}`, logger, FIX) };
  }

  async function calendar(id: string, from: DateKey, to: DateKey) {
    return getJson(beToken, `${apiBase}/api/listings/${id}/calendar?${new URLSearchParams({ from, to })}`);
  }

  /** Listings found missing (404), each logged once until it is back. */
  const missing = new Set<string>();
  function leftOut(id: string): null {
    if (!missing.has(id)) {
      missing.add(id);
      logger.error(
        `[staymod-proxy] Guesty listing ${id} was not found (HTTP 404: deleted, unlisted, or not in this Booking Engine instance): it is left out of the rooms and availability. Remove it from GUESTY_LISTING_IDS or list it again in Guesty.`,
      );
    }
    return null;
  }

  /** Currencies seen in Guesty's prices that differ from the proxy's, each logged once. */
  const configured = env.currency?.trim().toUpperCase();
  const foreign = new Set<string>();
  /** Guesty's currency code for a price, when it is given and is not the proxy's (logged once for the host). */
  function foreignCurrency(value: unknown, where: string): string | undefined {
    const code = text(value)?.trim().toUpperCase();
    if (!code || !configured || code === configured) return undefined;
    if (!foreign.has(code)) {
      foreign.add(code);
      logger.error(
        `[staymod-proxy] Guesty prices ${where} in ${code}, but the proxy quotes in ${configured} (STAYMOD_CURRENCY): bookings are refused rather than quoted in the wrong currency. Set STAYMOD_CURRENCY=${code}.`,
      );
    }
    return code;
  }
  const wrongCurrency = (code: string) =>
    errorAnswer(502, `The booking proxy is misconfigured: Guesty prices this stay in ${code}, the proxy in ${configured}. The site owner must fix the proxy's settings.`);

  const listingsRead = new SharedRead<'all', Listing[], Answer>(() => readListings(), (v): v is Listing[] => Array.isArray(v), { keepMs: MEMO_MS, joinMs: JOIN_MS, now: env.now });
  const listings = () => listingsRead.get('all');

  /** The first failure in listing order, or every result. Calls are asked for all at once: the pacer orders them. */
  async function each<I, T>(items: readonly I[], one: (item: I) => Promise<T | { failed: Answer }>): Promise<T[] | Answer> {
    const got = await Promise.all(items.map(one));
    const failed = got.find((g): g is { failed: Answer } => typeof g === 'object' && g !== null && 'failed' in g);
    return failed ? failed.failed : (got as T[]);
  }

  async function readListings(): Promise<Listing[] | Answer> {
    const read = await each(listingIds, async (id): Promise<Listing | null | { failed: Answer }> => {
      const got = await getJson(beToken, `${apiBase}/api/listings/${id}`);
      // One deleted or unlisted listing must not take the others down.
      if ('missing' in got) return leftOut(id);
      if ('failed' in got) return got;
      // A single listing comes at the top level, or wrapped in `results` (Guesty's spec), as an object or a list.
      const body = recordOf(got.json);
      const wrapped = body['results'];
      const raw = text(body['_id'])
        ? body
        : Array.isArray(wrapped)
          ? recordOf(wrapped.find((l) => text(recordOf(l)['_id'])?.toLowerCase() === id) ?? wrapped[0])
          : recordOf(wrapped);
      const multiUnit = raw['type'] === 'MTL';
      let units = 1;
      if (multiUnit) {
        // No unit count field: the largest allotment in the next weeks stands for it.
        const today = new Date(env.now()).toISOString().slice(0, 10) as DateKey;
        const days = await calendar(id, today, addDays(today, 60));
        if ('missing' in days) return leftOut(id);
        if ('failed' in days) return days;
        units = Math.max(1, unitCount(Math.max(0, ...daysOf(days.json).map((d) => num(d['allotment']) ?? 0))));
      }
      missing.delete(id);
      const currency = text(recordOf(raw['prices'])['currency']);
      foreignCurrency(currency, `listing ${id}`);
      return { id, name: text(raw['title']) ?? text(raw['nickname']) ?? id, multiUnit, units, currency, raw };
    });
    if (!Array.isArray(read)) return read;
    const found = read.filter((l): l is Listing => l !== null);
    // None found is a wrong instance or base URL rather than deleted listings: the host's to fix.
    return found.length ? found : misconfigured(SYSTEM, 'none of the listings was found, HTTP 404', FIX, logger);
  }

  /** Per listing: date -> facts, for `from`..`to`; a listing gone since it was read (404) is left out. */
  async function nights(list: readonly Listing[], from: DateKey, to: DateKey): Promise<Map<string, Map<string, NightFacts>> | Answer> {
    const byListing = await each(list, async (listing): Promise<Map<string, NightFacts> | null | { failed: Answer }> => {
      const got = await calendar(listing.id, from, to);
      if ('missing' in got) return leftOut(listing.id);
      if ('failed' in got) return got;
      const byDate = new Map<string, NightFacts>();
      for (const day of daysOf(got.json)) {
        const date = text(day['date'])?.slice(0, 10);
        if (!date) continue;
        const available = day['status'] === 'available';
        const allotment = num(day['allotment']);
        const free = !available ? 0 : listing.multiUnit && allotment !== undefined ? Math.min(listing.units, Math.max(0, allotment)) : listing.multiUnit ? listing.units : 1;
        const price = num(day['price']);
        byDate.set(date, { free, price: price !== undefined && price >= 0 ? price : null });
      }
      if (oaToken) {
        const priced = await getJson(oaToken, `${oaBase}/v1/availability-pricing/api/calendar/listings/${listing.id}?${new URLSearchParams({ startDate: from, endDate: to })}`);
        if ('missing' in priced) return leftOut(listing.id);
        if ('failed' in priced) return priced;
        for (const day of daysOf(priced.json)) {
          const date = text(day['date'])?.slice(0, 10);
          const price = num(day['price']);
          // Shown as they are (the calendar's truth); bookings in another currency are refused at the quote.
          foreignCurrency(day['currency'], `listing ${listing.id}`);
          const facts = date ? byDate.get(date) : undefined;
          if (facts && price !== undefined && price >= 0) facts.price = price;
        }
      }
      return byDate;
    });
    if (!Array.isArray(byListing)) return byListing;
    const out = new Map<string, Map<string, NightFacts>>();
    list.forEach((l, i) => byListing[i] && out.set(l.id, byListing[i]));
    return out;
  }

  const stayKey = (booking: Pick<OutgoingBooking, 'input' | 'checkInDate' | 'checkOutDate'>) =>
    [booking.input.rooms[0]!.roomId.toLowerCase(), booking.checkInDate, booking.checkOutDate, booking.input.numberOfGuests ?? 1].join('|');

  /** A quote for the stay, or the answer/refusal to give instead. */
  async function quote(booking: Pick<OutgoingBooking, 'input' | 'checkInDate' | 'checkOutDate'>): Promise<PendingQuote | Answer> {
    const listingId = booking.input.rooms[0]!.roomId.toLowerCase();
    const outcome = await call(beToken, `${apiBase}/api/reservations/quotes`, 'POST', {
      listingId,
      checkInDateLocalized: booking.checkInDate,
      checkOutDateLocalized: booking.checkOutDate,
      guestsCount: booking.input.numberOfGuests ?? 1,
    });
    if (isAnswer(outcome)) return outcome;
    if (outcome.kind === 'answered' && outcome.status === 200) {
      const body = recordOf(outcome.json);
      const plan = recordOf(arrayOf(recordOf(body['rates'])['ratePlans'])[0]);
      // Two nestings are seen: the plan itself, or the plan under `ratePlan` with `days` beside it.
      const inner = recordOf(plan['ratePlan']);
      const ratePlanId = text(inner['_id']) ?? text(plan['_id']);
      const quoteId = text(body['_id']);
      if (quoteId && ratePlanId) {
        const prices = new Map<string, number>();
        for (const day of arrayOf(plan['days'] ?? inner['days']).map(recordOf)) {
          const date = text(day['date'])?.slice(0, 10);
          const price = num(day['price']) ?? num(day['basePrice']);
          if (date && price !== undefined) prices.set(date, price);
        }
        const expires = Date.parse(text(body['expiresAt']) ?? '');
        const money = recordOf(inner['money'] ?? plan['money']);
        // Guesty charges in the listing's currency, whatever the proxy's setting.
        const days = arrayOf(plan['days'] ?? inner['days']).map(recordOf);
        const code = foreignCurrency(money['currency'] ?? days.map((d) => d['currency']).find(text), `listing ${listingId}`);
        if (code) return wrongCurrency(code);
        const subTotal = num(money['subTotalPrice']);
        // Only the quote's money holds fees and taxes: the nights alone would understate what the guest pays.
        const total = num(money['totalPrice']) ?? (subTotal !== undefined ? subTotal + (num(money['totalTaxes']) ?? 0) : undefined);
        return { key: stayKey(booking), quoteId, ratePlanId, prices, total, expiresAt: Number.isFinite(expires) ? expires : env.now() + 60 * 60_000 };
      }
      return errorAnswer(502, 'Guesty sent an answer the booking proxy cannot read.');
    }
    if (outcome.kind === 'answered' && outcome.status >= 400 && outcome.status < 500 && outcome.status !== 401 && outcome.status !== 403 && outcome.status !== 429) {
      return refusal(errorOf(outcome.json), booking);
    }
    return readFailure(SYSTEM, outcome, 'POST quotes', logger, FIX);
  }

  /** Guesty's error codes as the widget's kinds: a blocked calendar is sold out, a minimum stay is invalid input. */
  function refusal(error: { code: string; message: string }, booking: Pick<OutgoingBooking, 'input' | 'checkInDate' | 'checkOutDate'>): Answer {
    if (error.code === 'LISTING_CALENDAR_BLOCKED') {
      return errorAnswer(400, soldOutMessage({ date: booking.checkInDate, need: 1, left: 0 }));
    }
    if (error.code === 'MIN_NIGHT_MISMATCH') {
      const minimum = /(\d+)\s*night/i.exec(error.message)?.[1];
      const message = minimum ? `must be at least ${minimum} nights after checkIn (the listing's minimum stay).` : `is too early: ${error.message || "the stay is shorter than the listing's minimum"}.`;
      return errorAnswer(400, `Invalid booking request: checkOut ${message}`, { checkOut: message });
    }
    return errorAnswer(400, `Invalid booking request: Guesty refused it (${error.code || 'no code'}: ${error.message || 'no reason given'}).`);
  }

  return {
    async rooms() {
      const list = await listings();
      if (!Array.isArray(list)) return list;
      return roomsAnswer(
        list.map((l) => {
          const raw = l.raw;
          const pictures = arrayOf(raw['pictures']).map(recordOf).map((p) => text(p['original']) ?? text(p['large']) ?? text(p['regular']));
          const price = num(recordOf(raw['prices'])['basePrice']);
          return {
            _id: l.id,
            name: l.name,
            description: text(recordOf(raw['publicDescription'])['summary']),
            maxGuests: Math.max(1, Math.floor(num(raw['accommodates']) ?? 1)),
            bedCount: Math.max(0, Math.floor(num(raw['beds']) ?? 1)),
            unitCount: l.units,
            roomNumbers: Array.from({ length: l.units }, (_, i) => `Unit ${i + 1}`),
            imageUrls: pictures.filter((u): u is string => !!u && /^https?:\/\//.test(u)),
            amenities: arrayOf(raw['amenities']).map(text).filter((a): a is string => !!a),
            ...(price !== undefined ? { priceWeekday: price, priceWeekend: price } : {}),
          };
        }),
      );
    },

    async availability(_propertyId, from, to) {
      const list = await listings();
      if (!Array.isArray(list)) return list;
      // `to` inclusive is not documented: ask one day more and keep only the range.
      const facts = await nights(list, from, addDays(to, 1));
      if (!(facts instanceof Map)) return facts;
      return availabilityAnswer(
        from,
        to,
        list.filter((l) => facts.has(l.id)).map((l) => ({ id: l.id, name: l.name, units: Array.from({ length: l.units }, (_, i) => `Unit ${i + 1}`), night: (d) => facts.get(l.id)?.get(d) })),
        // Without the Open API the BE calendar has no prices: Guesty's quote prices the stay. With it, the
        // nightly prices leave out cleaning fees and taxes: a guide, and the stay's total is the quote's.
        oaToken ? 'quoted' : 'per-stay',
      );
    },

    async stayQuote(_propertyId, stay) {
      // With the Open API too: its nightly prices leave out the cleaning fee and taxes, the quote has them.
      if (!listingIds.includes(stay.roomId.toLowerCase())) return unknownQuoteRoom();
      const input = { guestName: '', numberOfGuests: stay.guests, rooms: [{ roomId: stay.roomId, quantity: 1 }] } as unknown as OutgoingBooking['input'];
      const made = await quote({ input, checkInDate: stay.checkIn, checkOutDate: stay.checkOut });
      if (isAnswer(made)) return made;
      if (made.total === undefined) return errorAnswer(502, 'Guesty sent a quote without a price.');
      return quoteAnswer(stay, made.total);
    },

    async bookingOptions() {
      // Guesty's extras (upsells) exist per quote only, priced in Guesty: none are offered through the widget.
      return bookingOptionsAnswer([]);
    },

    async prepare(_propertyId, stay, availability) {
      const { rooms } = stay.input;
      if (rooms.length !== 1 || rooms[0]!.quantity !== 1) {
        const message = 'must be one listing with quantity 1: Guesty books one listing per booking. Book the other rooms separately.';
        throw new InvalidRequest(`Invalid booking request: rooms ${message}`, { rooms: message });
      }
      if (!stay.input.guestEmail) {
        throw new InvalidRequest("Invalid booking request: guestEmail is required by this property's booking system.", { guestEmail: 'is required.' });
      }
      pending = undefined;
      const listingId = rooms[0]!.roomId.toLowerCase();
      // A quote may carry no currency: the listing's then says it.
      const list = await listings();
      const code = Array.isArray(list) ? foreignCurrency(list.find((l) => l.id === listingId)?.currency, `listing ${listingId}`) : undefined;
      if (code) return wrongCurrency(code);
      const made = await quote(stay);
      if (isAnswer(made)) return made;
      pending = made;
      // The nights take the quote's prices (what Guesty will charge, where the Open API's may differ).
      const nightly = new Map<string, number>();
      for (const part of availability) {
        for (const row of part.rows) {
          if (row.roomId.toLowerCase() !== listingId) continue;
          for (const cell of row.cells) {
            if (made.prices.has(cell.dateKey)) cell.price = made.prices.get(cell.dateKey)!;
            if (cell.price !== null) nightly.set(cell.dateKey, cell.price);
          }
        }
      }
      // The rest of Guesty's total (cleaning fee, taxes) is a line of the quote note, so its total is what the guest pays.
      if (made.total !== undefined && stay.nights.every((d) => nightly.has(d))) {
        made.charges = made.total - stay.nights.reduce((sum, d) => sum + nightly.get(d)!, 0);
      }
      return undefined;
    },

    stayCharges(_propertyId, stay) {
      const charges = pending?.key === stayKey(stay) ? pending.charges : undefined;
      return charges !== undefined && Math.abs(charges) >= 0.005 ? { name: "Fees and taxes (Guesty's quote)", amount: charges } : undefined;
    },

    async book(propertyId, booking): Promise<BookingOutcome> {
      const { input } = booking;
      const { first, last } = splitName(input.guestName);
      const guest = { firstName: first, lastName: last, email: input.guestEmail, ...(input.guestPhone ? { phone: input.guestPhone } : {}) };
      let current = pending?.key === stayKey(booking) && pending.expiresAt > env.now() + 30_000 ? pending : undefined;
      pending = undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        if (!current) {
          const made = await quote(booking);
          if (isAnswer(made)) return { kind: 'refused', answer: made };
          current = made;
        }
        const outcome = await call(beToken, `${apiBase}/api/reservations/quotes/${current.quoteId}/inquiry`, 'POST', { ratePlanId: current.ratePlanId, guest });
        if (isAnswer(outcome)) return { kind: 'refused', answer: outcome };
        if (outcome.kind === 'answered' && outcome.status === 200) {
          const body = recordOf(outcome.json);
          const id = text(body['_id']);
          if (!id) return { kind: 'unconfirmed', landed: 'yes', how: 'HTTP 200 without a reservation id' };
          logger.info(`[staymod-proxy] Guesty inquiry ${id} (${text(body['confirmationCode']) ?? 'no code'}) is reserved: the host confirms it in Guesty.`);
          return { kind: 'booked', answer: bookingAnswer(propertyId, id, body['status'] === 'confirmed' ? 'confirmed' : 'pending', booking) };
        }
        if (outcome.kind === 'answered' && outcome.status >= 400 && outcome.status < 500 && ![401, 403, 429].includes(outcome.status)) {
          const error = errorOf(outcome.json);
          // The quote was used by an inquiry whose answer was lost: the reservation exists.
          if (/already fulfilled/i.test(error.message)) return { kind: 'unconfirmed', landed: 'yes', how: 'quote already fulfilled' };
          // An expired or unknown quote: quote again, once.
          if (outcome.status === 404 || /expired/i.test(`${error.code} ${error.message}`)) {
            current = undefined;
            continue;
          }
          const answer = refusal(error, booking);
          return error.code === 'LISTING_CALENDAR_BLOCKED' ? { kind: 'refused', answer, soldOutDate: booking.checkInDate } : { kind: 'refused', answer };
        }
        return bookingFailure(SYSTEM, outcome, 'POST inquiry', logger, FIX);
      }
      return { kind: 'refused', answer: errorAnswer(502, 'Guesty could not keep a quote for this stay. Please try again in a moment.') };
    },
  };
}
