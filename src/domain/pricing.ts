/**
 * Quotes for a stay, in integer minor units. Pure functions over the domain model,
 * shared by the calendar (lowest price per night), the room list (per-room
 * breakdown) and the booking element (the total sent to events and shown on
 * confirmation).
 */
import type { DateKey } from './dates.js';
import { stayNights } from './dates.js';
import type { AvailabilityRange, BookingOption, NightInfo } from './model.js';
import { toMinor } from './money.js';

export type Nights = AvailabilityRange['nights'];

export interface NightQuote {
  date: DateKey;
  unitsFree: number;
  /** Minor units, `null` when the night has no price. */
  priceMinor: number | null;
}

export type Unbookable = 'sold-out' | 'no-price' | 'unknown';

export interface RoomQuote {
  roomId: string;
  nights: NightQuote[];
  /** Fewest units free over the stay: how many of this room can still be booked. */
  unitsFree: number;
  /** One unit for the whole stay, or `null` when a night is unpriced or unknown. */
  totalMinor: number | null;
  /** The system's quote prices the stay: unpriced nights (`totalMinor` null), or nightly prices that are a guide (`quoted`). */
  perStay?: true;
  /** A per-stay room whose price the system is being asked for (the quote is on its way). */
  quoting?: true;
  /**
   * Why the room cannot be booked for the stay; absent when it can. `refused`: the view shows
   * it free, but the property's booking system (its stale per-type counter) refused it.
   */
  unbookable?: Unbookable | 'refused';
  /** The first night that makes it unbookable. */
  blockingDate?: DateKey;
}

/** The room's total for the stay, or `null` while a stay the system prices (`perStay`) awaits its quote: nightly prices are then a guide, no total. */
export function knownTotal(quote: Pick<RoomQuote, 'totalMinor' | 'perStay'>): number | null {
  return quote.perStay ? null : quote.totalMinor;
}

export function nightInfo(nights: Nights, roomId: string, date: DateKey): NightInfo | undefined {
  return nights[roomId]?.[date];
}

/** `dates`: the stay's nights, when the caller quotes many rooms for one stay. */
export function quoteRoom(nights: Nights, roomId: string, checkIn: DateKey, checkOut: DateKey, currency: string, dates = stayNights(checkIn, checkOut)): RoomQuote {
  const quotes: NightQuote[] = [];
  let unitsFree = Number.POSITIVE_INFINITY;
  let total: number | null = 0;
  let unbookable: Unbookable | undefined;
  let blockingDate: DateKey | undefined;
  let perStay = false;
  for (const date of dates) {
    const info = nightInfo(nights, roomId, date);
    const priceMinor = info && info.price !== null ? toMinor(info.price, currency) : null;
    quotes.push({ date, unitsFree: info?.unitsFree ?? 0, priceMinor });
    unitsFree = Math.min(unitsFree, info?.unitsFree ?? 0);
    total = total !== null && priceMinor !== null ? total + priceMinor : null;
    if (info?.perStay) perStay = true;
    if (!unbookable) {
      const reason: Unbookable | undefined = !info ? 'unknown' : info.unitsFree <= 0 ? 'sold-out' : info.price === null && !info.perStay ? 'no-price' : undefined;
      if (reason) {
        unbookable = reason;
        blockingDate = date;
      }
    }
  }
  const quote: RoomQuote = { roomId, nights: quotes, unitsFree: dates.length ? unitsFree : 0, totalMinor: dates.length ? total : null };
  // Unpriced, or priced only as a guide (`quoted`): the system's quote is the total.
  if (perStay) quote.perStay = true;
  if (unbookable) {
    quote.unbookable = unbookable;
    quote.blockingDate = blockingDate!;
  }
  return quote;
}

/** Lowest price among rooms with a free, priced unit that night (minor units), `perStay` when free but priced per stay, or why none. */
export function cheapestNight(
  nights: Nights,
  roomIds: readonly string[],
  date: DateKey,
  currency: string,
): { priceMinor: number } | { perStay: true } | { unbookable: Unbookable } {
  let best: number | null = null;
  let sawUnknown = false;
  let sawUnpriced = false;
  let sawPerStay = false;
  for (const roomId of roomIds) {
    const info = nightInfo(nights, roomId, date);
    if (!info) {
      sawUnknown = true;
      continue;
    }
    if (info.unitsFree <= 0) continue;
    if (info.price === null) {
      if (info.perStay) sawPerStay = true;
      else sawUnpriced = true;
      continue;
    }
    const minor = toMinor(info.price, currency);
    if (best === null || minor < best) best = minor;
  }
  if (best !== null) return { priceMinor: best };
  if (sawPerStay) return { perStay: true };
  return { unbookable: sawUnknown ? 'unknown' : sawUnpriced ? 'no-price' : 'sold-out' };
}

/**
 * Units of an option as Staymod stores them: guests for a per-guest option, rooms
 * for a per-room one. A per-night (`day`) option is charged that many units every night.
 */
export function optionQuantity(option: Pick<BookingOption, 'appliesTo'>, guests: number, rooms: number): number {
  return option.appliesTo === 'user' ? guests : rooms;
}

