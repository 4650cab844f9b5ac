/**
 * The proxy's state in Redis, shared by every Node instance pointing at the same
 * server: each operation is one Lua script, so it is atomic across instances.
 * Time for rate limits comes from Redis (TIME), so instance clocks do not matter.
 * Works with a node-redis client (`redis` on npm) or anything with `sendCommand`.
 */
import type { IdempotencyRecord, ProxyState, RateDecision } from './types.js';

/** What the proxy needs of a Redis client: node-redis's `sendCommand`. */
export interface RedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStateOptions {
  /** `redis://host:6379` (or `rediss://` for TLS): the proxy opens and owns the connection. */
  url?: string;
  /** A connected client of your own (node-redis v4/v5); the proxy never closes it. */
  client?: RedisLike;
  /** Key prefix, so several proxies (or apps) can share one Redis. Default `staymod:`. */
  prefix?: string;
}

const ACQUIRE = `local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;
const CLAIM = `local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v then
  local r = cjson.decode(v)
  if r.state ~= 'pending' or r.owner ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;
const ABANDON = `local v = redis.call('GET', KEYS[1])
if v then
  local r = cjson.decode(v)
  if r.state == 'pending' and r.owner == ARGV[1] then redis.call('DEL', KEYS[1]) end
end
return 0`;
const TAKE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local per = tonumber(ARGV[1])
local perMs = per / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(b[1]) or per
local updated = tonumber(b[2]) or now
tokens = math.min(per, tokens + (now - updated) * perMs)
local ok = 0
if tokens >= 1 then tokens = tokens - 1 ok = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
if ok == 1 then return {1, 0} end
return {0, math.max(1, math.ceil((1 - tokens) / perMs / 1000))}`;
const PACE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local calls = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local given = redis.call('LRANGE', KEYS[1], 0, -1)
local n = #given
local at = now
if n > 0 then at = math.max(at, tonumber(given[n])) end
if n >= calls then at = math.max(at, tonumber(given[n - calls + 1]) + window) end
if at - now > tonumber(ARGV[3]) then return -1 end
redis.call('RPUSH', KEYS[1], at)
redis.call('LTRIM', KEYS[1], -calls, -1)
redis.call('PEXPIRE', KEYS[1], at - now + window + 1000)
return at - now`;
const CACHE_GET = `local g = redis.call('GET', KEYS[1]) or '0'
return {g, redis.call('GET', ARGV[1] .. g .. ARGV[2]) or ''}`;
const CACHE_SET = `local g = redis.call('GET', KEYS[1]) or '0'
if g == ARGV[1] then redis.call('SET', ARGV[2] .. g .. ARGV[3], ARGV[4], 'PX', ARGV[5]) end
return 0`;

/** A command slower than this replaces the connection (the state guard gives up at 2 s). */
const COMMAND_TIMEOUT_MS = 1500;

/**
 * A node-redis client that fails fast while disconnected (the proxy then
 * degrades) and reconnects by itself. A command that gets no answer replaces
 * the client: node-redis 5.9 can report "ready" on a socket reset during its
 * reconnect handshake (seen when Redis is killed), after which commands never
 * settle.
 */
async function openClient(url: string): Promise<RedisLike & { close(): Promise<void> }> {
  const { createClient } = await import('redis');
  const open = () => {
    const client = createClient({
      url,
      // Commands fail at once while Redis is away instead of queueing behind a dead connection.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
    });
    client.on('error', () => {}); // reported once per incident by the state guard, not per reconnect attempt
    // The first commands wait for the first connection; later ones fail fast while it is down.
    const first = client.connect().then(() => {
      everConnected = true;
    });
    first.catch(() => {});
    return { client, first };
  };
  let everConnected = false;
  let current = open();
  let closed = false;
  return {
    sendCommand: async (args) => {
      const { client, first } = current;
      // Only the very first commands wait for a connection; after that, no connection means fail now.
      if (everConnected && !client.isReady) throw new Error('Redis is not connected');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          if (current.client === client && client.isReady && !closed) {
            client.destroy();
            current = open();
          }
          reject(new Error(`no answer from Redis within ${COMMAND_TIMEOUT_MS} ms`));
        }, COMMAND_TIMEOUT_MS);
      });
      try {
        return await Promise.race([first.then(() => client.sendCommand(args)), stuck]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      closed = true;
      current.client.destroy();
    },
  };
}

export class RedisState implements ProxyState {
  readonly kind = 'redis';
  readonly shared = true;
  readonly #prefix: string;
  readonly #client: Promise<RedisLike & { close?(): Promise<void> }>;
  readonly #owns: boolean;

