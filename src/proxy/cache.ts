/**
 * A small TTL cache with request coalescing: while one upstream call for a key is
 * in flight, identical calls wait for it instead of starting their own.
 */

interface Entry<T> {
  value: T;
  expires: number;
}

export interface CoalescingCacheOptions {
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

export class CoalescingCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #inFlight = new Map<string, Promise<T>>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: CoalescingCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#now() + ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** Drops every cached entry whose key starts with `prefix`. */
  dropPrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  /**
   * The cached value, else the in-flight call's result, else a new call to `load`.
   * `source` says which, for a diagnostic header. `load` decides what to cache.
   */
  async through(key: string, load: () => Promise<T>): Promise<{ value: T; source: 'hit' | 'coalesced' | 'miss' }> {
    const cached = this.get(key);
    if (cached !== undefined) return { value: cached, source: 'hit' };
    const pending = this.#inFlight.get(key);
    if (pending) return { value: await pending, source: 'coalesced' };
    const promise = load().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return { value: await promise, source: 'miss' };
  }
}
