/**
 * The proxy's state on Cloudflare Workers: one Durable Object per scope (a
 * property: its booking lock, Idempotency-Key records and availability cache;
 * a client: its rate-limit buckets). A Durable Object runs in one place and
 * handles one event at a time, so its read-modify-write steps are atomic across
 * every isolate of the worker. Locks and idempotency records are kept in its
 * transactional storage (they survive the object being evicted); buckets and
 * cache live in its memory (losing them only costs a refill or a miss).
 *
 * wrangler.toml: see docs/wrangler.example.toml.
 */
import { MemoryState } from './memory.js';
import type { IdempotencyRecord, ProxyState, RateDecision } from './types.js';

/** The parts of the Workers runtime used here (no dependency on @cloudflare/workers-types). */
export interface DurableObjectStorageLike {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T>(options: { prefix: string; limit?: number }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(time: number): Promise<void>;
}
export interface DurableObjectStateLike {
  storage: DurableObjectStorageLike;
}
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init: RequestInit): Promise<Response> };
}

type Lock = { owner: string; expires: number };
type Stored = { record: IdempotencyRecord; expires: number };
type Call = { op: keyof ProxyState; args: unknown[] };

const SWEEP_EVERY_MS = 60 * 60_000;

/** The Durable Object class. Export it from the worker and bind it as STAYMOD_STATE. */
export class StaymodProxyState {
  readonly #storage: DurableObjectStorageLike;
  readonly #memory = new MemoryState();

  constructor(state: DurableObjectStateLike) {
    this.#storage = state.storage;
  }

  async fetch(request: Request): Promise<Response> {
    const { op, args } = (await request.json()) as Call;
    const result = await this.#run(op, args);
    return new Response(JSON.stringify({ result: result ?? null }), { headers: { 'content-type': 'application/json' } });
  }

  /** Drops expired idempotency records and leases, so storage stays bounded by what is live. */
  async alarm(): Promise<void> {
    const now = Date.now();
    for (const prefix of ['idem:', 'lock:', 'value:']) {
      const entries = await this.#storage.list<{ expires: number }>({ prefix });
      for (const [key, value] of entries) if (value.expires <= now) await this.#storage.delete(key);
    }
    await this.#storage.setAlarm(now + SWEEP_EVERY_MS);
  }

  async #sweepLater(): Promise<void> {
    if ((await this.#storage.getAlarm()) === null) await this.#storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
  }

  async #lock(key: string): Promise<Lock | undefined> {
    const lock = await this.#storage.get<Lock>(`lock:${key}`);
    return lock && lock.expires > Date.now() ? lock : undefined;
  }

