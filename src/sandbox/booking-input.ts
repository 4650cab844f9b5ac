/**
 * Validates a POST /bookings body the way Staymod does (same checks, same order,
 * same messages), including the fields Staymod trusts but should not: `status`,
 * `discount`, `advanceAmount`, `customItems` and option prices are kept as sent.
 */
import { OBJECT_ID } from './ids.js';
import { BOOKING_STATUSES, type BookingStatus, type SelectedOptionDoc } from './types.js';

export interface BookingLine {
  roomId: string;
  quantity: number;
  roomNumbers?: string[];
}

export interface BookingInput {
  guestName: string;
  guestEmail?: string;
  guestPhone?: string;
  specialRequests?: string;
  checkIn: Date;
  checkOut: Date;
  numberOfGuests?: number;
  rooms: BookingLine[];
  selectedOptions?: SelectedOptionDoc[];
  customItems?: Array<{ name: string; amount: number }>;
  discount?: number;
  advanceAmount?: number;
  status: BookingStatus;
}

/** A validation failure: answered as 400 `{ error: message }`. */
export class InputError extends Error {}

function requiredString(value: unknown, label: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new InputError(`${label} is required.`);
  return value.trim();
}

function optionalString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.trim() || undefined;
}

/** How far `timeZone` is ahead of UTC at an instant, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = new Date(0);
  wall.setUTCFullYear(get('year'), get('month') - 1, get('day'));
  wall.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  return wall.getTime() - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time (read from `local`'s local fields) has in `timeZone`. */
function inZone(local: Date, timeZone: string): Date {
  const wall = new Date(0);
  wall.setUTCFullYear(local.getFullYear(), local.getMonth(), local.getDate());
  wall.setUTCHours(local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds());
  const guess = wall.getTime() - zoneOffset(wall.getTime(), timeZone);
  // Near a DST change the offset at the guess can differ from the offset at the wall time.
  return new Date(wall.getTime() - zoneOffset(guess, timeZone));
}

/** Throws a RangeError for a time zone Intl does not know. */
export function checkTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

/**
 * `new Date(value)`, as Staymod does, in a process running in `timeZone`: date-only ISO
 * strings are UTC, other zone-less forms (`2027-01-20T14:00:00`, `May 1, 2026 14:00`) are
 * wall-clock times in the server's zone, offsets are honoured. Any year is fine.
 */
function parseInstant(value: string | number, timeZone: string): Date {
  const date = new Date(value);
  if (typeof value === 'number' || Number.isNaN(date.getTime())) return date;
  const text = value.trim();
  const dateOnly = /^[+-]?\d{4,6}(-\d{2}(-\d{2})?)?$/.test(text);
  const hasZone = /Z$|[+-]\d{2}:?\d{2}$|\b(GMT|UTC|UT)\b/i.test(text);
  if (dateOnly || hasZone) return date;
  return inZone(date, timeZone);
}

function requiredDate(value: unknown, label: string, timeZone: string): Date {
  if (typeof value === 'string' || typeof value === 'number') {
    const date = parseInstant(value, timeZone);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new InputError(`${label} must be a valid date.`);
}

function positiveInt(value: unknown, label: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < 1) throw new InputError(`${label} must be a positive integer.`);
  return n;
}

function optionalPositiveInt(value: unknown, label: string): number | undefined {
  if (value == null || value === '') return undefined;
  return positiveInt(value, label);
}

