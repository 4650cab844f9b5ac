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
  type WireSelectedOption,
} from '../contract/schemas.js';
import { addDays, minDate, stayNights, utcDateKey, type DateKey } from '../domain/dates.js';
import { withQuoteNote } from '../domain/quote-note.js';
import { answer, errorAnswer, type Answer } from './answer.js';
import { bookedRoomTypes, findShortage, quoteStay, repriceOptions, soldOutMessage, StaleCounterLog } from './booking.js';
import { CoalescingCache } from './cache.js';
import {
  fingerprint,
  isValidIdempotencyKey,
  MemoryIdempotencyStore,
  type IdempotencyStore,
  type StoredResult,
} from './idempotency.js';
import { consoleLogger, redact, redactingLogger, ThrottledLog } from './logger.js';
import { KeyedMutex } from './mutex.js';
import { resolveOptions, type ProxyRequestContext, type StaymodProxyOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { staymodAdapter } from './adapters/staymod.js';
import type { PmsAdapter } from './adapters/types.js';
import type { FetchLike } from './upstream.js';
import { availabilityRange, checkBooking, checkGuestsFit, InvalidRequest, MAX_RANGE_DATES, type CheckedBooking } from './validate.js';

export type StaymodProxyHandler = (request: Request, context?: ProxyRequestContext) => Promise<Response>;

type Resource = 'rooms' | 'room-availability' | 'booking-options' | 'bookings';
const ROUTE = /^\/api\/public\/v1\/properties\/([^/]+)\/(rooms|room-availability|booking-options|bookings)\/?$/;

const ALLOW_HEADERS = 'Content-Type, Idempotency-Key';
const EXPOSE_HEADERS = 'Retry-After, Idempotent-Replayed';

function allowedMethods(resource: Resource): string {
  return resource === 'bookings' ? 'POST, OPTIONS' : 'GET, OPTIONS';
}

function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/json\s*(;|$)/i.test(value.trim());
}

