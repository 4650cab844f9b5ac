/**
 * A small fetch client for Staymod's public API (direct) or a staymod proxy.
 *
 * It sends only `Authorization` and `Content-Type` to Staymod, whose CORS allows
 * nothing else; every call has a timeout and honours an AbortSignal; each call is
 * sent once: retrying a GET and waiting out an offline browser are the query layer's
 * (src/data/queries.ts), and a POST is never re-sent.
 */
import { StaymodError, errorFromBookingResponse, errorFromResponse } from '../contract/errors.js';
import type { Read, Shape } from '../contract/read.js';
import { timeoutSignal } from './abort.js';
import { loadDataFile } from './data-door.js';
import type { WireAvailability, WireBooking, WireBookingOption, WireRoomsAnswer, WireStayQuote } from '../contract/schemas.js';
import type { BookingRequest } from '../contract/request-schema.js';
import { isDateKey, type DateKey } from '../domain/dates.js';
import { mergeAvailability, splitWindows } from './windows.js';

export const DEFAULT_API_BASE = 'https://app.staymod.in';

export interface StaymodClientOptions {
  /** Staymod's origin (direct) or the proxy's base URL. */
  baseUrl?: string;
  propertyId: string;
  /** Direct mode only. Without a key, the client talks to a proxy. */
  apiKey?: string;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface BookingCallOptions extends CallOptions {
  /** Proxy mode only: makes a retried attempt safe. Never sent to Staymod directly (its CORS would refuse it). */
  idempotencyKey?: string;
  /** Proxy mode only: how the attempt under `idempotencyKey` ended, never a new booking (404 when nothing was sent). */
  replayOnly?: boolean;
}

export interface StaymodClient {
  readonly mode: 'direct' | 'proxy';
  /** Needs `rooms:read`. `feedTokens`: the answer carried guest-revealing iCal tokens (dropped here). */
  rooms(options?: CallOptions): Promise<WireRoomsAnswer>;
  /** Any range, both ends inclusive: fetched as month windows in parallel and merged. */
  availability(from: DateKey, to: DateKey, options?: CallOptions): Promise<WireAvailability>;
  bookingOptions(options?: CallOptions): Promise<WireBookingOption[]>;
  createBooking(input: BookingRequest, options?: BookingCallOptions): Promise<WireBooking>;
  /** Proxy mode, where the system prices whole stays: one unit of a room for the stay. */
  stayQuote?(stay: { roomId: string; checkIn: DateKey; checkOut: DateKey; guests: number }, options?: CallOptions): Promise<WireStayQuote>;
}

export function createStaymodClient(options: StaymodClientOptions): StaymodClient {
  const base = (options.baseUrl ?? DEFAULT_API_BASE).replace(/\/+$/, '');
  const root = `${base}/api/public/v1/properties/${encodeURIComponent(options.propertyId)}`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const mode = options.apiKey ? 'direct' : 'proxy';

  async function once<K extends Shape>(
    method: 'GET' | 'POST',
    path: string,
    shape: K,
    init: { body?: unknown; signal?: AbortSignal; idempotencyKey?: string; replayOnly?: boolean },
  ): Promise<Read<K>> {
    if (init.signal?.aborted) throw new StaymodError('aborted', 'The request was cancelled.');
    const headers: Record<string, string> = {};
    if (options.apiKey) headers['Authorization'] = `Bearer ${options.apiKey}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.idempotencyKey && mode === 'proxy') {
      headers['Idempotency-Key'] = init.idempotencyKey;
      if (init.replayOnly) headers['Idempotency-Replay-Only'] = 'true';
    }

    const timeout = timeoutSignal(init.signal, timeoutMs);
    const signal = timeout.signal;
    const isPost = method === 'POST';
    let request: Promise<Response>;
    try {
      request = doFetch(`${root}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (cause) {
      request = Promise.reject(cause);
    }
    // Zod and the wire schemas download while the request is on its way (a separate file in the
    // script build); asked for after it, so the request leaves first.
    const reader = loadDataFile();
    reader.catch(() => {});
    let response: Response;
    try {
      response = await request;
    } catch (cause) {
      timeout.done();
      if (init.signal?.aborted) throw new StaymodError('aborted', 'The request was cancelled.', { cause });
      if (timeout.timedOut()) {
        throw new StaymodError('timeout', `No answer within ${timeoutMs} ms.`, { ambiguous: isPost, cause });
      }
      throw new StaymodError('network', 'The network request failed.', { ambiguous: isPost, cause });
    }

    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (init.signal?.aborted) throw new StaymodError('aborted', 'The request was cancelled.', { cause });
      // A 2xx to a POST means the booking exists: never invite a resend.
      const code = isPost && response.ok ? 'unconfirmed' : timeout.timedOut() ? 'timeout' : 'network';
      throw new StaymodError(code, 'The answer was cut off.', { ambiguous: isPost, status: response.status, cause });
    } finally {
      timeout.done();
    }

    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }

