/**
 * The proxy's state behind one small interface, so the handler does not know
 * where it lives: in this process (memory.ts), in Redis (redis.ts, shared by
 * Node instances) or in a Durable Object per property (durable-object.ts, on
 * Cloudflare Workers). Every key is built by the proxy from short hashes, never
 * from a client's raw string.
 *
 * `scope` is the unit of strong consistency: a property id for the booking
 * lock, the idempotency records and the availability cache; the limit's own key
 * for a rate-limit counter. The Durable Object engine runs one object per scope.
 */
import { cyrb53 } from '../../domain/hash.js';

/** A booking's Idempotency-Key record: claimed (in flight) or done (its answer kept). */
export type IdempotencyRecord =
  | { state: 'pending'; fingerprint: string; owner: string; deadline: number }
  | { state: 'done'; fingerprint: string; status: number; body: string };

/**
 * A claim refused for want of room: a state that must never forget a record before its time
 * (a retry would then book again) refuses new keys instead. The message is for the host's log.
 */
export class IdempotencyFull extends Error {
  override readonly name = 'IdempotencyFull';
}

export interface RateDecision {
  ok: boolean;
  /** Whole seconds until one request is allowed again (when not ok). */
  retryAfter: number;
}

export interface ProxyState {
  /** For logs: `memory`, `redis`, `durable-object`. */
  readonly kind: string;
  /** True when several proxy instances share it. */
  readonly shared: boolean;

  /** Takes the lease when it is free or expired; true when `owner` now holds it for `leaseMs`. */
  lockAcquire(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Fencing check and renewal: true (and the lease set to `leaseMs` from now) only while `owner` still holds it. */
  lockExtend(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Frees the lease if `owner` still holds it (never someone else's). */
  lockRelease(scope: string, key: string, owner: string): Promise<void>;

  /** Claims `key` for a pending record if no record exists; else returns the existing record. */
  idemClaim(scope: string, key: string, pending: IdempotencyRecord & { state: 'pending' }, ttlMs: number): Promise<IdempotencyRecord | null>;
  idemGet(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Stores the final answer; only the claim's owner may (a record claimed since by another is kept). */
  idemComplete(scope: string, key: string, owner: string, done: IdempotencyRecord & { state: 'done' }, ttlMs: number): Promise<void>;
  /** Drops the pending claim of `owner` so the same key may be sent again. */
  idemAbandon(scope: string, key: string, owner: string): Promise<void>;

  /** Token bucket: `perMinute` requests per minute, a burst of `perMinute`. */
  rateTake(scope: string, key: string, perMinute: number): Promise<RateDecision>;

  /**
   * A turn for one call to an upstream API that allows `calls` per `windowMs`, shared by every
   * instance (they share the API's account): the ms to wait before the call leaves, or null,
   * holding no turn, when that would be more than `maxWaitMs`. Turns are given in order.
   */
  paceTake(scope: string, key: string, calls: number, windowMs: number, maxWaitMs: number): Promise<number | null>;

  /** A cached text and the generation of `group` it was read under (pass it back to cacheSet). */
  cacheGet(scope: string, group: string, key: string): Promise<{ generation: string; value: string | null }>;
  /** Stored only if `group` is still at `generation` (a bump in between means the value is stale). */
  cacheSet(scope: string, group: string, generation: string, key: string, value: string, ttlMs: number): Promise<void>;
  /** Forgets every entry of `group` (new generation), on every instance. */
  cacheBump(scope: string, group: string): Promise<void>;

  /**
   * A small value shared by every instance (an upstream access token: Guesty allows a few
   * renewals a day), or null when absent or expired. Kept durably where the engine can.
   */
  valueGet(scope: string, key: string): Promise<string | null>;
  /** Keeps `value` for `ttlMs`. */
  valueSet(scope: string, key: string, value: string, ttlMs: number): Promise<void>;

  /** Closes connections it opened itself. */
  close?(): Promise<void>;
}

/**
 * A short, stable hash of a client-controlled string (two 53-bit halves, hex):
 * keys stay small whatever a client sends, in every engine. Not for secrets.
 */
export function shortHash(text: string): string {
  let hash = recentHashes.get(text);
  if (hash === undefined) {
    const half = (seed: number) => cyrb53(text, seed).toString(16).padStart(14, '0');
    hash = half(1) + half(2);
    // Every request hashes its client's address: the same few, again and again. Bounded in count
    // (emptied when full) and in size (an address is at most 45 characters; longer texts are not kept).
    if (text.length <= 64) {
      if (recentHashes.size >= RECENT_HASHES) recentHashes.clear();
      // A copy as the key: a piece cut from a header (X-Forwarded-For) would keep the whole header alive.
      recentHashes.set(` ${text}`.slice(1), hash);
    }
  }
  return hash;
}

const RECENT_HASHES = 4096;
const recentHashes = new Map<string, string>();

/** Token-bucket arithmetic shared by the memory and Durable Object engines (Redis runs the same in Lua). */
export function takeToken(
  bucket: { tokens: number; updated: number } | undefined,
  now: number,
  perMinute: number,
): { bucket: { tokens: number; updated: number }; decision: RateDecision } {
  const perMs = perMinute / 60_000;
  const tokens = Math.min(perMinute, (bucket?.tokens ?? perMinute) + (now - (bucket?.updated ?? now)) * perMs);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, updated: now }, decision: { ok: true, retryAfter: 0 } };
  return {
    bucket: { tokens, updated: now },
    decision: { ok: false, retryAfter: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) },
  };
}
