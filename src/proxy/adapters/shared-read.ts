/**
 * A slow read that rarely changes (Guesty's listings, Cloudbeds' room types), kept for a
 * while and shared while in flight: a cold page's rooms and months wait for one read, not
 * one each, which under a PMS's per-second limit is most of the page's wait.
 */
export class SharedRead<K, T, F> {
  readonly #read: (key: K) => Promise<T | F>;
  readonly #ok: (value: T | F) => value is T;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #kept = new Map<K, { at: number; value: T }>();
  readonly #reading = new Map<K, Promise<T | F>>();

  /** `ok` tells a value to keep from a failure to pass on (never kept, never shared after it settles). */
  constructor(read: (key: K) => Promise<T | F>, ok: (value: T | F) => value is T, ttlMs: number, now: () => number) {
    this.#read = read;
    this.#ok = ok;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** `fresh` reads anew, never joining a read started before it asked; others join the newest read in flight. */
  get(key: K, fresh = false): Promise<T | F> {
    const kept = this.#kept.get(key);
    if (!fresh && kept && this.#now() - kept.at < this.#ttlMs) return Promise.resolve(kept.value);
    const pending = this.#reading.get(key);
    if (!fresh && pending) return pending;
    const read = this.#read(key).then((value) => {
      if (this.#ok(value)) this.#kept.set(key, { at: this.#now(), value });
      return value;
    });
    const done = read.finally(() => {
      if (this.#reading.get(key) === done) this.#reading.delete(key);
    });
    this.#reading.set(key, done);
    return done;
  }
}
