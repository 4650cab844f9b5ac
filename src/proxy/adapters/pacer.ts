/**
 * Spaces the calls to an API under its published rate limit, so that a burst (a month of
 * four listings' calendars, a quote per room) waits here instead of drawing 429s. The turns
 * come from the proxy's state, so instances sharing it (Redis, a Durable Object) share the
 * API's limit as they share its account. The window gets a margin: the API counts a call when
 * it arrives, the pacer when it leaves, and the network's jitter lies between the two. Calls
 * leave in the order they asked, and a call whose turn is too far off is not queued at all:
 * its caller answers "busy" at once, and nothing was sent.
 */
import { MemoryState } from '../state/memory.js';
import type { ProxyState } from '../state/types.js';
import type { UpstreamOutcome } from '../upstream.js';

export interface PaceLimit {
  calls: number;
  perMs: number;
}

/** Enough for a loaded host's jitter; about 10% of a one-second window. */
export const PACE_MARGIN_MS = 100;

export class Pacer {
  readonly #limit: PaceLimit;
  readonly #key: string;
  readonly #state: ProxyState;
  readonly #now: () => number;
  readonly #marginMs: number;
  /** The last call's wait: each waits for the one before, so two calls given one instant leave in order. */
  #last: Promise<unknown> = Promise.resolve();

  /** `key` names the API account whose limit this is (never a secret: it may be a Redis key). */
  constructor(limit: PaceLimit, key: string, options: { state?: ProxyState; now?: () => number; marginMs?: number } = {}) {
    this.#limit = limit;
    this.#key = key;
    this.#now = options.now ?? Date.now;
    this.#state = options.state ?? new MemoryState({ now: this.#now });
    this.#marginMs = options.marginMs ?? PACE_MARGIN_MS;
  }

  /**
   * Waits for this call's turn and resolves true when it may leave; false at once, holding
   * no turn, when the turn is more than `maxWaitMs` away.
   */
  async take(maxWaitMs = Infinity): Promise<boolean> {
    const { calls, perMs } = this.#limit;
    const wait = await this.#state.paceTake('pace', this.#key, calls, perMs + this.#marginMs, Math.min(maxWaitMs, 1e12));
    if (wait === null) return false;
    const at = this.#now() + wait;
    const turn = this.#last.then(() => {
      const left = at - this.#now();
      return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : undefined;
    });
    this.#last = turn;
    await turn;
    return true;
  }
}

/**
 * How long a read's call may wait for its turn: past it the guest hears "busy" at once, with a
 * Retry-After the widget waits out. A read may chain a few calls, and the widget waits 15 s.
 */
export const READ_PATIENCE_MS = 5_000;

/** How long a write may wait for its turn (and a short 429): briefly, since a booking holds its property's lock. */
export const writePatienceMs = (timeoutMs: number): number => Math.min(5000, 2 * timeoutMs);

/** A call refused a turn, shaped as the API's own 429 (refused unread): nothing was sent, ask again shortly. */
export const NO_TURN: UpstreamOutcome = { kind: 'answered', status: 429, json: null, retryAfter: '2' };
