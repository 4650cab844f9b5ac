/**
 * One OAuth2 client-credentials token shared by every request of an instance and,
 * through the proxy's state (Redis, a Durable Object), by every instance: fetched
 * once (N concurrent first requests on any number of instances make one token
 * request, under the state's lock), kept until 5 minutes before it expires.
 * Guesty allows only a few renewals a day (a lockout of up to 24 h past them), so
 * a 401 renews only a token at least 10 minutes old, at most once per 15 minutes,
 * and a failed token request is not retried for 30 s (a 429: its Retry-After).
 */
import type { Answer } from '../answer.js';
import { waitForLease } from '../state/lease.js';
import { sha256Hex } from '../../domain/hash.js';
import { exchange } from '../upstream.js';
import { misconfigured, num, readFailure, text } from './failures.js';
import type { AdapterEnv } from './types.js';

export interface TokenSource {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** For messages: "Guesty". */
  system: string;
  /** What the host must fix: the variable names. */
  fix: string;
}

const EARLY_MS = 5 * 60_000;
const FAILURE_PAUSE_MS = 30_000;
/** A 429's Retry-After is honoured up to a day (Guesty counts renewals per 24 h). */
const MAX_PAUSE_MS = 86_400_000;
/** A token refused this young is not the problem: renewing it would only spend a renewal. */
const YOUNG_MS = 10 * 60_000;
/** At most one renewal after a 401 in this long, per client id (across instances sharing the state). */
const REFUSAL_RENEWAL_MS = 15 * 60_000;

interface Token {
  value: string;
  expiresAt: number;
  /** When it was issued; absent in a token stored by an older version (then taken as old). */
  issuedAt?: number;
}

