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
