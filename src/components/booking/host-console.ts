/**
 * Messages for the host, not the guest: one console line per problem per page,
 * saying exactly what to change. The guest sees only a polite "unavailable".
 * Loaded only when there is something to say (through ./host-tell.ts), so none of
 * this text is in the script a guest downloads first.
 */
import type { StaymodError } from '../../contract/errors.js';
import type { ConfigProblem } from './booking-store.js';

const said = new Set<string>();

export function tellHostOnce(id: string, message: string, level: 'error' | 'warn' = 'error'): void {
  if (said.has(id)) return;
  said.add(id);
  console[level](`[staymod-booking] ${message}`);
}

export function tellHostAbout(error: StaymodError, propertyId: string): void {
  const origin = typeof location === 'undefined' ? undefined : location.origin;
  tellHostOnce(`${error.code}:${propertyId}`, `${error.message} ${hostAdvice(error, { origin, propertyId })}`);
}

/** One sentence telling the host exactly what to change, for the console. */
function hostAdvice(error: StaymodError, context: { origin?: string; propertyId?: string }): string {
  const origin = context.origin ?? 'this page\'s origin';
  switch (error.code) {
    case 'invalid-property-id':
      return `property-id "${context.propertyId ?? ''}" is not a valid Staymod property id: copy it from the property's dashboard URL.`;
    case 'missing-key':
      return 'No API key was sent: set the api-key attribute (direct mode) or proxy-url (proxy mode).';
    case 'invalid-key':
      return 'The API key is unknown or inactive: create a new key under the property\'s Integrations page.';
    case 'expired-key':
      return 'The API key has expired: create a new key (or extend it) under Integrations.';
    case 'origin-not-allowed':
      return `Add ${origin} to the key's allowed origins under Integrations, or use proxy mode.`;
    case 'ip-not-allowed':
      return 'The key has an allowed-IP list, which a browser cannot satisfy: remove the IP rule for a browser key, or use proxy mode.';
    case 'missing-scope':
      return 'The key lacks a scope the widget needs: give it rooms:read, availability:read and bookings:write (booking-options:read for extras).';
    case 'wrong-property':
      return `The key is not allowed for property ${context.propertyId ?? ''}: add the property to the key, or use that property's key.`;
    default:
      return error.message;
  }
}

export function warnDirectMode(): void {
  tellHostOnce(
    'direct-mode',
    'Direct mode puts a Staymod key that can create bookings in this page, where anyone can copy it (its origin rule is skipped for requests without an Origin header, and Staymod trusts client-sent prices and status). For production, run the staymod-booking proxy and set proxy-url instead of api-key.',
    'warn',
  );
}

/** For a property Staymod lists no rooms for: its answer to an unknown or foreign id is an empty list, not an error. */
export function noRooms(propertyId: string, mode: 'direct' | 'proxy'): void {
  const key = mode === 'direct' ? 'this api-key' : "the proxy's STAYMOD_API_KEY";
  tellHostOnce(
    `no-rooms:${propertyId}`,
    `Staymod lists no rooms for property-id "${propertyId}", so guests see "booking unavailable". Staymod answers a property id it does not know, of another organisation, or deactivated with empty lists instead of an error: check property-id, and that ${key} belongs to the organisation that owns this property (and that the property has active rooms).`,
  );
}

/** Direct mode with a key that can read rooms: Staymod's rooms answer carried the rooms' iCal feed tokens. */
export function roomsLeak(propertyId: string): void {
  tellHostOnce(
    `rooms-leak:${propertyId}`,
    "This page's Staymod key can read rooms, and Staymod's rooms answer carries each room's iCal feed token: anyone who copies the key from this page can read your guests' names, e-mails, phone numbers and requests from those feeds. Remove the rooms:read scope from this key (give the widget a room catalogue with rooms-src, made by `npx staymod-booking rooms-snapshot`) or use the proxy (proxy-url), then rotate the rooms' feed tokens in Staymod.",
  );
}

export function configProblem(problem: ConfigProblem, propertyId: string): void {
  const message = {
    'no-property-id': 'The property-id attribute is missing.',
    'bad-proxy-property-id': `property-id "${propertyId}" must be 1 to 64 letters, digits, "-" or "_".`,
    'bad-property-id': `property-id "${propertyId}" is not a Staymod property id (24 hexadecimal characters).`,
    'no-mode': 'Set api-key (direct mode) or proxy-url (proxy mode).',
  }[problem];
  tellHostOnce(`config:${message}`, message);
}

export function badTimeout(value: number, fallback: number): void {
  tellHostOnce(`timeout:${value}`, `timeout="${value}" is not a number of milliseconds from 500 to 120000; using ${fallback}.`, 'warn');
}

export function badTime(attribute: string, value: string, fallback: string): void {
  tellHostOnce(`${attribute}:${value}`, `${attribute}="${value}" is not an HH:mm time; using ${fallback}.`);
}

export function badGuests(shown: string, max: number, tooMany: boolean): void {
  const why = tooMany ? `is more than ${max}; starting with ${max}` : `is not a whole number from 1 to ${max}; starting with 2`;
  tellHostOnce(`guests:${shown}`, `guests="${shown}" ${why}.`, 'warn');
}

export function ignoredPrefill(checkIn: string, checkOut: string, problem: string): void {
  tellHostOnce(`prefill:${checkIn}:${checkOut}`, `Ignoring prefill dates: ${problem}.`, 'warn');
}

export function badContact(attribute: 'property-phone' | 'property-email', value: string): void {
  const what = attribute === 'property-phone' ? 'a phone number (digits, spaces, + - ( ) only)' : 'an e-mail address';
  tellHostOnce(`${attribute}:${value}`, `${attribute}="${value}" is not ${what}; it is not shown.`, 'warn');
}

export function scriptUrlWithQuery(url: string): void {
  const plain = url.replace(/[?#].*$/, '');
  tellHostOnce(
    'script-url',
    `The script was loaded as ${url}: the files it loads later (checkout, languages) import it by its plain URL, ${plain}, so the browser downloads and runs a second copy. Load it by its plain URL (to bust caches, put the version in the path instead, e.g. /staymod/0.1.0/staymod-booking.js).`,
    'warn',
  );
}

export function scriptRenamed(url: string): void {
  tellHostOnce(
    'script-name',
    `The script was loaded as ${url}: the files it loads later (checkout, languages) import ${new URL('./staymod-booking.js', url).href}, so the browser downloads and runs a second copy, or finds nothing there. Keep its name, staymod-booking.js, next to those files (to bust caches, put the version in the path instead, e.g. /staymod/0.1.0/staymod-booking.js).`,
    'warn',
  );
}
