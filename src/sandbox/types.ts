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
  appliesTo: 'user' | 'room';
  frequency: 'day' | 'booking';
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
}

/** A per-night price set by the host. */
export interface PriceOverride {
  roomId: string;
  dateKey: string;
  price: number;
}

/** Units closed by the host on a night (maintenance, an OTA booking...): no room number. */
export interface Block {
  roomId: string;
  dateKey: string;
  units: number;
}

export const BOOKING_STATUSES = ['pending', 'confirmed', 'cancelled', 'no_show'] as const;
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
  blocks: Block[];
  bookings: BookingDoc[];
}