/** Retry-After in ms: seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d{1,9}$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export class TokenCache {
  readonly #source: TokenSource;
  readonly #env: AdapterEnv;
  #token: Token | undefined;
  #pending: Promise<string | Answer> | undefined;
  #failed: { until: number; answer: Answer } | undefined;
  /** The token the API last refused and this instance chose to renew: never taken back from the shared state. */
  #refused: string | undefined;
  /** When a 401 last renewed the token on this instance (the state has it for all of them). */
  #renewedOnRefusal = Number.NEGATIVE_INFINITY;
  #deciding: { value: string; promise: Promise<boolean> } | undefined;
  /**
   * The state scope of this token: SHA-256 of where and whom it is for, the secret included, so
   * a rotated secret never takes the old one's token (a cryptographic hash: a secret goes in).
   */
  #scope: Promise<string> | undefined;

  constructor(source: TokenSource, env: AdapterEnv) {
    this.#source = source;
    this.#env = env;
  }

  /** A valid token, or the answer to give when none can be had. */
  get(): Promise<string | Answer> {
    const now = this.#env.now();
    if (this.#token && now < this.#token.expiresAt - EARLY_MS) return Promise.resolve(this.#token.value);
    if (this.#failed && now < this.#failed.until) return Promise.resolve(this.#failed.answer);
    this.#pending ??= this.#renew().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /**
   * The API refused `value` (401). True when the call may be sent again: a newer token is here or in
   * the shared state, or `value` is forgotten and the next `get()` renews it. False when a renewal
   * would only spend one of the few a day: the refused token is under 10 minutes old (the endpoint,
   * not the token, is the problem), or a 401 already renewed it within 15 minutes. The token is
   * then kept, so the next requests do not renew either.
   */
  refused(value: string): Promise<boolean> {
    // Already forgotten by a concurrent call (its renewal serves this one).
    if (this.#refused === value) return Promise.resolve(true);
    // Concurrent 401s for one token share one decision: each deciding alone, the second would see the first's renewal mark.
    if (this.#deciding?.value !== value) {
      const decision = this.#decide(value).finally(() => {
        if (this.#deciding?.promise === decision) this.#deciding = undefined;
      });
      this.#deciding = { value, promise: decision };
    }
    return this.#deciding.promise;
  }

  async #decide(value: string): Promise<boolean> {
    const now = this.#env.now();
    if (this.#token && this.#token.value !== value && now < this.#token.expiresAt - EARLY_MS) return true;
    const state = this.#env.state;
    let scope: string | undefined;
    try {
      scope = state ? await this.#scopeKey() : undefined;
      if (scope && (await this.#stored(scope, value))) return true;
    } catch {
      // The state is unreachable (logged by its guard): this instance decides alone.
    }
    const issuedAt = this.#token?.value === value ? this.#token.issuedAt : undefined;
    if (issuedAt !== undefined && now - issuedAt < YOUNG_MS) return false;
    if (now - this.#renewedOnRefusal < REFUSAL_RENEWAL_MS) return false;
    if (state && scope) {
      try {
        const last = Number(await state.valueGet(scope, 'renewed-on-401'));
        if (Number.isFinite(last) && last > 0 && now - last < REFUSAL_RENEWAL_MS) return false;
        await state.valueSet(scope, 'renewed-on-401', String(now), REFUSAL_RENEWAL_MS);
      } catch {
        // As above: the in-memory mark still bounds this instance.
      }
    }
    this.#renewedOnRefusal = now;
    this.#refused = value;
    if (this.#token?.value === value) this.#token = undefined;
    return true;
  }

  /** The state scope of this token (see `#scope`). */
  #scopeKey(): Promise<string> {
    const { tokenUrl, clientId, scope: granted, clientSecret } = this.#source;
    return (this.#scope ??= sha256Hex(`${tokenUrl}|${clientId}|${granted}|${clientSecret}`).then((hex) => `token:${hex.slice(0, 28)}`));
  }

  /** The token another instance stored, if still good and not the one refused. */
  async #stored(scope: string, refused = this.#refused): Promise<string | undefined> {
    const raw = await this.#env.state!.valueGet(scope, 'token');
    if (!raw) return undefined;
    const token = JSON.parse(raw) as Token;
    if (token.value === refused || this.#env.now() >= token.expiresAt - EARLY_MS) return undefined;
    this.#token = token;
    return token.value;
  }

  /** From the shared state, else fetched by whichever instance holds the state's lock for it. */
  async #renew(): Promise<string | Answer> {
    const state = this.#env.state;
    if (!state) return this.#fetch();
    const scope = await this.#scopeKey();
    const owner = crypto.randomUUID();
    let held = false;
    try {
      const stored = await this.#stored(scope);
      if (stored) return stored;
      // Long enough for the holder's token request; past it, this instance asks for itself.
      const leaseMs = this.#env.timeoutMs + 2000;
      held = await waitForLease(state, scope, 'renewal', owner, { leaseMs, waitMs: leaseMs, now: Date.now });
      const renewed = await this.#stored(scope);
      if (renewed) return renewed;
    } catch {
      // The state is unreachable (logged by its guard): this instance asks for its own token.
    }
    try {
      const got = await this.#fetch();
      if (typeof got === 'string' && this.#token) {
        const ttl = this.#token.expiresAt - this.#env.now();
        await state.valueSet(scope, 'token', JSON.stringify(this.#token), ttl).catch(() => {});
      }
      return got;
    } finally {
      if (held) await state.lockRelease(scope, 'renewal', owner).catch(() => {});
    }
  }

  async #fetch(): Promise<string | Answer> {
    const { tokenUrl, clientId, clientSecret, scope, system, fix } = this.#source;
    const { logger } = this.#env;
    const body = new URLSearchParams({ grant_type: 'client_credentials', scope, client_id: clientId, client_secret: clientSecret });
    const outcome = await exchange(
      tokenUrl,
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: body.toString() },
      { fetch: this.#env.fetch, timeoutMs: this.#env.timeoutMs, logger, system, label: 'POST token' },
    );
    if (outcome.kind === 'answered' && outcome.status === 200) {
      const json = (outcome.json ?? {}) as Record<string, unknown>;
      const value = text(json['access_token']);
      const seconds = num(json['expires_in']) ?? 3600;
      if (value) {
        const now = this.#env.now();
        this.#token = { value, expiresAt: now + seconds * 1000, issuedAt: now };
        this.#failed = undefined;
        return value;
      }
    }
    let answer: Answer;
    const now = this.#env.now();
    let pauseMs = FAILURE_PAUSE_MS;
    if (outcome.kind === 'answered' && (outcome.status === 400 || outcome.status === 401 || outcome.status === 403)) {
      answer = misconfigured(system, `token request refused, HTTP ${outcome.status}`, fix, logger);
    } else if (outcome.kind === 'answered' && outcome.status === 429) {
      // The daily renewal budget is spent: only time (or the host) fixes it. Asking before its
      // Retry-After cannot succeed and may extend the lockout.
      pauseMs = Math.min(MAX_PAUSE_MS, Math.max(FAILURE_PAUSE_MS, retryAfterMs(outcome.retryAfter, now) ?? 0));
      const wait = pauseMs >= 120_000 ? `${Math.round(pauseMs / 60_000)} min` : `${Math.round(pauseMs / 1000)} s`;
      answer = misconfigured(system, 'token renewal limit reached for today', `${fix}: another process may be renewing tokens with the same client id. Not asked again for ${wait}`, logger);
    } else {
      answer = readFailure(system, outcome, 'POST token', logger, fix);
    }
    this.#failed = { until: now + pauseMs, answer };
    return answer;
  }
}