  async #record(key: string): Promise<IdempotencyRecord | null> {
    const stored = await this.#storage.get<Stored>(`idem:${key}`);
    return stored && stored.expires > Date.now() ? stored.record : null;
  }

  async #run(op: Call['op'], args: unknown[]): Promise<unknown> {
    const now = Date.now();
    switch (op) {
      case 'lockAcquire': {
        const [, key, owner, leaseMs] = args as [string, string, string, number];
        const held = await this.#lock(key);
        if (held && held.owner !== owner) return false;
        await this.#storage.put(`lock:${key}`, { owner, expires: now + leaseMs });
        await this.#sweepLater();
        return true;
      }
      case 'lockExtend': {
        const [, key, owner, leaseMs] = args as [string, string, string, number];
        const held = await this.#lock(key);
        if (held?.owner !== owner) return false;
        await this.#storage.put(`lock:${key}`, { owner, expires: now + leaseMs });
        return true;
      }
      case 'lockRelease': {
        const [, key, owner] = args as [string, string, string];
        if ((await this.#lock(key))?.owner === owner) await this.#storage.delete(`lock:${key}`);
        return null;
      }
      case 'idemClaim': {
        const [, key, pending, ttlMs] = args as [string, string, IdempotencyRecord, number];
        const existing = await this.#record(key);
        if (existing) return existing;
        await this.#storage.put(`idem:${key}`, { record: pending, expires: now + ttlMs });
        await this.#sweepLater();
        return null;
      }
      case 'idemGet':
        return this.#record((args as [string, string])[1]);
      case 'idemComplete': {
        const [, key, owner, done, ttlMs] = args as [string, string, string, IdempotencyRecord, number];
        const current = await this.#record(key);
        if (current && (current.state !== 'pending' || current.owner !== owner)) return null;
        await this.#storage.put(`idem:${key}`, { record: done, expires: now + ttlMs });
        return null;
      }
      case 'idemAbandon': {
        const [, key, owner] = args as [string, string, string];
        const current = await this.#record(key);
        if (current?.state === 'pending' && current.owner === owner) await this.#storage.delete(`idem:${key}`);
        return null;
      }
      case 'valueGet': {
        const held = await this.#storage.get<{ value: string; expires: number }>(`value:${(args as [string, string])[1]}`);
        return held && held.expires > now ? held.value : null;
      }
      case 'valueSet': {
        // In storage, not memory: losing a token to an eviction would cost one of Guesty's few renewals.
        const [, key, value, ttlMs] = args as [string, string, string, number];
        if (ttlMs > 0) await this.#storage.put(`value:${key}`, { value, expires: now + ttlMs });
        await this.#sweepLater();
        return null;
      }
      case 'rateTake':
      case 'paceTake':
      case 'cacheGet':
      case 'cacheSet':
      case 'cacheBump':
        return (this.#memory[op] as (...a: unknown[]) => Promise<unknown>).apply(this.#memory, args);
      default:
        throw new Error(`unknown state operation ${String(op)}`);
    }
  }
}

/** The handler's side: each operation goes to the Durable Object of its scope. */
export class DurableObjectProxyState implements ProxyState {
  readonly kind = 'durable-object';
  readonly shared = true;
  readonly #namespace: DurableObjectNamespaceLike;

  constructor(namespace: DurableObjectNamespaceLike) {
    this.#namespace = namespace;
  }

  async #call<T>(op: Call['op'], args: unknown[]): Promise<T> {
    const stub = this.#namespace.get(this.#namespace.idFromName(args[0] as string));
    const response = await stub.fetch('https://staymod-state/', { method: 'POST', body: JSON.stringify({ op, args }) });
    if (!response.ok) throw new Error(`state object answered HTTP ${response.status}`);
    return ((await response.json()) as { result: T }).result;
  }

  lockAcquire(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
    return this.#call('lockAcquire', [scope, key, owner, leaseMs]);
  }
  lockExtend(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
    return this.#call('lockExtend', [scope, key, owner, leaseMs]);
  }
  async lockRelease(scope: string, key: string, owner: string): Promise<void> {
    await this.#call('lockRelease', [scope, key, owner]);
  }
  idemClaim(scope: string, key: string, pending: IdempotencyRecord & { state: 'pending' }, ttlMs: number): Promise<IdempotencyRecord | null> {
    return this.#call('idemClaim', [scope, key, pending, ttlMs]);
  }
  idemGet(scope: string, key: string): Promise<IdempotencyRecord | null> {
    return this.#call('idemGet', [scope, key]);
  }
  async idemComplete(scope: string, key: string, owner: string, done: IdempotencyRecord & { state: 'done' }, ttlMs: number): Promise<void> {
    await this.#call('idemComplete', [scope, key, owner, done, ttlMs]);
  }
  async idemAbandon(scope: string, key: string, owner: string): Promise<void> {
    await this.#call('idemAbandon', [scope, key, owner]);
  }
  rateTake(scope: string, key: string, perMinute: number): Promise<RateDecision> {
    return this.#call('rateTake', [scope, key, perMinute]);
  }
  paceTake(scope: string, key: string, calls: number, windowMs: number, maxWaitMs: number): Promise<number | null> {
    return this.#call('paceTake', [scope, key, calls, windowMs, maxWaitMs]);
  }
  cacheGet(scope: string, group: string, key: string): Promise<{ generation: string; value: string | null }> {
    return this.#call('cacheGet', [scope, group, key]);
  }
  async cacheSet(scope: string, group: string, generation: string, key: string, value: string, ttlMs: number): Promise<void> {
    await this.#call('cacheSet', [scope, group, generation, key, value, ttlMs]);
  }
  async cacheBump(scope: string, group: string): Promise<void> {
    await this.#call('cacheBump', [scope, group]);
  }
  valueGet(scope: string, key: string): Promise<string | null> {
    return this.#call('valueGet', [scope, key]);
  }
  async valueSet(scope: string, key: string, value: string, ttlMs: number): Promise<void> {
    await this.#call('valueSet', [scope, key, value, ttlMs]);
  }
}
