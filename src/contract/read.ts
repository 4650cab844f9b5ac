/**
 * Reads what the browser receives (API answers, the host's room catalogue) with the
 * wire schemas. With zod, it is in the script build's lazy data file (src/client/data-file.ts),
 * fetched next to the first API request, so none of it is in the first load.
 */
import * as z from 'zod/mini';
import type { CatalogueResult } from '../client/catalogue.js';
import { isCanonicalAvailabilityText } from './canonical-text.js';
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

/**
 * `value` read as `shape`, or undefined when it does not fit. `text` is the JSON text
 * `value` was parsed from (it must be: the text is what is checked). A month of
 * availability already in the schema's exact output (./canonical-text.ts) is taken as it
 * is, without zod, whose first passes over a month cost a cold page ~10-20 ms each before
 * its first priced frame.
 */
export function read<K extends Shape>(shape: K, value: unknown, text?: string): Read<K> | undefined {
  if (shape === 'availability' && text !== undefined && isCanonicalAvailabilityText(text)) return value as Read<K>;
  const parsed = z.safeParse(shapes[shape], value);
  return parsed.success ? (parsed.data as Read<K>) : undefined;
}

/** Checks the host's room catalogue (src/client/catalogue.ts); its problems are texts for the host. */
export function readCatalogue(value: unknown, propertyId: string, where: string): CatalogueResult {
  const raw = Array.isArray(value) ? { rooms: value } : value;
  const catalogue = read('catalogue', raw);
  if (!catalogue) {
    return { catalogue: null, problem: `${where} is not a room catalogue (expected { "rooms": [...] }); showing rooms without photos or details. Regenerate it with \`npx staymod-booking rooms-snapshot\`.` };
  }
  if (catalogue.propertyId && catalogue.propertyId !== propertyId) {
    return { catalogue: null, problem: `${where} is the catalogue of property ${catalogue.propertyId}, not of property-id ${propertyId}; showing rooms without photos or details.` };
  }
  if (catalogue.feedTokens) {
    return {
      catalogue,
      problem: `${where} contains Staymod iCal feed tokens: anyone can read them, and each feed lists guests' names, e-mails and phone numbers. Replace the file with the output of \`npx staymod-booking rooms-snapshot\` (it keeps only what guests may see), then rotate the rooms' feed tokens in Staymod.`,
    };
  }
  return { catalogue };
}
