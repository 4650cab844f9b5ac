/**
 * `staymod-booking/proxy`: the secure proxy for <staymod-booking>, as a standard
 * fetch handler (Node 18+, Cloudflare Workers, Deno, Bun, Vercel, Netlify...).
 */
export { createStaymodProxy, type StaymodProxyHandler } from './handler.js';
export { DEFAULT_UPSTREAM, type StaymodProxyOptions, type ProxyRequestContext } from './options.js';
export { MemoryIdempotencyStore, type IdempotencyStore, type StoredResult } from './idempotency.js';
export type { ProxyLogger } from './logger.js';
export type { ProxyState, IdempotencyRecord, RateDecision } from './state/types.js';
export { MemoryState, type MemoryStateLimits } from './state/memory.js';
export { DurableObjectProxyState, StaymodProxyState } from './state/durable-object.js';
