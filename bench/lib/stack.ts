/**
 * What the benchmark runs against, all on loopback: a Staymod sandbox in its own
 * process whose every answer (preflights included, as on a real network) waits
 * the latency set, and a host site serving the built widget and the benchmark's pages
 * (compressed for a browser that accepts it, as any static host or CDN does, with the proxy's
 * own negotiation and compressor).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { pickEncoding, type Bytes, type Encoding } from '../../src/proxy/encoding.js';
import { nodeCompressor } from '../../src/proxy/node.js';
import { build } from 'esbuild';
import { DEMO } from '../../src/sandbox/demo-data.js';
import type { RouteName } from '../../src/sandbox/faults.js';
import { startChild } from './children.js';
import { TODAY } from './today.js';

export { TODAY };

export interface BenchStack {
  sandboxUrl: string;
  hostUrl: string;
  /** The latency last set (ms). */
  latency: number;
  /** Added to every later sandbox answer. */
  setLatency(ms: number): Promise<void>;
  /** Whether the sandbox compresses its answers for clients that accept it (off at the start). */
  setCompression(on: boolean): Promise<void>;
  /** Upstream calls per route so far. */
  stats(): Promise<Record<RouteName, number>>;
  /** Copies of the demo's rooms until the property has `total`; the count. */
  growRooms(total: number): Promise<number>;
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A page with the widget (attributes from the query string) and a watcher for the first priced frame. */
function widgetPage(query: URLSearchParams): string {
  const attrs = [...query].filter(([k]) => k !== 'count' && k !== 'build').map(([k, v]) => `${k}="${v.replace(/"/g, '&quot;')}"`).join(' ');
  const count = Number(query.get('count') ?? 1);
  // bench/ab.ts: a build of its own (served from /build/<name>/), else dist/.
  const build = query.get('build');
  const script = build && /^\w+$/.test(build) ? `/build/${build}/staymod-booking.js` : '/dist/staymod-booking.js';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="${script}"></script></head>
<body style="margin:0;width:960px">${Array.from({ length: count }, () => `<staymod-booking ${attrs}></staymod-booking>`).join('')}
<script type="module">
  const priced = () => document.querySelector('staymod-booking')?.shadowRoot?.querySelector('staymod-calendar')?.shadowRoot?.querySelector('button[data-date][aria-label*="₹"]');
  // Told by a console message: polling from the bench would run Playwright's injected script in the page mid-load.
  // Checked once each frame is drawn (a message posted from the frame's callbacks runs after its
  // rendering): the time is that of the first frame drawn with a price, whether the widget put the
  // prices in before the frame or in its own frame callback (checked at the frame's start, the first
  // would skip that frame's layout and paint; the second would be seen a frame late).
  const after = new MessageChannel();
  const watch = () => after.port2.postMessage(0);
  after.port1.onmessage = () => {
    if (!priced()) return requestAnimationFrame(watch);
    window.__pricedAt = performance.now();
    console.debug('staymod-bench:priced');
  };
  if (${count} > 0) requestAnimationFrame(watch);
</script></body></html>`;
}

/** The baseline page: one plain fetch to the sandbox, as soon as the page runs. */
function baselinePage(target: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title></head><body>
<script type="module">
  const response = await fetch(${JSON.stringify(target)});
  await response.text();
  window.__doneAt = performance.now();
  // After the measured time: what this fresh page's first Intl objects cost (ICU's locale data,
  // paid once per renderer), the least a priced frame adds over a plain fetch (a price and a month name).
  const t = performance.now();
  document.body.textContent = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format(4500) + new Intl.DateTimeFormat('en-IN', { month: 'long' }).format(0);
  window.__intlMs = performance.now() - t;
  console.debug('staymod-bench:done');
</script></body></html>`;
}

