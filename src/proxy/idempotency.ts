/**
 * `Idempotency-Key` support: the first result of a booking is kept for a day, and
 * the same key with the same body gets that result again instead of a second
 * booking. The store may be shared (Redis, KV...): it only needs get and set.
 */

import { sha256Hex } from '../domain/hash.js';
import { TtlMap, type TtlMapOptions } from './ttl-map.js';

/** What is kept for a key: the request's fingerprint and the answer given. */
export interface StoredResult {
  fingerprint: string;
  status: number;
  body: string;
}

export interface IdempotencyStore {
  get(key: string): StoredResult | undefined | Promise<StoredResult | undefined>;
  set(key: string, value: StoredResult, ttlMs: number): void | Promise<void>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** In-memory store with expiry and a size bound (oldest first out). One per process. */
export class MemoryIdempotencyStore extends TtlMap<StoredResult> implements IdempotencyStore {
  constructor(options: TtlMapOptions = {}) {
    super(options, 10_000);
  }
}

/** A key a client may send: printable ASCII, 1 to 200 characters. */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,200}$/.test(key);
}

/** SHA-256 of the normalized request, hex. */
export const fingerprint = sha256Hex;
