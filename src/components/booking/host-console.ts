/**
 * Messages for the host, not the guest: one console line per problem per page,
 * saying exactly what to change. The guest sees only a polite "unavailable".
 */
import { hostAdvice, type StaymodError } from '../../contract/errors.js';

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

export function warnDirectMode(): void {
  tellHostOnce(
    'direct-mode',
    'Direct mode puts a Staymod key that can create bookings in this page, where anyone can copy it (its origin rule is skipped for requests without an Origin header, and Staymod trusts client-sent prices and status). For production, run the staymod-booking proxy and set proxy-url instead of api-key.',
    'warn',
  );
}

/** For a property Staymod lists no rooms for: its answer to an unknown or foreign id is an empty list, not an error. */
export function noRoomsAdvice(propertyId: string, mode: 'direct' | 'proxy'): string {
  const key = mode === 'direct' ? 'this api-key' : "the proxy's STAYMOD_API_KEY";
  return `Staymod lists no rooms for property-id "${propertyId}", so guests see "booking unavailable". Staymod answers a property id it does not know, of another organisation, or deactivated with empty lists instead of an error: check property-id, and that ${key} belongs to the organisation that owns this property (and that the property has active rooms).`;
}
