/**
 * The sandbox's stored documents. They mirror what Staymod keeps in MongoDB (ids as
 * 24-hex strings, dates as ISO strings) so the whole state is plain JSON and can be
 * saved to a `--data` file.
 */
import type { RoomType } from '../contract/schemas.js';

export type Scope =
  | '*'
  | 'rooms:read'
  | 'availability:read'
  | 'booking-options:read'
  | 'bookings:read'
  | 'bookings:write';

export interface ApiKeyRecord {
  key: string;
  /** Short name, the same as the field of `DemoInfo.keys`. */
  name: string;
  /** What the key is for, printed by the CLI. */
  purpose: string;
  scopes: Scope[];
  allowedOrigins?: string[];
  allowedIps?: string[];
  propertyIds?: string[];
  /** The organisation the key belongs to (default: the demo's). Staymod scopes every query to it. */
  orgId?: string;
  /** Expired keys expired the day before the sandbox's today. */
  expired?: boolean;
  isActive: boolean;
}

export interface Tag {
  _id: string;
  name: string;
  slug: string;
}

export interface RoomImage {
  /** Absolute URL, or a path on the sandbox itself (made absolute when served). */
  url: string;
  sortOrder: number;
  tagIds: string[];
  tags: Tag[];
}

export interface RoomDoc {
  _id: string;
  orgId: string;
  propertyId: string;
  name: string;
  slug: string;
  type: RoomType;
  status: 'active' | 'inactive';
  tagline?: string;
  description?: string;
  floor?: string;
  maxGuests: number;
  bedCount: number;
  unitCount: number;
  roomNumbers?: string[];
  bedSize?: string;
  priceWeekday?: number;
  priceWeekend?: number;
  amenities: string[];
  imageUrls: string[];
  roomImages: RoomImage[];
  tagIds: string[];
  tags: Tag[];
  isActive: boolean;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  /** Calendar-feed secrets: Staymod leaks them through GET /rooms, so the sandbox does too. */
  icalToken?: string;
  icalTokensByRoomNumber?: Record<string, string>;
}

export interface BookingOptionDoc {
  _id: string;
  orgId: string;
  propertyId: string;
  name: string;
  description?: string;
  /** Absent on options stored before Staymod had these fields: see `chargeBasis`. */
  appliesTo?: 'user' | 'room';
  frequency?: 'day' | 'booking';
  /** Legacy field (`per_room_per_day`, `per_person_per_day`...), normalised when served. */
  chargeBasis?: string;
  pricePerUnit: number;
  isActive: boolean;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export interface PropertyDoc {
  _id: string;
  orgId: string;
  name: string;
  /** False for a deactivated property (its API answers empty lists, like an unknown one). */
  isActive?: boolean;
}

/** A per-night price set by the host. */
export interface PriceOverride {
  roomId: string;
  dateKey: string;
  price: number;
}

/**
 * Staymod's `roomAvailability` row: units left for one room TYPE on one night. Created by
 * the first booking of that night (from the sum of `unitCount` of the active rooms of the
 * type), then only ever decremented; never recomputed when rooms change.
 */
export interface InventoryRow {
  propertyId: string;
  dateKey: string;
  roomType: string;
  noOfRooms: number;
}

export const BOOKING_STATUSES = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface SelectedOptionDoc {
  bookingOptionId: string;
  name: string;
  appliesTo: 'user' | 'room';
  frequency: 'day' | 'booking';
  pricePerUnit: number;
  quantity: number;
}

export interface BookingDoc {
  _id: string;
  orgId: string;
  propertyId: string;
  guestName: string;
  guestEmail?: string;
  guestPhone?: string;
  specialRequests?: string;
  /** ISO instants, as Staymod stores `Date`s. Nights are the UTC dates in [checkIn, checkOut). */
  checkIn: string;
  checkOut: string;
  numberOfGuests?: number;
  selectedOptions?: SelectedOptionDoc[];
  customItems?: Array<{ name: string; amount: number }>;
  discount?: number;
  advanceAmount?: number;
  status: BookingStatus;
  rooms: Record<string, { roomType: string; quantity: number; roomNumbers?: string[] }>;
  /** Staymod's customer record for the guest's e-mail (one per property and e-mail), else null. */
  customerId?: string | null;
  /** Sandbox-only tag, never served: `ota-email` bookings were imported and never touched the counters. */
  source?: 'api' | 'ota-email';
  createdAt: string;
  updatedAt: string;
}

/** Everything the sandbox stores; plain JSON. */
export interface SandboxData {
  version: 1;
  /** The "today" the demo data was generated for. */
  generatedFor: string;
  /** A frozen today (UTC date), or null to follow the clock. */
  frozenToday: string | null;
  properties: PropertyDoc[];
  rooms: RoomDoc[];
  bookingOptions: BookingOptionDoc[];
  priceOverrides: PriceOverride[];
  inventory: InventoryRow[];
  bookings: BookingDoc[];
}
