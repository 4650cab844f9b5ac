/**
 * Which rooms the guest is offered, and what is known of each. Staymod's rooms
 * answer needs a `rooms:read` key, which also reveals guests (iCal feed tokens), so
 * a direct-mode page should not have one: the rooms then come from the availability
 * rows, enriched by the host's static catalogue when there is one.
 */
import { ROOM_TYPES, type RoomType } from '../contract/room-types.js';
import type { AvailabilityRange, ListedRoom, Room } from './model.js';

/**
 * Guests a room of a type sleeps when nobody said: the lowest usual occupancy, so a
 * guess never puts more people in a room than it holds (the guest books another room).
 */
export const USUAL_CAPACITY: Readonly<Record<RoomType, number>> = {
  single: 1,
  double: 2,
  twin: 2,
  triple: 3,
  quad: 4,
  suite: 2,
  studio: 2,
  dorm_bed: 1,
  family: 3,
  other: 2,
};

/** Room details from Staymod's rooms answer (`api`, authoritative) or a static catalogue. */
export interface RoomDetails {
  from: 'api' | 'catalogue';
  rooms: Room[];
}

function roomType(type: string): RoomType {
  return (ROOM_TYPES as readonly string[]).includes(type) ? (type as RoomType) : 'other';
}

/** A room known only from its availability rows. */
export function roomFromRows(id: string, listed: ListedRoom): Room {
  const type = roomType(listed.type);
  return {
    id,
    name: listed.name,
    slug: '',
    type,
    maxGuests: USUAL_CAPACITY[type],
    capacityAssumed: true,
    bedCount: 0,
    unitCount: listed.units,
    amenities: [],
    tags: [],
    images: [],
    sortOrder: listed.order,
  };
}

/** The rooms every loaded month lists, in Staymod's order (first appearance wins); undefined before any month loaded. */
export function mergeListed(parts: ReadonlyArray<AvailabilityRange | undefined>): Record<string, ListedRoom> | undefined {
  let out: Record<string, ListedRoom> | undefined;
  for (const part of parts) {
    if (!part) continue;
    out ??= {};
    for (const [id, listed] of Object.entries(part.rooms)) {
      const seen = out[id];
      if (seen) seen.units = Math.max(seen.units, listed.units);
      else out[id] = { ...listed, order: Object.keys(out).length };
    }
  }
  return out;
}

/**
 * The rooms to offer. Staymod's own rooms answer wins as it is. Otherwise the rows
 * decide which rooms exist (a catalogue may be out of date: a room it lacks is still
 * offered, a room the rows no longer list is not), and the catalogue adds what the
 * rows lack; before any month has loaded, the catalogue is all there is. A catalogue
 * room keeps its `unitCount`: Staymod books at most that many, however many rows
 * (room numbers) it has, and a stale lower count only under-offers.
 */
export function offeredRooms(listed: Readonly<Record<string, ListedRoom>> | undefined, details: RoomDetails | null): Room[] {
  if (details?.from === 'api') return details.rooms;
  if (!listed) return details?.rooms ?? [];
  const ids = Object.keys(listed);
  const byId = new Map((details?.rooms ?? []).map((room) => [room.id, room]));
  return ids.map((id) => {
    const known = byId.get(id);
    const fromRows = listed[id]!;
    return known ? { ...known, sortOrder: fromRows.order } : roomFromRows(id, fromRows);
  });
}

/** Only http(s) URLs may become an <img src>: no javascript:, data: or relative tricks. */
export function safeImageUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
