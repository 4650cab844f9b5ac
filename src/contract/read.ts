/**
 * Reads what the browser receives (API answers, the host's room catalogue) with the
 * wire schemas. With zod, it is its own file in the script build, fetched next to the
 * first API request (./read-door.ts), so none of it is in the script tag's first load.
 */
import * as z from 'zod/mini';
import {
  availabilityResponseSchema,
  bookingOptionsResponseSchema,
  bookingResponseSchema,
  roomCatalogueSchema,
  roomsAnswerSchema,
  stayQuoteResponseSchema,
} from './schemas.js';

const shapes = {
  rooms: roomsAnswerSchema,
  availability: availabilityResponseSchema,
  bookingOptions: bookingOptionsResponseSchema,
  stayQuote: stayQuoteResponseSchema,
  booking: bookingResponseSchema,
  catalogue: roomCatalogueSchema,
};

export type Shape = keyof typeof shapes;
export type Read<K extends Shape> = z.output<(typeof shapes)[K]>;

/** `value` read as `shape`, or undefined when it does not fit. */
export function read<K extends Shape>(shape: K, value: unknown): Read<K> | undefined {
  const parsed = z.safeParse(shapes[shape], value);
  return parsed.success ? (parsed.data as Read<K>) : undefined;
}
