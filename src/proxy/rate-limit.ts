/**
 * Per-client token buckets: `limit` requests per minute, refilled continuously, so
 * a burst of `limit` is allowed and then one request every 60/limit seconds.
 */

interface Bucket {
  tokens: number;
  updated: number;
}

export interface RateDecision {
  ok: boolean;
  /** Whole seconds until one request is allowed again (when not ok). */
  retryAfter: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  readonly #maxClients: number;

  constructor(options: { now?: () => number; maxClients?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxClients = options.maxClients ?? 10_000;
  }

  take(key: string, perMinute: number): RateDecision {
    if (!Number.isFinite(perMinute)) return { ok: true, retryAfter: 0 };
    const now = this.#now();
    const perMs = perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: perMinute, updated: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updated) * perMs);
    bucket.updated = now;
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    this.#trim();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfter: 0 };
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }

  /** Keeps memory bounded: the least recently seen clients are forgotten first. */
  #trim(): void {
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= this.#maxClients) break;
      this.#buckets.delete(key);
    }
  }
}
