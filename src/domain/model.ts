/**
 * The domain a guest needs, mapped from the wire. Nothing secret crosses: the
 * wire schemas already dropped iCal tokens and orgId, and only the fields below
 * are copied. The mapping functions run only on answers the data file read, so the script
 * build reaches them through it (src/client/data-file.ts), outside the first load.
 */
import type { RoomType, WireAvailability, WireBookingOption, WireRoom } from '../contract/schemas.js';
import type { DateKey } from './dates.js';
import { safeImageUrl } from './rooms.js';

export interface RoomImage {
  url: string;
  /** Tag names of the image, usable as alt text. */
  tags: string[];
}

export interface Room {
  id: string;
  name: string;
  slug: string;
  type: RoomType;
  tagline?: string;
  description?: string;
  maxGuests: number;
  bedCount: number;
  bedSize?: string;
  unitCount: number;
  amenities: string[];
  tags: string[];
  /** http(s) images only, in the host's sort order. */
  images: RoomImage[];
  sortOrder: number;
  /** `maxGuests` is the usual occupancy of the room's type: nothing the property published says more. */
  capacityAssumed?: true;
}

/** One room on one night. `price` is in major units of the host's currency, as Staymod sends it. */
export interface NightInfo {
  unitsFree: number;
  price: number | null;
  /** The stay's total is the system's quote (the proxy's `pricing: 'per-stay'`, no nightly price, or `'quoted'`, nightly prices a guide). */
  perStay?: true;
}

/** What the availability rows say of a room (no `rooms:read` needed): enough to list it. */
export interface ListedRoom {
  name: string;
  type: string;
  /** Unit rows the view has for it. */
  units: number;
  /** Position in Staymod's row order (sortOrder, then creation). */
  order: number;
}

/** Availability for a date range: `nights[roomId][dateKey]`. Plain data, so it can live in a query cache. */
export interface AvailabilityRange {
  from: DateKey;
  to: DateKey;
  nights: Record<string, Record<DateKey, NightInfo>>;
  /** The rooms the rows list, by id. */
  rooms: Record<string, ListedRoom>;
}

export interface BookingOption {
  id: string;
  name: string;
  description?: string;
  appliesTo: 'user' | 'room';
  frequency: 'day' | 'booking';
  pricePerUnit: number;
  sortOrder: number;
}

export function toRoom(wire: WireRoom): Room {
  const sorted = [...wire.roomImages].sort((a, b) => a.sortOrder - b.sortOrder);
  const seen = new Set<string>();
  const images: RoomImage[] = [];
  const candidates = [
    ...sorted.map((img) => ({ url: img.url, tags: img.tags.map((t) => t.name) })),
    ...wire.imageUrls.map((url) => ({ url, tags: [] as string[] })),
  ];
  for (const candidate of candidates) {
    const url = safeImageUrl(candidate.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    images.push({ url, tags: candidate.tags });
  }
  const room: Room = {
    id: wire._id,
    name: wire.name,
    slug: wire.slug,
    type: wire.type,
    maxGuests: wire.maxGuests,
    bedCount: wire.bedCount,
    unitCount: wire.unitCount,
    amenities: wire.amenities,
    tags: wire.tags.map((t) => t.name),
    images,
    sortOrder: wire.sortOrder,
  };
  if (wire.tagline) room.tagline = wire.tagline;
  if (wire.description) room.description = wire.description;
  if (wire.bedSize) room.bedSize = wire.bedSize;
  return room;
}

export function toRooms(wire: WireRoom[]): Room[] {
  return wire
    .filter((r) => r.isActive)
    .map(toRoom)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
}

/**
 * Per room per night: units free = the room's unit rows whose cell is not full;
 * price = the price on a free unit (else on any unit), `null` when none is set.
 */
export function toAvailability(wire: WireAvailability): AvailabilityRange {
  const nights: AvailabilityRange['nights'] = {};
  const rooms: AvailabilityRange['rooms'] = {};
  for (const row of wire.rows) {
    const listed = (rooms[row.roomId] ??= { name: row.listingName, type: row.roomType, units: 0, order: Object.keys(rooms).length });
    listed.units += 1;
    const byDate = (nights[row.roomId] ??= {});
    for (const cell of row.cells) {
      const night = (byDate[cell.dateKey] ??= { unitsFree: 0, price: null });
      if (!cell.isFull) {
        if (night.unitsFree === 0 || night.price === null) night.price = cell.price ?? night.price;
        night.unitsFree += 1;
      } else if (night.unitsFree === 0 && night.price === null) {
        night.price = cell.price;
      }
    }
  }
  if (wire.pricing === 'per-stay' || wire.pricing === 'quoted') {
    for (const byDate of Object.values(nights)) for (const night of Object.values(byDate)) if (night.price === null || wire.pricing === 'quoted') night.perStay = true;
  }
  return { from: wire.from, to: wire.to, nights, rooms };
}

export function toBookingOptions(wire: WireBookingOption[]): BookingOption[] {
  return wire
    .filter((o) => o.isActive)
    .map((o) => {
      const option: BookingOption = {
        id: o._id,
        name: o.name,
        appliesTo: o.appliesTo,
        frequency: o.frequency,
        pricePerUnit: o.pricePerUnit,
        sortOrder: o.sortOrder,
      };
      if (o.description) option.description = o.description;
      return option;
    })
    .sort((a, b) => a.sortOrder - b.sortOrder);
}
