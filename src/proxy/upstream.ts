/**
 * The only way the proxy talks to Staymod: URLs built from validated pieces, its
 * own key, a timeout, and every outcome mapped to an answer a guest's browser can
 * use. Staymod's JSON is always re-parsed through the contract schemas, so fields
 * such as iCal tokens or `orgId` cannot pass through.
 */
import * as z from 'zod/mini';
import { errorFromResponse, isBookingRefusal, mayHaveLanded } from '../contract/errors.js';
import { answer, errorAnswer, type Answer } from './answer.js';
import { redact, type ProxyLogger } from './logger.js';

/** What `exchange` reads of an answer: a fetch Response has it, and Node's own client builds no more. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<UpstreamResponse>;

export interface UpstreamOptions {
  base: string;
  apiKey: string;
  fetch: FetchLike;
  timeoutMs: number;
  logger: ProxyLogger;
}

export const UNAVAILABLE = 'Staymod is unavailable right now. Please try again in a moment.';

/** Raw outcome of one call, before mapping. */
export type UpstreamOutcome =
  | { kind: 'answered'; status: number; json: unknown; retryAfter: string | null }
  /** A 2xx whose text `check` (the exchange's `verbatim` option) accepted as it is: not parsed. */
  | { kind: 'verbatim'; status: number; text: string; check: (text: string) => boolean }
  | { kind: 'unreadable'; status: number }
  | { kind: 'timeout' }
  /** `connectFailed`: no connection was ever made (refused, unknown host), so nothing was sent. */
  | { kind: 'network'; connectFailed: boolean };

/** Error codes (Node's fetch puts them on `error.cause`) meaning the connection was never opened. */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function neverConnected(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } } | undefined)?.cause;
  if (!cause) return false;
  if (typeof cause.code === 'string') return CONNECT_FAILURES.has(cause.code);
  // Several addresses tried (happy eyeballs): an AggregateError whose every attempt failed to connect.
  return Array.isArray(cause.errors) && cause.errors.length > 0 && cause.errors.every((e) => CONNECT_FAILURES.has(String(e?.code)));
}

export interface ExchangeOptions {
  fetch: FetchLike;
  timeoutMs: number;
  logger: ProxyLogger;
  /** For log lines: "Staymod", "Cloudbeds"... */
  system: string;
  /** For log lines: "GET rooms". */
  label: string;
  /**
   * A 2xx text this accepts is returned unparsed (`verbatim`). It must accept only valid JSON;
   * toAnswer forwards the text only when given the same check next to its schema.
   */
  verbatim?: (text: string) => boolean;
}

/**
 * One HTTP exchange with a timeout (raced, not only signalled: a fetch that ignores
 * its signal still cannot hold a guest) and the answer read as JSON.
 */
