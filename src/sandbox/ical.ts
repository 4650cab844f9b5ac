/**
 * Staymod's public iCal feed, `GET /api/public/ical/rooms/{roomId}/{token}`: no API key,
 * the token in the path is the only credential (`icalToken` for the whole listing, or a
 * number's token from `icalTokensByRoomNumber`). It lists the room's confirmed bookings
 * with the guest's name, e-mail, phone and special requests: anyone holding a token that
 * GET rooms leaked can read them.
 */
import { addDays } from '../domain/dates.js';
import { OBJECT_ID } from './ids.js';
import type { SandboxStore } from './store.js';
import type { BookingDoc } from './types.js';

const FEED_STATUSES = new Set(['confirmed', 'checked_in', 'completed']);

function plainJson(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function escapeText(text: string | undefined): string {
  if (!text) return '';
  const escaped = text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
  return escaped.length > 1000 ? `${escaped.slice(0, 1000)} (truncated)` : escaped;
}

const icalDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const icalStamp = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

function describe(booking: BookingDoc, roomId: string): string {
  const line = booking.rooms[roomId];
  const lines = ['Booking Details:', `Guest: ${escapeText(booking.guestName)}`];
  if (booking.guestEmail) lines.push(`Email: ${escapeText(booking.guestEmail)}`);
  if (booking.guestPhone) lines.push(`Phone: ${escapeText(booking.guestPhone)}`);
  if (booking.numberOfGuests) lines.push(`Guests: ${booking.numberOfGuests}`);
  if (line?.roomNumbers?.length) lines.push(`Room Numbers: ${line.roomNumbers.join(', ')}`);
  if (booking.specialRequests) lines.push(`Special Requests: ${escapeText(booking.specialRequests)}`);
  lines.push(`Booking ID: ${booking._id}`, `Room ID: ${roomId}`);
  return lines.join('\\n');
}

function vevent(booking: BookingDoc, roomId: string, now: Date): string {
  return [
    'BEGIN:VEVENT',
    `UID:${booking._id}-${roomId}@staymod.app`,
    `DTSTAMP:${icalStamp(now)}`,
    `DTSTART:${icalDate(booking.checkIn)}`,
    `DTEND:${icalDate(booking.checkOut)}`,
    `SUMMARY:${escapeText(booking.guestName)} - ${booking.status}`,
    `DESCRIPTION:${describe(booking, roomId)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ].join('\r\n');
}

export function icalFeed(request: Request, roomId: string, token: string, store: SandboxStore): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  if (!OBJECT_ID.test(roomId)) return plainJson(400, { error: 'Invalid room ID format' });
  const id = roomId.toLowerCase();
  const room = store.data.rooms.find((r) => r._id === id);
  const number = room?.icalTokensByRoomNumber
    ? Object.keys(room.icalTokensByRoomNumber).find((n) => room.icalTokensByRoomNumber![n] === token)
    : undefined;
  if (!room || !token || (room.icalToken !== token && number === undefined)) {
    return plainJson(404, { error: 'Room not found or invalid token' });
  }
  const property = store.property(room.propertyId);
  if (!property) return plainJson(404, { error: 'Property not found' });

  // Staymod's window: stays ending after 6 months ago and starting before 2 years ahead.
  const today = store.today();
  const from = addDays(today, -183);
  const until = addDays(today, 731);
  const bookings = store.data.bookings.filter((b) => {
    const line = b.rooms[id];
    if (!line || b.propertyId !== room.propertyId || b.orgId !== room.orgId || !FEED_STATUSES.has(b.status)) return false;
    if (b.checkOut.slice(0, 10) < from || b.checkIn.slice(0, 10) > until) return false;
    return number === undefined || (line.roomNumbers ?? []).includes(number);
  });

  const now = new Date();
  const body = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Staymod//Calendar Sync//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(room.name)}`,
    'X-WR-TIMEZONE:UTC',
    ...bookings.map((b) => vevent(b, id, now)),
    'END:VCALENDAR',
  ].join('\r\n');
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${room.slug || id}-calendar.ics"`,
      'cache-control': 'private, max-age=3600',
    },
  });
}
