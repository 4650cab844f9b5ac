/**
 * The proxy's calls to Staymod on node:http with keep-alive agents: fetch's
 * machinery (spec layers, a WebAssembly HTTP parser, body streams) cost about as
 * much CPU per availability request as the rest of the proxy. Only what
 * `exchange` needs: status, headers, the body (gzip or brotli decoded), an abort
 * signal, no redirects followed, and failures shaped as fetch's (`TypeError` with
 * the socket error as `cause`, so a refused connection still reads as "never connected").
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FetchLike } from './upstream.js';

const NULL_BODY = new Set([101, 204, 205, 304]);

function decoded(res: IncomingMessage, body: Buffer): Buffer {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  return body;
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined || name === 'content-encoding' || name === 'content-length') continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

export function keepAliveFetch(): FetchLike {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });
  return (input, init) => {
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' };
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (init.body != null && body === undefined) throw new TypeError('keepAliveFetch sends text bodies only');
    // A booking goes on a fresh socket: a kept-alive one the server closed while idle would fail
    // it with a reset after it may have left, turning "never sent" into "may have been made".
    const agent = method !== 'GET' ? false : secure ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const fail = (error: unknown) => reject(new TypeError('fetch failed', { cause: error }));
      const req = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          try {
            const status = res.statusCode ?? 0;
            const bytes = NULL_BODY.has(status) ? null : new Uint8Array(decoded(res, Buffer.concat(chunks)));
            resolve(new Response(bytes, { status, headers: headersOf(res) }));
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
