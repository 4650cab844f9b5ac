/**
 * `createStaymodProxy`: a standard `(Request) => Promise<Response>` that sits
 * between <staymod-booking> and Staymod. It keeps the API key on the server,
 * serves only the configured properties and the widget's four endpoints, and
 * enforces what Staymod trusts the client for (status, discounts, option
 * prices, availability). Web-standard APIs only: runs on Node, workers and
 * serverless platforms alike.
 */
import { UNCONFIRMED_BOOKING_MESSAGE } from '../contract/errors.js';
import {
  availabilityResponseSchema,
  bookingOptionsResponseSchema,
  roomsResponseSchema,
  type WireAvailability,
  type WireRoom,
  type WireSelectedOption,
} from '../contract/schemas.js';
import { addDays, minDate, stayNights, type DateKey } from '../domain/dates.js';
import { withQuoteNote } from '../domain/quote-note.js';
import { answer, errorAnswer, type Answer } from './answer.js';
import { bookedRoomTypes, findShortage, quoteStay, repriceOptions, soldOutMessage, StaleCounterLog } from './booking.js';
import { readBody } from './body.js';
import { pickEncoding, PreparedBody, PreparedCache, type Bytes } from './encoding.js';
import { withKnownBody } from '../server/known-body.js';
import { fingerprint, isValidIdempotencyKey } from './idempotency.js';
import { consoleLogger, redact, redactingLogger, ThrottledLog } from './logger.js';
import { resolveOptions, type ProxyRequestContext, type StaymodProxyOptions } from './options.js';
import { staymodAdapter } from './adapters/staymod.js';
import type { Background, PmsAdapter } from './adapters/types.js';
import { guardState } from './state/guard.js';
import { heartbeat, waitForLease } from './state/lease.js';
import { MemoryState } from './state/memory.js';
import { IdempotencyFull, shortHash, type IdempotencyRecord, type RateDecision } from './state/types.js';
import type { FetchLike } from './upstream.js';
import { clientBucket } from './client-bucket.js';
import { availabilityRange, checkBooking, checkGuestsFit, checkQuoteQuery, checkUnitCounts, InvalidRequest, MAX_RANGE_DATES, type CheckedBooking } from './validate.js';

export type StaymodProxyHandler = (request: Request, context?: ProxyRequestContext) => Promise<Response>;

/** A request as the proxy reads it: a Request, or (Node's fast path) the parts of one. */
export interface ProxyIncoming {
  method: string;
  /** The path (routing needs no more, so a cache hit parses no URL). */
  path: string;
  /** The query string, `?` included, or ''. */
  search: string;
  /** The whole URL, parsed when asked (the same-origin check). */
  url(): URL;
  /** A header's value, or null. */
  header(name: string): string | null;
  /** The whole Request (for a booking's body, or a custom clientId). */
  request(): Request;
}

/** An answer ready to send: what `finish` makes, before it becomes a Response (or goes straight to a socket). */
export interface ProxyOutgoing {
  status: number;
  headers: Record<string, string>;
  body: Bytes | null;
}

export function toResponse(out: ProxyOutgoing): Response {
  if (!out.body) return new Response(null, { status: out.status, headers: out.headers });
  return withKnownBody(new Response(out.body, { status: out.status, headers: out.headers }), out.body);
}

export function fromRequest(request: Request): ProxyIncoming {
  const url = new URL(request.url);
  return { method: request.method, path: url.pathname, search: url.search, url: () => url, header: (name) => request.headers.get(name), request: () => request };
}

type Resource = 'rooms' | 'room-availability' | 'booking-options' | 'bookings' | 'quote';
const ROUTE = /^\/api\/public\/v1\/properties\/([^/]+)\/(rooms|room-availability|booking-options|bookings|quote)\/?$/;

const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Idempotency-Replay-Only';
const EXPOSE_HEADERS = 'Retry-After, Idempotent-Replayed';

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function allowedMethods(resource: Resource): string {
  return resource === 'bookings' ? 'POST, OPTIONS' : 'GET, OPTIONS';
}

function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/json\s*(;|$)/i.test(value.trim());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long after sending a booking may still be asked about (or re-sent under its key) once its stay has begun. */
const SENT_DAYS_AGO = 31;

/** Bytes of cached answers kept ready to send (see PreparedCache). */
const PREPARED_CACHE_BYTES = 4 * 1024 * 1024;

/** Which cached answers a booking makes stale: availability only. */
const AVAILABILITY = 'availability';
const STATIC = 'static';

/** A rooms or availability answer with no room in it (the answers' text as the proxy writes it). */
function listsNothing(path: string, body: string): boolean {
  if (path === 'rooms') return body.includes('"rooms":[]');
  return path.startsWith('room-availability') && body.includes('"rows":[]');
}

/**
 * The rooms whose rows outnumber their unitCount, when they explain Staymod's sold-out on `date`;
 * undefined when they do not (its counter is then stale). Staymod's counter for a type starts at
 * the sum of its rooms' unitCount; less what the view shows taken (OTA bookings included, so a
 * lower bound) below a line's quantity means the refusal was due, whatever the view shows free.
 */
