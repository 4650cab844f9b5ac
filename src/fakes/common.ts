/**
 * What the PMS fakes share: a node:http server, the sandbox's admin shape
 * (`/__sandbox/state|reset|faults`), fault injection by route name, and
 * form bodies with bracketed arrays (`rooms[0][roomTypeID]=...`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener, type NodeRequestContext } from '../server/node-adapter.js';

export interface FakeFault {
  /** A route name of the fake (e.g. `postReservation`, `quotes`) or `*`. */
  route: string;
  status?: number;
  body?: unknown;
  malformedJson?: boolean;
  hang?: boolean;
  drop?: boolean;
  latencyMs?: number;
  times?: number;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

export class FaultList {
  #faults: FakeFault[] = [];
  add(fault: FakeFault): void {
    this.#faults.push({ ...fault });
  }
  clear(): void {
    this.#faults = [];
  }
  list(): FakeFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }
  take(route: string): FakeFault | undefined {
    const index = this.#faults.findIndex((f) => f.route === route || f.route === '*');
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    if (fault.times !== undefined && --fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }
}

function parseFault(input: unknown): FakeFault | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'A fault must be a JSON object.';
  const fault = input as Record<string, unknown>;
  if (typeof fault['route'] !== 'string' || !fault['route']) return 'route is required (a route name or "*").';
  for (const name of ['status', 'latencyMs', 'times']) {
    if (fault[name] !== undefined && (typeof fault[name] !== 'number' || !Number.isInteger(fault[name]))) return `${name} must be an integer.`;
  }
  return fault as unknown as FakeFault;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Plays a fault; a 2xx fault on a write does the write for real and spoils only the answer. */
export async function playFault(fault: FakeFault, isWrite: boolean, context: NodeRequestContext, proceed: () => Promise<Response>): Promise<Response> {
  if (fault.latencyMs) await sleep(fault.latencyMs, context.signal);
  if (fault.drop) {
    context.drop();
    return new Response(null, { status: 204 });
  }
  if (fault.hang) {
    await new Promise<void>((resolve) => (context.signal.aborted ? resolve() : context.signal.addEventListener('abort', () => resolve(), { once: true })));
    return new Response(null, { status: 204 });
  }
  const answers = fault.malformedJson || fault.status !== undefined || fault.body !== undefined;
  const status = fault.status ?? (fault.malformedJson ? 200 : 500);
  if (isWrite && answers && status >= 200 && status < 300 && !fault.body) await proceed();
  if (fault.malformedJson) return new Response('{"success": true, "data": [{"id', { status, headers: { 'content-type': 'application/json' } });
  if (answers) return json(status, fault.body ?? { error: 'Injected fault' });
  return proceed();
}

export interface AdminHooks {
  state(): unknown;
  reset(): void;
  faults: FaultList;
  /** Extra admin routes of one fake (`POST /__sandbox/reservations`...). */
  extra?(request: Request, path: string): Promise<Response | undefined>;
}

/** `/__sandbox/state` (GET), `/__sandbox/reset` (POST), `/__sandbox/faults` (GET, POST, DELETE). */
export async function handleAdmin(request: Request, path: string, hooks: AdminHooks): Promise<Response> {
  const method = request.method;
  if (path === '/__sandbox/state' && method === 'GET') return json(200, hooks.state());
  if (path === '/__sandbox/reset' && method === 'POST') {
    hooks.reset();
    hooks.faults.clear();
    return json(200, { ok: true });
  }
  if (path === '/__sandbox/faults') {
    if (method === 'GET') return json(200, { faults: hooks.faults.list() });
    if (method === 'DELETE') {
      hooks.faults.clear();
      return json(200, { ok: true });
    }
    if (method === 'POST') {
      const fault = parseFault(await request.json().catch(() => undefined));
      if (typeof fault === 'string') return json(400, { error: fault });
      hooks.faults.add(fault);
      return json(201, { fault });
    }
  }
  return (await hooks.extra?.(request, path)) ?? json(404, { error: 'Unknown admin route.' });
}

/**
 * A form body as the PHP-style servers behind these APIs read it:
 * `rooms[0][roomTypeID]=5&rooms[0][quantity]=1` -> `{ rooms: { 0: { roomTypeID, quantity } } }`.
 */
export function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!parts) continue;
    const path = [parts[1]!, ...[...parts[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] = typeof node[part] === 'object' && node[part] !== null ? node[part] : {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** The values of a parsed bracket array, in index order. */
export function formList(value: unknown): Array<Record<string, string>> {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => (value as Record<string, Record<string, string>>)[k]!)
    .filter((v) => typeof v === 'object' && v !== null);
}

export interface RunningFake {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listenFake(handler: (request: Request, context: NodeRequestContext) => Promise<Response>, port = 0, host = '127.0.0.1'): Promise<RunningFake> {
  const server = createServer(toNodeListener(handler, { maxBodyBytes: 64 * 1024 }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    port: actual,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Today as the fake sees it: frozen, or the real UTC date. */
export function todayOf(frozen: string | undefined): string {
  return frozen ?? new Date().toISOString().slice(0, 10);
}
