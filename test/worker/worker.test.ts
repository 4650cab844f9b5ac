/**
 * The Workers entry (src/proxy/worker.ts) inside real workerd via Miniflare,
 * against the real sandbox over HTTP: the shared case table plus the
 * worker-only configuration errors.
 *
 *   node --import tsx --test test/worker/*.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { utcDateKey } from '../../src/domain/dates.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { ALLOWED_ORIGIN, call, proxyCases, TIMEOUT_MS, type Harness } from './proxy-cases.js';

const ENTRY = fileURLToPath(new URL('../../src/proxy/worker.ts', import.meta.url));

let sandbox: RunningSandbox;
let mf: Miniflare;
let workDir: string;
let script: string;
let h: Harness;

before(async () => {
  // The proxy refuses past stays by its real clock, so the sandbox's today is the real one too.
  sandbox = await startSandbox({ port: 0, today: utcDateKey(Date.now()) });
  workDir = await mkdtemp(join(tmpdir(), 'staymod-worker-'));
  const outfile = join(workDir, 'worker.mjs');
  await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    outfile,
    logLevel: 'silent',
  });
  script = await readFile(outfile, 'utf8');
  const bindings = {
    STAYMOD_API_KEY: sandbox.demo.keys.full,
    STAYMOD_PROPERTY_IDS: ` ${sandbox.demo.propertyId} `,
    ALLOWED_ORIGINS: `${ALLOWED_ORIGIN}, https://www.hotel.example`,
    STAYMOD_UPSTREAM: sandbox.url,
    STAYMOD_TIMEOUT_MS: String(TIMEOUT_MS),
  };
  const worker = (name: string, extra: Record<string, string>) => ({
    name,
    modules: true,
    script,
    compatibilityDate: '2025-01-01',
    bindings: { ...bindings, ...extra },
  });
  mf = new Miniflare({
    workers: [
      worker('proxy', {}),
      worker('unconfigured', { STAYMOD_API_KEY: '', STAYMOD_PROPERTY_IDS: '' }),
      worker('bad-key', { STAYMOD_API_KEY: sandbox.demo.keys.inactive }),
      worker('bad-ids', { STAYMOD_PROPERTY_IDS: 'not-an-id' }),
    ],
  });
  const url = await mf.ready;
  h = {
    demo: sandbox.demo,
    secret: sandbox.demo.keys.full,
    url: (path) => new URL(path, url).href,
    client: (id) => ({ 'cf-connecting-ip': id }),
    sandboxUrl: sandbox.url,
  };
});

after(async () => {
  await mf?.dispose();
  await sandbox?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('proxy inside workerd (shared cases)', () => {
  it('bundles without any Node built-in', () => {
    assert.ok(!/from\s*["']node:/.test(script) && !/require\(["']node:/.test(script));
    assert.ok(!script.includes(sandbox.demo.keys.full), 'the key is a binding, not in the bundle');
  });
  proxyCases.forEach((c, i) => {
    it(c.name, () => c.run(h, `203.0.113.${i + 1}`));
  });
});

describe('worker configuration errors', () => {
  const rooms = () => `http://proxy.test/api/public/v1/properties/${sandbox.demo.propertyId}/rooms`;

  async function fetchFrom(name: string) {
    // Miniflare types the worker as a workers-types Fetcher; only its fetch is used here.
    const worker = (await mf.getWorker(name)) as unknown as { fetch(url: string): Promise<Response> };
    // No Origin: Miniflare's own entry refuses one on this direct path ("Invalid Origin").
    const response = await worker.fetch(rooms());
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as { error: string } };
  }

  it('a worker without its key or property ids answers 500 naming the missing binding', async () => {
    const res = await fetchFrom('unconfigured');
    assert.equal(res.status, 500);
    assert.match(res.json.error, /not configured: set the STAYMOD_API_KEY secret/);
  });

  it('a bad property id binding is named', async () => {
    const res = await fetchFrom('bad-ids');
    assert.equal(res.status, 500);
    assert.match(res.json.error, /"not-an-id" is not a Staymod property id/);
    assert.ok(!res.text.includes(sandbox.demo.keys.full));
  });

  it('a key Staymod refuses becomes a 502 for the host, without the key', async () => {
    const res = await fetchFrom('bad-key');
    assert.equal(res.status, 502);
    assert.match(res.json.error, /misconfigured.*Invalid API key/);
    assert.ok(!res.text.includes(sandbox.demo.keys.inactive));
  });

  it('the second allowed origin from the comma list works too', async () => {
    const res = await call(h, `/api/public/v1/properties/${sandbox.demo.propertyId}/booking-options`, {
      headers: { origin: 'https://www.hotel.example', ...h.client('203.0.113.200') },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://www.hotel.example');
  });
});