function shortUnitCounts(input: { rooms: ReadonlyArray<{ roomId: string; quantity: number }> }, date: DateKey, availability: readonly WireAvailability[], rooms: ReadonlyMap<string, WireRoom>): WireRoom[] | undefined {
  const rows = availability.flatMap((part) => part.rows);
  const cellsOf = (room: WireRoom) => rows.flatMap((row) => (row.roomId.toLowerCase() === room._id.toLowerCase() ? row.cells.filter((cell) => cell.dateKey === date) : []));
  for (const line of input.rooms) {
    const booked = rooms.get(line.roomId.toLowerCase());
    const same = [...rooms.values()].filter((room) => room.type === booked?.type);
    const left = same.reduce((sum, room) => sum + room.unitCount - cellsOf(room).filter((cell) => cell.isFull).length, 0);
    if (booked && left < line.quantity) return same.filter((room) => cellsOf(room).length > room.unitCount);
  }
  return undefined;
}

export function createStaymodProxy(options: StaymodProxyOptions): StaymodProxyHandler {
  const core = createProxyCore(options);
  return async (request, context) => toResponse(await core.serve(fromRequest(request), context));
}

/** The proxy on plain parts. `serve` answers a cache hit in this process's memory at once, anything else later. */
export interface ProxyCore {
  serve(incoming: ProxyIncoming, context?: ProxyRequestContext): ProxyOutgoing | Promise<ProxyOutgoing>;
}

