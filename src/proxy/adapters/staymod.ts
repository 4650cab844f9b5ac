/** Staymod, the first adapter: today's behaviour, its public API spoken as is. */
import {
  availabilityResponseSchema,
  bookingOptionsResponseSchema,
  bookingResponseSchema,
  objectIdSchema,
  roomsResponseSchema,
} from '../../contract/schemas.js';
import { soldOutDateOf } from '../booking.js';
import { isCanonicalAvailabilityText } from '../../contract/canonical-text.js';
import { canonicalAvailabilityText } from './canonical.js';
import { bookingLanded, toAnswer, Upstream } from '../upstream.js';
import type { AdapterEnv, PmsAdapter, PmsDefinition } from './types.js';

export function staymodAdapter(env: AdapterEnv & { base: string; apiKey: string }): PmsAdapter {
  const { logger } = env;
  const upstream = new Upstream({ base: env.base, apiKey: env.apiKey, fetch: env.fetch, timeoutMs: env.timeoutMs, logger });
  return {
    async rooms(propertyId) {
      return toAnswer(await upstream.call('GET', propertyId, 'rooms'), roomsResponseSchema, { what: 'GET rooms', logger });
    },
    async availability(propertyId, from, to) {
      const path = `room-availability?${new URLSearchParams({ from, to })}`;
      // Already the text the contract's schema would write: forwarded unparsed.
      const outcome = await upstream.call('GET', propertyId, path, undefined, isCanonicalAvailabilityText);
      // In the contract's exact shape but written otherwise: no zod pass, written out from the checked value.
      const canonical = outcome.kind === 'answered' && outcome.status === 200 ? canonicalAvailabilityText(outcome.json) : null;
      if (canonical !== null) return { status: 200, body: canonical };
      return toAnswer(outcome, availabilityResponseSchema, { what: `GET ${path}`, logger, verbatim: isCanonicalAvailabilityText });
    },
    async bookingOptions(propertyId) {
      return toAnswer(await upstream.call('GET', propertyId, 'booking-options'), bookingOptionsResponseSchema, { what: 'GET booking-options', logger });
    },
    async book(propertyId, booking) {
      const outgoing = {
        ...booking.input,
        selectedOptions: booking.selectedOptions.length ? booking.selectedOptions : undefined,
        specialRequests: booking.specialRequests,
        status: 'pending' as const,
      };
      const outcome = await upstream.call('POST', propertyId, 'bookings', outgoing);
      const answer = toAnswer(outcome, bookingResponseSchema, { what: 'POST bookings', logger });
      if (answer.status === 201 || answer.status === 200) return { kind: 'booked', answer };
      const landed = bookingLanded(outcome);
      if (landed !== 'no') {
        const how = outcome.kind === 'answered' || outcome.kind === 'unreadable' ? `HTTP ${outcome.status}` : outcome.kind;
        return { kind: 'unconfirmed', landed, how };
      }
      const soldOutDate = outcome.kind === 'answered' && outcome.status === 400 ? soldOutDateOf(answer.body) : undefined;
      return soldOutDate ? { kind: 'refused', answer, soldOutDate } : { kind: 'refused', answer };
    },
  };
}

/** Not used by the handler (it builds Staymod from apiKey/upstream); kept for symmetry in docs and tests. */
export const STAYMOD_ROOM_ID = { schema: objectIdSchema, message: 'must be a 24-character Staymod room id.' } satisfies PmsDefinition['roomId'];
