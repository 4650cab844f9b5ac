/**
 * `staymod-booking/proxy/node`: the proxy on node:http, standalone or as
 * Connect/Express middleware.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { knownBody } from '../server/known-body.js';
import { jsonClientErrors, requestUrl, toNodeListener } from '../server/node-adapter.js';
import type { Bytes, Compressor } from './encoding.js';
import { keepAliveFetch } from './node-fetch.js';
import { createProxyCore, fromRequest, toResponse, type ProxyIncoming, type ProxyOutgoing, type StaymodProxyHandler } from './handler.js';
import type { ProxyRequestContext, StaymodProxyOptions } from './options.js';
import { redisState, type RedisLike } from './state/redis.js';
import type { ProxyState } from './state/types.js';

export interface NodeProxyOptions extends StaymodProxyOptions {
  /**
   * Share the proxy's state (booking lock, Idempotency-Key records, rate limits,
   * cache) with every other instance through Redis: a `redis://` URL (the proxy
   * opens the connection) or a connected node-redis client. Without it (and
   * without `state`), the state is in this process: run a single instance.
   */
  redis?: string | RedisLike;
  /**
   * Brotli or gzip answers for clients that accept them (default true). Turn it off
   * when a server in front (nginx, a CDN) compresses already.
   */
  compression?: boolean;
}

/**
 * Node's zlib, synchronous: answers are tens of kB, compressed once per upstream
 * call (cache hits reuse the bytes). Brotli quality 4: about 3% of the JSON's size,
 * a fraction of a millisecond; 11 would take tens of milliseconds for a few % less.
 */
export const nodeCompressor: Compressor = (bytes, encoding) => {
  const out =
    encoding === 'br'
      ? brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
        })
      : gzipSync(bytes, { level: 6 });
  return out as Bytes;
};

type ProxyCore = ReturnType<typeof createProxyCore>;

function nodeHandler(options: NodeProxyOptions): { core: ProxyCore; handler: StaymodProxyHandler; maxBodyBytes: number; owned?: ProxyState } {
  const { redis, compression = true, ...rest } = options;
  // Opened here from a URL: closed with the server. A client passed in stays the caller's.
  const owned = !rest.state && typeof redis === 'string' && redis ? redisState({ url: redis }) : undefined;
  const state = rest.state ?? owned ?? (redis && typeof redis !== 'string' ? redisState({ client: redis }) : undefined);
  const withCompression = compression && !rest.compress ? { ...rest, compress: nodeCompressor } : rest;
  // Staymod itself (not another PMS, not an injected fetch): called through node:http.
  if (!withCompression.fetch && !withCompression.pms) withCompression.fetch = keepAliveFetch();
  const core = createProxyCore(state ? { ...withCompression, state } : withCompression);
  const handler: StaymodProxyHandler = async (request, context) => toResponse(await core.serve(fromRequest(request), context));
  // The adapter's own cap sits above the proxy's so the proxy answers 413 itself (with CORS).
  return { core, handler, maxBodyBytes: 2 * (options.maxBodyBytes ?? 32 * 1024), ...(owned ? { owned } : {}) };
}

/** A node:http server running the proxy. Call `.listen(port)` on it. */
export function createNodeProxyServer(options: NodeProxyOptions): Server {
  const { core, handler, maxBodyBytes, owned } = nodeHandler(options);
  // The body is read by the proxy itself, after its origin check and rate limit, capped in size and time.
  const listener = toNodeListener((request, context) => handler(request, { remoteAddress: context.remoteAddress }), { maxBodyBytes, streamBody: true });
  const server = jsonClientErrors(createServer(options.clientId ? listener : withFastGets(core, listener)));
  // A connection the proxy opened from a URL is closed with the server.
  if (owned) server.on('close', () => void owned.close?.());
  return server;
}

/** An origin-form target whose path and query a URL parser would keep as they are. */
const SIMPLE_TARGET = /^\/(?!\/)[^?#.%\\"<>`{}]*(?:\?[^#]*)?$/;

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * GETs and preflights answered without building fetch's Request and Response (they
 * cost more than the rest of a cached answer); bookings, which read a body, take the
 * full path. Same core, same checks: only the wrapping differs.
 */
