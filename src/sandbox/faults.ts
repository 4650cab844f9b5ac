/**
 * Fault injection for the Staymod routes: latency, an error status, malformed JSON,
 * a hang (until the client gives up) or a dropped connection. Faults queue up per
 * route (first in, first used) and each applies to its next `times` requests.
 */
import { corsHeaders, json } from './http.js';

export const ROUTE_NAMES = ['rooms', 'room-availability', 'booking-options', 'bookings'] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export interface Fault {
  route: RouteName | '*';
  latencyMs?: number;
  status?: number;
  body?: unknown;
  malformedJson?: boolean;
  hang?: boolean;
  drop?: boolean;
  /**
   * POST bookings only: the booking is stored, then the answer is 400 with this database
   * driver message (true = a default one). Staymod's insert and counter update share one
   * try block, so a driver error after the insert is a 400 although the booking exists.
   */
  failAfterInsert?: string;
  /** Requests left; absent = every request until cleared. */
  times?: number;
}

/** What a driver says when the connection dies after the insert (MongoNetworkError). */
export const DEFAULT_DB_ERROR = 'connection 7 to 10.12.0.5:27017 closed';

export interface FaultContext {
  signal: AbortSignal;
  drop(): void;
}

const MAX_LATENCY_MS = 120_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a POST /__sandbox/faults body; returns the fault or an error message. */
export function parseFault(input: unknown): Fault | string {
  if (!isPlainObject(input)) return 'A fault must be a JSON object.';
  const known = new Set(['route', 'latencyMs', 'status', 'body', 'malformedJson', 'hang', 'drop', 'failAfterInsert', 'times']);
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length > 0) return `Unknown fault field(s): ${unknown.join(', ')}.`;
  const { route, latencyMs, status, body, malformedJson, hang, drop, failAfterInsert, times } = input;
  if (route !== '*' && !(ROUTE_NAMES as readonly unknown[]).includes(route)) {
    return `route must be one of: ${[...ROUTE_NAMES, '*'].join(', ')}.`;
  }
  const fault: Fault = { route: route as Fault['route'] };
  if (latencyMs !== undefined) {
    if (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
      return `latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}.`;
    }
    fault.latencyMs = latencyMs;
  }
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
      return 'status must be an integer from 200 to 599.';
    }
    fault.status = status;
  }
  if (body !== undefined) fault.body = body;
  for (const [name, value] of [['malformedJson', malformedJson], ['hang', hang], ['drop', drop]] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'boolean') return `${name} must be true or false.`;
    if (value) fault[name] = true;
  }
  if (failAfterInsert !== undefined && failAfterInsert !== false) {
    if (route !== 'bookings') return 'failAfterInsert only applies to route bookings (POST).';
    if (failAfterInsert !== true && (typeof failAfterInsert !== 'string' || !failAfterInsert.trim())) {
      return 'failAfterInsert must be true or a database error message.';
    }
    fault.failAfterInsert = failAfterInsert === true ? DEFAULT_DB_ERROR : failAfterInsert;
  }
  if (times !== undefined) {
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return 'times must be a positive integer.';
    fault.times = times;
  }
  return fault;
}

/** Waits `ms`, or less if `signal` aborts first (no signal: the full time). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** An answer nobody receives (the connection is gone). */
const GONE = () => new Response(null, { status: 204 });

export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The first fault for this route (or `*`), counting one use of it. */
  take(route: RouteName): Fault | undefined {
    const index = this.faults.findIndex((f) => f.route === route || f.route === '*');
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(index, 1);
    }
    return fault;
  }
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/** Plays a fault; `proceed` answers normally (after the latency) when the fault does not answer itself. */
export async function playFault(
  fault: Fault,
  route: RouteName,
  request: Request,
  context: FaultContext,
  proceed: (options?: { failAfterInsert?: string }) => Promise<Response>,
): Promise<Response> {
  const booking = route === 'bookings' && request.method === 'POST';
  // Staymod's route handler runs to its end whoever is still listening: a slow booking the client
  // gave up on is stored all the same, and so is one whose answer never comes (hang). A drop cuts
  // the connection before the handler reads the request.
  if (fault.latencyMs) await (booking ? sleep(fault.latencyMs) : sleep(fault.latencyMs, context.signal));
  if (fault.failAfterInsert !== undefined && booking) {
    return proceed({ failAfterInsert: fault.failAfterInsert });
  }
  if (booking && !fault.drop && (context.signal.aborted || fault.hang)) await proceed();
  if (context.signal.aborted) return GONE();
  if (fault.drop) {
    context.drop();
    return GONE();
  }
  if (fault.hang) {
    await untilAborted(context.signal);
    return GONE();
  }
  // A 2xx on POST /bookings means Staymod stored it: book for real, then spoil only the answer.
  const answers = fault.malformedJson || fault.status !== undefined || fault.body !== undefined;
  const status = fault.status ?? (fault.malformedJson ? 200 : 500);
  if (route === 'bookings' && request.method === 'POST' && answers && isSuccess(status)) {
    const real = await proceed();
    if (!real.ok) return real;
  }
  if (fault.malformedJson) {
    const key = route === 'bookings' ? 'booking' : route === 'booking-options' ? 'bookingOptions' : route === 'room-availability' ? 'rows' : 'rooms';
    return new Response(`{"${key}": [{"_id": "6630f1`, {
      status: fault.status ?? 200,
      headers: { ...corsHeaders(request), 'content-type': 'application/json; charset=utf-8' },
    });
  }
  if (fault.status !== undefined || fault.body !== undefined) {
    const status = fault.status ?? 500;
    if (status === 204 || status === 205 || status === 304) {
      return new Response(null, { status, headers: corsHeaders(request) });
    }
    return json(request, status, fault.body ?? { error: 'Injected fault' });
  }
  return proceed();
}
