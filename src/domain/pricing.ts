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
  /** Unpriced but bookable: the property prices the stay (`totalMinor` is null). */
  perStay?: true;
  /**
   * Why the room cannot be booked for the stay; absent when it can. `refused`: the view shows
   * it free, but the property's booking system (its stale per-type counter) refused it.
   */
  unbookable?: Unbookable | 'refused';
  /** The first night that makes it unbookable. */
  blockingDate?: DateKey;
}

export function nightInfo(nights: Nights, roomId: string, date: DateKey): NightInfo | undefined {
  return nights[roomId]?.[date];
}

export function quoteRoom(nights: Nights, roomId: string, checkIn: DateKey, checkOut: DateKey, currency: string): RoomQuote {
  const dates = stayNights(checkIn, checkOut);
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
  if (perStay && total === null) quote.perStay = true;
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

/** Total of rooms x quantities plus options, or `null` rooms when any night is unpriced. */
export function stayTotal(
  quotes: ReadonlyArray<{ quote: RoomQuote; quantity: number }>,
  options: ReadonlyArray<{ option: BookingOption; quantity: number }>,
  nightsCount: number,
  currency: string,
): StayTotal {
  let roomsMinor: number | null = 0;
  for (const { quote, quantity } of quotes) {
    if (quantity <= 0) continue;
    roomsMinor = roomsMinor !== null && quote.totalMinor !== null ? roomsMinor + quote.totalMinor * quantity : null;
  }
  const optionsMinor = options.reduce((sum, { option, quantity }) => sum + optionTotalMinor(option, quantity, nightsCount, currency), 0);
  return { roomsMinor, optionsMinor, totalMinor: roomsMinor === null ? null : roomsMinor + optionsMinor };
}
