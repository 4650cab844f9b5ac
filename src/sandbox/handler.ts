/**
 * The sandbox as one fetch handler: Staymod's public API (api.ts) behind fault
 * injection and request counting, plus the admin API (admin.ts). Whatever
 * happens, the answer is JSON with CORS headers, never a crash.
 */
import type { NodeRequestContext } from '../server/node-adapter.js';
import { handleAdmin, type AdminDeps } from './admin.js';
import { handleApi, type ApiRoute } from './api.js';
import { playFault, type RouteName } from './faults.js';
import { errorJson, preflight } from './http.js';
import { icalFeed } from './ical.js';

export type SandboxDeps = AdminDeps;

const API_PREFIX = /^\/api\/public\/v1\/properties\/([^/]*)\/(.+)$/;
const ICAL_FEED = /^\/api\/public\/ical\/rooms\/([^/]+)\/([^/]+)$/;

/** The route of a Staymod path and the methods it answers, or undefined. */
function matchRoute(rest: string): { route: ApiRoute; methods: string[] } | undefined {
  switch (rest) {
    case 'rooms':
    case 'room-availability':
    case 'booking-options':
      return { route: { name: rest }, methods: ['GET'] };
    case 'bookings':
      return { route: { name: 'bookings' }, methods: ['GET', 'POST'] };
  }
  const one = /^bookings\/([^/]+)$/.exec(rest);
  return one ? { route: { name: 'booking', bookingId: decode(one[1]!) }, methods: ['GET'] } : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function routeName(route: ApiRoute): RouteName {
  return route.name === 'booking' ? 'bookings' : route.name;
}

export function createSandboxHandler(deps: SandboxDeps) {
  return async (request: Request, context: NodeRequestContext): Promise<Response> => {
    try {
      const path = new URL(request.url).pathname;
      if (path === '/__sandbox' || path.startsWith('/__sandbox/')) return await handleAdmin(request, path, deps);
      const ical = ICAL_FEED.exec(path);
      if (ical) return icalFeed(request, decode(ical[1]!), decode(ical[2]!), deps.store);
      if (request.method === 'OPTIONS') return preflight(request);

      const api = API_PREFIX.exec(path);
      const matched = api ? matchRoute(api[2]!) : undefined;
      if (!api || !matched) {
        if (path === '/') {
          return errorJson(request, 404, 'This is the Staymod sandbox: the API is under /api/public/v1/properties/{propertyId}/..., the admin API under /__sandbox/state.');
        }
        return errorJson(request, 404, 'Not found.');
      }
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (!matched.methods.includes(method)) {
        return errorJson(request, 405, 'Method not allowed.', { allow: [...matched.methods, 'OPTIONS'].join(', ') });
      }

      const name = routeName(matched.route);
      deps.stats.count(name);
      const proceed = (options?: { failAfterInsert?: string }) =>
        handleApi(request, decode(api[1]!), matched.route, deps.store, deps.keys, options);
      const fault = deps.faults.take(name);
      return fault ? await playFault(fault, name, request, context, proceed) : await proceed();
    } catch (error) {
      console.error('[sandbox] unexpected error:', error);
      return errorJson(request, 500, 'Sandbox internal error.');
    }
  };
}
