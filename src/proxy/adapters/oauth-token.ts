/**
 * One OAuth2 client-credentials token shared by every request of an instance and,
 * through the proxy's state (Redis, a Durable Object), by every instance: fetched
 * once (N concurrent first requests on any number of instances make one token
 * request, under the state's lock), kept until 5 minutes before it expires,
 * renewed once after a 401. Guesty allows only a few renewals a day, so a failed
 * token request is not retried for 30 s.
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

export class TokenCache {
  readonly #source: TokenSource;
  readonly #env: AdapterEnv;
  #token: { value: string; expiresAt: number } | undefined;
  #pending: Promise<string | Answer> | undefined;
  #failed: { at: number; answer: Answer } | undefined;
  /** The token the API last refused: never taken back from the shared state. */
  #refused: string | undefined;
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
    if (this.#failed && now - this.#failed.at < FAILURE_PAUSE_MS) return Promise.resolve(this.#failed.answer);
    this.#pending ??= this.#renew().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /** The API refused `value` (401): forget it, unless another request already renewed it. */
  invalidate(value: string): void {
    this.#refused = value;
    if (this.#token?.value === value) this.#token = undefined;
  }

  /** The token another instance stored, if still good and not the one refused. */
  async #stored(scope: string): Promise<string | undefined> {
    const raw = await this.#env.state!.valueGet(scope, 'token');
    if (!raw) return undefined;
    const token = JSON.parse(raw) as { value: string; expiresAt: number };
    if (token.value === this.#refused || this.#env.now() >= token.expiresAt - EARLY_MS) return undefined;
    this.#token = token;
    return token.value;
  }

  /** From the shared state, else fetched by whichever instance holds the state's lock for it. */
  async #renew(): Promise<string | Answer> {
    const state = this.#env.state;
    if (!state) return this.#fetch();
    const { tokenUrl, clientId, scope: granted, clientSecret } = this.#source;
    const scope = await (this.#scope ??= sha256Hex(`${tokenUrl}|${clientId}|${granted}|${clientSecret}`).then((hex) => `token:${hex.slice(0, 28)}`));
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
        this.#token = { value, expiresAt: this.#env.now() + seconds * 1000 };
        this.#failed = undefined;
        return value;
      }
    }
    let answer: Answer;
    if (outcome.kind === 'answered' && (outcome.status === 400 || outcome.status === 401 || outcome.status === 403)) {
      answer = misconfigured(system, `token request refused, HTTP ${outcome.status}`, fix, logger);
    } else if (outcome.kind === 'answered' && outcome.status === 429) {
      // The daily renewal budget is spent: only time (or the host) fixes it.
      answer = misconfigured(system, 'token renewal limit reached for today', `${fix}: another process may be renewing tokens with the same client id`, logger);
    } else {
      answer = readFailure(system, outcome, 'POST token', logger, fix);
    }
    this.#failed = { at: this.#env.now(), answer };
    return answer;
  }
}
