/** `STAYMOD_PMS=cloudbeds|guesty` and each system's variables, for the CLI (and the demo). */
import { listOf } from '../options.js';
import { cloudbedsPms } from './cloudbeds.js';
import { guestyPms } from './guesty.js';
import type { PmsDefinition } from './types.js';

type Env = Record<string, string | undefined>;

export const PMS_USAGE = `  STAYMOD_PMS            staymod (default), cloudbeds or guesty
  Cloudbeds: CLOUDBEDS_API_KEY, CLOUDBEDS_PROPERTY_ID, CLOUDBEDS_GUEST_COUNTRY (ISO-2 sent with every
             reservation), CLOUDBEDS_API_BASE (default https://api.cloudbeds.com/api/v1.3)
  Guesty:    GUESTY_CLIENT_ID, GUESTY_CLIENT_SECRET, GUESTY_LISTING_IDS (comma-separated: the rooms shown),
             GUESTY_PROPERTY_ID (the id the widget uses, default "guesty"), GUESTY_API_BASE, GUESTY_TOKEN_URL,
             optional GUESTY_OPEN_API_CLIENT_ID, GUESTY_OPEN_API_CLIENT_SECRET, GUESTY_OPEN_API_BASE
             (per-night prices from the Open API calendar)
`;

/** The system behind the proxy and the property ids it serves; `undefined` for Staymod; a message when something is missing. */
export function pmsFromEnv(env: Env): { pms: PmsDefinition; propertyIds: string[] } | undefined | string {
  const kind = (env['STAYMOD_PMS'] ?? 'staymod').trim().toLowerCase();
  const need = (...names: string[]) => {
    const missing = names.filter((n) => !env[n]?.trim());
    return missing.length ? `STAYMOD_PMS=${kind} needs ${missing.join(', ')}.` : undefined;
  };
  if (kind === 'staymod' || kind === '') return undefined;
  if (kind === 'cloudbeds') {
    const missing = need('CLOUDBEDS_API_KEY', 'CLOUDBEDS_PROPERTY_ID', 'CLOUDBEDS_GUEST_COUNTRY');
    if (missing) return missing;
    const pms = cloudbedsPms({ apiKey: env['CLOUDBEDS_API_KEY']!, apiBase: env['CLOUDBEDS_API_BASE'] || undefined, guestCountry: env['CLOUDBEDS_GUEST_COUNTRY']! });
    return { pms, propertyIds: listOf(env['CLOUDBEDS_PROPERTY_ID']) };
  }
  if (kind === 'guesty') {
    const missing = need('GUESTY_CLIENT_ID', 'GUESTY_CLIENT_SECRET', 'GUESTY_LISTING_IDS');
    if (missing) return missing;
    const propertyId = env['GUESTY_PROPERTY_ID']?.trim() || 'guesty';
    const openId = env['GUESTY_OPEN_API_CLIENT_ID']?.trim();
    const openSecret = env['GUESTY_OPEN_API_CLIENT_SECRET']?.trim();
    if (Boolean(openId) !== Boolean(openSecret)) return 'Set both GUESTY_OPEN_API_CLIENT_ID and GUESTY_OPEN_API_CLIENT_SECRET, or neither.';
    const pms = guestyPms({
      clientId: env['GUESTY_CLIENT_ID']!,
      clientSecret: env['GUESTY_CLIENT_SECRET']!,
      listingIds: env['GUESTY_LISTING_IDS']!,
      propertyId,
      apiBase: env['GUESTY_API_BASE'] || undefined,
      tokenUrl: env['GUESTY_TOKEN_URL'] || undefined,
      openApi: openId && openSecret ? { clientId: openId, clientSecret: openSecret, base: env['GUESTY_OPEN_API_BASE'] || undefined } : undefined,
    });
    return { pms, propertyIds: [propertyId] };
  }
  return `STAYMOD_PMS must be staymod, cloudbeds or guesty (got "${kind}").`;
}
