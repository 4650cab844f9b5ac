/**
 * The booking rules Staymod leaves to its clients: option prices and quantities
 * come from Staymod and the stay (not the guest), a stay is refused before the
 * insert when a night lacks free units or a price, and the quote is recorded.
 */
import { soldOutNeed, soldOutNight } from '../contract/errors.js';
import type { WireAvailability, WireBookingOption, WireSelectedOption } from '../contract/schemas.js';
import type { DateKey } from '../domain/dates.js';
import { toAvailability, type NightInfo } from '../domain/model.js';
import { toMinor } from '../domain/money.js';
import { optionQuantity, optionTotalMinor } from '../domain/pricing.js';
import type { QuoteNoteInput } from '../domain/quote-note.js';
import type { ProxyLogger } from './logger.js';
import { InvalidRequest, totalRoomUnits, type ProxyBookingInput } from './validate.js';

/**
 * Rebuilds `selectedOptions` from Staymod's list, with the widget's own quantity
 * rule (`optionQuantity`: one per guest for a per-guest option, one per booked room
 * for a per-room one). Staymod lets no guest choose a quantity, so a client-sent
 * quantity must equal that; an unknown or inactive option is refused.
 */
export function repriceOptions(input: ProxyBookingInput, available: readonly WireBookingOption[]): WireSelectedOption[] {
  const byId = new Map(available.map((option) => [option._id, option]));
  const rooms = totalRoomUnits(input);
  const fields: Record<string, string> = {};
  const out: WireSelectedOption[] = [];
  (input.selectedOptions ?? []).forEach((wanted, i) => {
    const option = byId.get(wanted.bookingOptionId);
    if (!option || !option.isActive) {
      fields[`selectedOptions.${i}.bookingOptionId`] = option
        ? `"${option.name}" is not offered any more.`
        : 'is not a booking option of this property.';
      return;
    }
    if (option.appliesTo === 'user' && input.numberOfGuests === undefined) {
      fields['numberOfGuests'] = `is required for "${option.name}" (charged per guest).`;
      return;
    }
    const quantity = optionQuantity(option, input.numberOfGuests ?? 0, rooms);
    if (wanted.quantity !== undefined && wanted.quantity !== quantity) {
      const per = option.appliesTo === 'room' ? 'one per booked room' : 'one per guest';
      fields[`selectedOptions.${i}.quantity`] = `must be ${quantity} for "${option.name}" (${per}).`;
      return;
    }
    out.push({
      bookingOptionId: option._id,
      name: option.name,
      appliesTo: option.appliesTo,
      frequency: option.frequency,
      pricePerUnit: option.pricePerUnit,
      quantity,
    });
  });
  const first = Object.entries(fields)[0];
  if (first) throw new InvalidRequest(`Invalid booking request: ${first[0]} ${first[1]}`, fields);
  return out;
}

/** Per room (lower-case id): its listing name, room type and each night's facts, from Staymod's view. */
type RoomNights = Map<string, { name: string; type: string; nights: Record<DateKey, NightInfo> }>;

export function byRoom(availability: readonly WireAvailability[]): RoomNights {
  const out: RoomNights = new Map();
  for (const part of availability) {
    for (const row of part.rows) {
      const id = row.roomId.toLowerCase();
      if (!out.has(id)) out.set(id, { name: row.listingName, type: row.roomType, nights: {} });
    }
    for (const [roomId, byDate] of Object.entries(toAvailability(part).nights)) {
      Object.assign(out.get(roomId.toLowerCase())!.nights, byDate);
    }
  }
  return out;
}

/** The room types of the booked rooms, as Staymod's view names them (its inventory counter is per type); `refusal`: its sold-out answer. */
export function bookedRoomTypes(input: ProxyBookingInput, availability: readonly WireAvailability[], refusal?: string): string[] {
  const rooms = byRoom(availability);
  // Staymod's sold-out names the refused line's quantity ("need 2 unit(s)"), not its room: the lines of that quantity, when any.
  const need = soldOutNeed(refusal);
  const refused = input.rooms.filter((room) => room.quantity === need);
  return [...new Set((refused.length ? refused : input.rooms).map((room) => rooms.get(room.roomId.toLowerCase())?.type ?? 'unknown'))].sort();
}

/**
 * What the guest is charged, from the same availability the check used and the
 * re-priced options: the quote written to `specialRequests`. A night without a
 * price cannot be quoted, so the room cannot be booked.
 */
