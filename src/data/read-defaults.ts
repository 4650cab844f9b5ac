/**
 * How the widget's reads retry, in the data file (./client/data-file.ts) with query-core:
 * only the QueryClient it creates uses them.
 */
import { StaymodError } from '../contract/errors.js';

/** Extra attempts for a read that failed for a passing reason. */
export const READ_RETRIES = 2;

/** A wait a refusal or failure asked for (Retry-After, s) at most this long is waited out by a read. */
export const SHORT_RETRY_AFTER_S = 5;

/** The Retry-After to wait out (s), when there is one and it is short; else 0. */
const shortWait = (error: unknown): number => (error instanceof StaymodError && typeof error.retryAfter === 'number' && error.retryAfter <= SHORT_RETRY_AFTER_S ? error.retryAfter : 0);

/**
 * How every read behaves: a network error, timeout or 5xx is tried twice more, after
 * about 400 ms then 800 ms (jittered, so widgets on many pages do not retry in step);
 * an answer whose Retry-After is short (a 429 of a proxy's per-guest limit or of its PMS,
 * busy for a moment) is tried again once that has passed (plus up to 30%); any other refusal (4xx, a long
 * 429, a bad key) is final at once, for the guest and the host to read. Offline, a read
 * waits (fetchStatus `paused`) and resumes when the browser is back, instead of failing.
 */
export const readDefaults = {
  retry: (failureCount: number, error: unknown) => ((error instanceof StaymodError && error.transient) || shortWait(error) > 0) && failureCount < READ_RETRIES,
  // Jittered both ways, so the widget's reads (and widgets on other pages) do not all ask again at one instant.
  retryDelay: (failureCount: number, error: unknown) => (shortWait(error) * (1 + Math.random() * 0.3) || 0.4 * 2 ** failureCount * (0.75 + Math.random() * 0.5)) * 1000,
  networkMode: 'online',
} as const;
