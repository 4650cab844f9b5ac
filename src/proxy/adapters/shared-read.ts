/**
 * A slow read that rarely changes (Guesty's listings, Cloudbeds' room types), kept for a
 * while and shared while in flight: a cold page's rooms and months wait for one read, not
 * one each, which under a PMS's per-second limit is most of the page's wait.
 */
/** Longer than any read that settles (a few paced calls, each bounded by the proxy's timeout). */
export const JOIN_MS = 60_000;

export interface SharedReadTimes {
  /** How long a good value is kept. */
  keepMs: number;
  /** How long a read in flight may be joined: one that never settles (a cancelled request) is not waited on forever. */
  joinMs: number;
  now: () => number;
}

export class SharedRead<K, T, F> {
  readonly #read: (key: K) => Promise<T | F>;
  readonly #ok: (value: T | F) => value is T;
  readonly #times: SharedReadTimes;
  /** Each read's number, in the order they started: an older read never replaces a newer one's value. */
  #started = 0;
  readonly #kept = new Map<K, { at: number; n: number; value: T }>();
  readonly #reading = new Map<K, { at: number; done: Promise<T | F> }>();

  /** `ok` tells a value to keep from a failure to pass on (never kept, never shared after it settles). */
  constructor(read: (key: K) => Promise<T | F>, ok: (value: T | F) => value is T, times: SharedReadTimes) {
    this.#read = read;
    this.#ok = ok;
    this.#times = times;
  }

  /** `fresh` reads anew, never joining a read started before it asked; others join the newest read in flight. */
  get(key: K, fresh = false): Promise<T | F> {
    const now = this.#times.now();
    const kept = this.#kept.get(key);
    if (!fresh && kept && now - kept.at < this.#times.keepMs) return Promise.resolve(kept.value);
    const pending = this.#reading.get(key);
    if (!fresh && pending && now - pending.at < this.#times.joinMs) return pending.done;
    const n = ++this.#started;
    const done = this.#read(key)
      .then((value) => {
        const newer = this.#kept.get(key);
        if (this.#ok(value) && (!newer || newer.n < n)) this.#kept.set(key, { at: this.#times.now(), n, value });
        return value;
      })
      .finally(() => {
        if (this.#reading.get(key)?.done === done) this.#reading.delete(key);
      });
    this.#reading.set(key, { at: now, done });
    return done;
  }
}