export function quoteStay(
  input: ProxyBookingInput,
  nights: readonly DateKey[],
  availability: readonly WireAvailability[],
  options: readonly WireSelectedOption[],
  currency: string,
  /** The system's own charges beyond the nights (e.g. Guesty's cleaning fee and taxes). */
  charges?: { name: string; amount: number },
): { quote: QuoteNoteInput } | { unpriced: { index: number; date: DateKey } } {
  const rooms = byRoom(availability);
  const quoted: QuoteNoteInput['rooms'][number][] = [];
  let totalMinor = 0;
  for (const [index, room] of input.rooms.entries()) {
    const facts = rooms.get(room.roomId.toLowerCase());
    const nightlyMinor: number[] = [];
    for (const date of nights) {
      const price = facts?.nights[date]?.price ?? null;
      if (price === null) return { unpriced: { index, date } };
      nightlyMinor.push(toMinor(price, currency));
    }
    quoted.push({ name: facts?.name ?? '', quantity: room.quantity, nightlyMinor });
    totalMinor += nightlyMinor.reduce((sum, p) => sum + p, 0) * room.quantity;
  }
  const extras = options.map((option) => ({
    name: option.name,
    amountMinor: optionTotalMinor(option, option.quantity, nights.length, currency),
  }));
  if (charges) extras.push({ name: charges.name, amountMinor: toMinor(charges.amount, currency) });
  totalMinor += extras.reduce((sum, extra) => sum + extra.amountMinor, 0);
  return { quote: { source: 'proxy', currency, rooms: quoted, extras, totalMinor } };
}

export type Shortage =
  | { kind: 'sold-out'; date: DateKey; need: number; left: number }
  | { kind: 'unknown-room'; index: number; roomId: string };

/** Staymod's own sold-out message, so clients need to know only one. */
export function soldOutMessage(shortage: { date: DateKey; need: number; left: number }): string {
  return `Not enough availability on ${shortage.date} (need ${shortage.need} unit(s), ${shortage.left} left).`;
}

/**
 * The first night (earliest date, then request order) on which a requested room
 * has fewer free units than asked for; `null` when the whole stay fits. A night
 * missing from Staymod's answer counts as no units free.
 */
export function findShortage(
  input: ProxyBookingInput,
  nights: readonly DateKey[],
  availability: readonly WireAvailability[],
): Shortage | null {
  const free: Record<string, Record<DateKey, { unitsFree: number }>> = {};
  for (const part of availability) {
    for (const [roomId, byDate] of Object.entries(toAvailability(part).nights)) {
      Object.assign((free[roomId.toLowerCase()] ??= {}), byDate);
    }
  }
  for (const [index, room] of input.rooms.entries()) {
    if (!free[room.roomId.toLowerCase()]) return { kind: 'unknown-room', index, roomId: room.roomId };
  }
  for (const date of nights) {
    for (const room of input.rooms) {
      const left = free[room.roomId.toLowerCase()]?.[date]?.unitsFree ?? 0;
      if (left < room.quantity) return { kind: 'sold-out', date, need: room.quantity, left };
    }
  }
  return null;
}

/** The night of a Staymod sold-out answer (`{"error":"Not enough availability on <date> ..."}`), if it is one. */
export function soldOutDateOf(body: string): DateKey | undefined {
  try {
    const message = (JSON.parse(body) as { error?: unknown }).error;
    return typeof message === 'string' ? (soldOutNight(message) as DateKey | undefined) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Staymod refused as sold out a night its own view showed free: its inventory
 * counter for that room type is stale (it is never recounted when units are added).
 * The host is told once per property, room type and night, not per guest request.
 */
export class StaleCounterLog {
  readonly #seen = new Set<string>();
  readonly #logger: ProxyLogger;
  static readonly MAX_REMEMBERED = 1000;

  constructor(logger: ProxyLogger) {
    this.#logger = logger;
  }

  report(propertyId: string, roomTypes: readonly string[], date: DateKey): void {
    const key = `${propertyId}|${roomTypes.join(',')}|${date}`;
    if (this.#seen.has(key)) return;
    if (this.#seen.size >= StaleCounterLog.MAX_REMEMBERED) this.#seen.clear();
    this.#seen.add(key);
    const types = roomTypes.map((type) => `"${type}"`).join(' or ');
    this.#logger.error(
      `[staymod-proxy] Staymod's inventory counter is out of date: it refused room type ${types} on ${date} as sold out (property ${propertyId}) while its availability view shows a free unit, so guests cannot book that night. In Staymod's dashboard, re-save the unit count of the ${types} rooms, or ask Staymod support to recount inventory for ${date}. (Logged once per room type and night.)`,
    );
  }
}
