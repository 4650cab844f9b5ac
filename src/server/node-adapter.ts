/**
 * Runs a standard `(Request) => Promise<Response>` handler on node:http. Shared by
 * the sandbox and the proxy's Node entry, so both speak the same fetch API that
 * edge runtimes use.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { knownBody } from './known-body.js';

export interface NodeRequestContext {
  /** The TCP peer address (not X-Forwarded-For). */
  remoteAddress: string;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Destroys the connection without an answer (for fault injection). */
  drop(): void;
}

export type ContextHandler = (request: Request, context: NodeRequestContext) => Promise<Response>;

export interface NodeListenerOptions {
  /** Largest request body accepted; larger ones get 413 before the handler runs. */
  maxBodyBytes?: number;
  /**
   * Builds the 413 answer (e.g. to add CORS headers). Gets the request without its
   * body. Default: JSON `{ error: "Request body exceeds N bytes." }`.
   */
  tooLarge?: (request: Request, maxBodyBytes: number) => Response | Promise<Response>;
  /**
   * Hand the body to the handler as the Request's stream instead of buffering it
   * first: nothing is read unless the handler reads it (after its own checks, with
   * its own cap and timeout). A body left unread closes the connection after the answer.
   */
  streamBody?: boolean;
}

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Past this much, an oversized body is no longer drained: the connection is cut. */
const DRAIN_LIMIT_FACTOR = 16;

/**
 * Reads the body up to a cap; `null` when the cap is exceeded. An oversized body is
 * still read (and discarded) up to a limit, so the client gets the 413 answer instead
 * of a reset connection while it is still sending.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const drainLimit = Math.max(max * DRAIN_LIMIT_FACTOR, 1024 * 1024);
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!over && size > max) {
        over = true;
        chunks.length = 0;
      }
      if (!over) chunks.push(chunk);
      else if (size > drainLimit) req.socket.destroy();
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the connection while sending the body'));
    });
  });
}

/**
 * The request body as a web stream, read from the socket only as the handler
 * pulls it. (Node 20's Readable.toWeb throws from a destroyed socket after a cancel.)
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        controller.error(error);
      };
      req.on('error', fail);
      req.on('close', () => {
        if (!req.complete) fail(new Error('client closed the connection while sending the body'));
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      settled = true;
      req.pause();
    },
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const PLAIN_HOST = /^(?:[a-z\d.-]+|\[[a-f\d:.]+\])(?::\d{1,5})?$/i;

/** The request URL, without trusting the Host header or the request target to be well formed. */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  const host = req.headers.host;
  // The usual case in one parse: a plain host[:port] and an origin-form target.
  if (host && PLAIN_HOST.test(host) && target.startsWith('/')) {
    try {
      return new URL(`http://${host}${target}`);
    } catch {
      // Falls through to the careful path.
    }
  }
  let base: URL;
  try {
    base = new URL(`http://${req.headers.host ?? 'localhost'}`);
  } catch {
    base = new URL('http://localhost');
  }
  if (target.startsWith('/')) {
    try {
      // Concatenate: `new URL('//x/y', base)` would read `//x` as a host.
      return new URL(`${base.origin}${target}`);
    } catch {
      return new URL(`${base.origin}/`);
    }
  }
  try {
    // Absolute-form target (`GET http://host/path`): keep only its path and query.
    const absolute = new URL(target);
    return new URL(`${base.origin}${absolute.pathname}${absolute.search}`);
  } catch {
    return new URL(`${base.origin}/`);
  }
}

async function bodyBytes(response: Response): Promise<Buffer> {
  const bytes = knownBody(response);
  if (!bytes) return Buffer.from(await response.arrayBuffer());
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function writeResponse(res: ServerResponse, response: Response, body: Buffer | undefined): void {
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    const prev = outHeaders[name];
    if (prev === undefined) outHeaders[name] = value;
    else outHeaders[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  });
  // `Headers` joins Set-Cookie values; keep them separate.
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length > 1) outHeaders['set-cookie'] = cookies;
  res.writeHead(response.status, outHeaders);
  res.end(body);
}

export function toNodeListener(handler: ContextHandler, options: NodeListenerOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    let dropped = false;
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const gone = () => dropped || res.destroyed || !res.socket || res.socket.destroyed;
    try {
      const url = requestUrl(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else headers.set(name, value);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      if (FORBIDDEN_METHODS.has(method)) {
        // The fetch API refuses to build such a Request: answer here rather than with a 500.
        json(res, 405, { error: `Method ${method} is not supported.` });
        return;
      }
      let body: Buffer | undefined;
      let stream: ReadableStream<Uint8Array> | undefined;
      if (options.streamBody && method !== 'GET' && method !== 'HEAD') {
        stream = bodyStream(req);
      } else if (method !== 'GET' && method !== 'HEAD') {
        const declared = Number(req.headers['content-length'] ?? 0);
        const read = declared > maxBodyBytes * DRAIN_LIMIT_FACTOR ? null : await readBody(req, maxBodyBytes);
        if (read === null) {
          if (gone()) return;
          const bare = new Request(url, { method, headers });
          const answer = options.tooLarge
            ? await options.tooLarge(bare, maxBodyBytes)
            : Response.json({ error: `Request body exceeds ${maxBodyBytes} bytes.` }, { status: 413 });
          // The rest of a huge body is not read: close the connection after answering.
          res.setHeader('connection', 'close');
          writeResponse(res, answer, Buffer.from(await answer.arrayBuffer()));
          return;
        }
        body = read;
      }
      const request = new Request(url, {
        method,
        headers,
        body: stream ?? (body && body.length > 0 ? new Uint8Array(body) : undefined),
        signal: controller.signal,
        ...(stream ? { duplex: 'half' } : {}),
      } as RequestInit);
      const response = await handler(request, {
        remoteAddress: req.socket.remoteAddress ?? '',
        signal: controller.signal,
        drop: () => {
          dropped = true;
          req.socket.destroy();
        },
      });
      if (gone()) return;
      const payload = response.body && method !== 'HEAD' ? await bodyBytes(response) : undefined;
      if (gone()) return;
      if (stream && !req.complete) {
        // The handler answered without the whole body (refused, limited, too slow): stop reading it.
        res.setHeader('connection', 'close');
        res.once('finish', () => req.socket.destroy());
      }
      writeResponse(res, response, payload);
    } catch (error) {
      if (gone()) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // Never leak internals: the message may contain secrets from the handler.
      console.error('[staymod] handler failed:', error instanceof Error ? error.name : 'error');
      json(res, 500, { error: 'Internal error.' });
    }
  };
}

/**
 * Answers what Node's HTTP parser refuses before any handler runs (bad bytes in a
 * header, ambiguous framing such as Content-Length with Transfer-Encoding, headers
 * over the size limit) with a JSON error like every other answer, instead of
 * Node's bare `400 Bad Request`; and a CONNECT (which Node would drop without a
 * word) with a JSON 405. The connection is closed, as Node does.
 */
export function jsonClientErrors<T extends Server>(server: T): T {
  const refuse = (socket: Duplex, status: number, reason: string, message: string) => {
    const body = JSON.stringify({ error: message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  };
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') refuse(socket, 431, 'Request Header Fields Too Large', 'The request headers are too large.');
    else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') refuse(socket, 408, 'Request Timeout', 'The request took too long to arrive.');
    else refuse(socket, 400, 'Bad Request', 'The request is not valid HTTP.');
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    refuse(socket, 405, 'Method Not Allowed', 'Method CONNECT is not supported.');
  });
  return server;
}
