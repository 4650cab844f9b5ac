/**
 * Checks a guest's request before anything reaches Staymod, and turns schema
 * issues into messages a person can act on (`fields: { "rooms.0.roomId": "..." }`).
 */
import * as z from 'zod/mini';
import { bookingRequestSchemaFor } from '../contract/request-schema.js';
import { objectIdSchema } from '../contract/schemas.js';
import { addDays, isDateKey, nightsBetween, utcDateKey, type DateKey } from '../domain/dates.js';

/** Staymod's own limit for one availability query (dates, both ends inclusive). */
export const MAX_RANGE_DATES = 62;

export class InvalidRequest extends Error {
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  constructor(message: string, fields?: Record<string, string>, status = 400) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

// ---- availability query ------------------------------------------------------

/**
 * `from`/`to` with Staymod's defaults (today and today+29, UTC) and rules, so the
 * upstream URL only ever carries two validated dates.
 */
export function availabilityRange(params: URLSearchParams, now: number): { from: DateKey; to: DateKey } {
  const today = utcDateKey(now);
  const from = params.get('from') ?? today;
  const to = params.get('to') ?? addDays(today, 29);
  const fields: Record<string, string> = {};
  if (!isDateKey(from)) fields['from'] = 'must be a real date in YYYY-MM-DD form.';
  if (!isDateKey(to)) fields['to'] = 'must be a real date in YYYY-MM-DD form.';
  if (Object.keys(fields).length) throw new InvalidRequest('from/to must be YYYY-MM-DD.', fields);
  if (from > to) throw new InvalidRequest('from must be on or before to.', { to: `must be on or after ${from}.` });
  if (nightsBetween(from, to) + 1 > MAX_RANGE_DATES) {
    throw new InvalidRequest(`Date range cannot exceed ${MAX_RANGE_DATES} nights.`, {
      to: `must be at most ${MAX_RANGE_DATES - 1} days after from.`,
    });
  }
  return { from, to };
}

/** A stay quote's query: a room id of the system, a stay of 1..maxNights nights from today on, 1..99 guests. */
export function checkQuoteQuery(
  params: URLSearchParams,
  limits: { today: DateKey; maxNights: number; roomId?: z.ZodMiniString<string> | undefined },
): { roomId: string; checkIn: DateKey; checkOut: DateKey; guests: number } {
  const roomId = params.get('roomId') ?? '';
  const checkIn = params.get('checkIn') ?? '';
  const checkOut = params.get('checkOut') ?? '';
  const guests = Number(params.get('guests') ?? '1');
  const fields: Record<string, string> = {};
  if (!z.safeParse(limits.roomId ?? objectIdSchema, roomId).success) fields['roomId'] = 'is not a room id of this booking system.';
  if (!isDateKey(checkIn)) fields['checkIn'] = 'must be a real date in YYYY-MM-DD form.';
  else if (checkIn < limits.today) fields['checkIn'] = `must not be in the past (the earliest check-in is ${limits.today}).`;
  if (!isDateKey(checkOut)) fields['checkOut'] = 'must be a real date in YYYY-MM-DD form.';
  else if (isDateKey(checkIn) && (nightsBetween(checkIn, checkOut) < 1 || nightsBetween(checkIn, checkOut) > limits.maxNights)) {
    fields['checkOut'] = `must be 1 to ${limits.maxNights} nights after checkIn.`;
  }
  if (!Number.isInteger(guests) || guests < 1 || guests > 99) fields['guests'] = 'must be a whole number from 1 to 99.';
  if (Object.keys(fields).length) throw new InvalidRequest('Invalid quote request.', fields);
  return { roomId: roomId.toLowerCase(), checkIn: checkIn as DateKey, checkOut: checkOut as DateKey, guests };
}

// ---- booking body ------------------------------------------------------------

/**
 * The contract's booking schema, except that an option needs only its id and
 * quantity: the proxy takes name, price and the rest from Staymod, so a client
 * need not (and cannot usefully) send them.
 */
function proxyBookingSchemaFor(roomId: z.ZodMiniString<string>) {
  return z.extend(bookingRequestSchemaFor(roomId), {
  selectedOptions: z.optional(
    z.array(
      z.object({
        bookingOptionId: z.string().check(z.minLength(1), z.maxLength(100)),
        /** Optional: the proxy counts it (guests or rooms); when sent it must match. */
        quantity: z.optional(z.number().check(z.int(), z.minimum(1))),
      }),
    ),
  ),
  });
}
export const proxyBookingSchema = proxyBookingSchemaFor(objectIdSchema);
export type ProxyBookingInput = z.output<typeof proxyBookingSchema>;

export interface BookingLimits {
  /** Longest stay accepted. */
  maxNights: number;
  /** The earliest check-in (the proxy's `timeZone` option): stays starting before it are refused. */
  today: DateKey;
  /** Latest check-in accepted, in days after today. */
  maxDaysAhead: number;
  /** Upper bound of any option quantity, whatever the guests and rooms. */
  maxOptionQuantity: number;
  /** The room id rule of the system behind the proxy; default Staymod's (24 hex). */
  roomId?: { schema: z.ZodMiniString<string>; message: string };
}

export interface CheckedBooking {
  input: ProxyBookingInput;
  /** UTC calendar dates of check-in and check-out. */
  checkInDate: DateKey;
  checkOutDate: DateKey;
}

const DATE_FORMS = 'must be a date (YYYY-MM-DD) or a UTC date-time such as 2026-05-01T14:00:00.000Z, 2026-05-01T14:00:00Z or 2026-05-01T14:00Z (00:00 to 23:59, seconds 00).';
const FIELD_FORMATS: Record<string, string> = {
  checkIn: DATE_FORMS,
  checkOut: DATE_FORMS,
  roomId: 'must be a 24-character Staymod room id.',
};

function pathKey(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** A readable message for one zod issue (zod/mini ships only "Invalid input"). */
function describeIssue(issue: z.core.$ZodIssue, body: unknown): string {
  const last = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(body, issue.path) === undefined) return 'is required.';
      if (issue.expected === 'int') return 'must be a whole number.';
      return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}.`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty.';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}.`;
      return `must be at least ${String(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters.`;
      return `must be at most ${String(issue.maximum)}.`;
    case 'invalid_format':
      return FIELD_FORMATS[last] ?? 'has the wrong format.';
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    default:
      return 'is not valid.';
  }
}

