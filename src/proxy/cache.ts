/**
 * A small TTL cache with request coalescing: while one upstream call for a key is
 * in flight, identical calls wait for it instead of starting their own.
 */

import { TtlMap, type TtlMapOptions } from './ttl-map.js';

export type CoalescingCacheOptions = TtlMapOptions;

export class CoalescingCache<T> {
  readonly #entries: TtlMap<T>;
  readonly #inFlight = new Map<string, Promise<T>>();

  constructor(options: CoalescingCacheOptions = {}) {
    this.#entries = new TtlMap<T>(options, 1000);
  }

  get(key: string): T | undefined {
    return this.#entries.get(key);
  }

  /** A TTL of 0 or less caches nothing. */
  set(key: string, value: T, ttlMs: number): void {
    if (ttlMs > 0) this.#entries.set(key, value, ttlMs);
  }

  /** Drops every cached entry whose key starts with `prefix`. */
  dropPrefix(prefix: string): void {
    this.#entries.dropPrefix(prefix);
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
