/**
 * Shared by the cross-instance suites (Redis in node, Durable Objects in workerd): a
 * one-room booking body on the sandbox's real today, and what the sandbox really stored.
 */
import { addDays, utcDateKey } from '../src/domain/dates.js';
import type { RunningSandbox } from '../src/sandbox/server.js';

/** The proxy refuses past stays by its real clock, so these suites book relative to it. */
export const TODAY = utcDateKey(Date.now());

export function oneRoomBooking(room: string, from: number, to: number, guestName: string) {
  return {
    guestName,
    guestEmail: 'guest@example.com',
    checkIn: `${addDays(TODAY, from)}T14:00:00.000Z`,
    checkOut: `${addDays(TODAY, to)}T11:00:00.000Z`,
    numberOfGuests: 1,
    rooms: [{ roomId: room, quantity: 1 }],
  };
}

/** Bookings the sandbox holds for a room with check-in `from` days from today. */
export async function storedCount(sandbox: RunningSandbox, room: string, from: number): Promise<number> {
  const response = await fetch(`${sandbox.url}/api/public/v1/properties/${sandbox.demo.propertyId}/bookings`, {
    headers: { authorization: `Bearer ${sandbox.demo.keys.full}` },
  });
  const { bookings } = (await response.json()) as { bookings: Array<{ checkIn: string; rooms: Record<string, unknown> }> };
  return bookings.filter((b) => b.checkIn.startsWith(addDays(TODAY, from)) && b.rooms[room] !== undefined).length;
}
