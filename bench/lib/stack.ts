/**
 * What the benchmark runs against, all on loopback: a Staymod sandbox whose every
 * answer (preflights included, as on a real network) waits `latency.ms`, and a
 * host site serving the built widget and the benchmark's pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { build } from 'esbuild';
import { DEMO, DEMO_API_KEYS } from '../../src/sandbox/demo-data.js';
import { FaultQueue } from '../../src/sandbox/faults.js';
import { createSandboxHandler } from '../../src/sandbox/handler.js';
import { RequestStats } from '../../src/sandbox/stats.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { toNodeListener } from '../../src/server/node-adapter.js';

export const TODAY = '2027-01-15';

export interface BenchStack {
  sandboxUrl: string;
  hostUrl: string;
  store: SandboxStore;
  stats: RequestStats;
  /** Added to every sandbox answer (set it, it applies from the next request). */
  latency: { ms: number };
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page with the widget (attributes from the query string) and a watcher for the first priced frame. */
function widgetPage(query: URLSearchParams): string {
  const attrs = [...query].filter(([k]) => k !== 'count').map(([k, v]) => `${k}="${v.replace(/"/g, '&quot;')}"`).join(' ');
  const count = Number(query.get('count') ?? 1);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/dist/staymod-booking.js"></script></head>
<body style="margin:0;width:960px">${Array.from({ length: count }, () => `<staymod-booking ${attrs}></staymod-booking>`).join('')}
<script type="module">
  const priced = () => document.querySelector('staymod-booking')?.shadowRoot?.querySelector('staymod-calendar')?.shadowRoot?.querySelector('button[data-date][aria-label*="₹"]');
  const watch = () => { if (priced()) { window.__pricedAt = performance.now(); } else requestAnimationFrame(watch); };
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

export async function startBenchStack(): Promise<BenchStack> {
  const latency = { ms: 0 };
  const store = new SandboxStore({ today: TODAY });
  const stats = new RequestStats();
  const handler = createSandboxHandler({ store, keys: DEMO_API_KEYS, faults: new FaultQueue(), stats });
  const sandbox = createServer(
    toNodeListener(async (request, context) => {
      if (latency.ms) await sleep(latency.ms);
      return handler(request, context);
    }),
  );
  const sandboxUrl = await listen(sandbox);

  const emptyLit = (await build({ stdin: { contents: EMPTY_LIT, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' })).outputFiles[0]!.text;
  const root = process.cwd();
  const host = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (url.pathname === '/widget.html') return send('text/html; charset=utf-8', widgetPage(url.searchParams));
      if (url.pathname === '/baseline.html') return send('text/html; charset=utf-8', baselinePage(url.searchParams.get('target') ?? ''));
      if (url.pathname === '/empty-lit.html') return send('text/html; charset=utf-8', '<!doctype html><html><body><script type="module" src="/empty-lit.js"></script></body></html>');
      if (url.pathname === '/empty-lit.js') return send('text/javascript; charset=utf-8', emptyLit);
      const path = normalize(url.pathname);
      if (path.startsWith('/dist/')) return send(path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'application/octet-stream', await readFile(join(root, path)));
      res.writeHead(404).end();
    } catch {
      res.writeHead(404).end();
    }
  });
  const hostUrl = await listen(host);

  return {
    sandboxUrl,
    hostUrl,
    store,
    stats,
    latency,
    async close() {
      await closeServer(host);
      await closeServer(sandbox);
    },
  };
}

/** The widget's attributes in direct mode (the full key: the bench host's port is not in the widget key's origins). */
export function directAttrs(stack: BenchStack): Record<string, string> {
  return { 'property-id': DEMO.propertyId, 'api-key': DEMO.keys.full, 'api-base': stack.sandboxUrl, today: TODAY };
}
