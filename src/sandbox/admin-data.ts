/**
 * Admin routes that change the sandbox's data the way Staymod's own dashboard and e-mail
 * import do, to reproduce its traps: an OTA-imported booking (fills the availability view,
 * never the counters), a new room or a changed unit count / active flag (counters NOT
 * recomputed), a legacy booking option, and a look at the counters.
 */
import { randomBytes } from 'node:crypto';
import { ROOM_TYPES, type RoomType } from '../contract/schemas.js';
import { serializeBooking, serializeOption, serializeRoom } from './api.js';
import { InputError, parseBookingInput } from './booking-input.js';
import { DEMO } from './demo-data.js';
import { readJson } from './http.js';
import { newObjectId, OBJECT_ID } from './ids.js';
import type { SandboxStore } from './store.js';
import type { BookingOptionDoc, RoomDoc } from './types.js';

export interface AdminAnswer {
  status: number;
  body: unknown;
  allow?: string[];
}

type Body = Record<string, unknown>;

const fail = (error: string): AdminAnswer => ({ status: 400, body: { error } });

function propertyOf(body: Body, store: SandboxStore): string | AdminAnswer {
  const id = body.propertyId ?? DEMO.propertyId;
  if (typeof id !== 'string' || !store.property(id.toLowerCase())) return fail('propertyId must be the id of a sandbox property.');
  return id.toLowerCase();
}

function wholeNumber(value: unknown, label: string, min: number): number | string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) return `${label} must be an integer >= ${min}.`;
  return value;
}