/** The proxy on plain parts: `createStaymodProxy` wraps it in fetch's Request/Response; Node's server calls it directly. */
export function createProxyCore(options: StaymodProxyOptions): ProxyCore {
  const rawLogger = options?.logger ?? consoleLogger;
  const config = resolveOptions(options, (message) => rawLogger.warn(message));
  const logger = (options.pms?.secrets ?? [config.apiKey]).reduce(redactingLogger, rawLogger);
  const now = options.now ?? Date.now;
  const plainFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
  const memory = () => new MemoryState({ now, limits: options.memoryLimits, idempotencyStore: options.idempotencyStore });
  const state = guardState(options.state ?? memory(), logger, { now });
  /**
   * This process's memory (unless a subclass reads its cache or limits another way): it
   * answers at once, so a cache hit goes from request to answer without a promise.
   */
  const local =
    state instanceof MemoryState && state.cacheGet === MemoryState.prototype.cacheGet && state.rateTake === MemoryState.prototype.rateTake ? state : undefined;
  if (!state.shared) logger.info('[staymod-proxy] state in memory: run a single instance (REDIS_URL or a Durable Object shares it).');
  const adapterEnv = { fetch: options.fetch ?? plainFetch, timeoutMs: config.timeoutMs, logger, now, state, currency: config.currency };
  const adapter: PmsAdapter = options.pms
    ? options.pms.create(adapterEnv)
    : staymodAdapter({ ...adapterEnv, base: config.upstream, apiKey: config.apiKey });
  /** This instance's upstream GETs in flight, so identical ones share a call (bounded by requests in flight). */
  const inFlight = new Map<string, Promise<{ value: Answer; body?: PreparedBody } | null>>();
  /** Bookings in flight per client on this instance (bounded by requests in flight). */
  const bookingsInFlight = new Map<string, number>();
  const staleCounters = new StaleCounterLog(logger);
  const refusedOrigins = new ThrottledLog((line) => logger.warn(line), { now });
  const compress = options.compress;
  /** Cached answers parsed, checked and encoded once, while the state hands back the same text. */
  const prepared = new PreparedCache<Answer>(PREPARED_CACHE_BYTES);

  let sharedBucketWarned = false;
  /** The client's rate-limit bucket: the host's `clientId`, else its address (an IPv6 client's /64, `clientBucket`). */
  function clientIdOf(incoming: ProxyIncoming, context?: ProxyRequestContext): string {
    if (options.clientId) return options.clientId(incoming.request(), context) || 'anonymous';
    return clientBucket(clientAddress(incoming, context));
  }

  function clientAddress(incoming: ProxyIncoming, context?: ProxyRequestContext): string {
    const socket = context?.remoteAddress || 'anonymous';
    const forwarded = incoming.header('x-forwarded-for');
    if (config.trustedProxies > 0) {
      const entries = (forwarded ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
      // The entry our nearest trusted proxy appended; fewer entries means it did not come through them all.
      return entries[entries.length - config.trustedProxies] ?? socket;
    }
    if (options.trustCfConnectingIp) {
      const cf = incoming.header('cf-connecting-ip')?.trim();
      if (cf) return cf;
    }
    if (forwarded && !sharedBucketWarned) {
      sharedBucketWarned = true;
      logger.warn(
        `[staymod-proxy] requests arrive through another proxy (X-Forwarded-For) but trustedProxies is not set: every guest behind it shares the rate-limit bucket of ${socket}. Set TRUSTED_PROXIES=N (trustedProxies: N) to the number of proxies in front.`,
      );
    }
    return socket;
  }

  function isOriginAllowed(origin: string, incoming: ProxyIncoming): boolean {
    if (config.anyOrigin || config.allowedOrigins.has(origin) || origin === incoming.url().origin) return true;
    return config.allowLocalhost && /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(origin);
  }

  /** The body to send: the key redacted as a last resort. */
  function prepare(result: Answer): PreparedBody {
    let body = result.body;
    if (body.includes(config.apiKey)) {
      logger.error('[staymod-proxy] an answer contained the API key; it was redacted.');
      body = redact(body, config.apiKey);
    }
    return new PreparedBody(body);
  }

  /**
   * The final Response: security headers, CORS for an allowed origin, compressed
   * when the client accepts it (`acceptEncoding`) and the runtime gave a compressor.
   */
  function finish(result: Answer, corsOrigin: string | null, extra: Record<string, string> = {}, acceptEncoding: string | null = null, body?: PreparedBody): ProxyOutgoing {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // Whatever the client sent, the answer may differ with its Accept-Encoding.
      Vary: compress ? 'Origin, Accept-Encoding' : 'Origin',
      ...result.headers,
      ...extra,
    };
    if (corsOrigin) {
      headers['Access-Control-Allow-Origin'] = corsOrigin;
      headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
    }
    if (result.status === 204) {
      delete headers['Content-Type'];
      return { status: 204, headers, body: null };
    }
    const sent = (body ?? prepare(result)).variant(pickEncoding(acceptEncoding), compress);
    if (sent.encoding) headers['Content-Encoding'] = sent.encoding;
    return { status: result.status, headers, body: sent.bytes };
  }

  // ---- GET ------------------------------------------------------------------

  /** A rate-limit token (at once from this process's memory); the state falls back to this instance's buckets when it is sick. */
  function take(clientKey: string, kind: 'GET' | 'POST' | 'UPSTREAM', perMinute: number): RateDecision | Promise<RateDecision> {
    if (!Number.isFinite(perMinute)) return { ok: true, retryAfter: 0 };
    return local ? local.rateTakeNow(`client:${clientKey}`, kind, perMinute) : state.rateTake(`client:${clientKey}`, kind, perMinute);
  }

  /** Whether `method` has a rate limit at all (`rateLimit: false` turns them off). */
  function limits(method: string): boolean {
    return Number.isFinite(method === 'POST' ? config.rateLimit.post : config.rateLimit.get);
  }

  function tooManyAnswer(decision: RateDecision): Answer {
    return errorAnswer(429, `Too many requests. Please wait ${decision.retryAfter} s and try again.`, undefined, {
      'Retry-After': String(decision.retryAfter),
    });
  }

  /** A stay quote is priced on availability: a booking makes both stale. */
  function groupOf(path: string): string {
    return path.startsWith('room-availability') || path.startsWith('quote') ? AVAILABILITY : STATIC;
  }

  /** A cached text as an answer ready to send: parsed, checked and encoded once while the state keeps the text. */
  function preparedHit(flightKey: string, text: string): { value: Answer; source: string; body: PreparedBody } {
    const ready = prepared.get(flightKey, text);
    if (ready) return { value: ready.value, source: 'hit', body: ready.body };
    const value = JSON.parse(text) as Answer;
    const body = prepare(value);
    prepared.set(flightKey, text, value, body);
    return { value, source: 'hit', body };
  }

  /** The cached answer when this process's memory holds it, at once; else undefined (cachedGet decides). */
  function hitNow(propertyId: string, path: string, ttlMs: number): { value: Answer; source: string; body: PreparedBody } | undefined {
    if (!local || ttlMs <= 0) return undefined;
    try {
      const text = local.cacheLookup(propertyId, groupOf(path), path).value;
      return text === null ? undefined : preparedHit(`${propertyId}/${path}`, text);
    } catch {
      return undefined; // an entry that does not read back: cachedGet treats it as a miss
    }
  }

  /** Properties whose empty answer the host has been told of (each configured property once per process). */
  const toldNoRooms = new Set<string>();
  function noRooms(propertyId: string): void {
    if (toldNoRooms.has(propertyId) || toldNoRooms.size >= 1000) return;
    toldNoRooms.add(propertyId);
    logger.error(
      `[staymod-proxy] ${options.pms?.name ?? 'Staymod'} lists no rooms for property ${propertyId}: check the property id, that the property is active, and that the key belongs to its organisation (Staymod answers an unknown property with empty lists, not an error). Such answers are not cached.`,
    );
  }

  /**
   * The cached answer, else this instance's identical call in flight, else a new
   * upstream call (counted against `clientKey`'s upstream ceiling). When the
   * state fails, straight to Staymod without the cache.
   */
  async function cachedGet(
    propertyId: string,
    path: string,
    read: () => Promise<Answer>,
    ttlMs: number,
    clientKey?: () => string,
  ): Promise<{ value: Answer; source: string; body?: PreparedBody }> {
    const group = groupOf(path);
    const flightKey = `${propertyId}/${path}`;
    let generation: string | null = null;
    if (ttlMs > 0) {
      try {
        const got = local ? local.cacheLookup(propertyId, group, path) : await state.cacheGet(propertyId, group, path);
        if (got.value !== null) return preparedHit(flightKey, got.value);
        generation = got.generation;
      } catch {
        generation = null; // logged once by the guard
      }
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const pending = inFlight.get(flightKey);
      if (!pending) break;
      const shared = await pending;
      if (shared) return { ...shared, source: 'coalesced' };
      // The caller that started it was over its upstream ceiling: try on our own account.
    }
    let refused: Answer | undefined;
    // Worked out here, not in the shared call: a client id that fails fails its own request only.
    const upstreamKey = clientKey && Number.isFinite(config.rateLimit.upstream) ? clientKey() : undefined;
    // Registered before any await, so identical requests arriving meanwhile join it.
    const load = (async (): Promise<{ value: Answer; body?: PreparedBody } | null> => {
      if (upstreamKey !== undefined) {
        const decision = await take(upstreamKey, 'UPSTREAM', config.rateLimit.upstream);
        if (!decision.ok) {
          refused = tooManyAnswer(decision);
          return null;
        }
      }
      const value = await read();
      if (value.status !== 200) return { value };
      if (listsNothing(path, value.body)) {
        // Staymod answers a property it does not know (a mistyped id, one deactivated, another
        // organisation's) with 200 and empty lists: said to the host, never cached as the truth.
        noRooms(propertyId);
        generation = null;
      }
      // Encoded once for every request sharing this call, and for the cache hits after it.
      const body = prepare(value);
      if (generation !== null) {
        const text = JSON.stringify(value);
        await state.cacheSet(propertyId, group, generation, path, text, ttlMs).catch(() => {});
        prepared.set(flightKey, text, value, body);
      }
      return { value, body };
    })().finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, load);
    const loaded = await load;
    return loaded ? { ...loaded, source: 'miss' } : { value: refused!, source: 'refused' };
  }

  /**
   * What a GET asks for: its cache key, how long an answer keeps and how to read it from
   * the PMS, or an answer at once. Throws InvalidRequest for a bad query.
   */
  function planGet(resource: Exclude<Resource, 'bookings'>, propertyId: string, search: string): { path: string; ttlMs: number; read: () => Promise<Answer> } | { answer: Answer } {
    if (resource === 'rooms') return { path: 'rooms', ttlMs: config.ttl.rooms, read: () => adapter.rooms(propertyId) };
    if (resource === 'booking-options') return { path: 'booking-options', ttlMs: config.ttl.bookingOptions, read: () => adapter.bookingOptions(propertyId, false) };
    if (resource === 'quote') {
      const quote = adapter.stayQuote?.bind(adapter);
      if (!quote) return { answer: errorAnswer(404, `Not found: ${options.pms?.name ?? 'Staymod'} prices every night, so this proxy offers no stay quote.`) };
      const stay = checkQuoteQuery(new URLSearchParams(search), { today: config.today(now()), maxNights: config.maxNights, roomId: options.pms?.roomId.schema });
      const query = new URLSearchParams({ roomId: stay.roomId, checkIn: stay.checkIn, checkOut: stay.checkOut, guests: String(stay.guests) });
      return { path: `quote?${query}`, ttlMs: config.ttl.availability, read: () => quote(propertyId, stay) };
    }
    const { from, to } = availabilityRange(new URLSearchParams(search), now());
    return { path: `room-availability?${new URLSearchParams({ from, to })}`, ttlMs: config.ttl.availability, read: () => adapter.availability(propertyId, from, to) };
  }

  /** A GET's answer: at once for a hit in this process's memory, else after the state or the PMS. */
  function handleGet(resource: Exclude<Resource, 'bookings'>, propertyId: string, incoming: ProxyIncoming, corsOrigin: string | null, clientKey: () => string): ProxyOutgoing | Promise<ProxyOutgoing> {
    const plan = planGet(resource, propertyId, incoming.search);
    if ('answer' in plan) return finish(plan.answer, corsOrigin, undefined, incoming.header('accept-encoding'));
    // `X-Staymod-Proxy-Cache` says where it came from: hit, miss or coalesced (nothing on a refusal).
    const send = (got: { value: Answer; source: string; body?: PreparedBody }) =>
      finish(got.value, corsOrigin, got.source === 'refused' ? undefined : { 'X-Staymod-Proxy-Cache': got.source }, incoming.header('accept-encoding'), got.body);
    const hit = hitNow(propertyId, plan.path, plan.ttlMs);
    return hit ? send(hit) : cachedGet(propertyId, plan.path, plan.read, plan.ttlMs, clientKey).then(send);
  }

  // ---- POST /bookings -------------------------------------------------------

  /** Availability answers fetched before now are neither served nor cached any more, on any instance. */
  async function forgetAvailability(propertyId: string): Promise<void> {
    await state.cacheBump(propertyId, AVAILABILITY).catch(() => {});
  }

  /** Fresh availability for the stay's nights (never cached), in Staymod-sized chunks. */
  async function freshAvailability(propertyId: string, nights: DateKey[]): Promise<WireAvailability[] | Answer> {
    const ranges: Array<[DateKey, DateKey]> = [];
    const last = nights[nights.length - 1]!;
    for (let from = nights[0]!; from <= last; from = addDays(from, MAX_RANGE_DATES)) ranges.push([from, minDate(addDays(from, MAX_RANGE_DATES - 1), last)]);
    const read = ([from, to]: [DateKey, DateKey]) => adapter.availability(propertyId, from, to);
    let results: Answer[];
    if (options.pms) {
      // A paced system (Cloudbeds, Guesty: calls per second, one per listing and chunk) in turn:
      // all at once would queue past its pacer's longest wait and fail long stays.
      results = [];
      for (const range of ranges) {
        const result = await read(range);
        if (result.status !== 200) return result;
        results.push(result);
      }
    } else {
      // Staymod (no rate limits) at once: this runs under the property's booking lock, which every
      // other guest's booking waits for (a year's stay is six chunks).
      results = await Promise.all(ranges.map(read));
    }
    const failed = results.find((result) => result.status !== 200);
    if (failed) return failed;
    return results.map((result) => availabilityResponseSchema.parse(JSON.parse(result.body)));
  }

  function lockUnavailable(): Answer {
    return errorAnswer(503, 'The booking proxy cannot take bookings right now (its booking lock is unreachable). Please try again in a moment.', undefined, {
      'Retry-After': '5',
    });
  }

  interface Lease {
    /** Fencing check before the POST: still ours, and held long enough to cover the POST and the hold after it. */
    fence(): Promise<boolean>;
    /** Set when the POST may have landed without the PMS saying so: the lock then stays held for unconfirmedHoldMs. */
    unanswered: boolean;
  }

  /**
   * One booking per property at a time, across every instance sharing the state:
   * a lease with an owner, renewed while the work runs, never released while the
   * POST may still be running on Staymod.
   */
  async function underLock(propertyId: string, section: (lease: Lease) => Promise<{ result: Answer; final: boolean }>): Promise<{ result: Answer; final: boolean }> {
    const owner = crypto.randomUUID();
    let got: boolean;
    try {
      got = await waitForLease(state, propertyId, 'booking', owner, { leaseMs: config.lockLeaseMs, waitMs: config.lockWaitMs, now: Date.now });
    } catch {
      return { result: lockUnavailable(), final: false };
    }
    if (!got) {
      const busy = 'Another booking for this property is being completed. Please try again in a moment.';
      return { result: errorAnswer(503, busy, undefined, { 'Retry-After': '2' }), final: false };
    }
    const stop = heartbeat(state, propertyId, 'booking', owner, config.lockLeaseMs);
    const lease: Lease = {
      unanswered: false,
      fence: async () => {
        stop();
        // The POST is bounded by timeoutMs; a lease to its end plus the hold means that even if this process dies mid-POST, no other booking starts while Staymod may still be inserting.
        return state.lockExtend(propertyId, 'booking', owner, config.timeoutMs + config.unconfirmedHoldMs + 1000).catch(() => false);
      },
    };
    try {
      return await section(lease);
    } finally {
      stop();
      if (lease.unanswered) {
        await state.lockExtend(propertyId, 'booking', owner, Math.max(1, config.unconfirmedHoldMs)).catch(() => {});
      } else {
        await state.lockRelease(propertyId, 'booking', owner).catch(() => {});
      }
    }
  }

  function unknownRoom(index: number): Answer {
    const field = `rooms.${index}.roomId`;
    const message = 'is not a bookable room of this property.';
    return errorAnswer(400, `Invalid booking request: ${field} ${message}`, { [field]: message });
  }

  /** The property's rooms by id (lower case): cached, or read afresh (`fresh`). */
  async function listedRooms(propertyId: string, fresh: boolean): Promise<Map<string, WireRoom> | Answer> {
    const got = fresh ? adapter.rooms(propertyId) : cachedGet(propertyId, 'rooms', () => adapter.rooms(propertyId), config.ttl.rooms).then((hit) => hit.value);
    const answer = await got;
    if (answer.status !== 200) return answer;
    const { rooms } = roomsResponseSchema.parse(JSON.parse(answer.body));
    return new Map(rooms.map((room) => [room._id.toLowerCase(), room]));
  }

  /** Rooms whose low unitCount the host has been told of (bounded). */
  const toldUnitCounts = new Set<string>();
  function tellShortUnitCounts(propertyId: string, short: WireRoom[], date: DateKey): void {
    for (const room of short) {
      const key = `${propertyId}|${room._id}|${room.unitCount}`;
      if (toldUnitCounts.has(key) || toldUnitCounts.size >= 1000) continue;
      toldUnitCounts.add(key);
      logger.error(
        `[staymod-proxy] Staymod refused room "${room.name}" (property ${propertyId}) on ${date} as sold out while its availability view shows a free unit: the view has a row per room number, but Staymod books only the room's unitCount (${room.unitCount}), summed per room type. In Staymod's dashboard, set the unit count of "${room.name}" to its number of rooms. (Logged once per room.)`,
      );
    }
  }

  /**
   * Re-prices options, checks availability and posts, one booking per property at a time.
   * `final`: the answer must be kept under an Idempotency-Key (a retry must not post again).
   */
  async function book(propertyId: string, checked: CheckedBooking, after?: Background): Promise<{ result: Answer; final: boolean }> {
    const { input } = checked;
    // Before the lock: a room the property does not list is refused without holding up every
    // other guest's booking while its stay is read. A room added since the cached list is looked up afresh.
    const unlisted = (rooms: Map<string, WireRoom>) => input.rooms.findIndex((room) => !rooms.has(room.roomId.toLowerCase()));
    let listed = await listedRooms(propertyId, false);
    if (listed instanceof Map && unlisted(listed) >= 0) listed = await listedRooms(propertyId, true);
    if (!(listed instanceof Map)) return { result: listed, final: false };
    const missing = unlisted(listed);
    if (missing >= 0) return { result: unknownRoom(missing), final: false };
    const rooms = listed;
    // Staymod's own rule; other systems' unit counts are estimates, their availability check suffices.
    if (!options.pms) checkUnitCounts(input, (roomId) => rooms.get(roomId));
    checkGuestsFit(input, (roomId) => rooms.get(roomId)?.maxGuests);
    let selectedOptions: WireSelectedOption[] = [];
    if (input.selectedOptions?.length) {
      // Read fresh, never from the cache: a price the host just changed must be the one charged.
      const got = await adapter.bookingOptions(propertyId, true);
      if (got.status !== 200) return { result: got, final: false };
      const { bookingOptions } = bookingOptionsResponseSchema.parse(JSON.parse(got.body));
      selectedOptions = repriceOptions(input, bookingOptions);
    }

    return underLock(propertyId, async (lease) => {
      const nights = stayNights(checked.checkInDate, checked.checkOutDate);
      const availability = await freshAvailability(propertyId, nights);
      if (!Array.isArray(availability)) return { result: availability, final: false };
      const shortage = findShortage(input, nights, availability);
      if (shortage?.kind === 'unknown-room') return { result: unknownRoom(shortage.index), final: false };
      if (shortage) {
        // The cached availability told the guest this was free: drop it, so the widget's refetch sees the truth.
        await forgetAvailability(propertyId);
        return { result: errorAnswer(400, soldOutMessage(shortage)), final: false };
      }
      const stay = { input, checkInDate: checked.checkInDate, checkOutDate: checked.checkOutDate, nights };
      const unprepared = await adapter.prepare?.(propertyId, stay, availability);
      if (unprepared) return { result: unprepared, final: false };
      const quoted = quoteStay(input, nights, availability, selectedOptions, config.currency, adapter.stayCharges?.(propertyId, stay));
      if ('unpriced' in quoted) {
        const field = `rooms.${quoted.unpriced.index}.roomId`;
        const message = `has no price for the night of ${quoted.unpriced.date}, so it cannot be booked online.`;
        return { result: errorAnswer(400, `Invalid booking request: ${field} ${message}`, { [field]: message }), final: false };
      }
      const outgoing = { ...stay, selectedOptions, specialRequests: withQuoteNote(quoted.quote, input.specialRequests), quote: quoted.quote };

      if (!(await lease.fence())) return { result: lockUnavailable(), final: false };
      try {
        const outcome = await adapter.book(propertyId, outgoing, after);
        if (outcome.kind === 'booked') {
          logger.info(`[staymod-proxy] booking created for property ${propertyId}.`);
          return { result: outcome.answer, final: true };
        }
        if (outcome.kind === 'unconfirmed') {
          // Maybe booked (no answer, or a gateway's 502/504 for it): the insert may still be running, so the lock stays held a while.
          if (outcome.landed === 'maybe') lease.unanswered = true;
          // Never a duplicate: it is kept like a definitive answer, so a retry replays it instead of posting again.
          logger.error(
            `[staymod-proxy] a booking for property ${propertyId} ${outcome.landed === 'yes' ? 'was made' : 'may have been made'} but could not be confirmed (${outcome.how}); check ${options.pms?.name ?? 'Staymod'}.`,
          );
          return { result: errorAnswer(502, UNCONFIRMED_BOOKING_MESSAGE), final: true };
        }
        const result = outcome.answer;
        if (outcome.soldOutDate && !options.pms) {
          const short = shortUnitCounts(input, outcome.soldOutDate, availability, rooms);
          if (short) tellShortUnitCounts(propertyId, short, outcome.soldOutDate);
          else staleCounters.report(propertyId, bookedRoomTypes(input, availability, result.body), outcome.soldOutDate);
        }
        // Staymod answered without booking: a 4xx is definitive; a 5xx (or a connection never opened) may be retried,
        // and so may a 429 (a CDN's or WAF's limit, gone in a while).
        return { result, final: result.status < 500 && result.status !== 429 };
      } finally {
        await forgetAvailability(propertyId);
      }
    });
  }

  function replay(record: IdempotencyRecord & { state: 'done' }): Answer {
    return { status: record.status, body: record.body, headers: { 'Idempotent-Replayed': 'true' } };
  }

  const keyInUse = () =>
    errorAnswer(422, 'This Idempotency-Key was already used for a different booking request. Use a new key for a new booking.');
  const keysFull = () =>
    errorAnswer(503, 'The booking proxy is holding as many recent bookings as its memory allows and cannot take a new one right now. Please try again later.', undefined, { 'Retry-After': '60' });
  const keyStoreFailed = () =>
    errorAnswer(503, 'The booking proxy cannot check the Idempotency-Key right now. Please try again in a moment.', undefined, { 'Retry-After': '5' });

  /** Longest a booking may legitimately take, lock wait included: a claim older than this was lost with its instance. */
  function workBoundMs(): number {
    const chunks = Math.ceil(config.maxNights / MAX_RANGE_DATES);
    return config.lockWaitMs + (chunks + 3) * config.timeoutMs + 1000;
  }

  /**
   * The record under a key, as `look` finds it (`idemGet`) or leaves it (`idemClaim`: null once
   * claimed), answered: null when there is none; its stored answer (`done` words it); 422 for
   * another body; after waiting for a claim in flight elsewhere, its answer, an unconfirmed 502
   * for a claim whose instance died, or a retryable 503.
   */
  async function keyAnswer(look: () => Promise<IdempotencyRecord | null>, print: string, done: (record: IdempotencyRecord & { state: 'done' }) => Answer = replay): Promise<Answer | null> {
    const started = Date.now();
    for (;;) {
      let existing: IdempotencyRecord | null;
      try {
        existing = await look();
      } catch (error) {
        logger.error(`[staymod-proxy] idempotency record check failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        return error instanceof IdempotencyFull ? keysFull() : keyStoreFailed();
      }
      if (existing === null) return null;
      if (existing.fingerprint !== print) return keyInUse();
      if (existing.state === 'done') return done(existing);
      // Its instance died (or hung) while booking: Staymod may have the booking, so it must not be posted again.
      if (existing.deadline <= Date.now()) return errorAnswer(502, UNCONFIRMED_BOOKING_MESSAGE);
      if (Date.now() - started >= config.lockWaitMs + 2 * config.timeoutMs) {
        return errorAnswer(503, 'This booking is still being processed. Please try again in a moment.', undefined, { 'Retry-After': '2' });
      }
      await sleep(25 + Math.random() * 50);
    }
  }

  /** Claims the key (the first instance wins, null), or answers from the existing record (`keyAnswer`). */
  function claimKey(scope: string, key: string, print: string, owner: string): Promise<Answer | null> {
    return keyAnswer(() => state.idemClaim(scope, key, { state: 'pending', fingerprint: print, owner, deadline: Date.now() + workBoundMs() }, config.idempotencyTtlMs), print);
  }

  async function handleBooking(request: Request, propertyId: string, clientKey: string, after?: Background): Promise<Answer> {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return errorAnswer(415, 'Send the booking as JSON with Content-Type: application/json.');
    }
    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null && !isValidIdempotencyKey(idempotencyKey)) {
      return errorAnswer(400, 'Idempotency-Key must be 1 to 200 printable ASCII characters.', {
        'Idempotency-Key': 'must be 1 to 200 printable ASCII characters.',
      });
    }
    const read = await readBody(request, config.maxBodyBytes, config.bodyTimeoutMs);
    if (read.kind === 'too-large') return errorAnswer(413, `The booking request is larger than ${config.maxBodyBytes} bytes.`);
    if (read.kind === 'timeout') return errorAnswer(408, `The booking request did not arrive within ${Math.round(config.bodyTimeoutMs / 1000)} s.`);
    if (read.kind === 'invalid') return errorAnswer(400, 'The request body is not valid UTF-8 text.');
    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      return errorAnswer(400, 'The request body is not valid JSON.');
    }
    const limits = {
      maxNights: config.maxNights,
      maxOptionQuantity: config.maxOptionQuantity,
      today: config.today(now()),
      maxDaysAhead: config.maxDaysAhead,
      roomId: options.pms?.roomId,
    };
    // A booking as it was sent, maybe before midnight: its stay may have begun since.
    const printAsSent = () =>
      fingerprint(JSON.stringify(checkBooking(body, { ...limits, today: addDays(limits.today, -SENT_DAYS_AGO), maxDaysAhead: limits.maxDaysAhead + SENT_DAYS_AGO }).input));
    // An ask books nothing: answered however long ago the booking was sent.
    if (idempotencyKey !== null && request.headers.get('idempotency-replay-only') === 'true') {
      return askKey(propertyId, shortHash(idempotencyKey), await printAsSent());
    }
    let checked: CheckedBooking;
    try {
      checked = checkBooking(body, limits);
    } catch (error) {
      if (idempotencyKey === null || !(error instanceof InvalidRequest)) throw error;
      // Sent again under its key after its stay began: answered as it ended. Only a booking never made is refused.
      const ended = await keyAnswer(() => state.idemGet(propertyId, shortHash(idempotencyKey)), await printAsSent());
      if (ended) return ended;
      throw error;
    }

    if (idempotencyKey === null) return (await bookFor(clientKey, propertyId, checked, after)).result;
    return bookOnce(clientKey, propertyId, idempotencyKey, checked, after);
  }

  /**
   * `Idempotency-Replay-Only: true`: how the booking sent under this key ended, and never a
   * booking. Its answer when it has one (a refusal with `"booked": false`); 404 with
   * `"booked": false` when nothing was sent under the key; a booking still under way is waited
   * for as a claim is. The widget asks this before sending a changed booking after an outcome
   * it never heard.
   */
  async function askKey(scope: string, key: string, print: string): Promise<Answer> {
    const refused = (record: IdempotencyRecord & { state: 'done' }) => (record.status >= 400 && record.status < 500 ? notBooked(replay(record)) : replay(record));
    return (await keyAnswer(() => state.idemGet(scope, key), print, refused)) ?? notBooked(errorAnswer(404, 'No booking was sent under this Idempotency-Key.'));
  }

  /** The error answer with `"booked": false` added to its JSON body. */
  function notBooked(result: Answer): Answer {
    try {
      const body = JSON.parse(result.body) as unknown;
      if (body && typeof body === 'object' && !Array.isArray(body)) return { ...result, body: JSON.stringify({ ...body, booked: false }) };
    } catch {
      // Not JSON: left as it is (the widget then treats it as ambiguous).
    }
    return result;
  }

  /** `book`, but one client cannot queue many bookings at once (each would wait for the property's lock). */
  async function bookFor(clientKey: string, propertyId: string, checked: CheckedBooking, after?: Background): Promise<{ result: Answer; final: boolean }> {
    const mine = bookingsInFlight.get(clientKey) ?? 0;
    if (mine >= config.maxBookingsInFlightPerClient) {
      const busy = 'A booking from you is already in progress. Please wait for it to finish.';
      return { result: errorAnswer(429, busy, undefined, { 'Retry-After': '2' }), final: false };
    }
    bookingsInFlight.set(clientKey, mine + 1);
    try {
      const outcome = await book(propertyId, checked, after);
      // A 5xx not kept under the key: nothing was stored (one that may have been is kept). Said in
      // the answer, so the widget offers a plain "try again" instead of "it may have reached the property".
      return !outcome.final && outcome.result.status >= 500 ? { ...outcome, result: notBooked(outcome.result) } : outcome;
    } finally {
      const left = (bookingsInFlight.get(clientKey) ?? 1) - 1;
      if (left > 0) bookingsInFlight.set(clientKey, left);
      else bookingsInFlight.delete(clientKey);
    }
  }

  /** A booking under an Idempotency-Key: posted at most once across every instance sharing the state. */
  async function bookOnce(clientKey: string, propertyId: string, idempotencyKey: string, checked: CheckedBooking, after?: Background): Promise<Answer> {
    const key = shortHash(idempotencyKey);
    const print = await fingerprint(JSON.stringify(checked.input));
    const owner = crypto.randomUUID();
    const answered = await claimKey(propertyId, key, print, owner);
    if (answered) return answered;
    let outcome: { result: Answer; final: boolean } | undefined;
    try {
      outcome = await bookFor(clientKey, propertyId, checked, after);
      return outcome.result;
    } finally {
      // Kept: Staymod's definitive answers and the unconfirmed ones (booked or maybe booked). Not kept,
      // so retryable with the same key: failures before the POST and Staymod's 5xx and 429 refusals.
      try {
        if (outcome?.final) {
          const done = { state: 'done' as const, fingerprint: print, status: outcome.result.status, body: outcome.result.body };
          await state.idemComplete(propertyId, key, owner, done, config.idempotencyTtlMs);
        } else {
          await state.idemAbandon(propertyId, key, owner);
        }
      } catch (error) {
        logger.error(`[staymod-proxy] idempotency record update failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      }
    }
  }

  // ---- routing ----------------------------------------------------------------

  function handle(incoming: ProxyIncoming, context: ProxyRequestContext | undefined): ProxyOutgoing | Promise<ProxyOutgoing> {
    const origin = incoming.header('origin');
    let path = incoming.path;
    const notFound = () => finish(errorAnswer(404, 'Not found: this booking proxy serves only rooms, room-availability, booking-options, quote and bookings.'), null);
    if (config.basePath) {
      if (!path.startsWith(`${config.basePath}/`)) return notFound();
      path = path.slice(config.basePath.length);
    }
    const match = ROUTE.exec(path);
    if (!match) return notFound();
    const propertyId = match[1]!.toLowerCase();
    const resource = match[2] as Resource;
    const method = incoming.method.toUpperCase();

    const originOk = origin === null || isOriginAllowed(origin, incoming);
    const corsOrigin = origin !== null && originOk ? origin : null;

    // A short hash: whatever a client puts in a header, its bucket key stays small.
    let client: string | undefined;
    const clientKey = () => (client ??= shortHash(clientIdOf(incoming, context)));
    /** The 429 when this client is over its limit, else null; at once from this process's memory. */
    const limited = (): ProxyOutgoing | null | Promise<ProxyOutgoing | null> => {
      const post = method === 'POST';
      const decision = take(clientKey(), post ? 'POST' : 'GET', post ? config.rateLimit.post : config.rateLimit.get);
      const decide = (taken: RateDecision) => (taken.ok ? null : finish(tooManyAnswer(taken), corsOrigin));
      // Any thenable (a state's own), not only a native promise: a decision read too early would refuse everyone.
      return isThenable(decision) ? Promise.resolve(decision).then(decide) : decide(decision);
    };
    const refuseOrigin = async (): Promise<ProxyOutgoing> => {
      // Rate limited like any request, and logged at a bounded rate: a burst cannot fill a disk.
      const tooMany = await limited();
      refusedOrigins.note(`[staymod-proxy] refused a request from origin ${JSON.stringify(origin).slice(0, 200)}: add it to allowedOrigins if it is your site.`);
      return tooMany ?? finish(errorAnswer(403, `Origin ${origin} is not in this proxy's allowedOrigins.`), null);
    };

    if (method === 'OPTIONS') {
      if (!originOk) return refuseOrigin();
      const headers: Record<string, string> = { Allow: allowedMethods(resource) };
      if (corsOrigin) {
        headers['Access-Control-Allow-Methods'] = allowedMethods(resource);
        headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      return finish({ status: 204, body: '' }, corsOrigin, headers);
    }

    const expected = resource === 'bookings' ? 'POST' : 'GET';
    if (method !== expected) {
      return finish(errorAnswer(405, `Method ${method} is not allowed here; use ${expected}.`, undefined, { Allow: allowedMethods(resource) }), corsOrigin);
    }
    if (!originOk) return refuseOrigin();
    if (!config.propertyIds.has(propertyId)) {
      const shown = (options.pms ? options.pms.isPropertyId(propertyId) : /^[a-f\d]{24}$/.test(propertyId)) ? ` ${propertyId}` : '';
      return finish(errorAnswer(403, `This booking proxy does not serve property${shown}.`), corsOrigin);
    }

    const invalid = (error: unknown): ProxyOutgoing => {
      if (error instanceof InvalidRequest) return finish(errorAnswer(error.status, error.message, error.fields), corsOrigin);
      throw error;
    };
    const proceed = (): ProxyOutgoing | Promise<ProxyOutgoing> => {
      try {
        const out = resource === 'bookings' ? handleBooking(incoming.request(), propertyId, clientKey(), background(context)).then((result) => finish(result, corsOrigin)) : handleGet(resource, propertyId, incoming, corsOrigin, clientKey);
        return out instanceof Promise ? out.catch(invalid) : out;
      } catch (error) {
        return invalid(error);
      }
    };

    // Before the body is read: a refused or limited client never gets to upload anything.
    if (!limits(method)) return proceed();
    const tooMany = limited();
    return tooMany instanceof Promise ? tooMany.then((refused) => refused ?? proceed()) : (tooMany ?? proceed());
  }

  /**
   * The runtime's `waitUntil`, called on its context (Workers' throws "Illegal invocation" when
   * detached) and never throwing into a booking that Cloudbeds may already have made.
   */
  function background(context: ProxyRequestContext | undefined): Background | undefined {
    if (!context?.waitUntil) return undefined;
    return (work) => {
      try {
        context.waitUntil!.call(context, work);
      } catch (error) {
        logger.warn(`[staymod-proxy] waitUntil failed (${error instanceof Error ? error.message : 'unknown error'}): work after the answer may be cut. Pass (work) => ctx.waitUntil(work).`);
      }
    };
  }

  const failed = (error: unknown): ProxyOutgoing => {
    logger.error(`[staymod-proxy] unexpected failure: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
    return finish(errorAnswer(500, 'The booking proxy failed unexpectedly.'), null);
  };
  return {
    serve(incoming, context) {
      try {
        const out = handle(incoming, context);
        return out instanceof Promise ? out.catch(failed) : out;
      } catch (error) {
        return failed(error);
      }
    },
  };
}

export type { StaymodProxyOptions, ProxyRequestContext } from './options.js';
