/**
 * The proxy's calls to Staymod on node:http with keep-alive agents: fetch's
 * machinery (spec layers, a WebAssembly HTTP parser, body streams) cost about as
 * much CPU per availability request as the rest of the proxy. Only what
 * `exchange` needs: status, headers, the body (gzip or brotli decoded) as text, an
 * abort signal, no redirects followed, and failures shaped as fetch's (`TypeError` with
 * the socket error as `cause`, so a refused connection still reads as "never connected").
 * The answer is no fetch Response either: building one and reading it back as
 * text cost about 0.1 ms for a month of availability.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FetchLike, UpstreamResponse } from './upstream.js';

const NULL_BODY = new Set([101, 204, 205, 304]);

function decoded(res: IncomingMessage, body: Buffer): Buffer {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  return body;
}

/** UTF-8 as fetch's `text()` reads it: a leading byte-order mark dropped, bad bytes replaced. */
function textOf(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The answer's headers as `Headers.get` reads them: lower-case names, repeated values joined. */
function headersOf(res: IncomingMessage): UpstreamResponse['headers'] {
  return {
    get(name) {
      const key = name.toLowerCase();
      if (key === 'content-encoding' || key === 'content-length') return null;
      const value = res.headers[key];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function plainHeaders(given: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' };
  if (!given) return headers;
  if (given instanceof Headers || Array.isArray(given)) new Headers(given).forEach((value, name) => (headers[name] = value));
  else for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
  return headers;
}

export function keepAliveFetch(): FetchLike {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  return (input, init) => {
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    const method = init.method ?? 'GET';
    const headers = plainHeaders(init.headers);
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (init.body != null && body === undefined) throw new TypeError('keepAliveFetch sends text bodies only');
    // A booking goes on a fresh socket: a kept-alive one the server closed while idle would fail
    // it with a reset after it may have left, turning "never sent" into "may have been made".
    const agent = method !== 'GET' ? false : secure ? https : http;
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const fail = (error: unknown) => reject(new TypeError('fetch failed', { cause: error }));
      const req = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          try {
            const status = res.statusCode ?? 0;
            const text = NULL_BODY.has(status) ? '' : textOf(decoded(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
            resolve({ status, headers: headersOf(res), text: () => Promise.resolve(text) });
          } catch (error) {
            fail(error);
          }
        });
      });
      // A GET on a kept-alive socket the server had closed fails too; the widget's reads retry it.
      req.on('error', fail);
      req.end(body);
    });
  };
}
