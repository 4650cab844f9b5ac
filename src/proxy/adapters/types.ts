/**
 * The seam between the proxy and a property-management system (Staymod, Cloudbeds,
 * Guesty...). Each adapter answers in the widget's contract shapes (Staymod's) and
 * maps its system's failures onto the widget's error kinds. Everything that guards
 * a booking (validation, re-pricing, lock, idempotency, limits, cache, quote note)
 * stays in the proxy, above every adapter.
 */
import type * as z from 'zod/mini';
import type { WireAvailability, WireSelectedOption } from '../../contract/schemas.js';
import type { DateKey } from '../../domain/dates.js';
import type { QuoteNoteInput } from '../../domain/quote-note.js';
import type { Answer } from '../answer.js';
import type { ProxyLogger } from '../logger.js';
import type { ProxyState } from '../state/types.js';
import type { FetchLike } from '../upstream.js';
import type { ProxyBookingInput } from '../validate.js';

/**
 * Keeps the runtime alive for work that goes on after the answer: Workers' `ctx.waitUntil`
 * (without it, work still pending when the answer is sent may be cut). Node runs on anyway.
 */
export type Background = (work: Promise<unknown>) => void;

/** What the proxy gives an adapter when it creates it. */
export interface AdapterEnv {
  fetch: FetchLike;
  timeoutMs: number;
  logger: ProxyLogger;
  now: () => number;
  /** The proxy's state (shared across instances when configured): e.g. for an access token renewed rarely. */
  state?: ProxyState;
  /** ISO 4217 code the proxy quotes in (its `currency` option), to check the system's own. */
  currency?: string;
}

/** A booking as the proxy has checked and priced it. */
export interface OutgoingBooking {
  input: ProxyBookingInput;
  checkInDate: DateKey;
  checkOutDate: DateKey;
  nights: readonly DateKey[];
  /** Re-priced from the system's own list. */
  selectedOptions: WireSelectedOption[];
  /** The guest's requests with the proxy's quote note. */
  specialRequests: string;
  /** The proxy's quote, as written in `specialRequests`. */
  quote?: QuoteNoteInput;
}

/**
 * The outcome of a booking:
 * - `booked`: the answer is a 201 `{ booking }` in the contract shape;
 * - `refused`: the system answered without booking (a 4xx answer is final, a 5xx may be retried);
 * - `unconfirmed`: sent, outcome unknown or booked but unreadable: never send it again.
 */
export type BookingOutcome =
  | { kind: 'booked'; answer: Answer }
  | { kind: 'refused'; answer: Answer; soldOutDate?: DateKey }
  | { kind: 'unconfirmed'; landed: 'yes' | 'maybe'; how: string };

export interface PmsAdapter {
  /** `{ rooms }`, 200, or an error answer. */
  rooms(propertyId: string): Promise<Answer>;
  /** Availability for `from`..`to` (both inclusive, at most 62 dates), or an error answer. */
  availability(propertyId: string, from: DateKey, to: DateKey): Promise<Answer>;
  /** `{ bookingOptions }`; `fresh`: read now, never from a memo (a booking re-prices from it). */
  bookingOptions(propertyId: string, fresh: boolean): Promise<Answer>;
  /**
   * Checks the adapter's own rules for a stay (e.g. minimum stay, one listing per booking)
   * and fills nights the availability left unpriced. Throws InvalidRequest to refuse;
   * returns an error answer when it could not check.
   */
  prepare?(propertyId: string, booking: Omit<OutgoingBooking, 'specialRequests' | 'selectedOptions'>, availability: WireAvailability[]): Promise<Answer | undefined>;
  /**
   * What the system adds to the stay's nights (fees, taxes), as `prepare` found it: a line of the
   * quote note, so that its total is what the guest pays.
   */
  stayCharges?(propertyId: string, booking: Omit<OutgoingBooking, 'specialRequests' | 'selectedOptions'>): { name: string; amount: number } | undefined;
  /** `after`: where work that goes on past the answer is handed (e.g. extras still being added). */
  book(propertyId: string, booking: OutgoingBooking, after?: Background): Promise<BookingOutcome>;
  /**
   * `{ quote }` for one unit of a room over a stay, or an error answer: only systems that price
   * whole stays offer it (the proxy answers 404 for the others).
   */
  stayQuote?(propertyId: string, stay: { roomId: string; checkIn: DateKey; checkOut: DateKey; guests: number }): Promise<Answer>;
}

/** How the proxy's options name a system: enough to check ids and redact secrets before creating it. */
export interface PmsDefinition {
  /** For messages: "Cloudbeds". */
  name: string;
  /** Redacted from every log line and answer; the first is the main one. */
  secrets: string[];
  isPropertyId(id: string): boolean;
  /** The room id rule of this system, for the booking body's roomId. */
  roomId: { schema: z.ZodMiniString<string>; message: string };
  create(env: AdapterEnv): PmsAdapter;
}
