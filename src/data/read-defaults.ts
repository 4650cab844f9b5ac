/**
 * How the widget's reads retry, in the data file (./client/data-file.ts) with query-core:
 * only the QueryClient it creates uses them.
 */
import { StaymodError } from '../contract/errors.js';

/** Extra attempts for a read that failed for a passing reason. */
export const READ_RETRIES = 2;

/** A wait a refusal or failure asked for (Retry-After, s) at most this long is waited out by a read. */
export const SHORT_RETRY_AFTER_S = 5;

/** The Retry-After to wait out, when there is one and it is short. */
const shortWait = (error: unknown) => (error instanceof StaymodError && error.retryAfter! <= SHORT_RETRY_AFTER_S ? error.retryAfter : undefined);

/**
 * How every read behaves: a network error, timeout or 5xx is tried twice more, after
 * about 400 ms then 800 ms (jittered, so widgets on many pages do not retry in step);
 * an answer whose Retry-After is short (a 429 of a proxy's per-guest limit or of its PMS,
 * busy for a moment) is tried again once that has passed; any other refusal (4xx, a long
 * 429, a bad key) is final at once, for the guest and the host to read. Offline, a read
 * waits (fetchStatus `paused`) and resumes when the browser is back, instead of failing.
 */
export const readDefaults = {
  retry: (failureCount: number, error: unknown) => ((error instanceof StaymodError && error.transient) || shortWait(error)! > 0) && failureCount < READ_RETRIES,
  retryDelay: (failureCount: number, error: unknown) => (shortWait(error) ?? 0.4 * 2 ** failureCount * (0.75 + Math.random() * 0.5)) * 1000,
  networkMode: 'online',
} as const;
