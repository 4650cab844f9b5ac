/**
 * Every wire shape of Staymod's public API (see shared/staymod-contract.md), in one place.
 *
 * Parsing is tolerant: unknown fields are dropped (so secrets such as `icalToken`
 * and `orgId` never get past this module), optional lists default to empty, and a
 * bad entry inside a list is skipped rather than failing the whole payload.
 */
import * as z from 'zod/mini';
import { ROOM_TYPES, type RoomType } from './room-types.js';

/** Keeps the entries of a list that fit `item`, dropping the rest. */
function keepValid<T extends z.core.$ZodType>(item: T) {
  return z.transform((values: unknown[]) => {
    const out: z.output<T>[] = [];
    for (const value of values) {
      const parsed = z.safeParse(item, value);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  });
}

/** A list whose bad entries are dropped instead of failing the parent. */
function looseArray<T extends z.core.$ZodType>(item: T) {
  return z.pipe(orElse(z.array(z.unknown()), [] as unknown[]), keepValid(item));
}

/**
 * The list an answer is about (`rooms`, `bookingOptions`, availability `rows`): it
 * must be there and be a list, else the answer is unreadable (a `{}` or an HTML
 * error page turned JSON must not read as "no rooms"); bad entries are still dropped.
 */
function requiredList<T extends z.core.$ZodType>(item: T) {
  return z.pipe(z.array(z.unknown()), keepValid(item));
}

/**
 * `schema`, or `fallback` when the value does not fit. Same idea as `z.catch`, which
 * would pull ~4 kB (gzip) of error formatting into the script-tag bundle.
 */
function orElse<T extends z.core.$ZodType, F>(schema: T, fallback: F) {
  const lenient = z.pipe(
    z.unknown(),
    z.transform((value: unknown): z.output<T> | F => {
      const parsed = z.safeParse(schema, value);
      return parsed.success ? parsed.data : fallback;
    }),
  );
  // A missing key is fine too (zod requires keys whose schema is not optional).
  return z._default(lenient, () => fallback as never) as unknown as typeof lenient;
}

/** Optional text: a missing, null or non-string value becomes `undefined`. */
const optionalText = z.optional(orElse(z.string(), undefined));
/** Optional price: a non-finite or negative value becomes `null`. */
const optionalPrice = orElse(z.nullable(z.number().check(z.minimum(0))), null);

export const dateKeySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export const objectIdSchema = z.string().check(z.regex(/^[a-f\d]{24}$/i));

export { ROOM_TYPES, type RoomType } from './room-types.js';

export const errorBodySchema = z.object({ error: z.string() });
export type WireErrorBody = z.output<typeof errorBodySchema>;

// ---- GET /rooms -------------------------------------------------------------

export const wireTagSchema = z.object({
  _id: orElse(z.string(), ''),
  name: z.string(),
  slug: orElse(z.string(), ''),
});

export const wireRoomImageSchema = z.object({
  url: z.string(),
  sortOrder: orElse(z.number(), 0),
  tagIds: orElse(z.array(z.string()), []),
  tags: looseArray(wireTagSchema),
});

export const wireRoomSchema = z.object({
  _id: z.string(),
  propertyId: optionalText,
  name: z.string(),
  slug: orElse(z.string(), ''),
  type: orElse(z.enum(ROOM_TYPES), 'other' as RoomType),
  status: optionalText,
  tagline: optionalText,
  description: optionalText,
  floor: z.optional(orElse(z.union([z.string(), z.number()]), undefined)),
  maxGuests: orElse(z.number().check(z.int(), z.minimum(1)), 1),
  bedCount: orElse(z.number().check(z.int(), z.minimum(0)), 1),
  // Staymod always sends it; a hand-written catalogue may not: unknown, so no booking limit from it.
  unitCount: orElse(z.number().check(z.int(), z.minimum(0)), Number.POSITIVE_INFINITY),
  roomNumbers: orElse(z.array(z.string()), []),
  bedSize: optionalText,
  priceWeekday: z.optional(orElse(z.nullable(z.number().check(z.minimum(0))), undefined)),
  priceWeekend: z.optional(orElse(z.nullable(z.number().check(z.minimum(0))), undefined)),
  amenities: looseArray(z.string()),
  imageUrls: looseArray(z.string()),
  roomImages: looseArray(wireRoomImageSchema),
  tags: looseArray(wireTagSchema),
  isActive: orElse(z.boolean(), true),
  sortOrder: orElse(z.number(), 0),
  createdAt: optionalText,
  updatedAt: optionalText,
});
export type WireRoom = z.output<typeof wireRoomSchema>;

export const roomsResponseSchema = z.object({ rooms: requiredList(wireRoomSchema) });
export type WireRoomsResponse = z.output<typeof roomsResponseSchema>;

/** True when any raw room carries a calendar-feed token (Staymod's feed lists guests' contact details). */
function hasFeedTokens(rooms: unknown[]): boolean {
  return rooms.some(
    (r) => typeof r === 'object' && r !== null && ((r as Record<string, unknown>)['icalToken'] != null || (r as Record<string, unknown>)['icalTokensByRoomNumber'] != null),
  );
}

/**
 * A list of rooms as the browser reads it: the rooms without secrets, plus whether the
 * raw answer carried feed tokens (so the host can be warned). The tokens themselves live
 * only as long as this parse.
 */
function roomsWithFeedCheck(raw: unknown[]): { rooms: WireRoom[]; feedTokens: boolean } {
  // keepValid never fails on a list; safeParse keeps zod's error formatting out of the bundle.
  const parsed = z.safeParse(requiredList(wireRoomSchema), raw);
  return { rooms: parsed.success ? parsed.data : [], feedTokens: hasFeedTokens(raw) };
}

/** GET rooms, read by the widget: `{ rooms, feedTokens }`. */
export const roomsAnswerSchema = z.pipe(
  z.object({ rooms: z.array(z.unknown()) }),
  z.transform((answer) => roomsWithFeedCheck(answer.rooms)),
);
export type WireRoomsAnswer = z.output<typeof roomsAnswerSchema>;

/**
 * A static room catalogue (`npx staymod-booking rooms-snapshot`, or Staymod's rooms answer
 * saved as a file): what a guest may see of each room, so a direct-mode key needs no `rooms:read`.
 */
export const roomCatalogueSchema = z.pipe(
  z.object({ propertyId: optionalText, rooms: z.array(z.unknown()) }),
  z.transform((file) => ({ propertyId: file.propertyId, ...roomsWithFeedCheck(file.rooms) })),
);
export type WireRoomCatalogue = z.output<typeof roomCatalogueSchema>;

// ---- GET /room-availability -------------------------------------------------

export const wireCellSchema = z.object({
  dateKey: dateKeySchema,
  isFull: z.boolean(),
  price: optionalPrice,
  priceIsOverride: orElse(z.boolean(), false),
});
export type WireCell = z.output<typeof wireCellSchema>;

export const wireAvailabilityRowSchema = z.object({
  rowId: z.string(),
  roomId: z.string(),
  listingName: orElse(z.string(), ''),
  roomType: orElse(z.string(), 'other'),
  unitLabel: orElse(z.string(), ''),
  cells: looseArray(wireCellSchema),
});
export type WireAvailabilityRow = z.output<typeof wireAvailabilityRowSchema>;

export const wireDaySchema = z.object({ dateKey: dateKeySchema, isWeekend: orElse(z.boolean(), false) });

export const availabilityResponseSchema = z.object({
  from: dateKeySchema,
  to: dateKeySchema,
  days: looseArray(wireDaySchema),
  rows: requiredList(wireAvailabilityRowSchema),
  /**
   * Not Staymod's: a proxy in front of a system without nightly prices (Guesty without its
   * Open API) says `per-stay`; its unpriced free nights are then bookable, priced by the property.
   * `quoted`: the nightly prices are a guide, and the stay's total (fees and taxes included) is the
   * system's quote (Guesty with its Open API, whose nightly prices leave out cleaning fees and taxes).
   */
  pricing: z.optional(orElse(z.enum(['per-night', 'per-stay', 'quoted']), undefined)),
});
export type WireAvailability = z.output<typeof availabilityResponseSchema>;

// ---- GET /booking-options ---------------------------------------------------

export const wireBookingOptionSchema = z.object({
  _id: z.string(),
  name: z.string(),
  description: optionalText,
  appliesTo: z.enum(['user', 'room']),
  frequency: z.enum(['day', 'booking']),
  pricePerUnit: z.number().check(z.minimum(0)),
  isActive: orElse(z.boolean(), true),
  sortOrder: orElse(z.number(), 0),
});
export type WireBookingOption = z.output<typeof wireBookingOptionSchema>;

export const bookingOptionsResponseSchema = z.object({ bookingOptions: requiredList(wireBookingOptionSchema) });
export type WireBookingOptionsResponse = z.output<typeof bookingOptionsResponseSchema>;

// ---- POST /bookings ---------------------------------------------------------
// The request body's schema is in request-schema.ts: only the proxy (and tests)
// run it, so the script build does not carry it.

export const selectedOptionSchema = z.object({
  bookingOptionId: z.string(),
  name: z.string(),
  appliesTo: z.enum(['user', 'room']),
  frequency: z.enum(['day', 'booking']),
  pricePerUnit: z.number().check(z.minimum(0)),
  quantity: z.number().check(z.int(), z.minimum(1)),
});
export type WireSelectedOption = z.output<typeof selectedOptionSchema>;

export const wireBookingSchema = z.object({
  _id: z.string(),
  propertyId: optionalText,
  guestName: z.string(),
  guestEmail: z.optional(orElse(z.nullable(z.string()), undefined)),
  guestPhone: z.optional(orElse(z.nullable(z.string()), undefined)),
  specialRequests: z.optional(orElse(z.nullable(z.string()), undefined)),
  checkIn: z.string(),
  checkOut: z.string(),
  numberOfGuests: z.optional(orElse(z.nullable(z.number()), undefined)),
  selectedOptions: looseArray(selectedOptionSchema),
  status: orElse(z.string(), 'pending'),
  rooms: orElse(
    z.record(
      z.string(),
      z.object({
        roomType: orElse(z.string(), 'other'),
        quantity: z.number(),
        roomNumbers: z.optional(orElse(z.array(z.string()), undefined)),
      }),
    ),
    {},
  ),
  createdAt: optionalText,
  updatedAt: optionalText,
});
export type WireBooking = z.output<typeof wireBookingSchema>;

export const bookingResponseSchema = z.object({ booking: wireBookingSchema });
export const bookingListResponseSchema = z.object({ bookings: looseArray(wireBookingSchema) });

/**
 * The proxy's `GET quote?roomId&checkIn&checkOut&guests` (only where the system prices whole stays,
 * e.g. Guesty without its Open API): one unit of a room for the stay, in the property's currency.
 */
export const stayQuoteResponseSchema = z.object({
  quote: z.object({ roomId: z.string(), checkIn: z.string(), checkOut: z.string(), guests: z.number(), total: z.number().check(z.nonnegative()) }),
});
export type WireStayQuote = z.infer<typeof stayQuoteResponseSchema>['quote'];
