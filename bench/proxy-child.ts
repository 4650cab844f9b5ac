/**
 * A server in its own process (so on its own core), for the requests/s benchmark:
 *   proxy <upstream> <apiKey> <propertyId>   the staymod proxy, cache on
 *   bare <file>                              node:http answering the file's bytes as JSON
 * Prints `{"url": "..."}` on its first line, then serves until killed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createNodeProxyServer } from '../src/proxy/node.js';

const [mode, ...args] = process.argv.slice(2);
let server: Server;
if (mode === 'proxy') {
  const [upstream, apiKey, propertyId] = args as [string, string, string];
  server = createNodeProxyServer({ apiKey, propertyIds: [propertyId], upstream, rateLimit: false, logger: { info() {}, warn() {}, error() {} } });
} else if (mode === 'bare') {
  const body = readFileSync(args[0]!);
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
} else {
  console.error('usage: proxy-child.ts proxy <upstream> <apiKey> <propertyId> | bare <file>');
  process.exit(2);
}
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
