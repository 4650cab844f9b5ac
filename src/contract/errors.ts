/**
 * Typed errors a UI can act on. Staymod answers every failure with `{ error }` and a
 * status; the message text is the only way to tell, say, an expired key from an
 * unknown one, so the mapping from message to code lives here and nowhere else.
 */

export type StaymodErrorCode =
  | 'invalid-property-id'
  | 'missing-key'
  | 'invalid-key'
  | 'expired-key'
  | 'origin-not-allowed'
  | 'ip-not-allowed'
  | 'missing-scope'
  | 'wrong-property'
  | 'invalid-input'
  | 'sold-out'
  | 'not-found'
  | 'rate-limited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'unreadable'
  | 'unconfirmed'
  | 'aborted';

/** Codes a host (not the guest) must fix: the widget shows "booking unavailable". */
export const HOST_FIXABLE: ReadonlySet<StaymodErrorCode> = new Set([
  'invalid-property-id',
  'missing-key',
  'invalid-key',
  'expired-key',
  'origin-not-allowed',
  'ip-not-allowed',
  'missing-scope',
  'wrong-property',
]);

export interface StaymodErrorInit {
  status?: number;
  /** Staymod's own message, when it sent one. */
  serverMessage?: string;
  /** For `sold-out`: the night Staymod named. */
  soldOutDate?: string;
  /** For `rate-limited`: seconds to wait. */
  retryAfter?: number;
  /** True when the request may have reached Staymod (a POST must then not be re-sent blindly). */
  ambiguous?: boolean;
  /** Field errors from a proxy's validation, `{ field: message }`. */
  fields?: Record<string, string>;
  /** A booking proxy's word (`"booked": false`) that no booking was stored. */
  booked?: false;
  cause?: unknown;
}

export class StaymodError extends Error {
  override readonly name = 'StaymodError';
  readonly code: StaymodErrorCode;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly soldOutDate: string | undefined;
  readonly retryAfter: number | undefined;
  readonly ambiguous: boolean;
  readonly fields: Record<string, string> | undefined;
  readonly booked: false | undefined;

  constructor(code: StaymodErrorCode, message: string, init: StaymodErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.soldOutDate = init.soldOutDate;
    this.retryAfter = init.retryAfter;
    this.ambiguous = init.ambiguous ?? false;
    this.fields = init.fields;
    this.booked = init.booked;
  }

  get hostFixable(): boolean {
    return HOST_FIXABLE.has(this.code);
  }

  /** Worth retrying a GET for (never used to re-send a POST). */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.code === 'server';
  }
}

export const SOLD_OUT_PREFIX = 'Not enough availability on ';

/** The night of Staymod's sold-out ("Not enough availability on 2026-05-02 …"), the one reader of it. */
export const soldOutNight = (text: string | undefined): string | undefined => /^Not enough availability on (\d{4}-\d{2}-\d{2})/.exec(text ?? '')?.[1];

