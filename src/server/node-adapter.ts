/**
 * Runs a standard `(Request) => Promise<Response>` handler on node:http. Shared by
 * the sandbox and the proxy's Node entry, so both speak the same fetch API that
 * edge runtimes use.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

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
}

/** Reads the body up to a cap; `null` when the cap is exceeded. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function toNodeListener(handler: ContextHandler, options: NodeListenerOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    try {
      const host = req.headers.host ?? 'localhost';
      const url = new URL(req.url ?? '/', `http://${host}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else headers.set(name, value);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      let body: Buffer | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        const declared = Number(req.headers['content-length'] ?? 0);
        const read = declared > maxBodyBytes ? null : await readBody(req, maxBodyBytes);
        if (read === null) {
          json(res, 413, { error: `Request body exceeds ${maxBodyBytes} bytes.` });
          req.resume();
          return;
        }
        body = read;
      }
      const request = new Request(url, {
        method,
        headers,
        body: body && body.length > 0 ? new Uint8Array(body) : undefined,
        signal: controller.signal,
      });
      const response = await handler(request, {
        remoteAddress: req.socket.remoteAddress ?? '',
        signal: controller.signal,
        drop: () => req.socket.destroy(),
      });
      if (res.destroyed) return;
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        const prev = outHeaders[name];
        if (prev === undefined) outHeaders[name] = value;
        else outHeaders[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
      });
      res.writeHead(response.status, outHeaders);
      if (response.body && method !== 'HEAD') {
        res.end(Buffer.from(await response.arrayBuffer()));
      } else {
        res.end();
      }
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      // Never leak internals: the message may contain secrets from the handler.
      console.error('[staymod] handler failed:', error instanceof Error ? error.name : 'error');
      json(res, 500, { error: 'Internal error.' });
    }
  };
}