function fail(fields: Record<string, string>): never {
  const [path, message] = Object.entries(fields)[0]!;
  throw new InvalidRequest(`Invalid booking request: ${path} ${message}`, fields);
}

/**
 * One meaning per value: a date, or a UTC time on that date with whole minutes
 * (seconds 00, fraction .000). No offsets, no T24:00, no leap or fractional seconds,
 * which Staymod (and JavaScript) would each read their own way.
 */
const STAY_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::00(?:\.000)?)?Z)?$/;

/** The calendar date of a `checkIn`/`checkOut` value, or a message saying what is wrong. */
function stayDate(value: string): DateKey | string {
  const match = STAY_INSTANT.exec(value);
  if (!match) return DATE_FORMS;
  if (!isDateKey(match[1])) return 'is not a real calendar date.';
  return match[1] as DateKey;
}

/** Validates and normalizes a booking body; throws InvalidRequest with per-field messages. */
export function checkBooking(body: unknown, limits: BookingLimits): CheckedBooking {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequest('Invalid booking request: the body must be a JSON object.');
  }
  const schema = limits.roomId ? proxyBookingSchemaFor(limits.roomId.schema) : proxyBookingSchema;
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = pathKey(issue.path) || 'body';
      const roomIdFormat = issue.code === 'invalid_format' && issue.path[issue.path.length - 1] === 'roomId';
      fields[key] ??= roomIdFormat && limits.roomId ? limits.roomId.message : describeIssue(issue, body);
    }
    fail(fields);
  }
  const input = parsed.data;
  const fields: Record<string, string> = {};

  const checkInDate = stayDate(input.checkIn);
  const checkOutDate = stayDate(input.checkOut);
  if (!isDateKey(checkInDate)) fields['checkIn'] = checkInDate;
  if (!isDateKey(checkOutDate)) fields['checkOut'] = checkOutDate;
  if (isDateKey(checkInDate) && isDateKey(checkOutDate)) {
    const nights = nightsBetween(checkInDate, checkOutDate);
    if (nights < 1) fields['checkOut'] = 'must be after checkIn.';
    else if (nights > limits.maxNights) fields['checkOut'] = `must be at most ${limits.maxNights} nights after checkIn.`;
    if (checkInDate < limits.today) fields['checkIn'] = `must not be in the past (the earliest check-in is ${limits.today}).`;
    else if (nightsBetween(limits.today, checkInDate) > limits.maxDaysAhead) {
      fields['checkIn'] = `must be at most ${limits.maxDaysAhead} days ahead (until ${addDays(limits.today, limits.maxDaysAhead)}).`;
    }
  }

  const seenRooms = new Set<string>();
  input.rooms.forEach((room, i) => {
    const id = room.roomId.toLowerCase();
    if (seenRooms.has(id)) fields[`rooms.${i}.roomId`] = 'appears more than once: use quantity instead.';
    seenRooms.add(id);
    // Staymod books a named unit without checking that it is free (its check is the per-type
    // counter): a guest could be put in an occupied room. The property assigns rooms.
    if (room.roomNumbers?.length) fields[`rooms.${i}.roomNumbers`] = 'cannot be chosen online: the property assigns the rooms.';
  });

  const seenOptions = new Set<string>();
  input.selectedOptions?.forEach((option, i) => {
    if (seenOptions.has(option.bookingOptionId)) {
      fields[`selectedOptions.${i}.bookingOptionId`] = 'appears more than once: use quantity instead.';
    }
    seenOptions.add(option.bookingOptionId);
    if (option.quantity !== undefined && option.quantity > limits.maxOptionQuantity) {
      fields[`selectedOptions.${i}.quantity`] = `must be at most ${limits.maxOptionQuantity}.`;
    }
  });
  // Caps per guest / per room need Staymod's option list: see repriceOptions.

  if (Object.keys(fields).length) fail(fields);
  return { input, checkInDate: checkInDate as DateKey, checkOutDate: checkOutDate as DateKey };
}