/** The refused line's quantity in Staymod's sold-out ("… (need 2 unit(s), 0 left)."): its message names no room. */
export const soldOutNeed = (text: string | undefined): number => Number(/\(need (\d+) unit/.exec(text ?? '')?.[1]);

/**
 * The proxy's 502 for a booking it sent to Staymod without learning the outcome
 * (code `unconfirmed`): the booking may exist, and the proxy replays this answer
 * for the same Idempotency-Key instead of sending the booking again.
 */
export const UNCONFIRMED_BOOKING_MESSAGE =
  'Staymod may have recorded this booking but its answer could not be confirmed. To avoid booking twice, do not send it again; contact the property to confirm.';

const BY_MESSAGE: Array<[RegExp, StaymodErrorCode]> = [
  [/^Invalid property id/i, 'invalid-property-id'],
  [/^Missing Bearer API key/i, 'missing-key'],
  [/^Invalid API key/i, 'invalid-key'],
  [/^API key has expired/i, 'expired-key'],
  [/^Origin not allowed/i, 'origin-not-allowed'],
  [/^IP not allowed/i, 'ip-not-allowed'],
  [/scope does not allow/i, 'missing-scope'],
  [/not allowed for this property/i, 'wrong-property'],
  [/^Not enough availability on /, 'sold-out'],
  [/^Staymod may have recorded this booking/, 'unconfirmed'],
];

/**
 * Staymod's own validation messages on POST bookings. Its handler answers EVERY
 * failure with a 400, including a database error after the insert, so only these
 * messages prove that nothing was stored; any other 400 is ambiguous.
 */
const BOOKING_REFUSALS: readonly RegExp[] = [
  /^[A-Za-z][\w.[\]" -]{0,80} is required\.$/,
  /^[A-Za-z][\w.[\]" -]{0,80} must be /,
  /^Room /,
  /^rooms must include at least one room\.$/,
  /^quantity cannot exceed /,
  /^Not enough availability on \d{4}-\d{2}-\d{2}/,
  /^checkOut must be after checkIn\.?$/,
  /^Invalid payload\.?$/,
  // JSON syntax errors (req.json() on a bad body), old and new V8 wordings.
  /^Unexpected token .* in JSON/,
  /^Unexpected end of JSON input$/,
  / is not valid JSON$/,
  / in JSON at position \d+/,
];

/**
 * Error statuses after which a booking POST may have been stored: a 500 (a crash, maybe after
 * the insert), a gateway's 502 (often sent after the app had the request: nginx's "upstream
 * prematurely closed connection", a load balancer's or a serverless function's error), its 504
 * and Cloudflare's 524 (the origin had the request and did not answer in time) and 520 (the
 * origin answered with something the gateway could not use). A 503 means it was not taken in;
 * Cloudflare's 521-523, that it never connected.
 */
export const mayHaveLanded = (status: number): boolean => status === 500 || status === 502 || status === 504 || status === 520 || status === 524;

/** Whether a 400 answer to POST bookings proves that Staymod refused (stored nothing). */
export function isBookingRefusal(message: string | undefined): boolean {
  return message !== undefined && BOOKING_REFUSALS.some((pattern) => pattern.test(message));
}

/**
 * `errorFromResponse` for a booking POST sent straight to Staymod: a 400 whose message
 * is not one of Staymod's validation messages (a driver error such as `E11000 ...`)
 * may come after the insert, so it is `unconfirmed` (ambiguous), never a refusal.
 */
export function errorFromBookingResponse(
  status: number,
  serverMessage: string | undefined,
  extra: Pick<StaymodErrorInit, 'retryAfter' | 'fields'> = {},
): StaymodError {
  if (status === 400 && !isBookingRefusal(serverMessage)) {
    return new StaymodError('unconfirmed', UNCONFIRMED_BOOKING_MESSAGE, { status, serverMessage, ambiguous: true, ...extra });
  }
  return errorFromResponse(status, serverMessage, { ...extra, ambiguous: mayHaveLanded(status) });
}

/** Maps a Staymod (or proxy) error answer to a typed error. */
export function errorFromResponse(
  status: number,
  serverMessage: string | undefined,
  extra: Pick<StaymodErrorInit, 'retryAfter' | 'fields' | 'ambiguous' | 'booked'> = {},
): StaymodError {
  const text = serverMessage ?? '';
  const known = BY_MESSAGE.find(([pattern]) => pattern.test(text))?.[1];
  let code: StaymodErrorCode;
  if (known) code = known;
  else if (status === 429) code = 'rate-limited';
  else if (status === 404 || status === 405) code = 'not-found';
  else if (status === 504) code = 'timeout';
  else if (status >= 500) code = 'server';
  else if (status === 401) code = 'invalid-key';
  else if (status === 403) code = 'missing-scope';
  else code = 'invalid-input';

  const soldOutDate = code === 'sold-out' ? soldOutNight(text) : undefined;
  const message = text || `Staymod answered HTTP ${status}.`;
  return new StaymodError(code, message, {
    status,
    serverMessage,
    soldOutDate,
    ambiguous: status >= 500,
    ...extra,
  });
}