export async function exchange(url: string, init: RequestInit, options: ExchangeOptions): Promise<UpstreamOutcome> {
  const { timeoutMs, logger, system, label } = options;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
      controller.abort();
    }, timeoutMs);
  });
  const exchanged = (async (): Promise<UpstreamOutcome> => {
    const response = await options.fetch(url, { ...init, signal: controller.signal, redirect: 'manual' });
    const text = await response.text();
    const check = options.verbatim;
    if (check && response.status >= 200 && response.status < 300 && check(text)) return { kind: 'verbatim', status: response.status, text, check };
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      logger.warn(`[staymod-proxy] ${label}: ${system} answered HTTP ${response.status} with invalid JSON.`);
      return { kind: 'unreadable', status: response.status };
    }
    return { kind: 'answered', status: response.status, json, retryAfter: response.headers.get('retry-after') };
  })();
  try {
    const outcome = await Promise.race([exchanged, timeout]);
    if (outcome !== 'timeout') return outcome;
    exchanged.catch(() => {});
    logger.warn(`[staymod-proxy] ${label}: no answer from ${system} within ${timeoutMs} ms.`);
    return { kind: 'timeout' };
  } catch (error) {
    logger.warn(`[staymod-proxy] ${label}: network error (${error instanceof Error ? error.message : 'unknown'}).`);
    return { kind: 'network', connectFailed: neverConnected(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A verbatim outcome as if it had been parsed, for code that reads `json`. */
export function parsedOutcome(outcome: UpstreamOutcome): Exclude<UpstreamOutcome, { kind: 'verbatim' }> {
  if (outcome.kind !== 'verbatim') return outcome;
  return { kind: 'answered', status: outcome.status, json: JSON.parse(outcome.text) as unknown, retryAfter: null };
}

export class Upstream {
  readonly #options: UpstreamOptions;

  constructor(options: UpstreamOptions) {
    this.#options = options;
  }

  /**
   * `path` is relative to the property root and already validated, e.g. `rooms`.
   * `verbatim`: see ExchangeOptions.
   */
  async call(method: 'GET' | 'POST', propertyId: string, path: string, body?: unknown, verbatim?: (text: string) => boolean): Promise<UpstreamOutcome> {
    const { base, apiKey, timeoutMs, logger } = this.#options;
    const url = `${base}/api/public/v1/properties/${propertyId}/${path}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    const outcome = await exchange(url, init, { fetch: this.#options.fetch, timeoutMs, logger, system: 'Staymod', label: `${method} ${path}`, ...(verbatim ? { verbatim } : {}) });
    // Staymod's message is redacted here, whole, before anything can shorten it for a log or a client.
    if (outcome.kind === 'answered') {
      const error = (outcome.json as { error?: unknown } | null | undefined)?.error;
      if (typeof error === 'string') return { ...outcome, json: { ...(outcome.json as object), error: redact(error, apiKey) } };
    }
    return outcome;
  }
}

/**
 * Whether a POST /bookings with this outcome created the booking on Staymod:
 * - `yes`: a 2xx, even one whose body cannot be read (then the guest is told it
 *   could not be confirmed);
 * - `maybe`: sent but unanswered: the proxy's timeout, a connection lost after it
 *   was opened, a gateway's 502 or 504 (Staymod had the request, then failed or was too slow), or a 500
 *   (Staymod refuses a booking with a 400, so a 500 is a crash, possibly after the
 *   insert), or a 400 whose message is not one of Staymod's validation messages
 *   (its handler answers a database error after the insert with a 400, e.g.
 *   `E11000 ...`); Staymod may have inserted it, or still be inserting;
 * - `no`: Staymod answered without booking (a validation 400, another 4xx, a 503 from a gateway that
 *   could not reach it, a redirect) or the connection was never opened.
 * `yes` and `maybe` answers are kept under the Idempotency-Key like `no` 4xx
 * ones, so a retry is never sent to Staymod again; other `no` answers stay retryable.
 */
export function bookingLanded(outcome: UpstreamOutcome): 'yes' | 'maybe' | 'no' {
  switch (outcome.kind) {
    case 'timeout':
      return 'maybe';
    case 'network':
      return outcome.connectFailed ? 'no' : 'maybe';
    case 'verbatim':
      return 'yes';
    case 'unreadable':
    case 'answered':
      if (outcome.status >= 200 && outcome.status < 300) return 'yes';
      if (outcome.status === 400) return outcome.kind === 'answered' && isBookingRefusal(rawMessageOf(outcome.json)) ? 'no' : 'maybe';
      return mayHaveLanded(outcome.status) ? 'maybe' : 'no';
  }
}

function rawMessageOf(json: unknown): string | undefined {
  const error = (json as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}

function messageOf(json: unknown): string | undefined {
  return rawMessageOf(json)?.slice(0, 500);
}

/**
 * Maps an outcome to an answer. A 2xx is rebuilt through `schema` (a verbatim one is
 * forwarded as it is when `context.verbatim` is the check that accepted it); a refusal of
 * the proxy's own key or property becomes a 502 telling the host what to fix
 * (the guest cannot); other 4xx keep Staymod's status and message.
 */
export function toAnswer<T>(
  given: UpstreamOutcome,
  schema: z.ZodMiniType<T>,
  context: { what: string; logger: ProxyLogger; successStatus?: number; verbatim?: (text: string) => boolean },
): Answer {
  const { logger, what } = context;
  // Forwarded unparsed only when the check that let it through stands next to this schema.
  if (given.kind === 'verbatim' && given.check === context.verbatim) return { status: context.successStatus ?? given.status, body: given.text };
  const outcome = parsedOutcome(given);
  switch (outcome.kind) {
    case 'timeout':
      return errorAnswer(504, 'Staymod did not answer in time. Please try again in a moment.');
    case 'network':
      return errorAnswer(502, UNAVAILABLE);
    case 'unreadable':
      if (outcome.status >= 200 && outcome.status < 300) {
        return errorAnswer(502, 'Staymod sent an answer the booking proxy cannot read.');
      }
      return errorAnswer(502, UNAVAILABLE);
    case 'answered':
      break;
  }
  const { status, json } = outcome;
  if (status >= 200 && status < 300) {
    const parsed = z.safeParse(schema, json);
    if (!parsed.success) {
      logger.error(`[staymod-proxy] ${what}: Staymod's answer does not match the contract.`);
      return errorAnswer(502, 'Staymod sent an answer the booking proxy cannot read.');
    }
    return answer(context.successStatus ?? status, parsed.data);
  }
  if (status >= 500 || status < 400) {
    logger.error(`[staymod-proxy] ${what}: Staymod answered HTTP ${status}.`);
    return errorAnswer(502, UNAVAILABLE);
  }
  const message = messageOf(json);
  const typed = errorFromResponse(status, message);
  if (typed.hostFixable) {
    logger.error(
      `[staymod-proxy] ${what}: Staymod refused the proxy's own credentials (HTTP ${status}: ${message ?? 'no message'}). Fix the proxy's STAYMOD_API_KEY, its scopes, allowed IPs/origins or STAYMOD_PROPERTY_IDS.`,
    );
    return errorAnswer(
      502,
      `The booking proxy is misconfigured: Staymod refused its API key (${message ?? `HTTP ${status}`}). The site owner must fix the proxy's key.`,
    );
  }
  const headers: Record<string, string> = {};
  if (status === 429 && outcome.retryAfter && /^\d{1,6}$/.test(outcome.retryAfter)) headers['Retry-After'] = outcome.retryAfter;
  return errorAnswer(status, message ?? `Staymod answered HTTP ${status}.`, undefined, headers);
}
