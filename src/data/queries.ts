/**
 * Query definitions: the step between the client (wire) and the elements (domain).
 * One QueryClient per page is shared by every widget on it, so two widgets for the
 * same property make one request. Keys are per base URL + property + month window.
 */
import type { FetchQueryOptions, QueryClient, QueryFunctionContext, QueryObserverOptions } from '@tanstack/query-core';
import type { StaymodClient } from '../client/client.js';
import { StaymodError } from '../contract/errors.js';
import { firstOfMonth, lastOfMonth, type DateKey, type MonthKey } from '../domain/dates.js';
import { cyrb53 } from '../domain/hash.js';
import { fetchCatalogue, readCatalogue } from '../client/catalogue.js';
import type { AvailabilityRange, BookingOption } from '../domain/model.js';
import type { RoomDetails } from '../domain/rooms.js';
import { dataFileNow, loadDataFile, type DataFile } from '../client/data-door.js';

let shared: QueryClient | undefined;

/** The browser says it has no network (never true outside a browser). */
export const browserOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false;

/** The page's QueryClient, once query-core has loaded (undefined before). */
export function sharedQueryClient(): QueryClient | undefined {
  const core = dataFileNow();
  return core && createClient(core);
}

function createClient(core: DataFile): QueryClient {
  if (!shared) {
    shared = new core.QueryClient({
      defaultOptions: {
        queries: { ...core.readDefaults, refetchOnWindowFocus: true, gcTime: 10 * 60_000 },
      },
    });
    // query-core assumes "online" until it hears an offline event: a widget created
    // while offline would fail its requests instead of waiting for the connection.
    if (browserOffline()) core.onlineManager.setOnline(false);
    shared.mount();
    // Test-only, opt-in: a page that defines `__staymodTestHooks` before the widget loads
    // gets the shared client there (the soak test counts query observers). Nothing otherwise.
    const hooks = (globalThis as { __staymodTestHooks?: { queryClient?: QueryClient } }).__staymodTestHooks;
    if (hooks && typeof hooks === 'object') hooks.queryClient = shared;
  }
  return shared;
}

let clientLoad: Promise<QueryClient> | undefined;

/** Resolves at once, or when the browser is back online: a file cannot load before. */
const online = () => (browserOffline() ? new Promise<void>((resolve) => addEventListener('online', () => resolve(), { once: true })) : Promise.resolve());

/**
 * The page's QueryClient, loading query-core first if need be (offline: once back); a load
 * that failed twice is a `network` error.
 */
export function queryClient(): Promise<QueryClient> {
  clientLoad ??= online().then(loadDataFile).then(
    (core) => {
      const client = createClient(core);
      handOver(client);
      return client;
    },
    (cause: unknown) => {
      clientLoad = undefined;
      throw new StaymodError('network', 'The widget could not load the code that keeps its data.', { cause });
    },
  );
  return clientLoad;
}

/** Requests started before query-core arrived, by query key, for the client to take over. */
const headStarts = new Map<string, { options: QueryObserverOptions<any, any, any, any, any>; answer: Promise<unknown>; abort: AbortController }>();

/**
 * The client if query-core is in; else a promise of it, with `queries` already on the
 * wire: the first requests do not wait for query-core's file, they go out with it.
 */
export function clientFor(queries: readonly QueryObserverOptions<any, any, any, any, any>[]): QueryClient | Promise<QueryClient> {
  const client = sharedQueryClient();
  if (client) return client;
  // Offline, nothing is asked: query-core pauses the queries once it is in.
  for (const options of browserOffline() ? [] : queries) {
    const key = JSON.stringify(options.queryKey);
    const queryFn = options.queryFn;
    // Every query here has its own function (query-core's skipToken is not used).
    if (headStarts.has(key) || typeof queryFn !== 'function') continue;
    const abort = new AbortController();
    let answer: Promise<unknown>;
    try {
      // Now, not a microtask later: the request leaves before anything else the widget does.
      answer = Promise.resolve(queryFn({ queryKey: options.queryKey, signal: abort.signal, meta: undefined } as unknown as QueryFunctionContext<any>));
    } catch (error) {
      answer = Promise.reject(error);
    }
    // Handed over below; a widget that left before then leaves no unhandled rejection.
    answer.catch(() => {});
    headStarts.set(key, { options, answer, abort });
  }
  return queryClient();
}

