/**
 * Wraps the state so a sick engine (Redis down, a Durable Object unreachable)
 * fails fast and is logged once per incident, not once per request. Callers
 * decide what a failure means: GETs skip the cache, bookings are refused.
 * Rate limits and upstream pacing fall back to this instance's own during an incident.
 */
import type { ProxyLogger } from '../logger.js';
import { MemoryState } from './memory.js';
import type { ProxyState } from './types.js';

export class StateUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateUnavailable';
  }
}

/** A state call slower than this counts as a failure. */
export const STATE_CALL_TIMEOUT_MS = 2000;

export function guardState(inner: ProxyState, logger: ProxyLogger, options: { now?: () => number; timeoutMs?: number } = {}): ProxyState {
  if (inner instanceof MemoryState) return inner;
  const timeoutMs = options.timeoutMs ?? STATE_CALL_TIMEOUT_MS;
  const local = new MemoryState(options.now ? { now: options.now } : {});
  let down = false;

  async function call<T>(what: string, run: () => Promise<T>, undo?: (settled: Promise<T>) => void): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<T> | undefined;
    try {
      const value = await Promise.race([
        (running = run()),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      if (down) {
        down = false;
        logger.warn(`[staymod-proxy] shared state (${inner.kind}) is reachable again: cache, shared limits and bookings are back.`);
      }
      return value;
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unknown error';
      if (!down) {
        down = true;
        logger.error(
          `[staymod-proxy] shared state (${inner.kind}) unreachable (${what}: ${reason}). Until it is back: GETs go straight to Staymod without the cache, rate limits count per instance, and bookings are refused with 503 (never booked without the lock).`,
        );
      }
      if (running) undo?.(running);
      throw new StateUnavailable(reason);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: inner.kind,
    shared: inner.shared,
    lockAcquire: (s, k, o, l) => call('lock', () => inner.lockAcquire(s, k, o, l)),
    lockExtend: (s, k, o, l) => call('lock', () => inner.lockExtend(s, k, o, l)),
    lockRelease: (s, k, o) => call('lock', () => inner.lockRelease(s, k, o)),
    // A claim given up on may still be applied (late, or its answer lost): dropped once it settles, or
    // retries would wait on a claim no request owns, then hear "may have been recorded" for a day.
    idemClaim: (s, k, p, t) =>
      call('idempotency', () => inner.idemClaim(s, k, p, t), (claim) => {
        void claim.then(undefined, () => {}).then(() => inner.idemAbandon(s, k, p.owner)).catch(() => {});
      }),
    idemGet: (s, k) => call('idempotency', () => inner.idemGet(s, k)),
    idemComplete: (s, k, o, d, t) => call('idempotency', () => inner.idemComplete(s, k, o, d, t)),
    idemAbandon: (s, k, o) => call('idempotency', () => inner.idemAbandon(s, k, o)),
    rateTake: (s, k, p) => call('rate limit', () => inner.rateTake(s, k, p)).catch(() => local.rateTake(s, k, p)),
    paceTake: (s, k, c, w, m) => call('upstream pacing', () => inner.paceTake(s, k, c, w, m)).catch(() => local.paceTake(s, k, c, w, m)),
    cacheGet: (s, g, k) => call('cache', () => inner.cacheGet(s, g, k)),
    cacheSet: (s, g, gen, k, v, t) => call('cache', () => inner.cacheSet(s, g, gen, k, v, t)),
    cacheBump: (s, g) => call('cache', () => inner.cacheBump(s, g)),
    valueGet: (s, k) => call('shared value', () => inner.valueGet(s, k)),
    valueSet: (s, k, v, t) => call('shared value', () => inner.valueSet(s, k, v, t)),
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