/** Reads at most `max` bytes of the body as UTF-8; `null` when it is larger. */
async function readCapped(request: Request, max: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function createStaymodProxy(options: StaymodProxyOptions): StaymodProxyHandler {
  const rawLogger = options?.logger ?? consoleLogger;
  const config = resolveOptions(options, (message) => rawLogger.warn(message));
  const logger = (options.pms?.secrets ?? [config.apiKey]).reduce(redactingLogger, rawLogger);
  const now = options.now ?? Date.now;
  const plainFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
  const adapterEnv = { fetch: options.fetch ?? plainFetch, timeoutMs: config.timeoutMs, logger, now };
  const adapter: PmsAdapter = options.pms
    ? options.pms.create(adapterEnv)
    : staymodAdapter({ ...adapterEnv, base: config.upstream, apiKey: config.apiKey });
  const cache = new CoalescingCache<Answer>({ now });
  const limiter = new RateLimiter({ now });
  const mutex = new KeyedMutex();
  const store: IdempotencyStore = options.idempotencyStore ?? new MemoryIdempotencyStore({ now });
  const idempotentInFlight = new Map<string, Promise<void>>();
  /** Bumped by each booking so an availability answer fetched before it is not cached after it. */
  const availabilityGeneration = new Map<string, number>();
  const staleCounters = new StaleCounterLog(logger);
  const refusedOrigins = new ThrottledLog((line) => logger.warn(line), { now });

  let sharedBucketWarned = false;
  function clientIdOf(request: Request, context?: ProxyRequestContext): string {
    if (options.clientId) return options.clientId(request, context) || 'anonymous';
    const socket = context?.remoteAddress || 'anonymous';
    const forwarded = request.headers.get('x-forwarded-for');
    if (config.trustedProxies > 0) {
      const entries = (forwarded ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
      // The entry our nearest trusted proxy appended; fewer entries means it did not come through them all.
      return entries[entries.length - config.trustedProxies] ?? socket;
    }
    if (options.trustCfConnectingIp) {
      const cf = request.headers.get('cf-connecting-ip')?.trim();
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

  function isOriginAllowed(origin: string, requestUrl: URL): boolean {
    if (config.anyOrigin || config.allowedOrigins.has(origin) || origin === requestUrl.origin) return true;
    return config.allowLocalhost && /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(origin);
  }

  /** The final Response: security headers, CORS for an allowed origin, the key redacted as a last resort. */
  function finish(result: Answer, corsOrigin: string | null, extra: Record<string, string> = {}): Response {
    const headers = new Headers({
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Origin',
      ...result.headers,
      ...extra,
    });
    if (corsOrigin) {
      headers.set('Access-Control-Allow-Origin', corsOrigin);
      headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    let body = result.body;
    if (body.includes(config.apiKey)) {
      logger.error('[staymod-proxy] an answer contained the API key; it was redacted.');
      body = redact(body, config.apiKey);
    }
    if (result.status === 204) {
      headers.delete('Content-Type');
      return new Response(null, { status: 204, headers });
    }
    return new Response(body, { status: result.status, headers });
  }

  // ---- GET ------------------------------------------------------------------

  async function cachedGet(
    propertyId: string,
    path: string,
    read: () => Promise<Answer>,
    ttlMs: number,
  ): Promise<{ value: Answer; source: string }> {
    const key = `${propertyId}/${path}`;
    return cache.through(key, async () => {
      const generation = availabilityGeneration.get(propertyId) ?? 0;
      const result = await read();
      const fresh = (availabilityGeneration.get(propertyId) ?? 0) === generation;
      if (result.status === 200 && fresh) cache.set(key, result, ttlMs);
      return result;
    });
  }

  async function handleGet(resource: Exclude<Resource, 'bookings'>, propertyId: string, url: URL): Promise<Answer> {
    let got: { value: Answer; source: string };
    if (resource === 'rooms') {
      got = await cachedGet(propertyId, 'rooms', () => adapter.rooms(propertyId), config.ttl.rooms);
    } else if (resource === 'booking-options') {
      got = await cachedGet(propertyId, 'booking-options', () => adapter.bookingOptions(propertyId, false), config.ttl.bookingOptions);
    } else {
      const { from, to } = availabilityRange(url.searchParams, now());
      const query = new URLSearchParams({ from, to });
      got = await cachedGet(propertyId, `room-availability?${query}`, () => adapter.availability(propertyId, from, to), config.ttl.availability);
    }
    return { ...got.value, headers: { ...got.value.headers, 'X-Staymod-Proxy-Cache': got.source } };
  }

  // ---- POST /bookings -------------------------------------------------------

  /** Availability answers fetched before now are neither served nor cached any more. */
  function forgetAvailability(propertyId: string): void {
    availabilityGeneration.set(propertyId, (availabilityGeneration.get(propertyId) ?? 0) + 1);
    cache.dropPrefix(`${propertyId}/room-availability`);
  }

  /** Fresh availability for the stay's nights (never cached), in Staymod-sized chunks. */
  async function freshAvailability(propertyId: string, nights: DateKey[]): Promise<WireAvailability[] | Answer> {
    const parts: WireAvailability[] = [];
    const last = nights[nights.length - 1]!;
    for (let from = nights[0]!; from <= last; from = addDays(from, MAX_RANGE_DATES)) {
      const to = minDate(addDays(from, MAX_RANGE_DATES - 1), last);
      const result = await adapter.availability(propertyId, from, to);
      if (result.status !== 200) return result;
      parts.push(availabilityResponseSchema.parse(JSON.parse(result.body)));
    }
    return parts;
  }

  /**
   * Re-prices options, checks availability and posts, one booking per property at a time.
   * `final`: the answer must be kept under an Idempotency-Key (a retry must not post again).
   */
  async function book(propertyId: string, checked: CheckedBooking): Promise<{ result: Answer; final: boolean }> {
    const { input } = checked;
    if (input.numberOfGuests !== undefined) {
      const got = await cachedGet(propertyId, 'rooms', () => adapter.rooms(propertyId), config.ttl.rooms);
      if (got.value.status !== 200) return { result: got.value, final: false };
      const { rooms } = roomsResponseSchema.parse(JSON.parse(got.value.body));
      const maxGuests = new Map(rooms.map((room) => [room._id.toLowerCase(), room.maxGuests]));
      checkGuestsFit(input, (roomId) => maxGuests.get(roomId));
    }
    let selectedOptions: WireSelectedOption[] = [];
    if (input.selectedOptions?.length) {
      // Read fresh, never from the cache: a price the host just changed must be the one charged.
      const got = await adapter.bookingOptions(propertyId, true);
      if (got.status !== 200) return { result: got, final: false };
      const { bookingOptions } = bookingOptionsResponseSchema.parse(JSON.parse(got.body));
      selectedOptions = repriceOptions(input, bookingOptions);
    }

    return mutex.run(propertyId, async () => {
      const nights = stayNights(checked.checkInDate, checked.checkOutDate);
      const availability = await freshAvailability(propertyId, nights);
      if (!Array.isArray(availability)) return { result: availability, final: false };
      const shortage = findShortage(input, nights, availability);
      if (shortage?.kind === 'unknown-room') {
        const field = `rooms.${shortage.index}.roomId`;
        const message = 'is not a bookable room of this property.';
        return { result: errorAnswer(400, `Invalid booking request: ${field} ${message}`, { [field]: message }), final: false };
      }
      if (shortage) {
        // The cached availability told the guest this was free: drop it, so the widget's refetch sees the truth.
        forgetAvailability(propertyId);
        return { result: errorAnswer(400, soldOutMessage(shortage)), final: false };
      }
      const stay = { input, checkInDate: checked.checkInDate, checkOutDate: checked.checkOutDate, nights };
      const unprepared = await adapter.prepare?.(propertyId, stay, availability);
      if (unprepared) return { result: unprepared, final: false };
      const quoted = quoteStay(input, nights, availability, selectedOptions, config.currency);
      if ('unpriced' in quoted) {
        const field = `rooms.${quoted.unpriced.index}.roomId`;
        const message = `has no price for the night of ${quoted.unpriced.date}, so it cannot be booked online.`;
        return { result: errorAnswer(400, `Invalid booking request: ${field} ${message}`, { [field]: message }), final: false };
      }
      const outgoing = { ...stay, selectedOptions, specialRequests: withQuoteNote(quoted.quote, input.specialRequests) };

      try {
        const outcome = await adapter.book(propertyId, outgoing);
        if (outcome.kind === 'booked') {
          logger.info(`[staymod-proxy] booking created for property ${propertyId}.`);
          return { result: outcome.answer, final: true };
        }
        if (outcome.kind === 'unconfirmed') {
          // Never a duplicate: it is kept like a definitive answer, so a retry replays it instead of posting again.
          logger.error(
            `[staymod-proxy] a booking for property ${propertyId} ${outcome.landed === 'yes' ? 'was made' : 'may have been made'} but could not be confirmed (${outcome.how}); check ${options.pms?.name ?? 'Staymod'}.`,
          );
          return { result: errorAnswer(502, UNCONFIRMED_BOOKING_MESSAGE), final: true };
        }
        const result = outcome.answer;
        if (outcome.soldOutDate && !options.pms) staleCounters.report(propertyId, bookedRoomTypes(input, availability), outcome.soldOutDate);
        // Staymod answered without booking: a 4xx is definitive; a 5xx (or a connection never opened) may be retried.
        return { result, final: result.status < 500 };
      } finally {
        forgetAvailability(propertyId);
      }
    });
  }

  function replay(stored: StoredResult, print: string): Answer {
    if (stored.fingerprint !== print) {
      return errorAnswer(422, 'This Idempotency-Key was already used for a different booking request. Use a new key for a new booking.');
    }
    return { status: stored.status, body: stored.body, headers: { 'Idempotent-Replayed': 'true' } };
  }

  /** The stored result for a key; an Answer when the store itself failed. */
  async function lookup(storeKey: string): Promise<{ stored: StoredResult | undefined } | { failed: Answer }> {
    try {
      return { stored: await store.get(storeKey) };
    } catch (error) {
      logger.error(`[staymod-proxy] idempotency store get failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      return { failed: errorAnswer(503, 'The booking proxy cannot check the Idempotency-Key right now. Please try again in a moment.') };
    }
  }

  async function handleBooking(request: Request, propertyId: string): Promise<Answer> {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return errorAnswer(415, 'Send the booking as JSON with Content-Type: application/json.');
    }
    const idempotencyKey = request.headers.get('idempotency-key');
    if (idempotencyKey !== null && !isValidIdempotencyKey(idempotencyKey)) {
      return errorAnswer(400, 'Idempotency-Key must be 1 to 200 printable ASCII characters.', {
        'Idempotency-Key': 'must be 1 to 200 printable ASCII characters.',
      });
    }
    let text: string | null;
    try {
      text = await readCapped(request, config.maxBodyBytes);
    } catch {
      return errorAnswer(400, 'The request body is not valid UTF-8 text.');
    }
    if (text === null) return errorAnswer(413, `The booking request is larger than ${config.maxBodyBytes} bytes.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return errorAnswer(400, 'The request body is not valid JSON.');
    }
    const checked = checkBooking(body, {
      maxNights: config.maxNights,
      maxOptionQuantity: config.maxOptionQuantity,
      today: utcDateKey(now()),
      maxDaysAhead: config.maxDaysAhead,
      roomId: options.pms?.roomId,
    });

    if (idempotencyKey === null) return (await book(propertyId, checked)).result;

    const storeKey = `${propertyId}:${idempotencyKey}`;
    const print = await fingerprint(JSON.stringify(checked.input));
    for (;;) {
      const found = await lookup(storeKey);
      if ('failed' in found) return found.failed;
      if (found.stored) return replay(found.stored, print);
      const pending = idempotentInFlight.get(storeKey);
      if (!pending) break;
      // The same key is being booked right now: wait for it, then replay its result.
      await pending;
    }

    let done!: () => void;
    idempotentInFlight.set(storeKey, new Promise<void>((resolve) => (done = resolve)));
    try {
      const { result, final } = await book(propertyId, checked);
      // Kept: Staymod's definitive answers and the unconfirmed ones (booked or maybe booked). Not kept,
      // so retryable with the same key: failures before the POST and Staymod's 5xx refusals.
      if (final) {
        try {
          await store.set(storeKey, { fingerprint: print, status: result.status, body: result.body }, config.idempotencyTtlMs);
        } catch (error) {
          logger.error(`[staymod-proxy] idempotency store set failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        }
      }
      return result;
    } finally {
      idempotentInFlight.delete(storeKey);
      done();
    }
  }

  // ---- routing ----------------------------------------------------------------

  async function handle(request: Request, context: ProxyRequestContext | undefined): Promise<Response> {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    let path = url.pathname;
    const notFound = () => finish(errorAnswer(404, 'Not found: this booking proxy serves only rooms, room-availability, booking-options and bookings.'), null);
    if (config.basePath) {
      if (!path.startsWith(`${config.basePath}/`)) return notFound();
      path = path.slice(config.basePath.length);
    }
    const match = ROUTE.exec(path);
    if (!match) return notFound();
    const propertyId = match[1]!.toLowerCase();
    const resource = match[2] as Resource;
    const method = request.method.toUpperCase();

    const originOk = origin === null || isOriginAllowed(origin, url);
    const corsOrigin = origin !== null && originOk ? origin : null;

    const limited = (): Response | null => {
      const limit = method === 'POST' ? config.rateLimit.post : config.rateLimit.get;
      const decision = limiter.take(`${method === 'POST' ? 'POST' : 'GET'} ${clientIdOf(request, context)}`, limit);
      if (decision.ok) return null;
      return finish(
        errorAnswer(429, `Too many requests. Please wait ${decision.retryAfter} s and try again.`, undefined, {
          'Retry-After': String(decision.retryAfter),
        }),
        corsOrigin,
      );
    };
    const refuseOrigin = (): Response => {
      // Rate limited like any request, and logged at a bounded rate: a burst cannot fill a disk.
      const tooMany = limited();
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

    const tooMany = limited();
    if (tooMany) return tooMany;

    try {
      const result = resource === 'bookings' ? await handleBooking(request, propertyId) : await handleGet(resource, propertyId, url);
      return finish(result, corsOrigin);
    } catch (error) {
      if (error instanceof InvalidRequest) return finish(errorAnswer(error.status, error.message, error.fields), corsOrigin);
      throw error;
    }
  }

  return async function staymodProxy(request: Request, context?: ProxyRequestContext): Promise<Response> {
    try {
      return await handle(request, context);
    } catch (error) {
      logger.error(`[staymod-proxy] unexpected failure: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
      return finish(errorAnswer(500, 'The booking proxy failed unexpectedly.'), null);
    }
  };
}

export type { StaymodProxyOptions, ProxyRequestContext } from './options.js';
