/**
 * The proxy's adapter for a running fake, configured as docs/proxy.md tells a host to
 * configure it for the real system (Cloudbeds' guest country is a fixed 'MX').
 * One place for the demo, the e2e stack and the node suites.
 */
import { cloudbedsPms } from '../proxy/adapters/cloudbeds.js';
import { guestyPms, type GuestyOptions } from '../proxy/adapters/guesty.js';
import type { PmsDefinition } from '../proxy/adapters/types.js';
import type { StaymodProxyOptions } from '../proxy/options.js';
import type { RunningCloudbedsFake } from './cloudbeds/server.js';
import type { RunningGuestyFake } from './guesty/server.js';

export function cloudbedsPmsFor(fake: RunningCloudbedsFake): PmsDefinition {
  return cloudbedsPms({ apiKey: fake.demo.apiKey, apiBase: fake.apiBase, guestCountry: 'MX' });
}

/**
 * Guesty's Booking Engine API on the fake; with `withOpenApi: true` also its Open API (per-night
 * prices). `extra` overrides any option, for tests of a misconfigured host.
 */
export function guestyPmsFor(fake: RunningGuestyFake, { withOpenApi = false, ...extra }: { withOpenApi?: boolean } & Partial<GuestyOptions> = {}): PmsDefinition {
  return guestyPms({
    clientId: fake.demo.beClientId,
    clientSecret: fake.demo.beClientSecret,
    listingIds: fake.listingIds,
    propertyId: fake.demo.propertyId,
    apiBase: fake.url,
    tokenUrl: `${fake.url}/oauth2/token`,
    ...(withOpenApi ? { openApi: { clientId: fake.demo.oaClientId, clientSecret: fake.demo.oaClientSecret, base: fake.url } } : {}),
    ...extra,
  });
}

/**
 * A proxy in front of the Guesty fake for the node suites: nothing cached (every call reaches
 * Guesty with the instance's token), no rate limit, a short timeout, a quiet logger by default.
 */
export function guestyTestProxy(fake: RunningGuestyFake, extra: Partial<GuestyOptions> = {}) {
  return {
    pms: guestyPmsFor(fake, extra),
    propertyIds: fake.demo.propertyId,
    allowedOrigins: 'https://hotel.example',
    currency: 'EUR',
    timeoutMs: 800,
    cacheTtlMs: { availability: 0, rooms: 0, bookingOptions: 0 },
    rateLimit: false as const,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  } satisfies StaymodProxyOptions;
}
