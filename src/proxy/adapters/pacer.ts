/**
 * Spaces an instance's calls to an API under its published rate limits, so that a burst
 * (a month of four listings' calendars, a quote per room) waits here instead of drawing
 * 429s. Each window gets a margin: the API counts a call when it arrives, the pacer when
 * it leaves, and the network's jitter lies between the two. Calls leave in the order they
 * asked (each is given its departure when it asks), and a call whose turn is too far off
 * is not queued at all: its caller answers "busy" at once, and nothing was sent.
 */
import type { UpstreamOutcome } from '../upstream.js';

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
  /** Departures given out (past and future), oldest first. */
  #sent: number[] = [];

  constructor(limits: readonly PaceLimit[], now: () => number = Date.now, marginMs = PACE_MARGIN_MS) {
    this.#limits = limits;
    this.#now = now;
    this.#marginMs = marginMs;
  }

  /**
   * Waits for this call's turn and resolves true when it may leave; false at once, holding
   * no turn, when the turn is more than `maxWaitMs` away.
   */
  async take(maxWaitMs = Infinity): Promise<boolean> {
    const now = this.#now();
    const at = this.#nextDeparture(now);
    if (at - now > maxWaitMs) return false;
    this.#sent.push(at);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    return true;
  }

  /** The earliest moment every window has room for one more call, and not before the last one given out. */
  #nextDeparture(now: number): number {
    const longest = Math.max(0, ...this.#limits.map((l) => l.perMs)) + this.#marginMs;
    while (this.#sent.length && now - this.#sent[0]! >= longest) this.#sent.shift();
    let at = Math.max(now, this.#sent[this.#sent.length - 1] ?? now);
    for (const { calls, perMs } of this.#limits) {
      // The call that must leave the window before one more fits: `calls` back from the newest.
      const blocking = this.#sent[this.#sent.length - calls];
      if (blocking !== undefined) at = Math.max(at, blocking + perMs + this.#marginMs);
    }
    return at;
  }
}

/** How long a read may wait for its turn: past it the guest hears "busy" at once (the widget waits 15 s). */
export const READ_PATIENCE_MS = 10_000;

/** How long a write may wait for its turn (and a short 429): briefly, since a booking holds its property's lock. */
export const writePatienceMs = (timeoutMs: number): number => Math.min(5000, 2 * timeoutMs);

/** A call refused a turn, shaped as the API's own 429 (refused unread): nothing was sent, ask again shortly. */
export const NO_TURN: UpstreamOutcome = { kind: 'answered', status: 429, json: null, retryAfter: '2' };