/** Each head start becomes its query's first fetch: the observers that follow join it, retries ask again. */
function handOver(client: QueryClient): void {
  for (const { options, answer, abort } of headStarts.values()) {
    const queryFn = options.queryFn as (context: QueryFunctionContext<any>) => unknown;
    let first = true;
    // The client's defaults (retries, network mode) apply: prefetchQuery merges them in.
    void client.prefetchQuery({
      ...options,
      queryFn: (context: QueryFunctionContext<any>) => {
        if (!first) return queryFn(context);
        first = false;
        context.signal.addEventListener('abort', () => abort.abort(), { once: true });
        return answer;
      },
    } as FetchQueryOptions);
  }
  headStarts.clear();
}

/** Whether the browser can reach the network, as the queries see it (a booking is not sent offline). */
export function isOnline(): boolean {
  const core = dataFileNow();
  if (!core) return !browserOffline();
  createClient(core);
  return core.onlineManager.isOnline();
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
  stayQuote: (source: Source, roomId: string, checkIn: DateKey, checkOut: DateKey, guests: number) =>
    [...keys.availability(source), 'quote', roomId, checkIn, checkOut, guests] as const,
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

/**
 * A catalogue object is keyed by its content, not its identity: an app that parses or builds the
 * same catalogue again for each mount (or each render) shares one cached entry instead of adding
 * one per object, each kept for gcTime.
 */
const catalogueKeys = new WeakMap<object, string>();
let nextCatalogueId = 1;
function catalogueKey(input: CatalogueInput): string {
  if (!input) return 'api';
  if ('url' in input) return `url:${input.url}`;
  const value = input.value;
  if (typeof value !== 'object' || value === null) return 'value:invalid';
  let key = catalogueKeys.get(value);
  if (key === undefined) {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      // Not JSON (a cycle, a BigInt): its identity it is.
    }
    key = text === undefined ? `value:#${nextCatalogueId++}` : `value:${text.length}:${cyrb53(text).toString(36)}`;
    catalogueKeys.set(value, key);
  }
  return key;
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
          : await readCatalogue(catalogue.value, propertyId, 'roomCatalogue');
        const result: RoomDetailsResult = { details: read.catalogue ? { from: 'catalogue', rooms: (await loadDataFile()).toRooms(read.catalogue.rooms) } : null };
        if (read.problem) result.problem = read.problem;
        return result;
      }
      try {
        const answer = await source.client.rooms({ signal });
        const result: RoomDetailsResult = { details: { from: 'api', rooms: (await loadDataFile()).toRooms(answer.rooms) } };
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
        const answer = await source.client.bookingOptions({ signal });
        return (await loadDataFile()).toBookingOptions(answer);
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
    queryFn: async ({ signal }) => {
      const answer = await source.client.availability(firstOfMonth(month), lastOfMonth(month), { signal });
      return (await loadDataFile()).toAvailability(answer);
    },
    staleTime: AVAILABILITY_STALE_MS,
  };
}

/**
 * The price of one unit of a room for a stay, from the proxy, where the system prices whole
 * stays (no nightly prices): `null` when the proxy offers no quote, so the room stays
 * "price confirmed by the property". Under the availability key: a refetch after a booking renews it.
 */
export function stayQuoteQuery(source: Source, roomId: string, checkIn: DateKey, checkOut: DateKey, guests: number): QueryObserverOptions<number | null, StaymodError> {
  return {
    queryKey: keys.stayQuote(source, roomId, checkIn, checkOut, guests),
    queryFn: async ({ signal }) => {
      if (!source.client.stayQuote) return null;
      try {
        return (await source.client.stayQuote({ roomId, checkIn, checkOut, guests }, { signal })).total;
      } catch (error) {
        if (error instanceof StaymodError && (error.code === 'not-found' || error.code === 'invalid-input')) return null;
        throw error;
      }
    },
    staleTime: AVAILABILITY_STALE_MS,
  };
}
