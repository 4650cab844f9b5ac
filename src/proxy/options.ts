/**
 * The proxy's options, checked once at start-up: a misconfigured proxy should
 * refuse to start with a message naming the option, not fail on a guest's
 * first booking.
 */
import { utcDateKey, type DateKey } from '../domain/dates.js';
import type { Background, PmsDefinition } from './adapters/types.js';
import type { Compressor } from './encoding.js';
import type { IdempotencyStore } from './idempotency.js';
import type { ProxyLogger } from './logger.js';
import type { MemoryStateLimits } from './state/memory.js';
import type { ProxyState } from './state/types.js';
import type { FetchLike } from './upstream.js';

export const DEFAULT_UPSTREAM = 'https://app.staymod.in';

/** Per-request facts a server adapter may know (Node: the TCP peer). */
export interface ProxyRequestContext {
  remoteAddress?: string;
  /**
   * Where work that goes on after the answer is handed, to keep the runtime alive for it: on
   * Workers, `(work) => ctx.waitUntil(work)` (the Workers entry does this). Node runs on anyway.
   */
  waitUntil?: Background;
}

export interface StaymodProxyOptions {
  /** Staymod API key (`sk_live_...`). Secret: it never leaves the proxy. Not used with `pms`. */
  apiKey?: string;
  /**
   * Another property-management system behind the proxy (`cloudbedsPms(...)`, `guestyPms(...)`).
   * Default: Staymod at `upstream` with `apiKey`.
   */
  pms?: PmsDefinition;
  /** The only properties served (24-hex ids for Staymod), as a list or a comma-separated string. */
  propertyIds: readonly string[] | string;
  /**
   * Exact origins (`https://hotel.example`) whose pages may call the proxy, as a
   * list or comma-separated string. `*` allows any (warned). Same-origin calls
   * and calls without an Origin header (servers) are always allowed. Default none.
   */
  allowedOrigins?: readonly string[] | string;
  /**
   * Development only: also allow any `http://localhost:<port>` and `http://127.0.0.1:<port>`
   * page (a newcomer's own test page). Never in production: any local program could book.
   */
  allowLocalhost?: boolean;
  /** Staymod's origin. Default `https://app.staymod.in`. */
  upstream?: string;
  /** Path prefix the proxy is mounted under, e.g. `/api/staymod`. Default ''. */
  basePath?: string;
  /** Injectable fetch (tests, custom agents): any function answering a Response will do. Default the global fetch. */
  fetch?: FetchLike;
  /** Cache lifetimes in ms. Defaults: rooms 5 min, booking options 5 min, availability 15 s. 0 disables. */
  cacheTtlMs?: { rooms?: number; bookingOptions?: number; availability?: number };
  /**
   * Requests per client per minute (token bucket). Default 60 GET, 10 POST, and 30
   * `upstream` fetches (cache misses a client may cause). `false` disables.
   */
  rateLimit?: { get?: number; post?: number; upstream?: number } | false;
  /** Who a request counts against for rate limits. Default: see `trustedProxies`. */
  clientId?: (request: Request, context?: ProxyRequestContext) => string;
  /**
   * How many reverse proxies you run in front of this one. 0 (default): the client is
   * the socket address (unspoofable). N: the X-Forwarded-For entry the nearest trusted
   * proxy appended (Nth from the right); never the first, which the client writes.
   */
  trustedProxies?: number;
  /** Alias of `trustedProxies: 1`. */
  trustForwardedFor?: boolean;
  /** Use `cf-connecting-ip` as the client (set by Cloudflare; the Workers entry turns it on). Default false. */
  trustCfConnectingIp?: boolean;
  /**
   * Where the booking lock, Idempotency-Key records, rate limits and cache live.
   * Default: this process's memory (single instance only). Node: `redisState(...)`
   * (or `redis` in `staymod-booking/proxy/node`); Workers: the Durable Object entry.
   */
  state?: ProxyState;
  /** In-memory state only: byte ceilings of its maps (defaults 8 MiB cache, 4 MiB idempotency, 2 MiB limits). */
  memoryLimits?: MemoryStateLimits;
  /** Legacy: where finished `Idempotency-Key` results are kept, with the in-memory state. Prefer `state`. */
  idempotencyStore?: IdempotencyStore;
  /** How long a booking waits for the property's lock before a 503 with Retry-After. Default 5 s (below the widget's 15 s). */
  lockWaitMs?: number;
  /** The lock's lease, renewed while its holder works; a crashed holder's lease runs out after this. Default 15 s. */
  lockLeaseMs?: number;
  /** After a POST left unanswered (timeout, lost connection) the lock stays held this long. Default 2 x timeoutMs. */
  unconfirmedHoldMs?: number;
  /** Bookings one client may have in flight at once on one instance. Default 2. */
  maxBookingsInFlightPerClient?: number;
  /** Longest time to receive a booking's body; a slower upload gets 408. Default 10 s. */
  bodyTimeoutMs?: number;
  /** How long an idempotent result is replayed. Default 24 h. */
  idempotencyTtlMs?: number;
  /** Default: warnings and errors to the console. */
  logger?: ProxyLogger;
  /** Per upstream call. Default 10 s. */
  timeoutMs?: number;
  /** Largest booking body. Default 32 kB. */
  maxBodyBytes?: number;
  /** Longest stay accepted. Default 62 nights. */
  maxNights?: number;
  /** Upper bound of any option quantity. Default 50. */
  maxOptionQuantity?: number;
  /** Latest check-in accepted, in days after today. Default 730, like the widget. */
  maxDaysAhead?: number;
  /**
   * The property's IANA time zone (`Asia/Kolkata`): a check-in before its today is refused.
   * Default: none, and only a date already past everywhere on Earth is refused (the guest's
   * own today is never turned away, whatever their zone; Staymod itself accepts past stays).
   */
  timeZone?: string;
  /**
   * ISO 4217 code of the property's prices (Staymod's API has none), used for the
   * quote the proxy writes into each booking's specialRequests. Default INR, as the widget.
   */
  currency?: string;
  /**
   * Compresses JSON answers of 1 kB or more for clients that accept it (brotli, else
   * gzip). `createNodeProxyServer` and the middleware pass Node's zlib; without it
   * answers go uncompressed (on Workers, Cloudflare's edge compresses them).
   */
  compress?: Compressor;
  /** Clock, for tests. */
  now?: () => number;
}

