/** `npm run sandbox -- --pms cloudbeds|guesty`: serves a fake of that system instead of the Staymod sandbox. */
import { startCloudbedsFake } from './cloudbeds/server.js';
import type { RunningFake } from './common.js';
import { startGuestyFake } from './guesty/server.js';

export const FAKE_SYSTEMS = ['cloudbeds', 'guesty'] as const;
export type FakeSystem = (typeof FAKE_SYSTEMS)[number];

/** Starts the fake and returns it with a banner telling how to point the proxy at it. */
export async function startFake(system: FakeSystem, options: { port?: number; host?: string; today?: string }): Promise<{ fake: RunningFake; banner: string }> {
  if (system === 'cloudbeds') {
    const fake = await startCloudbedsFake(options);
    return {
      fake,
      banner: [
        `Cloudbeds fake (API v1.3) listening on ${fake.apiBase}`,
        `  property ${fake.demo.propertyId} ${fake.demo.name}, currency ${fake.demo.currency}`,
        '',
        'Proxy:',
        `  STAYMOD_PMS=cloudbeds CLOUDBEDS_API_KEY=${fake.demo.apiKey} CLOUDBEDS_PROPERTY_ID=${fake.demo.propertyId} \\`,
        `  CLOUDBEDS_GUEST_COUNTRY=MX CLOUDBEDS_API_BASE=${fake.apiBase} npx staymod-booking proxy`,
        `Admin:  GET ${fake.url}/__sandbox/state · POST /__sandbox/reset · POST|DELETE /__sandbox/faults · POST /__sandbox/reservations`,
      ].join('\n'),
    };
  }
  const fake = await startGuestyFake(options);
  return {
    fake,
    banner: [
      `Guesty fake (Booking Engine API + Open API calendar) listening on ${fake.url}`,
      `  listings ${fake.listingIds.join(', ')}`,
      '',
      'Proxy:',
      `  STAYMOD_PMS=guesty GUESTY_CLIENT_ID=${fake.demo.beClientId} GUESTY_CLIENT_SECRET=${fake.demo.beClientSecret} \\`,
      `  GUESTY_LISTING_IDS=${fake.listingIds.join(',')} GUESTY_PROPERTY_ID=${fake.demo.propertyId} \\`,
      `  GUESTY_API_BASE=${fake.url} GUESTY_TOKEN_URL=${fake.url}/oauth2/token STAYMOD_CURRENCY=${fake.demo.currency} npx staymod-booking proxy`,
      `  (prices per night: GUESTY_OPEN_API_CLIENT_ID=${fake.demo.oaClientId} GUESTY_OPEN_API_CLIENT_SECRET=${fake.demo.oaClientSecret} GUESTY_OPEN_API_BASE=${fake.url})`,
      `Admin:  GET ${fake.url}/__sandbox/state · POST /__sandbox/reset · POST|DELETE /__sandbox/faults · POST /__sandbox/reservations|expire-tokens|expire-quotes`,
    ].join('\n'),
  };
}