function nonNegativeNumber(value: unknown, label: string): number | undefined {
  if (value == null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InputError(`${label} must be a non-negative number.`);
  return n;
}

function stringArray(value: unknown, label: string): string[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw new InputError(`${label} must be an array of strings.`);
  const out = value.map((v) => (typeof v === 'string' ? v.trim() : '')).filter(Boolean);
  return out.length ? out : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseRooms(raw: unknown): BookingLine[] {
  if (raw == null) throw new InputError('rooms is required.');
  if (typeof raw !== 'object') throw new InputError('rooms must be an object or an array.');
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new InputError('rooms must include at least one room.');
    return raw.map((entry: unknown, idx) => {
      if (!isRecord(entry)) throw new InputError(`rooms.${idx} must be an object.`);
      if (typeof entry.roomId !== 'string' || !OBJECT_ID.test(entry.roomId)) {
        throw new InputError(`rooms.${idx}.roomId must be a valid id.`);
      }
      // Staymod's order: roomId, quantity, then roomNumbers (the first failing check is the message).
      const quantity = positiveInt(entry.quantity, `rooms.${idx}.quantity`);
      const roomNumbers = stringArray(entry.roomNumbers, `rooms.${idx}.roomNumbers`);
      return { roomId: entry.roomId.toLowerCase(), quantity, ...(roomNumbers ? { roomNumbers } : {}) };
    });
  }
  // The legacy map form `{ "<roomId>": { quantity } }`, which Staymod also accepts.
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new InputError('rooms must include at least one room.');
  return entries.map(([roomId, value]) => {
    if (!OBJECT_ID.test(roomId)) throw new InputError(`rooms key "${roomId}" must be a valid room id.`);
    if (!isRecord(value)) throw new InputError('rooms map values must be objects.');
    const quantity = positiveInt(value.quantity, `rooms.${roomId}.quantity`);
    const roomNumbers = stringArray(value.roomNumbers, `rooms.${roomId}.roomNumbers`);
    return { roomId: roomId.toLowerCase(), quantity, ...(roomNumbers ? { roomNumbers } : {}) };
  });
}

function parseSelectedOptions(raw: unknown): SelectedOptionDoc[] | undefined {
  if (raw == null) return undefined;
  if (!Array.isArray(raw)) throw new InputError('selectedOptions must be an array.');
  const out = raw.map((entry: unknown, idx): SelectedOptionDoc => {
    if (!isRecord(entry)) throw new InputError(`selectedOptions.${idx} must be an object.`);
    if (typeof entry.bookingOptionId !== 'string' || !OBJECT_ID.test(entry.bookingOptionId)) {
      throw new InputError(`selectedOptions.${idx}.bookingOptionId must be a valid id.`);
    }
    const { appliesTo, frequency } = entry;
    if (appliesTo !== 'user' && appliesTo !== 'room') {
      throw new InputError(`selectedOptions.${idx}.appliesTo must be one of: user, room.`);
    }
    if (frequency !== 'day' && frequency !== 'booking') {
      throw new InputError(`selectedOptions.${idx}.frequency must be one of: day, booking.`);
    }
    return {
      bookingOptionId: entry.bookingOptionId.toLowerCase(),
      name: requiredString(entry.name, `selectedOptions.${idx}.name`),
      appliesTo,
      frequency,
      pricePerUnit: nonNegativeNumber(entry.pricePerUnit, `selectedOptions.${idx}.pricePerUnit`) ?? 0,
      quantity: positiveInt(entry.quantity, `selectedOptions.${idx}.quantity`),
    };
  });
  return out.length > 0 ? out : undefined;
}

function parseCustomItems(raw: unknown): Array<{ name: string; amount: number }> | undefined {
  if (raw == null) return undefined;
  if (!Array.isArray(raw)) throw new InputError('customItems must be an array.');
  const out = raw.map((entry: unknown, idx) => {
    if (!isRecord(entry)) throw new InputError(`customItems.${idx} must be an object.`);
    return {
      name: requiredString(entry.name, `customItems.${idx}.name`),
      amount: nonNegativeNumber(entry.amount, `customItems.${idx}.amount`) ?? 0,
    };
  });
  return out.length > 0 ? out : undefined;
}

function bookingStatus(value: unknown): BookingStatus {
  const raw = typeof value === 'string' && value.trim() ? value : 'pending';
  if (!(BOOKING_STATUSES as readonly string[]).includes(raw)) {
    throw new InputError(`status must be one of: ${BOOKING_STATUSES.join(', ')}.`);
  }
  return raw as BookingStatus;
}

/** Throws InputError with Staymod's message for the first problem found. */
export function parseBookingInput(payload: unknown, timeZone = 'UTC'): BookingInput {
  // Like Staymod, an array passes this test and fails on checkIn.
  if (!isRecord(payload)) throw new InputError('Invalid payload.');
  const input = payload;
  const checkIn = requiredDate(input.checkIn, 'checkIn', timeZone);
  const checkOut = requiredDate(input.checkOut, 'checkOut', timeZone);
  if (checkOut.getTime() <= checkIn.getTime()) throw new InputError('checkOut must be after checkIn.');
  const out: BookingInput = {
    guestName: requiredString(input.guestName, 'guestName'),
    guestEmail: optionalString(input.guestEmail),
    guestPhone: optionalString(input.guestPhone),
    specialRequests: optionalString(input.specialRequests),
    checkIn,
    checkOut,
    numberOfGuests: optionalPositiveInt(input.numberOfGuests, 'numberOfGuests'),
    rooms: parseRooms(input.rooms),
    selectedOptions: parseSelectedOptions(input.selectedOptions),
    customItems: parseCustomItems(input.customItems),
    discount: nonNegativeNumber(input.discount, 'discount'),
    advanceAmount: nonNegativeNumber(input.advanceAmount, 'advanceAmount'),
    status: bookingStatus(input.status),
  };
  return out;
}