const EMPTY_LIT = `
import { LitElement, html } from 'lit';
class BenchEmpty extends LitElement {
  static properties = { n: { type: Number } };
  constructor() { super(); this.n = 0; }
  render() { return html\`\${this.n}\`; }
}
customElements.define('bench-empty', BenchEmpty);
/** Mean time of one re-render (property set, update, layout) over n. */
window.__emptyRerender = async (n) => {
  const el = document.createElement('bench-empty');
  document.body.append(el);
  await el.updateComplete;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) { el.n++; await el.updateComplete; document.body.offsetHeight; }
  const t = (performance.now() - t0) / n;
  el.remove();
  return t;
};`;

/** `builds`: other builds of the script-tag files (name to directory), served at /build/<name>/ for bench/ab.ts. */
export async function startBenchStack(builds: Record<string, string> = {}): Promise<BenchStack> {
  const sandbox = await startChild(['sandbox']);
  const sandboxUrl = sandbox.url;
  const controlJson = async (path: string) => (await (await fetch(`${sandboxUrl}/__bench/${path}`, { method: 'POST' })).json()) as unknown;

  const emptyLit = (await build({ stdin: { contents: EMPTY_LIT, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' })).outputFiles[0]!.text;
  const root = process.cwd();
  const compressed = new Map<string, Bytes>();
  const host = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const encoding = pickEncoding(req.headers['accept-encoding'] ?? null);
    const write = (type: string, body: string | Uint8Array, packed: Encoding | null) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...(packed ? { 'content-encoding': packed, vary: 'Accept-Encoding' } : {}) });
      res.end(body);
    };
    const pack = (body: string | Uint8Array) => nodeCompressor((typeof body === 'string' ? Buffer.from(body) : body) as Bytes, encoding!);
    const send = (type: string, body: string) => (encoding ? write(type, pack(body), encoding) : write(type, body, null));
    try {
      if (url.pathname === '/widget.html') return send('text/html; charset=utf-8', widgetPage(url.searchParams));
      if (url.pathname === '/baseline.html') return send('text/html; charset=utf-8', baselinePage(url.searchParams.get('target') ?? ''));
      if (url.pathname === '/empty-lit.html') return send('text/html; charset=utf-8', '<!doctype html><html><body><script type="module" src="/empty-lit.js"></script></body></html>');
      if (url.pathname === '/empty-lit.js') return send('text/javascript; charset=utf-8', emptyLit);
      const path = normalize(url.pathname);
      const [, name, rest] = /^\/build\/([^/]+)(\/.+)$/.exec(path) ?? [];
      const build = name && Object.hasOwn(builds, name) ? builds[name] : undefined;
      const file = path.startsWith('/dist/') ? join(root, path) : build && rest ? join(build, rest) : undefined;
      if (file) {
        const type = path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'application/octet-stream';
        if (!encoding) return write(type, await readFile(file), null);
        // Compressed once, as a static host keeps its files: no compressing inside a timed load.
        const key = `${encoding} ${file}`;
        let packed = compressed.get(key);
        if (!packed) compressed.set(key, (packed = pack(await readFile(file))));
        return write(type, packed, encoding);
      }
      res.writeHead(404).end();
    } catch {
      res.writeHead(404).end();
    }
  });
  const hostUrl = await listen(host);

  const stack: BenchStack = {
    sandboxUrl,
    hostUrl,
    latency: 0,
    async setLatency(ms) {
      await controlJson(`latency?ms=${ms}`);
      stack.latency = ms;
    },
    async setCompression(on) {
      await controlJson(`compress?on=${on ? 1 : 0}`);
    },
    stats: async () => (await controlJson('stats')) as Record<RouteName, number>,
    growRooms: async (total) => ((await controlJson(`grow-rooms?total=${total}`)) as { rooms: number }).rooms,
    async close() {
      await closeServer(host);
      await sandbox.stop();
    },
  };
  return stack;
}

/** The widget's attributes in direct mode (the full key: the bench host's port is not in the widget key's origins). */
export function directAttrs(stack: BenchStack): Record<string, string> {
  return { 'property-id': DEMO.propertyId, 'api-key': DEMO.keys.full, 'api-base': stack.sandboxUrl, today: TODAY };
}
