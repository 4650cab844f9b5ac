/**
 * The body of POST /bookings, as the widget builds it and the proxy checks it.
 * Kept apart from schemas.ts on purpose: the browser only needs the type, so the
 * script build leaves this schema out.
 */
import * as z from 'zod/mini';
import { objectIdSchema, selectedOptionSchema } from './schemas.js';

/**
 * A room or property id of any system behind the proxy (Cloudbeds ids are numeric
 * strings, Guesty's 24-hex): safe in a URL path, checked further by its adapter.
 */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const safeIdSchema = z.string().check(z.regex(SAFE_ID));

/** The booking body with a given room id rule (Staymod's 24-hex by default). */
export function bookingRequestSchemaFor(roomId: z.ZodMiniString<string>) {
  return z.object({
    guestName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    guestEmail: z.optional(z.string().check(z.trim(), z.maxLength(320))),
    guestPhone: z.optional(z.string().check(z.trim(), z.maxLength(40))),
    specialRequests: z.optional(z.string().check(z.maxLength(2000))),
    checkIn: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/)),
    checkOut: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/)),
    numberOfGuests: z.optional(z.number().check(z.int(), z.minimum(1))),
    rooms: z
      .array(
        z.object({
          roomId,
          quantity: z.number().check(z.int(), z.minimum(1)),
          roomNumbers: z.optional(z.array(z.string())),
        }),
      )
      .check(z.minLength(1)),
    selectedOptions: z.optional(z.array(selectedOptionSchema)),
  });
}

/**
 * What the widget (and the proxy) may send. The fields Staymod trusts but a browser
 * must never control (`status`, `discount`, `advanceAmount`, `customItems`) are not
 * part of this schema, so parsing drops them.
 */
export const bookingRequestSchema = bookingRequestSchemaFor(objectIdSchema);
export type BookingRequest = z.output<typeof bookingRequestSchema>;
