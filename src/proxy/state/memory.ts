/**
 * The proxy's state in this process's memory: right for one instance, wrong for
 * several (each would have its own lock, keys, limits and cache). Every map is
 * bounded in bytes, so no sequence of requests grows the heap past
 * MEMORY_STATE_CEILING_BYTES.
 */
import type { IdempotencyStore, StoredResult } from '../idempotency.js';
import { TtlMap } from '../ttl-map.js';
import { IdempotencyFull, takeToken, type IdempotencyRecord, type ProxyState, type RateDecision } from './types.js';

export interface MemoryStateLimits {
  /** GET cache. Default 8 MiB. */
  cacheBytes?: number;
  /** Idempotency records, never dropped before their time: when full, new keys are refused (503). Default 4 MiB. */
  idempotencyBytes?: number;
  /** Rate-limit buckets. Default 2 MiB. */
  rateLimitBytes?: number;
}

export const DEFAULT_MEMORY_LIMITS: Required<MemoryStateLimits> = {
  cacheBytes: 8 * 1024 * 1024,
  idempotencyBytes: 4 * 1024 * 1024,
  rateLimitBytes: 2 * 1024 * 1024,
};

/** The documented ceiling of the default limits together (docs/proxy.md, "Options"). */
export const MEMORY_STATE_CEILING_BYTES = 14 * 1024 * 1024;

/** A claim is counted at the size of a booking's kept answer (about 2 kB), so completing it rarely needs more room. */
const RECORD_BYTES = (record: IdempotencyRecord) => 96 + 2 * (record.fingerprint.length + (record.state === 'done' ? record.body.length : 2048));

export class MemoryState implements ProxyState {
  readonly kind = 'memory';
  readonly shared = false;
  readonly #now: () => number;
  /** One entry per property with a booking in flight: bounded by the configured properties. Leases run on the real clock. */
  readonly #locks = new Map<string, { owner: string; expires: number }>();
  readonly #records: TtlMap<IdempotencyRecord>;
  readonly #external: IdempotencyStore | undefined;
  /** Upstream turns per API account: a handful of keys (one per PMS account), `calls` numbers each. */
  readonly #paces = new Map<string, number[]>();
  readonly #buckets: TtlMap<{ tokens: number; updated: number }>;
  readonly #cache: TtlMap<string>;
  /** Shared values (upstream tokens): bounded by the configured upstream credentials. */
  readonly #values = new Map<string, { value: string; expires: number }>();
  /** Per scope and group: bounded by properties x groups. */
  readonly #generations = new Map<string, number>();

  constructor(options: { now?: () => number; limits?: MemoryStateLimits; idempotencyStore?: IdempotencyStore } = {}) {
    this.#now = options.now ?? Date.now;
    const limits = { ...DEFAULT_MEMORY_LIMITS, ...options.limits };
    const now = this.#now;
    // Never evicted: a record forgotten within its day lets a retry book again.
    this.#records = new TtlMap({ now, maxEntries: Infinity, maxBytes: limits.idempotencyBytes, evict: false }, Infinity, RECORD_BYTES);
    this.#buckets = new TtlMap({ now, maxEntries: Infinity, maxBytes: limits.rateLimitBytes }, Infinity, () => 48);
    this.#cache = new TtlMap({ now, maxEntries: Infinity, maxBytes: limits.cacheBytes }, Infinity, (text) => 2 * text.length);
    this.#external = options.idempotencyStore;
  }

  async lockAcquire(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
    const id = `${scope}|${key}`;
    const held = this.#locks.get(id);
    if (held && held.owner !== owner && held.expires > Date.now()) return false;
    this.#locks.set(id, { owner, expires: Date.now() + leaseMs });
    return true;
  }

  async lockExtend(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
    const held = this.#locks.get(`${scope}|${key}`);
    if (!held || held.owner !== owner || held.expires <= Date.now()) return false;
    held.expires = Date.now() + leaseMs;
    return true;
  }

