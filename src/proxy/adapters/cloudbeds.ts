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
import { errorAnswer, type Answer } from '../answer.js';
import { soldOutMessage } from '../booking.js';
import { exchange, type UpstreamOutcome } from '../upstream.js';
import { InvalidRequest } from '../validate.js';
import { bookingFailure, misconfigured, num, readFailure, splitName, text } from './failures.js';
import { NO_TURN, Pacer, READ_PATIENCE_MS, writePatienceMs, type PaceLimit } from './pacer.js';
import { JOIN_MS, SharedRead } from './shared-read.js';
import { availabilityAnswer, bookingAnswer, bookingOptionsAnswer, roomsAnswer, unitCount, type NightFacts } from './shapes.js';
import type { AdapterEnv, BookingOutcome, OutgoingBooking, PmsAdapter, PmsDefinition } from './types.js';

export const CLOUDBEDS_API_BASE = 'https://api.cloudbeds.com/api/v1.3';

export interface CloudbedsOptions {
  apiKey: string;
  /** Default Cloudbeds' production API. */
  apiBase?: string;
  /** ISO 3166 alpha-2 country sent with every reservation (the widget asks none). */
  guestCountry: string;
}

const SYSTEM = 'Cloudbeds';
const FIX = 'CLOUDBEDS_API_KEY (its scopes: read:hotel, read:room, read:rate, read:item, write:reservation, write:item) or CLOUDBEDS_PROPERTY_ID';
const WRONG_PROPERTY = /property id'?s? match/i;
/** Cloudbeds documents no sold-out text: any refusal that speaks of availability is read as one. */
const SOLD_OUT = /availab|sold out|no longer|not enough|fully booked/i;
const ROOM_MEMO_MS = 60_000;
/** "Properties: 5 requests per second" (Cloudbeds FAQ); past it, Cloudbeds "may" suspend the key (shared/cloudbeds-contract.md). */
const CLOUDBEDS_LIMIT: PaceLimit = { calls: 5, perMs: 1000 };

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
  // Cloudbeds allows a property 5 requests a second, and may suspend the key past it: paced per property,
  // across the instances sharing the proxy's state.
  const pacers = new Map<string, Pacer>();
  const pacerOf = (propertyId: string): Pacer => {
    let pacer = pacers.get(propertyId);
    if (!pacer) pacers.set(propertyId, (pacer = new Pacer(CLOUDBEDS_LIMIT, `cloudbeds:${propertyId}`, env)));
    return pacer;
  };
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
    if (!(await pacerOf(propertyId).take(method === 'postReservation' ? writePatienceMs(env.timeoutMs) : READ_PATIENCE_MS))) return NO_TURN;
    return exchange(url, { method: verb, headers, body }, { fetch: env.fetch, timeoutMs: env.timeoutMs, logger, system: SYSTEM, label: `${verb} ${method}` });
  }

  /** The `data` of a successful answer, or the answer to give instead. */
  async function read(propertyId: string, method: string, params: Record<string, string>): Promise<{ data: unknown } | { failed: Answer }> {
    const outcome = await call(propertyId, 'GET', method, params);
    if (outcome.kind === 'answered' && outcome.status === 200) {
      const body = recordOf(outcome.json);
      // HTTP 200 is not success: Cloudbeds reports business errors with success:false.
      if (body['success'] === true) return { data: body['data'] };
      const message = text(body['message']) ?? 'success:false';
      if (WRONG_PROPERTY.test(message)) return { failed: misconfigured(SYSTEM, message, FIX, logger) };
      logger.error(`[staymod-proxy] GET ${method}: Cloudbeds refused (${message.slice(0, 200)}).`);
      return { failed: errorAnswer(502, 'Cloudbeds refused the booking proxy\'s request. Please try again later.') };
    }
    return { failed: readFailure(SYSTEM, outcome, `GET ${method}`, logger, FIX) };
  }

  async function readRoomTypes(propertyId: string): Promise<RoomType[] | Answer> {
    const types: Array<Record<string, unknown>> = [];
    for (let page = 1; page <= 20; page++) {
      const got = await read(propertyId, 'getRoomTypes', { propertyIDs: propertyId, pageNumber: String(page), pageSize: '100' });
      if ('failed' in got) return got.failed;
      const batch = listOf(got.data).map(recordOf);
      types.push(...batch);
      if (batch.length < 100) break;
    }
    const units = await read(propertyId, 'getRooms', { propertyIDs: propertyId });
    if ('failed' in units) return units.failed;
    const unitsByType = new Map<string, string[]>();
    for (const block of listOf(units.data).map(recordOf)) {
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

  /** Base-plan facts per room type and night for nights `from`..`to` (inclusive). */
  async function nightly(propertyId: string, from: DateKey, to: DateKey): Promise<Map<string, Map<string, Day>> | Answer> {
    // endDate is a check-out: ask one day past `to` so `to` is a night, whether or not Cloudbeds lists endDate.
    const got = await read(propertyId, 'getRatePlans', { startDate: from, endDate: addDays(to, 1), detailedRates: 'true' });
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
        const price = num(d['rateBase']) ?? num(d['rate']) ?? null;
        const free = flag(d['blocked']) ? 0 : Math.max(0, Math.floor(num(d['roomsAvailable']) ?? 0));
        days.set(date, {
          free,
          price: price !== null && price >= 0 ? price : null,
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

  /** The first night of the stay on which a booked room type has fewer free units than asked. */
  async function soldOutNight(propertyId: string, booking: OutgoingBooking): Promise<{ date: DateKey; need: number; left: number }> {
    const first = booking.nights[0]!;
    const facts = await nightly(propertyId, first, booking.nights[booking.nights.length - 1]!);
    if (facts instanceof Map) {
      for (const date of booking.nights) {
        for (const room of booking.input.rooms) {
          const left = facts.get(room.roomId)?.get(date)?.free ?? 0;
          if (left < room.quantity) return { date, need: room.quantity, left };
        }
      }
    }
    return { date: first, need: booking.input.rooms[0]!.quantity, left: 0 };
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
      const facts = await nightly(propertyId, from, to);
      if (!(facts instanceof Map)) return facts;
      return availabilityAnswer(
        from,
        to,
        types.map((t) => ({ id: t.id, name: t.name, units: t.units, night: (date) => facts.get(t.id)?.get(date) })),
      );
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

    async prepare(propertyId, stay) {
      if (!stay.input.guestEmail) {
        throw new InvalidRequest('Invalid booking request: guestEmail is required by this property\'s booking system.', { guestEmail: 'is required.' });
      }
      const facts = await nightly(propertyId, stay.checkInDate, stay.nights[stay.nights.length - 1]!);
      if (!(facts instanceof Map)) return facts;
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
      return undefined;
    },

    async book(propertyId, booking): Promise<BookingOutcome> {
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
          await addItems(propertyId, id, booking);
          return { kind: 'booked', answer: bookingAnswer(propertyId, id, body['status'] === 'confirmed' ? 'confirmed' : 'pending', booking) };
        }
        if (body['success'] !== false) return { kind: 'unconfirmed', landed: 'yes', how: 'HTTP 200 without success or reservationID' };
        const message = (text(body['message']) ?? '').slice(0, 300);
        if (WRONG_PROPERTY.test(message)) return { kind: 'refused', answer: misconfigured(SYSTEM, message, FIX, logger) };
        if (SOLD_OUT.test(message)) {
          const night = await soldOutNight(propertyId, booking);
          return { kind: 'refused', answer: errorAnswer(400, soldOutMessage(night)), soldOutDate: night.date };
        }
        return { kind: 'refused', answer: errorAnswer(400, `Invalid booking request: Cloudbeds refused it (${message || 'no reason given'}).`) };
      }
      if (outcome.kind === 'answered' && outcome.status === 400) {
        const message = text(recordOf(outcome.json)['message']) ?? 'HTTP 400';
        logger.error(`[staymod-proxy] POST postReservation: Cloudbeds refused a parameter (${message.slice(0, 200)}).`);
        return { kind: 'refused', answer: errorAnswer(400, `Invalid booking request: Cloudbeds refused it (${message.slice(0, 200)}).`) };
      }
      return bookingFailure(SYSTEM, outcome, 'POST postReservation', logger, FIX);
    },
  };

  /** Extras are a second call per item: a failure leaves the reservation without it, so the host is told. */
  async function addItems(propertyId: string, reservationId: string, booking: OutgoingBooking): Promise<void> {
    for (const option of booking.selectedOptions) {
      const quantity = option.quantity * (option.frequency === 'day' ? booking.nights.length : 1);
      const outcome = await call(propertyId, 'POST', 'postItem', {
        reservationID: reservationId,
        itemID: option.bookingOptionId,
        itemQuantity: String(quantity),
        itemPrice: String(option.pricePerUnit),
      });
      const ok = outcome.kind === 'answered' && outcome.status === 200 && recordOf(outcome.json)['success'] === true;
      if (!ok) {
        logger.error(
          `[staymod-proxy] Cloudbeds reservation ${reservationId} was made but the extra "${option.name}" (x${quantity}) could not be added to it: add it in Cloudbeds by hand.`,
        );
      }
    }
  }
}
