/**
 * Query definitions: the step between the client (wire) and the elements (domain).
 * One QueryClient per page is shared by every widget on it, so two widgets for the
 * same property make one request. Keys are per base URL + property + month window.
 */
import { onlineManager, QueryClient, type QueryObserverOptions } from '@tanstack/query-core';
import type { StaymodClient } from '../client/client.js';
import { StaymodError } from '../contract/errors.js';
import { firstOfMonth, lastOfMonth, type MonthKey } from '../domain/dates.js';
import { fetchCatalogue, readCatalogue } from '../client/catalogue.js';
import { toAvailability, toBookingOptions, toRooms, type AvailabilityRange, type BookingOption } from '../domain/model.js';
import type { RoomDetails } from '../domain/rooms.js';

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

/** Where room details come from: Staymod's rooms answer (no catalogue), a file's URL, or an object set by code. */
export type CatalogueInput = { url: string } | { value: unknown } | undefined;

/** Room details plus, when something is wrong, one sentence for the host's console. */
export interface RoomDetailsResult {
  details: RoomDetails | null;
  problem?: string;
  /** Direct mode: the key can read rooms, and Staymod's answer carried the rooms' iCal feed tokens (the host is warned). */
  leak?: true;
}

const catalogueIds = new WeakMap<object, number>();
let nextCatalogueId = 1;
function catalogueKey(input: CatalogueInput): string {
  if (!input) return 'api';
  if ('url' in input) return `url:${input.url}`;
  const value = input.value;
  if (typeof value !== 'object' || value === null) return 'value:invalid';
  if (!catalogueIds.has(value)) catalogueIds.set(value, nextCatalogueId++);
  return `value:${catalogueIds.get(value)}`;
}

/**
 * Room details: a catalogue when the host gave one (so the key needs no `rooms:read`),
 * else Staymod's rooms answer; a key without `rooms:read` simply has none (the rooms
 * then come from the availability rows).
 */
export function roomDetailsQuery(source: Source, catalogue: CatalogueInput, propertyId: string, timeoutMs: number): QueryObserverOptions<RoomDetailsResult, StaymodError> {
  return {
    queryKey: [...keys.rooms(source), catalogueKey(catalogue)],
    queryFn: async ({ signal }): Promise<RoomDetailsResult> => {
      if (catalogue) {
        const read = 'url' in catalogue
          ? await fetchCatalogue(catalogue.url, propertyId, { signal, timeoutMs })
          : readCatalogue(catalogue.value, propertyId, 'roomCatalogue');
        const result: RoomDetailsResult = { details: read.catalogue ? { from: 'catalogue', rooms: toRooms(read.catalogue.rooms) } : null };
        if (read.problem) result.problem = read.problem;
        return result;
      }
      try {
        const answer = await source.client.rooms({ signal });
        const result: RoomDetailsResult = { details: { from: 'api', rooms: toRooms(answer.rooms) } };
        if (answer.feedTokens && source.client.mode === 'direct') result.leak = true;
        return result;
      } catch (error) {
        if (error instanceof StaymodError && error.code === 'missing-scope') return { details: null };
        throw error;
      }
    },
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