export function optionTotalMinor(
  option: Pick<BookingOption, 'frequency' | 'pricePerUnit'>,
  quantity: number,
  nightsCount: number,
  currency: string,
): number {
  const times = option.frequency === 'day' ? nightsCount : 1;
  return toMinor(option.pricePerUnit, currency) * quantity * times;
}

export interface StayTotal {
  roomsMinor: number | null;
  optionsMinor: number;
  totalMinor: number | null;
}

/** Total of rooms x quantities plus options, or `null` rooms when any night is unpriced or a stay awaits the system's quote. */
export function stayTotal(
  quotes: ReadonlyArray<{ quote: RoomQuote; quantity: number }>,
  options: ReadonlyArray<{ option: BookingOption; quantity: number }>,
  nightsCount: number,
  currency: string,
): StayTotal {
  let roomsMinor: number | null = 0;
  for (const { quote, quantity } of quotes) {
    if (quantity <= 0) continue;
    const total = knownTotal(quote);
    roomsMinor = roomsMinor !== null && total !== null ? roomsMinor + total * quantity : null;
  }
  const optionsMinor = options.reduce((sum, { option, quantity }) => sum + optionTotalMinor(option, quantity, nightsCount, currency), 0);
  return { roomsMinor, optionsMinor, totalMinor: roomsMinor === null ? null : roomsMinor + optionsMinor };
}

/** The cheapest rooms for a stay that sleep the party: a count per room id, and their total. */
export interface StayChoice {
  totalMinor: number;
  rooms: Record<string, number>;
}

/**
 * The cheapest choice of rooms free and priced on every night of the stay that sleeps
 * `guests` (at least one room), or `null` when none does. Each room offers as many units
 * as it has free on its fullest night; several units and several rooms may combine.
 */
export function cheapestStay(
  nights: Nights,
  rooms: ReadonlyArray<{ id: string; maxGuests: number; unitCount?: number }>,
  checkIn: DateKey,
  checkOut: DateKey,
  guests: number,
  currency: string,
): StayChoice | null {
  const party = Math.max(1, Math.floor(guests) || 1);
  // best[g]: the cheapest choice sleeping at least g guests (g capped at the party).
  const dates = stayNights(checkIn, checkOut);
  let best: Array<StayChoice | null> = Array.from({ length: party + 1 }, (_, g) => (g === 0 ? { totalMinor: 0, rooms: {} } : null));
  for (const room of rooms) {
    const capacity = Math.floor(room.maxGuests);
    if (!(capacity > 0)) continue;
    const quote = quoteRoom(nights, room.id, checkIn, checkOut, currency, dates);
    // A stay the system prices has no total here: its nightly prices leave out fees and taxes.
    const total = knownTotal(quote);
    // Staymod books at most unitCount of a room, however many of its rows show free.
    const free = Math.min(quote.unitsFree, room.unitCount ?? Infinity);
    if (quote.unbookable || total === null || !(free > 0)) continue;
    // More units than the party needs never make a cheaper choice.
    const units = Math.min(free, Math.ceil(party / capacity));
    for (let unit = 0; unit < units; unit++) {
      const next = [...best];
      for (let g = 0; g <= party; g++) {
        const from = best[g];
        if (!from) continue;
        const to = Math.min(party, g + capacity);
        const totalMinor = from.totalMinor + total;
        if (!next[to] || totalMinor < next[to]!.totalMinor) next[to] = { totalMinor, rooms: { ...from.rooms, [room.id]: (from.rooms[room.id] ?? 0) + 1 } };
      }
      best = next;
    }
  }
  return best[party] ?? null;
}

const stayLookups = new WeakMap<object, Map<string, (checkIn: DateKey, checkOut: DateKey) => number | null>>();

/**
 * `cheapestStay`'s total as a `(checkIn, checkOut)` lookup for the calendar: the same function
 * while the nights, rooms, party and currency are the same (a new one would re-render it).
 */
export function cheapestStayLookup(
  nights: Nights,
  rooms: ReadonlyArray<{ id: string; maxGuests: number; unitCount?: number }>,
  guests: number,
  currency: string,
): (checkIn: DateKey, checkOut: DateKey) => number | null {
  const byNights = stayLookups.get(nights) ?? new Map<string, (checkIn: DateKey, checkOut: DateKey) => number | null>();
  stayLookups.set(nights, byNights);
  const key = `${rooms.map((r) => `${r.id}:${r.maxGuests}:${r.unitCount}`).join(',')}|${guests}|${currency}`;
  let lookup = byNights.get(key);
  if (!lookup) {
    const totals = new Map<string, number | null>();
    lookup = (checkIn, checkOut) => {
      const stay = `${checkIn}|${checkOut}`;
      let total = totals.get(stay);
      if (total === undefined) totals.set(stay, (total = cheapestStay(nights, rooms, checkIn, checkOut, guests, currency)?.totalMinor ?? null));
      return total;
    };
    byNights.set(key, lookup);
  }
  return lookup;
}