function withFastGets(core: ProxyCore, full: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'OPTIONS') {
      void full(req, res);
      return;
    }
    let parsed: URL | undefined;
    const url = () => (parsed ??= requestUrl(req));
    // A target with nothing for a URL parser to change (dot segments, escapes, backslashes, the
    // characters it would percent-encode) splits without one: routing needs the path only.
    // Anything else is parsed. Node's parser has already refused controls, spaces and non-ASCII.
    const target = req.url ?? '/';
    const plain = SIMPLE_TARGET.test(target);
    const query = plain ? target.indexOf('?') : -1;
    const incoming: ProxyIncoming = {
      method: req.method,
      path: plain ? (query < 0 ? target : target.slice(0, query)) : url().pathname,
      search: plain ? (query < 0 ? '' : target.slice(query)) : url().search,
      url,
      header: (name) => headerOf(req, name),
      request: () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        return new Request(url(), { method: req.method, headers });
      },
    };
    const write = (out: ProxyOutgoing): void => {
      if (res.destroyed) return;
      // A length, not chunked framing: one write of headers and body.
      if (out.body) out.headers['Content-Length'] = String(out.body.byteLength);
      res.writeHead(out.status, out.headers);
      res.end(out.body ?? undefined);
    };
    const failed = (error: unknown): void => {
      console.error(`[staymod-proxy] ${req.method} failed: ${error instanceof Error ? error.name : 'error'}`);
      if (res.destroyed) return;
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"Internal error."}');
      else res.destroy();
    };
    // Nothing here may throw out or become an unhandled rejection (either ends the process).
    // A cache hit in memory is ready now; it is written a microtask later all the same, after any
    // other 'request' listener of the server (one setting a header would otherwise meet sent headers).
    try {
      const out = core.serve(incoming, { remoteAddress: req.socket.remoteAddress ?? '' });
      if (out instanceof Promise) out.then(write).catch(failed);
      else
        queueMicrotask(() => {
          try {
            write(out);
          } catch (error) {
            failed(error);
          }
        });
    } catch (error) {
      failed(error);
    }
  };
}

type Next = (error?: unknown) => void;
/** What Express adds to a request: its mount-independent URL and a parsed body. */
type ExpressishRequest = IncomingMessage & {
  originalUrl?: string;
  body?: unknown;
  _body?: boolean;
  ip?: string;
  app?: { get?(setting: string): unknown };
};

/** Express's own answer to "who is the client" when the app set `trust proxy`; else the socket. */
function peerOf(req: ExpressishRequest): string {
  const trusted = req.app?.get?.('trust proxy');
  if (trusted && typeof req.ip === 'string' && req.ip) return req.ip;
  return req.socket.remoteAddress ?? '';
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  const known = knownBody(response);
  res.end(known ?? (response.body ? Buffer.from(await response.arrayBuffer()) : undefined));
}

/**
 * Connect/Express middleware: answers the proxy's paths (`{basePath}/api/public/v1/...`)
 * and calls `next()` for everything else. Works with or without a mount path
 * (`app.use('/api/staymod', mw)` with basePath '' or '/api/staymod'), and after
 * `express.json()` has already read the body.
 */
export function staymodProxyMiddleware(options: NodeProxyOptions) {
  const { handler, maxBodyBytes } = nodeHandler(options);
  const prefix = `${(options.basePath ?? '').trim().replace(/\/+$/, '')}/api/public/v1/`;

  return (req: ExpressishRequest, res: ServerResponse, next: Next): void => {
    const candidates = [req.originalUrl, req.url].filter((u): u is string => typeof u === 'string');
    const path = candidates.find((u) => u.startsWith(prefix));
    if (!path) {
      next();
      return;
    }
    const bodyAlreadyRead = req.body !== undefined && (req.readableEnded || req._body === true);
    if (!bodyAlreadyRead) {
      req.url = path;
      const remoteAddress = peerOf(req);
      toNodeListener((request) => handler(request, { remoteAddress }), { maxBodyBytes, streamBody: true })(req, res).catch(next);
      return;
    }
    // A body parser ran first: rebuild the request from what it parsed.
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = req.body;
    const body =
      method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
        ? undefined
        : typeof raw === 'string'
          ? raw
          : raw instanceof Uint8Array
            ? new Uint8Array(raw)
            : JSON.stringify(raw);
    const request = new Request(new URL(path, `http://${req.headers.host ?? 'localhost'}`), { method, headers, body });
    handler(request, { remoteAddress: peerOf(req) })
      .then((response) => sendResponse(res, response))
      .catch(next);
  };
}

export { createStaymodProxy } from './handler.js';
export { redisState, RedisState, type RedisLike, type RedisStateOptions } from './state/redis.js';
export type { StaymodProxyOptions } from './options.js';