  constructor(options: RedisStateOptions) {
    if (!options.client && !options.url) throw new TypeError('redisState: pass a url (REDIS_URL) or a client.');
    this.#prefix = options.prefix ?? 'staymod:';
    this.#owns = !options.client;
    this.#client = options.client ? Promise.resolve(options.client) : openClient(options.url!);
    this.#client.catch(() => {});
  }

  async #eval(script: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    const client = await this.#client;
    return client.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args.map(String)]);
  }

  #key(kind: string, scope: string, key: string): string {
    return `${this.#prefix}${kind}:${scope}:${key}`;
  }

  async lockAcquire(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(ACQUIRE, [this.#key('lock', scope, key)], [owner, Math.ceil(leaseMs)])) === 1;
  }

  async lockExtend(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(EXTEND, [this.#key('lock', scope, key)], [owner, Math.ceil(leaseMs)])) === 1;
  }

  async lockRelease(scope: string, key: string, owner: string): Promise<void> {
    await this.#eval(RELEASE, [this.#key('lock', scope, key)], [owner]);
  }

  async idemClaim(scope: string, key: string, pending: IdempotencyRecord & { state: 'pending' }, ttlMs: number): Promise<IdempotencyRecord | null> {
    const existing = await this.#eval(CLAIM, [this.#key('idem', scope, key)], [JSON.stringify(pending), Math.ceil(ttlMs)]);
    return typeof existing === 'string' ? (JSON.parse(existing) as IdempotencyRecord) : null;
  }

  async idemGet(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const value = await (await this.#client).sendCommand(['GET', this.#key('idem', scope, key)]);
    return typeof value === 'string' ? (JSON.parse(value) as IdempotencyRecord) : null;
  }

  async idemComplete(scope: string, key: string, owner: string, done: IdempotencyRecord & { state: 'done' }, ttlMs: number): Promise<void> {
    await this.#eval(COMPLETE, [this.#key('idem', scope, key)], [owner, JSON.stringify(done), Math.ceil(ttlMs)]);
  }

  async idemAbandon(scope: string, key: string, owner: string): Promise<void> {
    await this.#eval(ABANDON, [this.#key('idem', scope, key)], [owner]);
  }

  async rateTake(scope: string, key: string, perMinute: number): Promise<RateDecision> {
    const [ok, retryAfter] = (await this.#eval(TAKE, [this.#key('rate', scope, key)], [perMinute])) as [number, number];
    return { ok: ok === 1, retryAfter: Number(retryAfter) };
  }

  async paceTake(scope: string, key: string, calls: number, windowMs: number, maxWaitMs: number): Promise<number | null> {
    // Redis's clock for every instance: their own clocks may disagree by more than a turn.
    const wait = Number(await this.#eval(PACE, [this.#key('pace', scope, key)], [calls, Math.ceil(windowMs), Math.floor(maxWaitMs)]));
    return wait < 0 ? null : wait;
  }

  async cacheGet(scope: string, group: string, key: string): Promise<{ generation: string; value: string | null }> {
    const gen = this.#key('gen', scope, group);
    const [generation, value] = (await this.#eval(CACHE_GET, [gen], [this.#key('cache', scope, `${group}:`), `:${key}`])) as [string, string];
    return { generation: String(generation), value: value ? String(value) : null };
  }

  async cacheSet(scope: string, group: string, generation: string, key: string, value: string, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const gen = this.#key('gen', scope, group);
    await this.#eval(CACHE_SET, [gen], [generation, this.#key('cache', scope, `${group}:`), `:${key}`, value, Math.ceil(ttlMs)]);
  }

  async cacheBump(scope: string, group: string): Promise<void> {
    await (await this.#client).sendCommand(['INCR', this.#key('gen', scope, group)]);
  }

  async valueGet(scope: string, key: string): Promise<string | null> {
    const value = await (await this.#client).sendCommand(['GET', this.#key('value', scope, key)]);
    return typeof value === 'string' ? value : null;
  }

  async valueSet(scope: string, key: string, value: string, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await (await this.#client).sendCommand(['SET', this.#key('value', scope, key), value, 'PX', String(Math.ceil(ttlMs))]);
  }

  /** Closes the connection it opened from `url`; a client passed in stays yours. */
  async close(): Promise<void> {
    if (this.#owns) await (await this.#client).close?.();
  }
}

/** The proxy's state in Redis: `createStaymodProxy({ ..., state: redisState({ url: process.env.REDIS_URL }) })`. */
export function redisState(options: RedisStateOptions | string): RedisState {
  return new RedisState(typeof options === 'string' ? { url: options } : options);
}
