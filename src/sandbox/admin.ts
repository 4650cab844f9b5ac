/**
 * The sandbox's own admin API under `/__sandbox/` (never part of Staymod's surface):
 * no auth, open CORS. State, reset, today, faults, request stats, demo images, and the
 * data changes of admin-data.ts.
 */
import { isDateKey } from '../domain/dates.js';
import { handleDataAdmin } from './admin-data.js';
import { parseFault, type Fault, type FaultQueue } from './faults.js';
import { readJson } from './http.js';
import { renderImage } from './images.js';
import type { RequestStats } from './stats.js';
import type { SandboxStore } from './store.js';
import type { ApiKeyRecord } from './types.js';

export interface AdminDeps {
  store: SandboxStore;
  keys: readonly ApiKeyRecord[];
  faults: FaultQueue;
  stats: RequestStats;
}

export function adminCors(request: Request): Record<string, string> {
  return {
    'access-control-allow-origin': request.headers.get('origin') || '*',
    vary: 'Origin',
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': 'Content-Type',
    'access-control-max-age': '86400',
  };
}

function answer(request: Request, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...adminCors(request), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function state(deps: AdminDeps) {
  const { store } = deps;
  return {
    today: store.today(),
    frozenToday: store.data.frozenToday,
    raceWindowMs: store.raceWindowMs,
    timeZone: store.timeZone,
    properties: store.data.properties.map((p) => ({ id: p._id, name: p.name, orgId: p.orgId, active: p.isActive !== false })),
    keys: deps.keys.map((k) => ({
      key: k.key,
      name: k.name,
      purpose: k.purpose,
      scopes: k.scopes,
      allowedOrigins: k.allowedOrigins ?? [],
      allowedIps: k.allowedIps ?? [],
      propertyIds: k.propertyIds ?? [],
      expired: k.expired ?? false,
      active: k.isActive,
    })),
    bookings: store.data.bookings.length,
    faults: deps.faults.list(),
  };
}

const ROUTES: Record<string, string[]> = {
  '/__sandbox': ['GET'],
  '/__sandbox/state': ['GET'],
  '/__sandbox/reset': ['POST'],
  '/__sandbox/today': ['POST'],
  '/__sandbox/faults': ['GET', 'POST', 'DELETE'],
  '/__sandbox/stats': ['GET'],
  '/__sandbox/stats/reset': ['POST'],
};

/** Answers an admin path (the caller checked the `/__sandbox` prefix). */
export async function handleAdmin(request: Request, path: string, deps: AdminDeps): Promise<Response> {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (method === 'OPTIONS') return new Response(null, { status: 204, headers: adminCors(request) });

  const image = /^\/__sandbox\/images\/([a-z0-9-]+)\.svg$/.exec(path);
  if (image) {
    const svg = method === 'GET' ? renderImage(image[1]!) : undefined;
    if (svg === undefined) return answer(request, 404, { error: 'No such image.' });
    return new Response(svg, {
      headers: { ...adminCors(request), 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
    });
  }

  const data = await handleDataAdmin(request, path, method, deps.store);
  if (data) return answer(request, data.status, data.body, data.allow ? { allow: data.allow.join(', ') } : {});

  const allowed = ROUTES[path];
  if (!allowed) return answer(request, 404, { error: `No sandbox admin route ${path}.` });
  if (!allowed.includes(method)) {
    return answer(request, 405, { error: `Method ${method} not allowed on ${path}.` }, { allow: allowed.join(', ') });
  }

  const { store, faults, stats } = deps;
  switch (`${method} ${path}`) {
    case 'GET /__sandbox':
    case 'GET /__sandbox/state':
      return answer(request, 200, state(deps));
    case 'POST /__sandbox/reset':
      store.reset();
      faults.clear();
      return answer(request, 200, { ok: true, today: store.today() });
    case 'POST /__sandbox/today': {
      const body = await readJson(request);
      if (!body.ok) return answer(request, 400, { error: body.error });
      const value = body.value as { today?: unknown; reset?: unknown } | null;
      const today = value && typeof value === 'object' ? value.today : undefined;
      if (today !== null && !isDateKey(today)) {
        return answer(request, 400, { error: 'today must be a YYYY-MM-DD date (or null to follow the clock).' });
      }
      if (value!.reset !== undefined && typeof value!.reset !== 'boolean') {
        return answer(request, 400, { error: 'reset must be true or false.' });
      }
      store.setToday(today, value!.reset !== false);
      return answer(request, 200, { ok: true, today: store.today(), frozenToday: store.data.frozenToday });
    }
    case 'GET /__sandbox/faults':
      return answer(request, 200, { faults: faults.list() });
    case 'POST /__sandbox/faults': {
      const body = await readJson(request);
      if (!body.ok) return answer(request, 400, { error: body.error });
      const inputs = Array.isArray(body.value) ? body.value : [body.value];
      const parsed: Fault[] = [];
      for (const [i, input] of inputs.entries()) {
        const fault = parseFault(input);
        if (typeof fault === 'string') {
          return answer(request, 400, { error: inputs.length > 1 ? `Fault ${i}: ${fault}` : fault });
        }
        parsed.push(fault);
      }
      for (const fault of parsed) faults.add(fault);
      return answer(request, 201, { faults: faults.list() });
    }
    case 'DELETE /__sandbox/faults':
      faults.clear();
      return answer(request, 200, { faults: [] });
    case 'GET /__sandbox/stats':
      return answer(request, 200, { requests: stats.snapshot() });
    case 'POST /__sandbox/stats/reset':
      stats.reset();
      return answer(request, 200, { requests: stats.snapshot() });
    default:
      return answer(request, 404, { error: `No sandbox admin route ${path}.` });
  }
}
