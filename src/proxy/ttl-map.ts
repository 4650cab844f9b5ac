/**
 * A map whose entries expire, bounded by entry count and by total bytes (oldest
 * out first). Bytes are a conservative estimate, measured against V8's heap
 * (test/node/proxy-intake.test.ts): two bytes a character of key and value text
 * (a string with one non-Latin-1 character is stored at two) plus a fixed
 * overhead per entry (entry objects, numbers, the Map's slots and its holes).
 */
export interface TtlMapOptions {
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  /** Most bytes kept (keys + values + overhead); the oldest go first. */
  maxBytes?: number;
  now?: () => number;
  /** False: never drop a live entry to make room; `set` may then pass the bounds, so ask `hasRoom` first. */
  evict?: boolean;
}

/** Map slot, entry object and bookkeeping, per entry. */
export const ENTRY_OVERHEAD_BYTES = 400;

export class TtlMap<T> {
  readonly #entries = new Map<string, { value: T; expires: number; bytes: number }>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  readonly #sizeOf: (value: T) => number;
  readonly #evict: boolean;
  #bytes = 0;

  /** `sizeOf`: the value's bytes (count text at two bytes a character). */
  constructor(options: TtlMapOptions = {}, defaultMaxEntries = 1000, sizeOf: (value: T) => number = () => 64) {
    this.#maxEntries = options.maxEntries ?? defaultMaxEntries;
    this.#maxBytes = options.maxBytes ?? Infinity;
    this.#now = options.now ?? Date.now;
    this.#sizeOf = sizeOf;
    this.#evict = options.evict ?? true;
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, ttlMs: number): void {
    this.delete(key);
    const bytes = 2 * key.length + this.#sizeOf(value) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.#maxBytes && this.#evict) return;
    this.#entries.set(key, { value, expires: this.#now() + ttlMs, bytes });
    this.#bytes += bytes;
    if (!this.#evict) return;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.delete(oldest);
    }
  }

  /** Whether a new `value` under `key` fits the bounds, once expired entries are dropped (only when needed). */
  hasRoom(key: string, value: T): boolean {
    const fits = () => this.#entries.size < this.#maxEntries && this.#bytes + 2 * key.length + this.#sizeOf(value) + ENTRY_OVERHEAD_BYTES <= this.#maxBytes;
    if (fits()) return true;
    const now = this.#now();
    for (const [old, entry] of this.#entries) if (entry.expires <= now) this.delete(old);
    return fits();
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }

  /** Drops every entry whose key starts with `prefix`. */
  dropPrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.#bytes;
  }
}
