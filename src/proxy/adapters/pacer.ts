/**
 * Spaces an instance's calls to an API under its published rate limits, so that a burst
 * (a month of four listings' calendars, a quote per room) waits here instead of drawing
 * 429s. Each window gets a margin: the API counts a call when it arrives, the pacer when
 * it leaves, and the network's jitter lies between the two.
 */
export interface PaceLimit {
  calls: number;
  perMs: number;
}

/** Enough for a loaded host's jitter; about 10% of a one-second window. */
export const PACE_MARGIN_MS = 100;

export class Pacer {
  readonly #limits: readonly PaceLimit[];
  readonly #now: () => number;
  readonly #marginMs: number;
  /** When recent calls left, oldest first. */
  #sent: number[] = [];

  constructor(limits: readonly PaceLimit[], now: () => number = Date.now, marginMs = PACE_MARGIN_MS) {
    this.#limits = limits;
    this.#now = now;
    this.#marginMs = marginMs;
  }

  /** Resolves when one more call may leave, and counts it as sent. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.#now();
      const wait = this.#waitMs(now);
      if (wait <= 0) {
        this.#sent.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** How long until every window has room for one more call. */
  #waitMs(now: number): number {
    const longest = Math.max(0, ...this.#limits.map((l) => l.perMs)) + this.#marginMs;
    while (this.#sent.length && now - this.#sent[0]! >= longest) this.#sent.shift();
    let wait = 0;
    for (const { calls, perMs } of this.#limits) {
      const window = perMs + this.#marginMs;
      // The call that must leave the window before one more fits: `calls` back from the newest.
      const blocking = this.#sent[this.#sent.length - calls];
      if (blocking !== undefined && now - blocking < window) wait = Math.max(wait, blocking + window - now);
    }
    return wait;
  }
}
