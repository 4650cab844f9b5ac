/**
 * Cloudbeds (PMS API v1.3, a property API key): room types as rooms, the base rate
 * plan's detailed rates as nightly prices and free-unit counts, items as extras
 * (added to the reservation after it is created), reservations as form posts.
 * See shared/cloudbeds-contract.md. Dates are property-local dates: only date
 * parts are sent and read, never shifted through UTC.
 */
import * as z from 'zod/mini';
import type { WireBookingOption } from '../../contract/schemas.js';
import { addDays, type DateKey } from '../../domain/dates.js';
import { sha256Hex } from '../../domain/hash.js';
import { toMinor } from '../../domain/money.js';
import { errorAnswer, type Answer } from '../answer.js';
import { byRoom, soldOutMessage } from '../booking.js';
import { exchange, type UpstreamOutcome } from '../upstream.js';
import { InvalidRequest, totalRoomUnits } from '../validate.js';
import { bookingFailure, misconfigured, num, readFailure, splitName, text } from './failures.js';
import { NO_TURN, Pacer, READ_PATIENCE_MS, writePatienceMs, type PaceLimit } from './pacer.js';
import { JOIN_MS, SharedRead } from './shared-read.js';
import { availabilityAnswer, bookingAnswer, bookingOptionsAnswer, noteAmount, quoteAnswer, roomsAnswer, unitCount, unknownQuoteRoom, type NightFacts } from './shapes.js';
import type { AdapterEnv, Background, BookingOutcome, OutgoingBooking, PmsAdapter, PmsDefinition } from './types.js';

export const CLOUDBEDS_API_BASE = 'https://api.cloudbeds.com/api/v1.3';

export interface CloudbedsOptions {
  apiKey: string;
  /** Default Cloudbeds' production API. */
  apiBase?: string;
  /** ISO 3166 alpha-2 country sent with every reservation (the widget asks none). */
  guestCountry: string;
}

const SYSTEM = 'Cloudbeds';
const FIX = 'CLOUDBEDS_API_KEY (its scopes: read:hotel, read:room, read:rate, read:taxesAndFees, read:item, write:reservation, write:item) or CLOUDBEDS_PROPERTY_ID';
const WRONG_PROPERTY = /property id'?s? match/i;
/**
 * Cloudbeds documents no sold-out text. Only for the host's log: a refusal is told to the guest as sold
 * out when a fresh read finds the shortage, never on its wording ("Payment method ... not available").
 */
const SOLD_OUT = /sold.?out|no longer available|fully booked|not enough (?:rooms|availability|inventory)|no (?:rooms? )?availability/i;
const ROOM_MEMO_MS = 60_000;
/** The quote note's line for the taxes and fees Cloudbeds adds to the rates (getRoomsFeesAndTaxes). */
const CHARGES_LINE = 'Taxes and fees (Cloudbeds)';
/** Items asked per page of a list (the most Cloudbeds documents for a page). */
const PAGE_SIZE = 100;
/** "Properties: 5 requests per second" (Cloudbeds FAQ); past it, Cloudbeds "may" suspend the key (shared/cloudbeds-contract.md). */
const CLOUDBEDS_LIMIT: PaceLimit = { calls: 5, perMs: 1000 };
/** All the extras of one booking get this long together: the widget gives up on the booking at 15 s. */
const ITEMS_DEADLINE_MS = 2_000;

interface RoomType {
  id: string;
  name: string;
  description: string | undefined;
  maxGuests: number;
  units: string[];
  photos: string[];
  features: string[];
}

type Day = NightFacts & { closedToArrival: boolean; closedToDeparture: boolean; minLos: number; maxLos: number };

