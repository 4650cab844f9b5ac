/**
 * Cloudflare Workers entry: `export default { fetch }`, configured by bindings
 * (STAYMOD_API_KEY as a secret; or STAYMOD_PMS=cloudbeds|guesty with that system's
 * variables, as the CLI reads them). The handler, with its caches and rate limits,
 * is created once per isolate.
 */
import { pmsFromEnv } from './adapters/env.js';
import { createStaymodProxy, type StaymodProxyHandler } from './handler.js';
import { DurableObjectProxyState, type DurableObjectNamespaceLike } from './state/durable-object.js';

/** The Durable Object class holding the shared state: bind it as STAYMOD_STATE (docs/wrangler.example.toml). */
export { StaymodProxyState } from './state/durable-object.js';

export interface StaymodProxyEnv {
  /** Secret: `wrangler secret put STAYMOD_API_KEY`. */
  STAYMOD_API_KEY?: string;
  /** Comma-separated property ids. */
  STAYMOD_PROPERTY_IDS?: string;
  /** Comma-separated exact origins. */
  ALLOWED_ORIGINS?: string;
  /** Default https://app.staymod.in */
  STAYMOD_UPSTREAM?: string;
  /** Optional path prefix, e.g. /api/staymod */
  STAYMOD_BASE_PATH?: string;
  /** Upstream timeout in ms (default 10000). */
  STAYMOD_TIMEOUT_MS?: string;
  /** ISO code of the property's prices, for the quote note (default INR). */
  STAYMOD_CURRENCY?: string;
  STAYMOD_TIME_ZONE?: string;
  /**
   * Durable Object namespace of `StaymodProxyState`: the booking lock, Idempotency-Key
   * records, rate limits and cache, shared by every isolate. Without it each isolate
   * keeps its own (not safe: Cloudflare runs many isolates).
   */
  STAYMOD_STATE?: DurableObjectNamespaceLike;
  /** staymod (default), cloudbeds or guesty; then that system's variables (docs/proxy.md, "Cloudbeds and Guesty hosts"). */
  STAYMOD_PMS?: string;
  /** Any other binding: CLOUDBEDS_* and GUESTY_* (secrets as `wrangler secret put`). */
  [binding: string]: unknown;
}

/** The string bindings only: the ones the proxy reads. */
function stringsOf(env: StaymodProxyEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value;
  return out;
}

let current: { config: string; namespace: unknown; handler: StaymodProxyHandler } | undefined;

function handlerFor(env: StaymodProxyEnv): StaymodProxyHandler {
  const strings = stringsOf(env);
  const config = JSON.stringify(Object.entries(strings).sort(([a], [b]) => a.localeCompare(b)));
  if (current?.config === config && current.namespace === env.STAYMOD_STATE) return current.handler;
  const pms = pmsFromEnv(strings);
  if (typeof pms === 'string') throw new Error(pms);
  if (!pms) {
    if (!env.STAYMOD_API_KEY?.trim()) throw new Error('set the STAYMOD_API_KEY secret (wrangler secret put STAYMOD_API_KEY).');
    if (!env.STAYMOD_PROPERTY_IDS?.trim()) throw new Error('set STAYMOD_PROPERTY_IDS to a comma-separated list of property ids.');
  }
  const options: Parameters<typeof createStaymodProxy>[0] = {
    ...(pms ? { pms: pms.pms, propertyIds: pms.propertyIds } : { apiKey: env.STAYMOD_API_KEY ?? '', propertyIds: env.STAYMOD_PROPERTY_IDS ?? '' }),
    allowedOrigins: env.ALLOWED_ORIGINS ?? '',
    // On Workers, Cloudflare itself sets cf-connecting-ip (a client cannot forge it) and there is no socket address.
    trustCfConnectingIp: true,
  };
  if (env.STAYMOD_UPSTREAM) options.upstream = env.STAYMOD_UPSTREAM;
  if (env.STAYMOD_BASE_PATH) options.basePath = env.STAYMOD_BASE_PATH;
  if (env.STAYMOD_TIMEOUT_MS) options.timeoutMs = Number(env.STAYMOD_TIMEOUT_MS);
  if (env.STAYMOD_CURRENCY) options.currency = env.STAYMOD_CURRENCY;
  if (env.STAYMOD_TIME_ZONE) options.timeZone = env.STAYMOD_TIME_ZONE;
  if (env.STAYMOD_STATE) options.state = new DurableObjectProxyState(env.STAYMOD_STATE);
  else console.warn('[staymod-proxy] no STAYMOD_STATE Durable Object binding: each isolate keeps its own booking lock and limits. Bind StaymodProxyState (see docs/wrangler.example.toml).');
  // Guesty's token then lives in each isolate's memory: every new isolate spends one of its few daily renewals.
  if (!env.STAYMOD_STATE && pms?.pms.name === 'Guesty') {
    console.error(
      "[staymod-proxy] Guesty without a STAYMOD_STATE Durable Object binding: each isolate keeps its own access token, so every new isolate asks Guesty for one, and Guesty allows only 3-5 a day per client id. Past them it refuses new tokens for up to 24 h and the booking widget stops working. Bind StaymodProxyState as STAYMOD_STATE (see docs/wrangler.example.toml).",
    );
  }
  current = { config, namespace: env.STAYMOD_STATE, handler: createStaymodProxy(options) };
  return current.handler;
}

export default {
  async fetch(request: Request, env: StaymodProxyEnv, ctx?: { waitUntil(work: Promise<unknown>): void }): Promise<Response> {
    let handler: StaymodProxyHandler;
    try {
      handler = handlerFor(env ?? {});
    } catch (error) {
      // Option errors name the missing binding, never the key's value.
      const detail = error instanceof Error ? error.message.replace('createStaymodProxy: ', '') : 'invalid configuration';
      console.error(`[staymod-proxy] not configured: ${detail}`);
      return new Response(JSON.stringify({ error: `The booking proxy is not configured: ${detail}` }), {
        status: 500,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    // Extras a booking still adds after its answer (Cloudbeds) run to their end, not cut with the request.
    return handler(request, ctx ? { waitUntil: (work) => ctx.waitUntil(work) } : undefined);
  },
};