    if (!response.ok) {
      const body = json as { error?: unknown; fields?: unknown; booked?: unknown } | undefined;
      const message = typeof body?.error === 'string' ? body.error : undefined;
      const retryAfter = Number(response.headers.get('Retry-After'));
      const fields =
        body?.fields && typeof body.fields === 'object' ? (body.fields as Record<string, string>) : undefined;
      const extra: { retryAfter?: number; fields?: Record<string, string>; ambiguous?: boolean; booked?: false } = {};
      if (Number.isFinite(retryAfter) && retryAfter > 0) extra.retryAfter = retryAfter;
      if (fields) extra.fields = fields;
      // The proxy says a failed booking stored nothing (its lock was busy, Staymod was unreachable...).
      if (isPost && mode === 'proxy' && body?.booked === false) {
        extra.ambiguous = false;
        extra.booked = false;
      }
      // Direct to Staymod, a POST's 400 proves nothing unless it is one of its validation messages.
      if (isPost && mode === 'direct') throw errorFromBookingResponse(response.status, message, extra);
      throw errorFromResponse(response.status, message, extra);
    }

    let parsed: Read<K> | undefined;
    try {
      parsed = (await reader).read(shape, json, text);
    } catch (cause) {
      // The answer came but the reader's file did not: a 2xx POST still means the booking exists.
      throw new StaymodError(isPost ? 'unconfirmed' : 'network', 'The widget could not load the code that reads the answer.', {
        status: response.status,
        ambiguous: isPost,
        cause,
      });
    }
    if (parsed === undefined) {
      // On a 2xx POST the booking exists: say so rather than invite a resend.
      throw new StaymodError(isPost ? 'unconfirmed' : 'unreadable', 'Staymod sent an answer the widget cannot read.', {
        status: response.status,
        ambiguous: isPost,
      });
    }
    return parsed;
  }

  function get<K extends Shape>(path: string, shape: K, signal?: AbortSignal): Promise<Read<K>> {
    return once('GET', path, shape, signal ? { signal } : {});
  }

  return {
    mode,
    async rooms(call = {}) {
      return get('/rooms', 'rooms', call.signal);
    },
    async availability(from, to, call = {}) {
      if (!isDateKey(from) || !isDateKey(to)) {
        throw new StaymodError('invalid-input', `from/to must be YYYY-MM-DD dates (got ${from} and ${to}).`);
      }
      if (from > to) throw new StaymodError('invalid-input', `from (${from}) is after to (${to}).`);
      const windows = splitWindows(from, to);
      const parts = await Promise.all(
        windows.map((w) =>
          get(`/room-availability?from=${w.from}&to=${w.to}`, 'availability', call.signal),
        ),
      );
      return parts.length === 1 ? parts[0]! : mergeAvailability(parts);
    },
    async bookingOptions(call = {}) {
      return (await get('/booking-options', 'bookingOptions', call.signal)).bookingOptions;
    },
    async stayQuote(stay, call = {}) {
      const query = new URLSearchParams({ roomId: stay.roomId, checkIn: stay.checkIn, checkOut: stay.checkOut, guests: String(stay.guests) });
      return (await get(`/quote?${query}`, 'stayQuote', call.signal)).quote;
    },
    async createBooking(input, call = {}) {
      const init: { body: unknown; signal?: AbortSignal; idempotencyKey?: string; replayOnly?: boolean } = { body: input };
      if (call.signal) init.signal = call.signal;
      if (call.idempotencyKey) init.idempotencyKey = call.idempotencyKey;
      if (call.replayOnly) init.replayOnly = true;
      return (await once('POST', '/bookings', 'booking', init)).booking;
    },
  };
}
