/**
 * The booking rules Staymod leaves to its clients: option prices come from
 * Staymod (only the quantity from the guest), and a stay is refused before the
 * insert when a night lacks free units.
 */
import type { WireAvailability, WireBookingOption, WireSelectedOption } from '../contract/schemas.js';
import type { DateKey } from '../domain/dates.js';
import { toAvailability } from '../domain/model.js';
import { InvalidRequest, totalRoomUnits, type ProxyBookingInput } from './validate.js';

/**
 * Rebuilds `selectedOptions` from Staymod's list. An unknown or inactive option,
 * or a quantity beyond one per guest (per-guest option) or one per booked room
 * (per-room option), is refused.
 */
export function repriceOptions(
  input: ProxyBookingInput,
  available: readonly WireBookingOption[],
  maxQuantity: number,
): WireSelectedOption[] {
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
    const cap =
      option.appliesTo === 'room'
        ? Math.min(rooms, maxQuantity)
        : Math.min(input.numberOfGuests ?? maxQuantity, maxQuantity);
    if (wanted.quantity > cap) {
      const per = option.appliesTo === 'room' ? 'one per booked room' : 'one per guest';
      fields[`selectedOptions.${i}.quantity`] = `must be at most ${cap} for "${option.name}" (${per}).`;
      return;
    }
    out.push({
      bookingOptionId: option._id,
      name: option.name,
      appliesTo: option.appliesTo,
      frequency: option.frequency,
      pricePerUnit: option.pricePerUnit,
      quantity: wanted.quantity,
    });
  });
  const first = Object.entries(fields)[0];
  if (first) throw new InvalidRequest(`Invalid booking request: ${first[0]} ${first[1]}`, fields);
  return out;
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
