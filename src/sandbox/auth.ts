/**
 * Staymod's API-key checks, in Staymod's order: bearer present, key known and
 * active, not expired, origin (only when an Origin header is sent), IP (first
 * X-Forwarded-For entry), scope, property.
 */
import type { ApiKeyRecord, Scope } from './types.js';

/** The demo organisation: keys without an `orgId` belong to it. */
export const DEMO_ORG_ID = 'org_2sandboxSeaBreezeDemo';

export function keyOrg(key: ApiKeyRecord): string {
  return key.orgId ?? DEMO_ORG_ID;
}

export type AuthResult = { ok: true; key: ApiKeyRecord } | { ok: false; status: 401 | 403; error: string };

function bearer(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim() || null;
}

function clean(list: string[] | undefined): string[] {
  return (list ?? []).map((s) => s.trim()).filter(Boolean);
}

export function authorize(
  request: Request,
  keys: readonly ApiKeyRecord[],
  scope: Exclude<Scope, '*'>,
  propertyId: string,
): AuthResult {
  const token = bearer(request.headers.get('authorization'));
  if (!token) return { ok: false, status: 401, error: 'Missing Bearer API key.' };
  const key = keys.find((k) => k.key === token);
  if (!key || !key.isActive) return { ok: false, status: 401, error: 'Invalid API key.' };
  if (key.expired) return { ok: false, status: 401, error: 'API key has expired.' };

  const origins = clean(key.allowedOrigins);
  const origin = request.headers.get('origin');
  // No Origin header (a server, curl, a copied key in a script): allowed. Staymod's weak spot.
  if (origins.length > 0 && origin && !origins.includes(origin)) {
    return { ok: false, status: 403, error: 'Origin not allowed for this API key.' };
  }

  const ips = clean(key.allowedIps);
  if (ips.length > 0) {
    const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (!first || !ips.includes(first)) return { ok: false, status: 403, error: 'IP not allowed for this API key.' };
  }

  if (!key.scopes.includes('*') && !key.scopes.includes(scope)) {
    return { ok: false, status: 403, error: 'API key scope does not allow this action.' };
  }

  const properties = key.propertyIds ?? [];
  if (properties.length > 0 && !properties.includes(propertyId)) {
    return { ok: false, status: 403, error: 'API key is not allowed for this property.' };
  }
  return { ok: true, key };
}
