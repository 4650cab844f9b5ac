/** A map whose entries expire, bounded in size (oldest out first). Shared by the GET cache and the idempotency store. */
export interface TtlMapOptions {
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

export class TtlMap<T> {
  readonly #entries = new Map<string, { value: T; expires: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: TtlMapOptions = {}, defaultMaxEntries = 1000) {
    this.#maxEntries = options.maxEntries ?? defaultMaxEntries;
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
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#now() + ttlMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  /** Drops every entry whose key starts with `prefix`. */
  dropPrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
