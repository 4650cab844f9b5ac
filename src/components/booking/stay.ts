/** The guest's details and the stay's counts, as the calendar step and the checkout both need them. */
import { nightsBetween, type DateKey } from '../../domain/dates.js';

export interface GuestValue {
  guestName: string;
  guestEmail: string;
  guestPhone: string;
  specialRequests: string;
}

export const emptyGuest: GuestValue = { guestName: '', guestEmail: '', guestPhone: '', specialRequests: '' };

export function roomCount(selection: Record<string, number>): number {
  return Object.values(selection).reduce((sum, n) => sum + (n > 0 ? n : 0), 0);
}

/** Nights of the chosen stay (0 when incomplete). */
export function stayLength(checkIn: DateKey | null, checkOut: DateKey | null): number {
  return checkIn && checkOut ? Math.max(0, nightsBetween(checkIn, checkOut)) : 0;
}
