/**
 * keepAliveFetch, the proxy's node:http client for Staymod: what `exchange`
 * relies on from fetch (decoded bodies, statuses, no redirects followed, failures
 * shaped as fetch's) holds against a real server.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { keepAliveFetch } from '../../src/proxy/node-fetch.js';

let server: Server;
let base = '';
const seen: Array<{ method: string; body: string; headers: Record<string, unknown>; socket: number }> = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', body, headers: req.headers, socket: req.socket.remotePort ?? 0 });
      const json = Buffer.from(JSON.stringify({ path: req.url, ok: true }));
      if (req.url === '/gzip') res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(json));
      else if (req.url === '/br') res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' }).end(brotliCompressSync(json));
      else if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/limited') res.writeHead(429, { 'retry-after': '7' }).end('{"error":"slow down"}');
      else if (req.url === '/empty') res.writeHead(204).end();
      else res.writeHead(201, { 'content-type': 'application/json' }).end(json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

describe('keepAliveFetch', () => {
  const fetch = keepAliveFetch();

  it('decodes gzip and brotli answers, as fetch does', async () => {
    for (const path of ['/gzip', '/br']) {
      const response = await fetch(`${base}${path}`, { method: 'GET', headers: { Accept: 'application/json' } });
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(await response.text()), { path, ok: true });
    }
  });

  it('sends the method, headers and text body given; answers status and headers as they came', async () => {
    const response = await fetch(`${base}/bookings`, { method: 'POST', headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' }, body: '{"a":1}' });
    assert.equal(response.status, 201);
    const last = seen[seen.length - 1]!;
    assert.equal(last.method, 'POST');
    assert.equal(last.body, '{"a":1}');
    assert.equal(last.headers['authorization'], 'Bearer k');
    const limited = await fetch(`${base}/limited`, { method: 'GET', headers: {} });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await fetch(`${base}/empty`, { method: 'GET', headers: {} })).status, 204);
  });

  it('keeps GETs on one socket, and sends a booking on a fresh one (a kept-alive socket closed by the server would make it "maybe sent")', async () => {
    const fetch = keepAliveFetch();
    const from = seen.length;
    await fetch(`${base}/a`, { method: 'GET' });
    await fetch(`${base}/b`, { method: 'GET' });
    await fetch(`${base}/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const [a, b, post] = seen.slice(from);
    assert.equal(a!.socket, b!.socket, 'the second GET reuses the kept-alive socket');
    assert.notEqual(post!.socket, a!.socket, 'the POST does not');
  });

  it('does not follow redirects', async () => {
    const response = await fetch(`${base}/moved`, { method: 'GET', headers: {}, redirect: 'manual' });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), '/elsewhere');
  });

  it('fails like fetch: a TypeError whose cause names a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(fetch(`http://127.0.0.1:${port}/rooms`, { method: 'GET', headers: {} }), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal((error.cause as { code?: string }).code, 'ECONNREFUSED');
      return true;
    });
  });

  it('stops when its signal aborts', async () => {
    const hang = createServer(() => {});
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const controller = new AbortController();
    const pending = fetch(`http://127.0.0.1:${(hang.address() as AddressInfo).port}/`, { method: 'GET', headers: {}, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, TypeError);
    hang.closeAllConnections();
    hang.close();
  });
});
