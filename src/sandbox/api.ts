/**
 * The Staymod public API routes, checked in Staymod's order: property id, then the
 * key (auth.ts), then the route's own input. Like Staymod, the property's existence is
 * never checked: an unknown, foreign or deactivated property just has nothing in it.
 */
import { isDateKey, addDays } from '../domain/dates.js';
import { authorize, keyOrg } from './auth.js';
import { InputError, parseBookingInput } from './booking-input.js';
import { errorJson, json, readRawJson } from './http.js';
import { OBJECT_ID } from './ids.js';
import type { CreateOptions, SandboxStore } from './store.js';
import type { ApiKeyRecord, BookingDoc, BookingOptionDoc, RoomDoc, Scope } from './types.js';

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

/** As Staymod answers a booking: unset fields are `null` (MongoDB stores them so), plus customerId and orgId. */
export function serializeBooking(b: BookingDoc) {
  return {
    _id: b._id,
    orgId: b.orgId,
    propertyId: b.propertyId,
    customerId: b.customerId ?? null,
    guestName: b.guestName,
    guestEmail: b.guestEmail ?? null,
    guestPhone: b.guestPhone ?? null,
    specialRequests: b.specialRequests ?? null,
    checkIn: b.checkIn,
    checkOut: b.checkOut,
    numberOfGuests: b.numberOfGuests ?? null,
    selectedOptions: b.selectedOptions ?? null,
    customItems: b.customItems ?? null,
    discount: b.discount ?? null,
    advanceAmount: b.advanceAmount ?? null,
    status: b.status,
    rooms: b.rooms,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

/** Options stored before `appliesTo`/`frequency` existed are normalised from `chargeBasis`, as Staymod does. */
export function serializeOption(o: BookingOptionDoc) {
  return {
    _id: o._id,
    orgId: o.orgId,
    propertyId: o.propertyId,
    name: o.name,
    description: o.description,
    appliesTo: o.appliesTo ?? (o.chargeBasis === 'per_room_per_day' ? 'room' : 'user'),
    frequency: o.frequency === 'booking' ? 'booking' : 'day',
    pricePerUnit: o.pricePerUnit,
    isActive: o.isActive,
    sortOrder: o.sortOrder,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
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
  createOptions: CreateOptions = {},
): Promise<Response> {
  if (!OBJECT_ID.test(rawPropertyId)) return errorJson(request, 400, 'Invalid property id.');
  const propertyId = rawPropertyId.toLowerCase();
  if (route.name === 'booking' && !OBJECT_ID.test(route.bookingId)) {
    return errorJson(request, 400, 'bookingId must be a valid id.');
  }

  const scope = SCOPES[route.name === 'bookings' && request.method === 'POST' ? 'bookings:post' : route.name];
  const auth = authorize(request, keys, scope, propertyId);
  if (!auth.ok) return errorJson(request, auth.status, auth.error);
  const orgId = keyOrg(auth.key);
  const visible = store.visible(propertyId, orgId);

  const url = new URL(request.url);
  switch (route.name) {
    case 'rooms': {
      const rooms = visible ? store.activeRooms(propertyId) : [];
      return json(request, 200, { rooms: rooms.map((r) => serializeRoom(r, url.origin)) });
    }
    case 'booking-options':
      return json(request, 200, { bookingOptions: (visible ? store.activeOptions(propertyId) : []).map(serializeOption) });
    case 'room-availability':
      return availability(request, url, propertyId, store, visible);
    case 'booking': {
      const booking = store.booking(propertyId, orgId, route.bookingId.toLowerCase());
      if (!booking) return errorJson(request, 404, 'Booking not found.');
      return json(request, 200, { booking: serializeBooking(booking) });
    }
    case 'bookings':
      if (request.method === 'POST') return createBooking(request, propertyId, orgId, store, createOptions);
      return json(request, 200, {
        bookings: store.bookings(propertyId, orgId, url.searchParams.get('guestEmail') || undefined).map(serializeBooking),
      });
  }
}

function availability(request: Request, url: URL, propertyId: string, store: SandboxStore, visible: boolean): Response {
  const today = store.today();
  // An empty parameter means the default, as on Staymod.
  const from = url.searchParams.get('from') || today;
  const to = url.searchParams.get('to') || addDays(today, 29);
  if (!isDateKey(from) || !isDateKey(to)) return errorJson(request, 400, 'from/to must be YYYY-MM-DD.');
  if (from > to) return errorJson(request, 400, 'from must be before or equal to to.');
  const dates = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (dates > MAX_AVAILABILITY_DATES) return errorJson(request, 400, 'Date range cannot exceed 62 nights.');
  const answer = store.availability(visible ? propertyId : '', from, to);
  return json(request, 200, answer);
}

async function createBooking(
  request: Request,
  propertyId: string,
  orgId: string,
  store: SandboxStore,
  options: CreateOptions,
): Promise<Response> {
  // Staymod answers every failure of this route with 400 and the error's own message,
  // JSON syntax errors and database errors included.
  const body = await readRawJson(request);
  if (!body.ok) return errorJson(request, 400, body.error);
  try {
    const booking = await store.createBooking(propertyId, orgId, parseBookingInput(body.value, store.timeZone), options);
    return json(request, 201, { booking: serializeBooking(booking) });
  } catch (error) {
    if (!(error instanceof InputError) && options.failAfterInsert === undefined) console.error('[sandbox] booking failed:', error);
    return errorJson(request, 400, error instanceof Error ? error.message : 'Failed to create booking.');
  }
}