/** Guests must fit the rooms booked: at most the sum of each room's maxGuests x quantity. */
export function checkGuestsFit(input: ProxyBookingInput, maxGuestsOf: (roomId: string) => number | undefined): void {
  if (input.numberOfGuests === undefined) return;
  let capacity = 0;
  for (const room of input.rooms) {
    const max = maxGuestsOf(room.roomId.toLowerCase());
    if (max === undefined) return; // an unknown room is refused by name by the availability check
    capacity += max * room.quantity;
  }
  if (input.numberOfGuests > capacity) {
    const message = `must be at most ${capacity}: the rooms booked sleep ${capacity} guest${capacity === 1 ? '' : 's'}.`;
    throw new InvalidRequest(`Invalid booking request: numberOfGuests ${message}`, { numberOfGuests: message });
  }
}

/**
 * Staymod refuses a line above its room's `unitCount` (its form defaults to 1, whatever the
 * room numbers, so the view may show more free rows): said here, before posting.
 */
export function checkUnitCounts(input: ProxyBookingInput, roomOf: (roomId: string) => { name: string; unitCount: number } | undefined): void {
  const fields: Record<string, string> = {};
  input.rooms.forEach((line, i) => {
    const room = roomOf(line.roomId.toLowerCase());
    if (!room || line.quantity <= room.unitCount) return;
    const n = room.unitCount;
    fields[`rooms.${i}.quantity`] = n ? `must be at most ${n}: "${room.name}" takes at most ${n} unit${n === 1 ? '' : 's'} per booking.` : `cannot be booked: the property lists no units of "${room.name}".`;
  });
  if (Object.keys(fields).length) fail(fields);
}

export function totalRoomUnits(input: ProxyBookingInput): number {
  return input.rooms.reduce((sum, room) => sum + room.quantity, 0);
}