function optionalPrice(value: unknown, label: string): number | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${label} must be a non-negative number.`;
  return value;
}

function importBooking(body: Body, store: SandboxStore): AdminAnswer {
  const propertyId = propertyOf(body, store);
  if (typeof propertyId !== 'string') return propertyId;
  try {
    // An import is usually confirmed; the same validation as POST bookings otherwise.
    const input = parseBookingInput({ status: 'confirmed', ...body }, store.timeZone);
    return { status: 201, body: { booking: serializeBooking(store.importBooking(propertyId, input)) } };
  } catch (error) {
    if (error instanceof InputError) return fail(error.message);
    throw error;
  }
}

function addRoom(body: Body, store: SandboxStore, origin: string): AdminAnswer {
  const propertyId = propertyOf(body, store);
  if (typeof propertyId !== 'string') return propertyId;
  const property = store.property(propertyId)!;
  if (typeof body.name !== 'string' || !body.name.trim()) return fail('name is required.');
  if (!(ROOM_TYPES as readonly unknown[]).includes(body.type)) return fail(`type must be one of: ${ROOM_TYPES.join(', ')}.`);
  const unitCount = wholeNumber(body.unitCount ?? 1, 'unitCount', 1);
  const maxGuests = wholeNumber(body.maxGuests ?? 2, 'maxGuests', 1);
  const sortOrder = wholeNumber(body.sortOrder ?? 99, 'sortOrder', 0);
  const priceWeekday = optionalPrice(body.priceWeekday, 'priceWeekday');
  const priceWeekend = optionalPrice(body.priceWeekend, 'priceWeekend');
  for (const value of [unitCount, maxGuests, sortOrder, priceWeekday, priceWeekend]) if (typeof value === 'string') return fail(value);
  const numbers = body.roomNumbers;
  if (numbers !== undefined && (!Array.isArray(numbers) || !numbers.every((n) => typeof n === 'string' && n.trim()))) {
    return fail('roomNumbers must be an array of non-empty strings.');
  }
  if (body.isActive !== undefined && typeof body.isActive !== 'boolean') return fail('isActive must be true or false.');
  const id = typeof body._id === 'string' && OBJECT_ID.test(body._id) ? body._id.toLowerCase() : newObjectId();
  if (store.data.rooms.some((r) => r._id === id)) return fail(`A room with _id ${id} exists already.`);

  const name = body.name.trim();
  const now = new Date().toISOString();
  const active = body.isActive !== false;
  const token = () => randomBytes(16).toString('hex');
  const room: RoomDoc = {
    _id: id,
    orgId: property.orgId,
    propertyId,
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    type: body.type as RoomType,
    status: active ? 'active' : 'inactive',
    maxGuests: maxGuests as number,
    bedCount: 1,
    unitCount: unitCount as number,
    ...(numbers ? { roomNumbers: numbers as string[] } : {}),
    ...(priceWeekday !== undefined ? { priceWeekday: priceWeekday as number } : {}),
    ...(priceWeekend !== undefined ? { priceWeekend: priceWeekend as number } : {}),
    amenities: [],
    imageUrls: [],
    roomImages: [],
    tagIds: [],
    tags: [],
    isActive: active,
    sortOrder: sortOrder as number,
    createdAt: now,
    updatedAt: now,
    icalToken: token(),
    ...(numbers ? { icalTokensByRoomNumber: Object.fromEntries((numbers as string[]).map((n) => [n, token()])) } : {}),
  };
  return { status: 201, body: { room: serializeRoom(store.addRoom(room), origin) } };
}

function updateRoom(roomId: string, body: Body, store: SandboxStore, origin: string): AdminAnswer {
  const change: { unitCount?: number; isActive?: boolean } = {};
  if (body.unitCount !== undefined) {
    const n = wholeNumber(body.unitCount, 'unitCount', 0);
    if (typeof n === 'string') return fail(n);
    change.unitCount = n;
  }
  if (body.isActive !== undefined) {
    if (typeof body.isActive !== 'boolean') return fail('isActive must be true or false.');
    change.isActive = body.isActive;
  }
  if (Object.keys(change).length === 0) return fail('Send unitCount and/or isActive.');
  const room = store.updateRoom(roomId.toLowerCase(), change);
  if (!room) return { status: 404, body: { error: `No room ${roomId}.` } };
  return { status: 200, body: { room: serializeRoom(room, origin) } };
}

function addOption(body: Body, store: SandboxStore): AdminAnswer {
  const propertyId = propertyOf(body, store);
  if (typeof propertyId !== 'string') return propertyId;
  if (typeof body.name !== 'string' || !body.name.trim()) return fail('name is required.');
  const price = optionalPrice(body.pricePerUnit ?? 0, 'pricePerUnit');
  if (typeof price === 'string') return fail(price);
  if (body.appliesTo !== undefined && body.appliesTo !== 'user' && body.appliesTo !== 'room') return fail('appliesTo must be user or room.');
  if (body.frequency !== undefined && body.frequency !== 'day' && body.frequency !== 'booking') return fail('frequency must be day or booking.');
  if (body.chargeBasis !== undefined && typeof body.chargeBasis !== 'string') return fail('chargeBasis must be a string.');
  const sortOrder = wholeNumber(body.sortOrder ?? 99, 'sortOrder', 0);
  if (typeof sortOrder === 'string') return fail(sortOrder);
  const now = new Date().toISOString();
  const option: BookingOptionDoc = {
    _id: newObjectId(),
    orgId: store.property(propertyId)!.orgId,
    propertyId,
    name: body.name.trim(),
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    ...(body.appliesTo ? { appliesTo: body.appliesTo as 'user' | 'room' } : {}),
    ...(body.frequency ? { frequency: body.frequency as 'day' | 'booking' } : {}),
    ...(body.chargeBasis ? { chargeBasis: body.chargeBasis as string } : {}),
    pricePerUnit: price ?? 0,
    isActive: body.isActive !== false,
    sortOrder,
    createdAt: now,
    updatedAt: now,
  };
  return { status: 201, body: { bookingOption: serializeOption(store.addOption(option)), stored: option } };
}

function counters(url: URL, store: SandboxStore): AdminAnswer {
  const propertyId = propertyOf({ propertyId: url.searchParams.get('propertyId') ?? undefined }, store);
  if (typeof propertyId !== 'string') return propertyId;
  return { status: 200, body: { propertyId, counters: store.counters(propertyId), defaults: store.defaultCounters(propertyId) } };
}

const ROOM_PATH = /^\/__sandbox\/rooms\/([^/]+)$/;

/** The answer for one of these routes, or undefined when the path is not one of them. */
export async function handleDataAdmin(request: Request, path: string, method: string, store: SandboxStore): Promise<AdminAnswer | undefined> {
  const url = new URL(request.url);
  const room = ROOM_PATH.exec(path);
  const allow =
    path === '/__sandbox/counters' ? ['GET'] : ['/__sandbox/bookings/import', '/__sandbox/rooms', '/__sandbox/booking-options'].includes(path) || room ? ['POST'] : undefined;
  if (!allow) return undefined;
  if (!allow.includes(method)) return { status: 405, body: { error: `Method ${method} not allowed on ${path}.` }, allow };
  if (method === 'GET') return counters(url, store);

  const parsed = await readJson(request);
  if (!parsed.ok) return fail(parsed.error);
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return fail('The body must be a JSON object.');
  const body = parsed.value as Body;
  if (room) return updateRoom(decodeURIComponent(room[1]!), body, store, url.origin);
  if (path === '/__sandbox/rooms') return addRoom(body, store, url.origin);
  if (path === '/__sandbox/booking-options') return addOption(body, store);
  return importBooking(body, store);
}
