/**
 * Query definitions: the step between the client (wire) and the elements (domain).
 * One QueryClient per page is shared by every widget on it, so two widgets for the
 * same property make one request. Keys are per base URL + property + month window.
 */
import { onlineManager, QueryClient, type QueryObserverOptions } from '@tanstack/query-core';
import type { StaymodClient } from '../client/client.js';
import { StaymodError } from '../contract/errors.js';
import { firstOfMonth, lastOfMonth, type MonthKey } from '../domain/dates.js';
import { toAvailability, toBookingOptions, toRooms, type AvailabilityRange, type BookingOption, type Room } from '../domain/model.js';

let shared: QueryClient | undefined;

export function sharedQueryClient(): QueryClient {
  if (!shared) {
    shared = new QueryClient({
      defaultOptions: {
        // The client already retries transient GET failures with backoff.
        queries: { retry: false, refetchOnWindowFocus: true, gcTime: 10 * 60_000 },
      },
    });
    // query-core assumes "online" until it hears an offline event: a widget created
    // while offline would fail its requests instead of waiting for the connection.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) onlineManager.setOnline(false);
    shared.mount();
    // Test-only, opt-in: a page that defines `__staymodTestHooks` before the widget loads
    // gets the shared client there (the soak test counts query observers). Nothing otherwise.
    const hooks = (globalThis as { __staymodTestHooks?: { queryClient?: QueryClient } }).__staymodTestHooks;
    if (hooks && typeof hooks === 'object') hooks.queryClient = shared;
  }
  return shared;
}

/** Where data comes from: a client plus a cache scope naming its base URL, property and mode. */
export interface Source {
  client: StaymodClient;
  scope: readonly [baseUrl: string, propertyId: string];
}

export const ROOMS_STALE_MS = 5 * 60_000;
export const AVAILABILITY_STALE_MS = 30_000;

export const keys = {
  all: (source: Source) => ['staymod', ...source.scope] as const,
  rooms: (source: Source) => [...keys.all(source), 'rooms'] as const,
  options: (source: Source) => [...keys.all(source), 'booking-options'] as const,
  availability: (source: Source) => [...keys.all(source), 'availability'] as const,
  month: (source: Source, month: MonthKey) => [...keys.availability(source), month] as const,
};

export function roomsQuery(source: Source): QueryObserverOptions<Room[], StaymodError> {
  return {
    queryKey: keys.rooms(source),
    queryFn: async ({ signal }) => toRooms(await source.client.rooms({ signal })),
    staleTime: ROOMS_STALE_MS,
  };
}

/** Extras are optional: a key without `booking-options:read` simply offers none. */
export function optionsQuery(source: Source): QueryObserverOptions<BookingOption[], StaymodError> {
  return {
    queryKey: keys.options(source),
    queryFn: async ({ signal }) => {
      try {
        return toBookingOptions(await source.client.bookingOptions({ signal }));
      } catch (error) {
        if (error instanceof StaymodError && (error.code === 'missing-scope' || error.code === 'not-found')) return [];
        throw error;
      }
    },
    staleTime: ROOMS_STALE_MS,
  };
}

export function monthQuery(source: Source, month: MonthKey): QueryObserverOptions<AvailabilityRange, StaymodError> {
  return {
    queryKey: keys.month(source, month),
    queryFn: async ({ signal }) =>
      toAvailability(await source.client.availability(firstOfMonth(month), lastOfMonth(month), { signal })),
    staleTime: AVAILABILITY_STALE_MS,
  };
}
