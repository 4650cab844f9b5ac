/**
 * How a system other than Staymod failing becomes an answer the widget knows:
 * the same statuses and wordings the Staymod path uses (504 timeout, 502
 * unavailable, 502 "misconfigured" for the host, 429 with Retry-After).
 */
import { errorAnswer, type Answer } from '../answer.js';
import type { ProxyLogger } from '../logger.js';
import { mayHaveLanded } from '../../contract/errors.js';
import { parsedOutcome, type UpstreamOutcome } from '../upstream.js';
import type { BookingOutcome } from './types.js';

export function unavailable(system: string): Answer {
  return errorAnswer(502, `${system} is unavailable right now. Please try again in a moment.`);
}

/** The host must fix the proxy's credentials or ids: the guest sees "booking unavailable". */
export function misconfigured(system: string, what: string, fix: string, logger: ProxyLogger): Answer {
  logger.error(`[staymod-proxy] ${system} refused the proxy's own credentials or property (${what}). Fix ${fix}.`);
  return errorAnswer(502, `The booking proxy is misconfigured: ${system} refused its credentials (${what}). The site owner must fix the proxy's settings.`);
}

/** A GET that did not give a usable answer. `outcome` is not a 2xx with the expected shape. */
export function readFailure(system: string, given: UpstreamOutcome, label: string, logger: ProxyLogger, fix: string): Answer {
  const outcome = parsedOutcome(given);
  switch (outcome.kind) {
    case 'timeout':
      return errorAnswer(504, `${system} did not answer in time. Please try again in a moment.`);
    case 'network':
      return unavailable(system);
    case 'unreadable':
      return outcome.status >= 200 && outcome.status < 300 ? errorAnswer(502, `${system} sent an answer the booking proxy cannot read.`) : unavailable(system);
    case 'answered':
      break;
  }
  const { status } = outcome;
  if (status === 401 || status === 403) return misconfigured(system, `HTTP ${status}`, fix, logger);
  if (status === 429) {
    const headers: Record<string, string> = {};
    if (outcome.retryAfter && /^\d{1,6}$/.test(outcome.retryAfter)) headers['Retry-After'] = outcome.retryAfter;
    return errorAnswer(429, `${system} is busy. Please wait a moment and try again.`, undefined, headers);
  }
  logger.error(`[staymod-proxy] ${label}: ${system} answered HTTP ${status} without a usable answer.`);
  return status >= 200 && status < 300 ? errorAnswer(502, `${system} sent an answer the booking proxy cannot read.`) : unavailable(system);
}

/**
 * A booking POST that did not give a usable answer, by whether it may have landed:
 * sent and unanswered (timeout, connection lost after opening, `mayHaveLanded`) or a 2xx
 * that cannot be read is unconfirmed; everything else was refused.
 */
export function bookingFailure(system: string, given: UpstreamOutcome, label: string, logger: ProxyLogger, fix: string): BookingOutcome {
  const outcome = parsedOutcome(given);
  switch (outcome.kind) {
    case 'timeout':
      return { kind: 'unconfirmed', landed: 'maybe', how: 'timeout' };
    case 'network':
      return outcome.connectFailed ? { kind: 'refused', answer: unavailable(system) } : { kind: 'unconfirmed', landed: 'maybe', how: 'network' };
    case 'unreadable':
    case 'answered':
      if (outcome.status >= 200 && outcome.status < 300) return { kind: 'unconfirmed', landed: 'yes', how: `HTTP ${outcome.status}, unreadable` };
      if (mayHaveLanded(outcome.status)) return { kind: 'unconfirmed', landed: 'maybe', how: `HTTP ${outcome.status}` };
  }
  if (outcome.kind === 'answered' && outcome.status === 429) {
    // Not stored under the Idempotency-Key (a 5xx): the guest may send it again.
    return { kind: 'refused', answer: errorAnswer(503, `${system} is busy. Please wait a moment and try again.`, undefined, outcome.retryAfter && /^\d{1,6}$/.test(outcome.retryAfter) ? { 'Retry-After': outcome.retryAfter } : undefined) };
  }
  return { kind: 'refused', answer: readFailure(system, outcome, label, logger, fix) };
}

/** A number, or a numeric string (some systems send "1450.00"); else undefined. */
export function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Splits "Ana María López" into first "Ana María" and last "López"; one word is both (both are required). */
export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { first: words[0]!, last: words[0]! };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1]! };
}