  async lockRelease(scope: string, key: string, owner: string): Promise<void> {
    const id = `${scope}|${key}`;
    if (this.#locks.get(id)?.owner === owner) this.#locks.delete(id);
  }

  async idemClaim(scope: string, key: string, pending: IdempotencyRecord & { state: 'pending' }, ttlMs: number): Promise<IdempotencyRecord | null> {
    const id = `${scope}|${key}`;
    const local = this.#records.get(id);
    if (local) return local;
    if (!this.#records.hasRoom(id, pending)) {
      throw new IdempotencyFull(`idempotency records are full (memoryLimits.idempotencyBytes): bookings with a new Idempotency-Key are refused with 503 until older records expire. Raise the limit or use the Redis state.`);
    }
    // Claimed before any await: an identical request arriving meanwhile finds the claim and waits for it.
    this.#records.set(id, pending, ttlMs);
    if (!this.#external) return null;
    let stored: StoredResult | undefined;
    try {
      stored = await this.#external.get(`${scope}:${key}`);
    } catch (error) {
      await this.idemAbandon(scope, key, pending.owner);
      throw error;
    }
    if (!stored) return null;
    // Finished elsewhere (another instance, or before a restart): its answer replaces the claim.
    const done = { state: 'done' as const, ...stored };
    if (this.#records.get(id) === pending) this.#records.set(id, done, ttlMs);
    return done;
  }

  async idemGet(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const local = this.#records.get(`${scope}|${key}`);
    if (local) return local;
    const stored = await this.#external?.get(`${scope}:${key}`);
    return stored ? { state: 'done', ...stored } : null;
  }

  async idemComplete(scope: string, key: string, owner: string, done: IdempotencyRecord & { state: 'done' }, ttlMs: number): Promise<void> {
    const id = `${scope}|${key}`;
    const current = this.#records.get(id);
    if (current && (current.state !== 'pending' || current.owner !== owner)) return;
    // Kept here first: a retry arriving while the external store writes must find the result, not
    // an empty slot it would claim (and post the booking again).
    this.#records.set(id, done, ttlMs);
    await this.#external?.set(`${scope}:${key}`, { fingerprint: done.fingerprint, status: done.status, body: done.body }, ttlMs);
  }

  async idemAbandon(scope: string, key: string, owner: string): Promise<void> {
    const id = `${scope}|${key}`;
    const current = this.#records.get(id);
    if (current?.state === 'pending' && current.owner === owner) this.#records.delete(id);
  }

  async rateTake(scope: string, key: string, perMinute: number): Promise<RateDecision> {
    return this.rateTakeNow(scope, key, perMinute);
  }

  async paceTake(scope: string, key: string, calls: number, windowMs: number, maxWaitMs: number): Promise<number | null> {
    const id = `${scope}|${key}`;
    const now = this.#now();
    // The last `calls` turns given: the oldest bounds the next, the newest keeps the order.
    const given = this.#paces.get(id) ?? [];
    let at = Math.max(now, given[given.length - 1] ?? now);
    const blocking = given[given.length - calls];
    if (blocking !== undefined) at = Math.max(at, blocking + windowMs);
    if (at - now > maxWaitMs) return null;
    given.push(at);
    if (given.length > calls) given.splice(0, given.length - calls);
    this.#paces.set(id, given);
    return at - now;
  }

  /** `rateTake` without the promise, for the proxy's own answers in this process. */
  rateTakeNow(scope: string, key: string, perMinute: number): RateDecision {
    const id = `${scope}|${key}`;
    const { bucket, decision } = takeToken(this.#buckets.get(id), this.#now(), perMinute);
    // A bucket idle for a minute is full again: the same as no bucket, so it may go.
    this.#buckets.set(id, bucket, 60_000);
    return decision;
  }

  async cacheGet(scope: string, group: string, key: string): Promise<{ generation: string; value: string | null }> {
    return this.cacheLookup(scope, group, key);
  }

  /** `cacheGet` without the promise: the proxy's cache hits in this process take no extra turn. */
  cacheLookup(scope: string, group: string, key: string): { generation: string; value: string | null } {
    const generation = String(this.#generations.get(`${scope}|${group}`) ?? 0);
    return { generation, value: this.#cache.get(`${scope}|${group}|${generation}|${key}`) ?? null };
  }

  async cacheSet(scope: string, group: string, generation: string, key: string, value: string, ttlMs: number): Promise<void> {
    if (ttlMs <= 0 || String(this.#generations.get(`${scope}|${group}`) ?? 0) !== generation) return;
    this.#cache.set(`${scope}|${group}|${generation}|${key}`, value, ttlMs);
  }

  async cacheBump(scope: string, group: string): Promise<void> {
    const id = `${scope}|${group}`;
    this.#generations.set(id, (this.#generations.get(id) ?? 0) + 1);
    this.#cache.dropPrefix(`${id}|`);
  }

  async valueGet(scope: string, key: string): Promise<string | null> {
    const held = this.#values.get(`${scope}|${key}`);
    return held && held.expires > this.#now() ? held.value : null;
  }

  async valueSet(scope: string, key: string, value: string, ttlMs: number): Promise<void> {
    if (ttlMs > 0) this.#values.set(`${scope}|${key}`, { value, expires: this.#now() + ttlMs });
  }

  /** Bytes held by the bounded maps (tests). */
  get bytes(): { cache: number; idempotency: number; rateLimit: number } {
    return { cache: this.#cache.bytes, idempotency: this.#records.bytes, rateLimit: this.#buckets.bytes };
  }
}
