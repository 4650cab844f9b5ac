/** Building the widget's contract answers (Staymod's shapes) from another system's facts. */
import {
  availabilityResponseSchema,
  bookingOptionsResponseSchema,
  bookingResponseSchema,
  roomsResponseSchema,
  type WireBookingOption,
  type WireRoom,
} from '../../contract/schemas.js';
import { addDays, type DateKey } from '../../domain/dates.js';
import { formatQuoteNote, type QuoteNoteInput } from '../../domain/quote-note.js';
import { answer, errorAnswer, type Answer } from '../answer.js';
import type { OutgoingBooking } from './types.js';

export interface NightFacts {
  /** Units free that night. */
  free: number;
  /** Price of one unit for that night, in the property's currency; null when unknown. */
  price: number | null;
}

export interface RoomFacts {
  id: string;
  name: string;
  /** One label per physical unit ("101", "Unit 1"). */
  units: readonly string[];
  night(date: DateKey): NightFacts | undefined;
}

/**
 * Units of one room type: a whole number from 0 to 500. Another system's count is untrusted
 * input that becomes one availability row per unit: a stray 5e7 must not fill the proxy's memory.
 */
export const MAX_UNITS = 500;
export function unitCount(count: number): number {
  return Number.isFinite(count) ? Math.min(MAX_UNITS, Math.max(0, Math.floor(count))) : 0;
}

export function datesOf(from: DateKey, to: DateKey): DateKey[] {
  const out: DateKey[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const isWeekend = (date: DateKey) => [5, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * One row per unit; row k is full on a night when k >= units free (counts only: no per-unit data).
 * `per-stay`: the system has no nightly prices, so the widget lets guests book unpriced free nights.
 */
export function availabilityAnswer(from: DateKey, to: DateKey, rooms: readonly RoomFacts[], pricing?: 'per-stay' | 'quoted'): Answer {
  const dates = datesOf(from, to);
  const rows = rooms.flatMap((room) =>
    room.units.map((unitLabel, k) => ({
      rowId: `${room.id}:${k + 1}`,
      roomId: room.id,
      listingName: room.name,
      roomType: 'other',
      unitLabel,
      cells: dates.map((dateKey) => {
        const facts = room.night(dateKey);
        return { dateKey, isFull: !facts || k >= facts.free, price: facts?.price ?? null, priceIsOverride: false };
      }),
    })),
  );
  return answer(200, availabilityResponseSchema.parse({ from, to, days: dates.map((dateKey) => ({ dateKey, isWeekend: isWeekend(dateKey) })), rows, ...(pricing ? { pricing } : {}) }));
}

export function roomsAnswer(rooms: ReadonlyArray<Partial<WireRoom> & Pick<WireRoom, '_id' | 'name'>>): Answer {
  return answer(200, roomsResponseSchema.parse({ rooms: rooms.map((room, i) => ({ sortOrder: i, isActive: true, ...room })) }));
}

/** A stay quote (GET quote): `total` is one unit over the stay in the property's currency, the system's fees and taxes in. */
export function quoteAnswer(stay: { roomId: string; checkIn: DateKey; checkOut: DateKey; guests: number }, total: number): Answer {
  return answer(200, { quote: { roomId: stay.roomId, checkIn: stay.checkIn, checkOut: stay.checkOut, guests: stay.guests, total } });
}

/** A quote asked for a room the property does not list. */
export function unknownQuoteRoom(): Answer {
  const message = 'is not a bookable room of this property.';
  return errorAnswer(400, `Invalid quote request: roomId ${message}`, { roomId: message });
}

export function bookingOptionsAnswer(options: readonly WireBookingOption[]): Answer {
  return answer(200, bookingOptionsResponseSchema.parse({ bookingOptions: options }));
}

/** An amount as the quote note writes its total: "MXN 4,700.50". */
export function noteAmount(quote: QuoteNoteInput, minor: number): string {
  return formatQuoteNote({ ...quote, rooms: [], extras: [], totalMinor: minor }).replace(/^[^]*\nTotal: /, '');
}

/** What the system did with a booking beyond making it, for the answer. */
export interface BookedFacts {
  /** For the answer's wording: "Cloudbeds". */
  system?: string;
  /** Whether the system stored the guest's special requests. Cloudbeds' and Guesty's bookings take no free text: false. */
  requestsStored?: boolean;
  /** The system's own total for the booking, in minor units, when it differs from the proxy's quote. */
  chargedTotalMinor?: number;
}

/**
 * `specialRequests` of the answer: what the hotel holds, never more. The quote note (with the system's
 * own total when it differs: what the guest will be charged), and the guest's text only when stored.
 */
function answeredRequests(booking: OutgoingBooking, facts: BookedFacts): string | null {
  if (facts.requestsStored) return booking.specialRequests;
  const lines: string[] = [];
  if (booking.quote) {
    const charged = facts.chargedTotalMinor;
    if (charged === undefined) lines.push(formatQuoteNote(booking.quote));
    else {
      lines.push(formatQuoteNote({ ...booking.quote, totalMinor: charged }));
      lines.push(`(The total as ${facts.system ?? 'the booking system'} will charge it, with its taxes, fees or guest charges; the lines above come to ${noteAmount(booking.quote, booking.quote.totalMinor)}.)`);
    }
  }
  if (booking.input.specialRequests?.trim()) {
    lines.push('---', `Your special requests were not sent to the hotel (${facts.system ?? 'its booking system'} takes none from this website): please send them to the property directly.`);
  }
  return lines.length ? lines.join('\n') : null;
}

/** The 201 `{ booking }` the widget reads, for a reservation made elsewhere. */
export function bookingAnswer(propertyId: string, id: string, status: string, booking: OutgoingBooking, facts: BookedFacts = {}): Answer {
  const { input } = booking;
  const rooms: Record<string, { roomType: string; quantity: number }> = {};
  for (const room of input.rooms) rooms[room.roomId] = { roomType: 'other', quantity: room.quantity };
  return answer(
    201,
    bookingResponseSchema.parse({
      booking: {
        _id: id,
        propertyId,
        guestName: input.guestName,
        guestEmail: input.guestEmail ?? null,
        guestPhone: input.guestPhone ?? null,
        specialRequests: answeredRequests(booking, facts),
        checkIn: input.checkIn,
        checkOut: input.checkOut,
        numberOfGuests: input.numberOfGuests ?? null,
        selectedOptions: booking.selectedOptions,
        status,
        rooms,
        createdAt: new Date().toISOString(),
      },
    }),
  );
}