export interface ResolvedOptions {
  apiKey: string;
  propertyIds: ReadonlySet<string>;
  anyOrigin: boolean;
  allowedOrigins: ReadonlySet<string>;
  allowLocalhost: boolean;
  upstream: string;
  basePath: string;
  ttl: { rooms: number; bookingOptions: number; availability: number };
  rateLimit: { get: number; post: number; upstream: number };
  timeoutMs: number;
  lockWaitMs: number;
  lockLeaseMs: number;
  unconfirmedHoldMs: number;
  maxBookingsInFlightPerClient: number;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  maxNights: number;
  maxOptionQuantity: number;
  maxDaysAhead: number;
  /** Today for the past-stay check: the property's date, or the earliest date still current anywhere. */
  today: (instant: number) => DateKey;
  trustedProxies: number;
  idempotencyTtlMs: number;
  currency: string;
}

/** A comma-separated string or a list, trimmed, empties dropped. */
export function listOf(value: readonly string[] | string | undefined): string[] {
  const items = typeof value === 'string' ? value.split(',') : (value ?? []);
  return items.map((item) => String(item).trim()).filter(Boolean);
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(`createStaymodProxy: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number (got ${String(value)}).`);
  }
  return value;
}

export function resolveOptions(options: StaymodProxyOptions, warn: (message: string) => void): ResolvedOptions {
  if (!options || typeof options !== 'object') throw new TypeError('createStaymodProxy: options are required.');
  const pms = options.pms;
  const apiKey = pms ? (pms.secrets[0] ?? '') : typeof options.apiKey === 'string' ? options.apiKey.trim() : '';
  if (!apiKey && !pms) throw new TypeError('createStaymodProxy: apiKey is required (the Staymod API key, sk_live_...).');
  if (!pms && /\s/.test(apiKey)) throw new TypeError('createStaymodProxy: apiKey contains whitespace; copy the key again.');

  const propertyIds = listOf(options.propertyIds);
  if (!propertyIds.length) throw new TypeError(`createStaymodProxy: propertyIds must list at least one ${pms?.name ?? 'Staymod'} property id.`);
  for (const id of propertyIds) {
    if (pms) {
      if (!pms.isPropertyId(id)) throw new TypeError(`createStaymodProxy: propertyIds entry "${id}" is not a ${pms.name} property id.`);
    } else if (!/^[a-f\d]{24}$/i.test(id)) {
      throw new TypeError(`createStaymodProxy: propertyIds entry "${id}" is not a Staymod property id (24 hex characters).`);
    }
  }

  const origins = listOf(options.allowedOrigins);
  for (const origin of origins) {
    if (origin === '*') continue;
    // `null` is what sandboxed iframes, file: pages and some redirects send: anyone can produce it.
    if (origin.toLowerCase() === 'null') {
      throw new TypeError('createStaymodProxy: allowedOrigins must not contain "null" (any sandboxed iframe or local file sends Origin: null). List your sites\' exact origins.');
    }
    if (origin.includes('*')) {
      throw new TypeError(`createStaymodProxy: allowedOrigins entry "${origin}" is a wildcard; list each exact origin (https://hotel.example, https://www.hotel.example).`);
    }
    let normalized: string | undefined;
    try {
      normalized = new URL(origin).origin;
    } catch {
      normalized = undefined;
    }
    if (normalized !== origin) {
      throw new TypeError(
        `createStaymodProxy: allowedOrigins entry "${origin}" is not an exact origin such as https://hotel.example (scheme and host, no path or trailing slash).`,
      );
    }
  }
  const anyOrigin = origins.includes('*');
  if (anyOrigin) warn('[staymod-proxy] allowedOrigins includes "*": any website can embed bookings through this proxy. List your own origins instead.');

  const upstreamText = (options.upstream ?? DEFAULT_UPSTREAM).trim().replace(/\/+$/, '');
  let upstreamUrl: URL;
  try {
    upstreamUrl = new URL(upstreamText);
  } catch {
    throw new TypeError(`createStaymodProxy: upstream "${upstreamText}" is not a URL.`);
  }
  if (upstreamUrl.protocol !== 'https:' && upstreamUrl.protocol !== 'http:') {
    throw new TypeError(`createStaymodProxy: upstream must be an http(s) URL (got ${upstreamUrl.protocol}).`);
  }
  if (upstreamUrl.search || upstreamUrl.hash) throw new TypeError('createStaymodProxy: upstream must not have a query or fragment.');

  const basePath = (options.basePath ?? '').trim().replace(/\/+$/, '');
  if (basePath && !/^(\/[\w.~-]+)+$/.test(basePath)) {
    throw new TypeError(`createStaymodProxy: basePath "${basePath}" must look like /api/staymod.`);
  }

  const currency = (options.currency ?? 'INR').trim().toUpperCase();
  let knownCurrency = /^[A-Z]{3}$/.test(currency);
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency });
  } catch {
    knownCurrency = false;
  }
  if (!knownCurrency) throw new TypeError(`createStaymodProxy: currency "${currency}" is not an ISO 4217 code such as INR.`);

  const today = todayIn(options.timeZone);

  const ttl = options.cacheTtlMs ?? {};
  const rate = options.rateLimit === false ? { get: Infinity, post: Infinity, upstream: Infinity } : (options.rateLimit ?? {});
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 10_000);
  const lockWaitMs = positive('lockWaitMs', options.lockWaitMs, 5_000);
  // The widget gives up on a booking after 15 s: a wait longer than that only holds a connection.
  if (lockWaitMs >= 15_000) throw new TypeError('createStaymodProxy: lockWaitMs must be below 15000 (the widget waits 15 s for a booking).');

  return {
    apiKey,
    propertyIds: new Set(propertyIds.map((id) => id.toLowerCase())),
    anyOrigin,
    allowLocalhost: options.allowLocalhost === true,
    allowedOrigins: new Set(origins),
    upstream: upstreamUrl.href.replace(/\/+$/, ''),
    basePath,
    ttl: {
      rooms: positive('cacheTtlMs.rooms', ttl.rooms, 5 * 60_000, true),
      bookingOptions: positive('cacheTtlMs.bookingOptions', ttl.bookingOptions, 5 * 60_000, true),
      availability: positive('cacheTtlMs.availability', ttl.availability, 15_000, true),
    },
    rateLimit: {
      get: positive('rateLimit.get', rate.get, 60),
      post: positive('rateLimit.post', rate.post, 10),
      upstream: positive('rateLimit.upstream', rate.upstream, 30),
    },
    timeoutMs,
    lockWaitMs,
    lockLeaseMs: positive('lockLeaseMs', options.lockLeaseMs, 15_000),
    unconfirmedHoldMs: positive('unconfirmedHoldMs', options.unconfirmedHoldMs, 2 * timeoutMs, true),
    maxBookingsInFlightPerClient: Math.floor(positive('maxBookingsInFlightPerClient', options.maxBookingsInFlightPerClient, 2)),
    bodyTimeoutMs: positive('bodyTimeoutMs', options.bodyTimeoutMs, 10_000),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, 32 * 1024),
    // Same default as the widget's max-nights: long stays are checked in Staymod-sized chunks.
    maxNights: Math.floor(positive('maxNights', options.maxNights, 365)),
    maxOptionQuantity: Math.floor(positive('maxOptionQuantity', options.maxOptionQuantity, 50)),
    maxDaysAhead: Math.floor(positive('maxDaysAhead', options.maxDaysAhead, 730, true)),
    today,
    trustedProxies: Math.floor(positive('trustedProxies', options.trustedProxies, options.trustForwardedFor ? 1 : 0, true)),
    idempotencyTtlMs: positive('idempotencyTtlMs', options.idempotencyTtlMs, 24 * 60 * 60_000),
    currency,
  };
}

/** The date in `timeZone` (checked here, so a typo fails at start), else the date at UTC-12, the last to change. */
function todayIn(timeZone: string | undefined): (instant: number) => DateKey {
  if (timeZone === undefined || timeZone.trim() === '') return (instant) => utcDateKey(instant - 12 * 3_600_000);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone.trim(), year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new TypeError(`createStaymodProxy: timeZone "${timeZone}" is not an IANA time zone such as Asia/Kolkata.`);
  }
  // en-CA writes YYYY-MM-DD; read from the parts all the same, whatever the ICU version.
  return (instant) => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    return `${parts['year']}-${parts['month']}-${parts['day']}` as DateKey;
  };
}