/** Cloudbeds' booleans come as true, 1 or "1"/"true". */
const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  // Seen in clients: a list sent as an object keyed by index.
  return typeof value === 'object' && value !== null ? Object.values(value) : [];
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function cloudbedsPms(options: CloudbedsOptions): PmsDefinition {
  const apiKey = options.apiKey?.trim() ?? '';
  if (!apiKey) throw new TypeError('createStaymodProxy: the Cloudbeds API key is required (CLOUDBEDS_API_KEY).');
  const country = (options.guestCountry ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new TypeError(`createStaymodProxy: the Cloudbeds guest country "${options.guestCountry ?? ''}" must be an ISO 3166 two-letter code such as MX (CLOUDBEDS_GUEST_COUNTRY).`);
  }
  const apiBase = (options.apiBase ?? CLOUDBEDS_API_BASE).replace(/\/+$/, '');
  return {
    name: SYSTEM,
    secrets: [apiKey],
    isPropertyId: (id) => /^\d{1,20}$/.test(id),
    roomId: { schema: z.string().check(z.regex(/^\d{1,20}$/)), message: 'must be a Cloudbeds room type id (digits).' },
    create: (env) => cloudbedsAdapter(env, apiKey, apiBase, country),
  };
}

function cloudbedsAdapter(env: AdapterEnv, apiKey: string, apiBase: string, country: string): PmsAdapter {
  const { logger } = env;
  // Cloudbeds limits each API client ("per ClientID"), and may suspend the key past it: paced per key, whatever
  // the property, across the instances sharing the proxy's state. Named by a hash: the name may be a Redis key.
  let pacer: Promise<Pacer> | undefined;
  const pacerOf = () => (pacer ??= sha256Hex(`cloudbeds-pace|${apiKey}`).then((hex) => new Pacer(CLOUDBEDS_LIMIT, `cloudbeds:${hex.slice(0, 24)}`, env)));
  const typesRead = new SharedRead<string, RoomType[], Answer>((propertyId) => readRoomTypes(propertyId), (v): v is RoomType[] => Array.isArray(v), { keepMs: ROOM_MEMO_MS, joinMs: JOIN_MS, now: env.now });
  /** `fresh`: read now (the rooms answer, a booking's check), never a kept or earlier read. */
  const roomTypes = (propertyId: string, fresh = false) => typesRead.get(propertyId, fresh);

  async function call(propertyId: string, verb: 'GET' | 'POST', method: string, params: Record<string, string>): Promise<UpstreamOutcome> {
    const headers: Record<string, string> = { 'x-api-key': apiKey, 'X-PROPERTY-ID': propertyId, Accept: 'application/json' };
    const query = new URLSearchParams({ propertyID: propertyId, ...params });
    let url = `${apiBase}/${method}`;
    let body: string | undefined;
    if (verb === 'GET') url += `?${query}`;
    else {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = query.toString();
    }
    // An extra added to a reservation already made waits as a read does: refused, it would be lost.
    if (!(await (await pacerOf()).take(method === 'postReservation' ? writePatienceMs(env.timeoutMs) : READ_PATIENCE_MS))) return NO_TURN;
    return exchange(url, { method: verb, headers, body }, { fetch: env.fetch, timeoutMs: env.timeoutMs, logger, system: SYSTEM, label: `${verb} ${method}` });
  }

  /** The `data` (and a list's `total`) of a successful answer, or the answer to give instead. */
  async function read(propertyId: string, method: string, params: Record<string, string>): Promise<{ data: unknown; total?: number } | { failed: Answer }> {
    const outcome = await call(propertyId, 'GET', method, params);
    if (outcome.kind === 'answered' && outcome.status === 200) {
      const body = recordOf(outcome.json);
      // HTTP 200 is not success: Cloudbeds reports business errors with success:false.
      if (body['success'] === true) return { data: body['data'], total: num(body['total']) };
      const message = text(body['message']) ?? 'success:false';
      if (WRONG_PROPERTY.test(message)) return { failed: misconfigured(SYSTEM, message, FIX, logger) };
      logger.error(`[staymod-proxy] GET ${method}: Cloudbeds refused (${message.slice(0, 200)}).`);
      return { failed: errorAnswer(502, 'Cloudbeds refused the booking proxy\'s request. Please try again later.') };
    }
    return { failed: readFailure(SYSTEM, outcome, `GET ${method}`, logger, FIX) };
  }

  /**
   * The `data` of every page of a list (`pageNumber`/`pageSize`, 20 a page unless asked): up to an empty
   * or short page, or the answer's `total`; `count` says how many items a page's `data` holds.
   */
  async function readPages(propertyId: string, method: string, params: Record<string, string>, count: (data: unknown) => number): Promise<unknown[] | Answer> {
    const pages: unknown[] = [];
    let seen = 0;
    for (let page = 1; page <= 20; page++) {
      const got = await read(propertyId, method, { ...params, pageNumber: String(page), pageSize: String(PAGE_SIZE) });
      if ('failed' in got) return got.failed;
      pages.push(got.data);
      const n = count(got.data);
      seen += n;
      if (n === 0 || (got.total !== undefined ? seen >= got.total : n < PAGE_SIZE)) break;
    }
    return pages;
  }

  async function readRoomTypes(propertyId: string): Promise<RoomType[] | Answer> {
    const typePages = await readPages(propertyId, 'getRoomTypes', { propertyIDs: propertyId }, (data) => listOf(data).length);
    if (!Array.isArray(typePages)) return typePages;
    const types = typePages.flatMap((data) => listOf(data).map(recordOf));
    // Units are paged too, per room: all pages, or the units past the first go unnamed.
    const roomsIn = (data: unknown) => listOf(data).reduce<number>((n, block) => n + listOf(recordOf(block)['rooms']).length, 0);
    const unitPages = await readPages(propertyId, 'getRooms', { propertyIDs: propertyId }, roomsIn);
    if (!Array.isArray(unitPages)) return unitPages;
    const unitsByType = new Map<string, string[]>();
    for (const block of unitPages.flatMap((data) => listOf(data).map(recordOf))) {
      for (const room of listOf(block['rooms']).map(recordOf)) {
        const typeId = text(room['roomTypeID']);
        const name = text(room['roomName']);
        if (!typeId || !name || flag(room['isVirtual'])) continue;
        unitsByType.set(typeId, [...(unitsByType.get(typeId) ?? []), name]);
      }
    }
    const out: RoomType[] = [];
    for (const t of types) {
      const id = text(t['roomTypeID']);
      const name = text(t['roomTypeName']);
      if (!id || !/^\d{1,20}$/.test(id) || !name) continue;
      const names = unitsByType.get(id) ?? [];
      const count = unitCount(num(t['roomTypeUnits']) ?? names.length);
      out.push({
        id,
        name,
        description: text(t['roomTypeDescription']),
        maxGuests: Math.max(1, Math.floor(num(t['maxGuests']) ?? 1)),
        // Unit names when Cloudbeds lists them all; otherwise "Unit n" for the counted ones.
        units: names.length === count ? names : Array.from({ length: count }, (_, i) => names[i] ?? `Unit ${i + 1}`),
        photos: listOf(t['roomTypePhotos']).map((p) => text(recordOf(p)['image']) ?? text(p)).filter((u): u is string => !!u && /^https?:\/\//.test(u)),
        features: listOf(t['roomTypeFeatures']).map(text).filter((f): f is string => !!f),
      });
    }
    return out;
  }

  /**
   * Base-plan facts per room type and night for nights `from`..`to` (inclusive). With `party` (adults per
   * unit), a night's price is its `totalRate`, which adds extra-guest charges; else `rateBase`, the base occupancy.
   */
  async function nightly(propertyId: string, from: DateKey, to: DateKey, party?: number): Promise<Map<string, Map<string, Day>> | Answer> {
    // endDate is a check-out: ask one day past `to` so `to` is a night, whether or not Cloudbeds lists endDate.
    const occupancy: Record<string, string> = party ? { adults: String(party), children: '0' } : {};
    const got = await read(propertyId, 'getRatePlans', { startDate: from, endDate: addDays(to, 1), detailedRates: 'true', ...occupancy });
    if ('failed' in got) return got.failed;
    const out = new Map<string, Map<string, Day>>();
    for (const plan of listOf(got.data).map(recordOf)) {
      // The base (BAR) rate of a room type is the entry without a ratePlanID; derived plans are skipped.
      if (plan['ratePlanID'] !== undefined && plan['ratePlanID'] !== null && plan['ratePlanID'] !== '') continue;
      const typeId = text(plan['roomTypeID']);
      if (!typeId || out.has(typeId)) continue;
      const days = new Map<string, Day>();
      for (const d of listOf(plan['roomRateDetailed']).map(recordOf)) {
        const date = text(d['date'])?.slice(0, 10);
        if (!date) continue;
        const base = num(d['rateBase']) ?? num(d['rate']) ?? null;
        const total = party ? num(d['totalRate']) : undefined;
        const price = total !== undefined && total > 0 ? total : base;
        const free = flag(d['blocked']) ? 0 : Math.max(0, Math.floor(num(d['roomsAvailable']) ?? 0));
        days.set(date, {
          free,
          // A plan that does not apply comes back with zeros (Reservation FAQs): no price, not a free night.
          price: price !== null && price > 0 ? price : null,
          closedToArrival: flag(d['closedToArrival']),
          closedToDeparture: flag(d['closedToDeparture']),
          minLos: Math.floor(num(d['minLos']) ?? 0),
          maxLos: Math.floor(num(d['maxLos']) ?? 0),
        });
      }
      out.set(typeId, days);
    }
    return out;
  }

  /**
   * The first night of the stay on which a booked room type has fewer free units than asked, read afresh;
   * null when every night fits, 'unknown' when it could not be read.
   */
  async function soldOutNight(propertyId: string, booking: OutgoingBooking): Promise<{ date: DateKey; need: number; left: number } | null | 'unknown'> {
    const facts = await nightly(propertyId, booking.nights[0]!, booking.nights[booking.nights.length - 1]!);
    if (!(facts instanceof Map)) return 'unknown';
    for (const date of booking.nights) {
      for (const room of booking.input.rooms) {
        const left = facts.get(room.roomId)?.get(date)?.free ?? 0;
        if (left < room.quantity) return { date, need: room.quantity, left };
      }
    }
    return null;
  }

  /** The property's currency code in Cloudbeds (getHotelDetails), kept a while; null when it is not given. */
  const currencyRead = new SharedRead<string, string | null, Answer>(
    async (propertyId) => {
      const got = await read(propertyId, 'getHotelDetails', {});
      if ('failed' in got) return got.failed;
      // An object in getHotelDetails, a list in getHotels and getAvailableRoomTypes: either is read.
      const given = recordOf(got.data)['propertyCurrency'];
      const code = text(recordOf(Array.isArray(given) ? given[0] : given)['currencyCode'])?.trim().toUpperCase();
      return code && /^[A-Z]{3}$/.test(code) ? code : null;
    },
    (v): v is string | null => v === null || typeof v === 'string',
    { keepMs: ROOM_MEMO_MS, joinMs: JOIN_MS, now: env.now },
  );

  /**
   * Whether the property has taxes or fees on top of its rates (getTaxesAndFees, kept a while): then the
   * nightly rates understate what the guest pays, and a stay's total is Cloudbeds' (getRoomsFeesAndTaxes).
   * null when not readable: the rates are shown as before (the booking's grandTotal is still checked).
   */
  const exclusiveRead = new SharedRead<string, boolean | null, Answer>(
    async (propertyId) => {
      const got = await read(propertyId, 'getTaxesAndFees', {});
      if ('failed' in got) return null;
      // A list, or (tolerated) an object of lists such as { taxes, fees }.
      const entries = [...listOf(got.data), ...Object.values(recordOf(got.data)).flatMap(listOf)].map(recordOf);
      return entries.some((entry) => /^exclusive/i.test(text(entry['inclusiveOrExclusive'])?.trim() ?? ''));
    },
    (v): v is boolean | null => v === null || typeof v === 'boolean',
    { keepMs: ROOM_MEMO_MS, joinMs: JOIN_MS, now: env.now },
  );

  /** Cloudbeds' total for rooms worth `roomsTotal` over a stay, its exclusive taxes and fees added; or the answer to give instead. */
  async function taxedTotal(propertyId: string, checkIn: DateKey, checkOut: DateKey, roomsTotal: number, roomsCount: number, adults?: number): Promise<number | Answer> {
    const params: Record<string, string> = { startDate: checkIn, endDate: checkOut, roomsTotal: String(Math.round(roomsTotal * 100) / 100), roomsCount: String(roomsCount) };
    if (adults) params['adultsPerRoom'] = String(adults);
    const got = await read(propertyId, 'getRoomsFeesAndTaxes', params);
    if ('failed' in got) return got.failed;
    const data = recordOf(got.data);
    const grand = num(data['grandTotal']);
    if (grand !== undefined && grand > 0) return grand;
    const taxes = num(data['totalTaxes']);
    const fees = num(data['totalFees']);
    if (taxes !== undefined || fees !== undefined) return roomsTotal + (taxes ?? 0) + (fees ?? 0);
    logger.error(`[staymod-proxy] GET getRoomsFeesAndTaxes: Cloudbeds sent no grandTotal for property ${propertyId}.`);
    return errorAnswer(502, 'Cloudbeds sent no total for this stay. Please try again later.');
  }

  /** The taxes and fees of the booking being prepared, per property (bookings of a property run one at a time). */
  const charges = new Map<string, { key: string; amount: number }>();
  const bookingKey = (stay: Pick<OutgoingBooking, 'input' | 'checkInDate' | 'checkOutDate'>) =>
    [stay.checkInDate, stay.checkOutDate, stay.input.numberOfGuests ?? 0, ...stay.input.rooms.map((r) => `${r.roomId}x${r.quantity}`)].join('|');

  /** A 502 for the host when Cloudbeds charges in another currency than the proxy quotes in; undefined when it may book. */
  async function currencyMismatch(propertyId: string): Promise<Answer | undefined> {
    const quoted = env.currency?.toUpperCase();
    if (!quoted) return undefined;
    const code = await currencyRead.get(propertyId);
    // Not known (not given, or not readable): the booking goes ahead as before, unchecked.
    if (typeof code !== 'string' || code === quoted) return undefined;
    logger.error(
      `[staymod-proxy] Cloudbeds property ${propertyId} charges in ${code} but the proxy quotes in ${quoted}: bookings are refused until STAYMOD_CURRENCY (the proxy's currency option) is ${code}.`,
    );
    return errorAnswer(502, `The booking proxy is misconfigured: its currency (${quoted}) is not the property's in Cloudbeds (${code}). The site owner must fix the proxy's settings.`);
  }

  return {
    async rooms(propertyId) {
      const types = await roomTypes(propertyId, true);
      if (!Array.isArray(types)) return types;
      return roomsAnswer(
        types.map((t) => ({
          _id: t.id,
          name: t.name,
          description: t.description,
          maxGuests: t.maxGuests,
          unitCount: t.units.length,
          roomNumbers: t.units,
          imageUrls: t.photos,
          amenities: t.features,
        })),
      );
    },

    async availability(propertyId, from, to) {
      const types = await roomTypes(propertyId);
      if (!Array.isArray(types)) return types;
      // Taxes or fees on top of the rates: the nights are a guide, and each stay is quoted with them.
      const [facts, exclusive] = await Promise.all([nightly(propertyId, from, to), exclusiveRead.get(propertyId)]);
      if (!(facts instanceof Map)) return facts;
      return availabilityAnswer(
        from,
        to,
        types.map((t) => ({ id: t.id, name: t.name, units: t.units, night: (date) => facts.get(t.id)?.get(date) })),
        exclusive === true ? 'quoted' : undefined,
      );
    },

    async stayQuote(propertyId, stay) {
      const types = await roomTypes(propertyId);
      if (!Array.isArray(types)) return types;
      if (!types.some((t) => t.id === stay.roomId)) return unknownQuoteRoom();
      // One unit for the party: its occupancy rate (extra-guest charges), as a booking of it is priced.
      const facts = await nightly(propertyId, stay.checkIn, addDays(stay.checkOut, -1), stay.guests);
      if (!(facts instanceof Map)) return facts;
      let roomsTotal = 0;
      for (let date = stay.checkIn; date < stay.checkOut; date = addDays(date, 1)) {
        const price = facts.get(stay.roomId)?.get(date)?.price;
        if (price === undefined || price === null) {
          const message = `has no price on ${date}.`;
          return errorAnswer(400, `Invalid quote request: the stay ${message}`, { checkIn: message });
        }
        roomsTotal += price;
      }
      const total = await taxedTotal(propertyId, stay.checkIn, stay.checkOut, roomsTotal, 1, stay.guests);
      if (typeof total !== 'number') return total;
      return quoteAnswer(stay, total);
    },

    async bookingOptions(propertyId) {
      const got = await read(propertyId, 'getItems', {});
      if ('failed' in got) return got.failed;
      const options: WireBookingOption[] = [];
      for (const [i, item] of listOf(got.data).map(recordOf).entries()) {
        const id = text(item['itemID']);
        const name = text(item['name']);
        const price = num(item['price']);
        if (!id || !name || price === undefined || price < 0) continue;
        // A meal plan is per guest and night; products and services once per booked room.
        const meal = item['itemType'] === 'mealplan';
        options.push({
          _id: id,
          name,
          description: text(item['description']),
          appliesTo: meal ? 'user' : 'room',
          frequency: meal ? 'day' : 'booking',
          pricePerUnit: price,
          isActive: true,
          sortOrder: i,
        });
      }
      return bookingOptionsAnswer(options);
    },

    async prepare(propertyId, stay, availability) {
      if (!stay.input.guestEmail) {
        throw new InvalidRequest('Invalid booking request: guestEmail is required by this property\'s booking system.', { guestEmail: 'is required.' });
      }
      const wrongCurrency = await currencyMismatch(propertyId);
      if (wrongCurrency) return wrongCurrency;
      // One unit booked: its party is known, so its nights are priced for it (extra-guest charges included).
      // Several units: how Cloudbeds counts adults per unit is not documented, so the base occupancy stays.
      const [only] = stay.input.rooms;
      const party = stay.input.rooms.length === 1 && only!.quantity === 1 ? stay.input.numberOfGuests : undefined;
      const facts = await nightly(propertyId, stay.checkInDate, stay.nights[stay.nights.length - 1]!, party);
      if (!(facts instanceof Map)) return facts;
      if (party) {
        const nights = facts.get(only!.roomId);
        for (const part of availability) {
          for (const row of part.rows) {
            if (row.roomId !== only!.roomId) continue;
            for (const cell of row.cells) {
              const price = nights?.get(cell.dateKey)?.price;
              if (price !== undefined && price !== null && stay.nights.includes(cell.dateKey)) cell.price = price;
            }
          }
        }
      }
      const types = await roomTypes(propertyId);
      const nameOf = (id: string) => (Array.isArray(types) ? types.find((t) => t.id === id)?.name : undefined) ?? 'this room';
      // The widget cannot show stay rules yet, so they are refused here with a message naming them.
      for (const [i, room] of stay.input.rooms.entries()) {
        const arrival = facts.get(room.roomId)?.get(stay.checkInDate);
        const departure = facts.get(room.roomId)?.get(stay.checkOutDate);
        const name = nameOf(room.roomId);
        if (arrival?.closedToArrival) {
          const message = `is closed to arrival for ${name} on ${stay.checkInDate}: choose another check-in date.`;
          throw new InvalidRequest(`Invalid booking request: checkIn ${message}`, { checkIn: message, [`rooms.${i}.roomId`]: message });
        }
        if (departure?.closedToDeparture) {
          const message = `is closed to departure for ${name} on ${stay.checkOutDate}: choose another check-out date.`;
          throw new InvalidRequest(`Invalid booking request: checkOut ${message}`, { checkOut: message });
        }
        if (arrival && arrival.minLos > stay.nights.length) {
          const message = `must be at least ${arrival.minLos} nights after checkIn: ${name} has a minimum stay of ${arrival.minLos} nights from ${stay.checkInDate}.`;
          throw new InvalidRequest(`Invalid booking request: checkOut ${message}`, { checkOut: message });
        }
        if (arrival && arrival.maxLos > 0 && arrival.maxLos < stay.nights.length) {
          const message = `must be at most ${arrival.maxLos} nights after checkIn: ${name} has a maximum stay of ${arrival.maxLos} nights from ${stay.checkInDate}.`;
          throw new InvalidRequest(`Invalid booking request: checkOut ${message}`, { checkOut: message });
        }
      }
      charges.delete(propertyId);
      if ((await exclusiveRead.get(propertyId)) === true) {
        // The rooms as the quote prices them (the availability's cells), then Cloudbeds' taxes and fees on them.
        const rooms = byRoom(availability);
        const prices = stay.input.rooms.flatMap((room) => stay.nights.map((date) => (rooms.get(room.roomId.toLowerCase())?.nights[date]?.price ?? NaN) * room.quantity));
        const roomsTotal = prices.reduce((sum, price) => sum + price, 0);
        // Unpriced rooms are refused by the proxy; an unreadable total leaves the quote without it (grandTotal is checked after).
        const total = Number.isFinite(roomsTotal) ? await taxedTotal(propertyId, stay.checkInDate, stay.checkOutDate, roomsTotal, totalRoomUnits(stay.input), party) : undefined;
        if (typeof total === 'number') charges.set(propertyId, { key: bookingKey(stay), amount: total - roomsTotal });
      }
      return undefined;
    },

    stayCharges(propertyId, stay) {
      const found = charges.get(propertyId);
      const amount = found?.key === bookingKey(stay) ? Math.round(found.amount * 100) / 100 : 0;
      return Math.abs(amount) >= 0.005 ? { name: CHARGES_LINE, amount } : undefined;
    },

    async book(propertyId, booking, after): Promise<BookingOutcome> {
      const { input } = booking;
      const types = await roomTypes(propertyId);
      const maxGuests = (id: string) => (Array.isArray(types) ? types.find((t) => t.id === id)?.maxGuests : undefined) ?? 1;
      const { first, last } = splitName(input.guestName);
      const form: Record<string, string> = {
        startDate: booking.checkInDate,
        endDate: booking.checkOutDate,
        guestFirstName: first,
        guestLastName: last,
        guestEmail: input.guestEmail ?? '',
        guestCountry: country,
        paymentMethod: 'cash',
      };
      if (input.guestPhone) form['guestPhone'] = input.guestPhone;
      // Adults = guests, spread over the lines: one per booked room first, the rest up to each line's capacity.
      let left = (input.numberOfGuests ?? 0) - input.rooms.reduce((s, r) => s + r.quantity, 0);
      input.rooms.forEach((room, i) => {
        const extra = Math.max(0, Math.min(left, maxGuests(room.roomId) * room.quantity - room.quantity));
        left -= extra;
        form[`rooms[${i}][roomTypeID]`] = room.roomId;
        form[`rooms[${i}][quantity]`] = String(room.quantity);
        form[`adults[${i}][roomTypeID]`] = room.roomId;
        form[`adults[${i}][quantity]`] = String(room.quantity + extra);
        form[`children[${i}][roomTypeID]`] = room.roomId;
        form[`children[${i}][quantity]`] = '0';
      });

      const outcome = await call(propertyId, 'POST', 'postReservation', form);
      if (outcome.kind === 'answered' && outcome.status === 200) {
        const body = recordOf(outcome.json);
        const id = text(body['reservationID']);
        if (body['success'] === true && id) {
          const chargedTotalMinor = chargedTotal(id, body['grandTotal'], booking);
          await addItems(propertyId, id, booking, after);
          const status = body['status'] === 'confirmed' ? 'confirmed' : 'pending';
          return { kind: 'booked', answer: bookingAnswer(propertyId, id, status, booking, { system: SYSTEM, requestsStored: false, chargedTotalMinor }) };
        }
        if (body['success'] !== false) return { kind: 'unconfirmed', landed: 'yes', how: 'HTTP 200 without success or reservationID' };
        const message = (text(body['message']) ?? '').slice(0, 300) || 'no reason given';
        if (WRONG_PROPERTY.test(message)) return { kind: 'refused', answer: misconfigured(SYSTEM, message, FIX, logger) };
        // Sold out only when Cloudbeds' own availability, read now, shows the shortage.
        const night = await soldOutNight(propertyId, booking);
        if (night !== null && night !== 'unknown') return { kind: 'refused', answer: errorAnswer(400, soldOutMessage(night)), soldOutDate: night.date };
        const seen = night === null ? (SOLD_OUT.test(message) ? ' while its own rates show the units free: check the room type\'s inventory and rate plan' : '') : ' (its availability could not be read to check)';
        logger.error(`[staymod-proxy] POST postReservation for property ${propertyId}: Cloudbeds refused the booking (${message})${seen}.`);
        return { kind: 'refused', answer: errorAnswer(400, `Cloudbeds refused the booking: ${message}`) };
      }
      if (outcome.kind === 'answered' && outcome.status === 400) {
        const message = text(recordOf(outcome.json)['message']) ?? 'HTTP 400';
        logger.error(`[staymod-proxy] POST postReservation: Cloudbeds refused a parameter (${message.slice(0, 200)}).`);
        return { kind: 'refused', answer: errorAnswer(400, `Invalid booking request: Cloudbeds refused it (${message.slice(0, 200)}).`) };
      }
      return bookingFailure(SYSTEM, outcome, 'POST postReservation', logger, FIX);
    },
  };

  /**
   * Cloudbeds' `grandTotal` for the reservation (its exclusive taxes, fees and extra-guest charges; the extras come
   * after it) plus the quoted extras, in minor units, when it differs from the proxy's quote; the host is told.
   * Absent or unreadable: undefined, the quote stands.
   */
  function chargedTotal(reservationId: string, grandTotal: unknown, booking: OutgoingBooking): number | undefined {
    const given = num(grandTotal);
    const { quote } = booking;
    // 0 is no total (as a plan that does not apply is zeros), not a free stay.
    if (given === undefined || given <= 0 || !quote) return undefined;
    // The extras posted after it; not the taxes and fees line, which grandTotal already holds.
    const extrasMinor = quote.extras.reduce((sum, extra) => sum + (extra.name === CHARGES_LINE ? 0 : extra.amountMinor), 0);
    const charged = toMinor(given, quote.currency) + extrasMinor;
    if (charged === quote.totalMinor) return undefined;
    logger.error(
      `[staymod-proxy] Cloudbeds reservation ${reservationId}: Cloudbeds' total is ${noteAmount(quote, charged)} (its grandTotal ${given} plus the extras), the proxy quoted ${noteAmount(quote, quote.totalMinor)}. The booking answer's quote note carries Cloudbeds' total; the nightly rates leave out its exclusive taxes, fees or extra-guest charges.`,
    );
    return charged;
  }

  /**
   * Extras are a second call per item, all at once under one short deadline: the guest is answered then, whatever
   * is left (the calls go on). A failure or a call still running leaves the reservation without it, so the host is told.
   */
  async function addItems(propertyId: string, reservationId: string, booking: OutgoingBooking, after?: Background): Promise<void> {
    /** The calls not settled yet, by index; emptied at the deadline, so a call settling later knows it is late. */
    const pending = new Map<number, string>();
    const calls = booking.selectedOptions.map(async (option, i) => {
      const quantity = option.quantity * (option.frequency === 'day' ? booking.nights.length : 1);
      const label = `"${option.name}" (x${quantity})`;
      pending.set(i, label);
      const outcome = await call(propertyId, 'POST', 'postItem', {
        reservationID: reservationId,
        itemID: option.bookingOptionId,
        itemQuantity: String(quantity),
        itemPrice: String(option.pricePerUnit),
      });
      const late = !pending.delete(i);
      const ok = outcome.kind === 'answered' && outcome.status === 200 && recordOf(outcome.json)['success'] === true;
      if (!ok) {
        logger.error(
          `[staymod-proxy] Cloudbeds reservation ${reservationId} was made but the extra ${label} could not be added to it: add it in Cloudbeds by hand.`,
        );
      } else if (late) logger.info(`[staymod-proxy] Cloudbeds reservation ${reservationId}: the extra ${label} was added after all.`);
    });
    if (!calls.length) return;
    // On Workers, calls still queued or running at the deadline would be cut with the request.
    after?.(Promise.allSettled(calls));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ITEMS_DEADLINE_MS)));
    await Promise.race([Promise.all(calls), deadline]);
    clearTimeout(timer);
    if (pending.size) {
      const left = [...pending.values()];
      pending.clear();
      logger.error(
        `[staymod-proxy] Cloudbeds reservation ${reservationId} was made; the guest was answered while the extras ${left.join(', ')} were still being added: check them in Cloudbeds (a later line says if one failed).`,
      );
    }
  }
}
