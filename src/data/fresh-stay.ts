/** The submit flow's own query (in the checkout's file, not the first load). */
import type { FetchQueryOptions } from '@tanstack/query-core';
import type { StaymodError } from '../contract/errors.js';
import type { DateKey } from '../domain/dates.js';
import type { AvailabilityRange } from '../domain/model.js';
import { loadDataFile } from '../client/data-door.js';
import { keys, type Source } from './queries.js';

/**
 * A stay's nights read again, uncached, just before (or just after a refusal of) a
 * booking: never served from or kept in the cache, asked once and never paused. A retry
 * would wait for a hidden tab to show again or the network to return, and the booking
 * would then leave long after the guest pressed the button: a failure here is a plain
 * "no connection" the guest sends again by hand.
 */
export function freshStayQuery(source: Source, from: DateKey, to: DateKey): FetchQueryOptions<AvailabilityRange, StaymodError> {
  return {
    queryKey: [...keys.availability(source), 'fresh', from, to],
    queryFn: async ({ signal }) => {
      const answer = await source.client.availability(from, to, { signal });
      return (await loadDataFile()).toAvailability(answer);
    },
    staleTime: 0,
    gcTime: 0,
    retry: false,
    networkMode: 'always',
  };
}
