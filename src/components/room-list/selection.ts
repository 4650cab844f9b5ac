/**
 * What the guest chose, made consistent with the stay: only bookable rooms, never
 * more than the units free, only extras that exist. Pure, so the booking element
 * can apply the very same rule before it sends anything. The room list's own rules
 * (guests, capacity, extras) are in ./party.ts, which loads with the checkout.
 */
import type { Room } from '../../domain/model.js';
import type { RoomQuote } from '../../domain/pricing.js';

export const MIN_GUESTS = 1;
export const MAX_GUESTS = 99;

/** True when the room can be booked for the stay (priced, known, at least one unit free every night). */
export function isBookable(quote: RoomQuote | undefined): quote is RoomQuote {
  return !!quote && !quote.unbookable && quote.unitsFree > 0 && (quote.totalMinor !== null || !!quote.perStay);
}

/** Quantities clamped to `0..unitsFree` of bookable rooms; zero entries dropped. */
export function normalizeSelection(
  rooms: readonly Room[],
  quotes: Readonly<Record<string, RoomQuote>>,
  selection: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const room of rooms) {
    const wanted = selection[room.id];
    const quote = quotes[room.id];
    if (typeof wanted !== 'number' || !Number.isFinite(wanted) || !isBookable(quote)) continue;
    const quantity = Math.min(Math.max(Math.trunc(wanted), 0), quote.unitsFree);
    if (quantity > 0) out[room.id] = quantity;
  }
  return out;
}
