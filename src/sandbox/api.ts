/**
 * The Staymod public API routes, checked in Staymod's order: property id, then the
 * key (auth.ts), then the property's existence, then the route's own input.
 */
import { isDateKey, addDays } from '../domain/dates.js';
import { authorize } from './auth.js';
import { InputError, parseBookingInput } from './booking-input.js';
import { errorJson, json, readJson } from './http.js';
import { OBJECT_ID } from './ids.js';
import type { SandboxStore } from './store.js';
import type { ApiKeyRecord, BookingDoc, RoomDoc, Scope } from './types.js';

export type ApiRoute =
  | { name: 'rooms' }
  | { name: 'room-availability' }
  | { name: 'booking-options' }
  | { name: 'bookings' }
  | { name: 'booking'; bookingId: string };

export const MAX_AVAILABILITY_DATES = 62;

/** Image paths stored on the sandbox become absolute URLs of the server that answers. */
function absolute(url: string, origin: string): string {
  return url.startsWith('/') ? `${origin}${url}` : url;
}

/** The stored document almost whole, secrets included, as Staymod sends it. */
export function serializeRoom(room: RoomDoc, origin: string) {
  return {
    ...room,
    imageUrls: room.imageUrls.map((u) => absolute(u, origin)),
    roomImages: room.roomImages.map((img) => ({ ...img, url: absolute(img.url, origin) })),
  };
}

export function serializeBooking(b: BookingDoc) {
  return {
    _id: b._id,
    orgId: b.orgId,
    propertyId: b.propertyId,
    guestName: b.guestName,
    guestEmail: b.guestEmail,
    guestPhone: b.guestPhone,
    specialRequests: b.specialRequests,
    checkIn: b.checkIn,
    checkOut: b.checkOut,
    numberOfGuests: b.numberOfGuests,
    selectedOptions: b.selectedOptions,
    customItems: b.customItems,
    discount: b.discount,
    advanceAmount: b.advanceAmount,
    status: b.status,
    rooms: b.rooms,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

const SCOPES: Record<ApiRoute['name'] | 'bookings:post', Exclude<Scope, '*'>> = {
  rooms: 'rooms:read',
  'room-availability': 'availability:read',
  'booking-options': 'booking-options:read',
  bookings: 'bookings:read',
  booking: 'bookings:read',
  'bookings:post': 'bookings:write',
};

export async function handleApi(
  request: Request,
  rawPropertyId: string,
  route: ApiRoute,
  store: SandboxStore,
  keys: readonly ApiKeyRecord[],
): Promise<Response> {
  if (!OBJECT_ID.test(rawPropertyId)) return errorJson(request, 400, 'Invalid property id.');
  const propertyId = rawPropertyId.toLowerCase();
  if (route.name === 'booking' && !OBJECT_ID.test(route.bookingId)) {
    return errorJson(request, 400, 'bookingId must be a valid id.');
  }

  const scope = SCOPES[route.name === 'bookings' && request.method === 'POST' ? 'bookings:post' : route.name];
  const auth = authorize(request, keys, scope, propertyId);
  if (!auth.ok) return errorJson(request, auth.status, auth.error);
  if (!store.property(propertyId)) return errorJson(request, 404, 'Property not found.');

  const url = new URL(request.url);
  switch (route.name) {
    case 'rooms':
      return json(request, 200, { rooms: store.activeRooms(propertyId).map((r) => serializeRoom(r, url.origin)) });
    case 'booking-options':
      return json(request, 200, { bookingOptions: store.activeOptions(propertyId) });
    case 'room-availability':
      return availability(request, url, propertyId, store);
    case 'booking': {
      const booking = store.booking(propertyId, route.bookingId.toLowerCase());
      if (!booking) return errorJson(request, 404, 'Booking not found.');
      return json(request, 200, { booking: serializeBooking(booking) });
    }
    case 'bookings':
      if (request.method === 'POST') return createBooking(request, propertyId, store);
      return json(request, 200, {
        bookings: store.bookings(propertyId, url.searchParams.get('guestEmail') || undefined).map(serializeBooking),
      });
  }
}

function availability(request: Request, url: URL, propertyId: string, store: SandboxStore): Response {
  const today = store.today();
  // An empty parameter means the default, as on Staymod.
  const from = url.searchParams.get('from') || today;
  const to = url.searchParams.get('to') || addDays(today, 29);
  if (!isDateKey(from) || !isDateKey(to)) return errorJson(request, 400, 'from/to must be YYYY-MM-DD.');
  if (from > to) return errorJson(request, 400, 'from must be before or equal to to.');
  const dates = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (dates > MAX_AVAILABILITY_DATES) return errorJson(request, 400, 'Date range cannot exceed 62 nights.');
  return json(request, 200, store.availability(propertyId, from, to));
}

async function createBooking(request: Request, propertyId: string, store: SandboxStore): Promise<Response> {
  const body = await readJson(request);
  if (!body.ok) return errorJson(request, 400, body.error);
  try {
    const booking = await store.createBooking(propertyId, parseBookingInput(body.value));
    return json(request, 201, { booking: serializeBooking(booking) });
  } catch (error) {
    // Staymod answers every failure of this route with 400.
    if (error instanceof InputError) return errorJson(request, 400, error.message);
    console.error('[sandbox] booking failed:', error);
    return errorJson(request, 400, 'Failed to create booking.');
  }
}
