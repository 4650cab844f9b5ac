/**
 * The sandbox's demo world: fixed ids and keys (the same on every run, so tests,
 * docs and a designer's bookmarks keep working) and data laid out relative to the
 * sandbox's "today". No Node-only imports: e2e code may import `DEMO` directly.
 */
import { addDays } from '../domain/dates.js';
import { DEMO_ORG_ID } from './auth.js';
import { deductBooking } from './inventory.js';
import type {
  ApiKeyRecord,
  BookingDoc,
  BookingOptionDoc,
  PriceOverride,
  PropertyDoc,
  RoomDoc,
  SandboxData,
  Scope,
  Tag,
} from './types.js';

export interface DemoInfo {
  propertyId: string;
  otherPropertyId: string;
  /** A property of another organisation: the demo keys see nothing of it (200, empty lists). */
  foreignPropertyId: string;
  /** A deactivated property of the demo's organisation: 200, empty lists. */
  inactivePropertyId: string;
  /** The sandbox's today (UTC) when it started; absent on the static constant. */
  today?: string;
  keys: {
    /** Scopes `*`: server-side scripts, GET bookings. */
    full: string;
    /**
     * What the widget uses in direct mode from localhost dev servers: availability:read,
     * booking-options:read, bookings:write and nothing else (no rooms:read: no iCal tokens).
     */
    widget: string;
    readOnly: string;
    noOptions: string;
    foreignOrigin: string;
    ipRestricted: string;
    expired: string;
    inactive: string;
    otherProperty: string;
    /** The OLD direct-mode advice, widget scopes plus rooms:read: its rooms answer reveals guests through iCal tokens. */
    roomsReader: string;
  };
}

const PROPERTY_ID = '71c1cf237ed753d9d00db738';
const OTHER_PROPERTY_ID = '103e8d940caa0fc5e96cda74';
const FOREIGN_PROPERTY_ID = '6e6a88e06987328e9affed53';
const INACTIVE_PROPERTY_ID = '8f0a24fa57956b5e219c6f97';
const ORG_ID = DEMO_ORG_ID;
const FOREIGN_ORG_ID = 'org_2sandboxLakesideHotels';

export const DEMO: DemoInfo = {
  propertyId: PROPERTY_ID,
  otherPropertyId: OTHER_PROPERTY_ID,
  foreignPropertyId: FOREIGN_PROPERTY_ID,
  inactivePropertyId: INACTIVE_PROPERTY_ID,
  keys: {
    full: 'sk_live_218e084581754015e3a62abf52624c91b1487db43562c19e',
    widget: 'sk_live_411012414676e0ab25d61ce9602e736c4e708c7796b865f5',
    readOnly: 'sk_live_ed0a51fe05fa081eb958a02a0973ca5f547b3f2cf1937405',
    noOptions: 'sk_live_3f4acb86a1c22e0a06dd5f31c7302073cc930c0d7ab7efb3',
    foreignOrigin: 'sk_live_7a45bbd158fe16d6055f784de06cfa136f24d22277f0e248',
    ipRestricted: 'sk_live_0ed6b542cfa3fff88fa79e44ab4eb60d569473d21b4fed80',
    expired: 'sk_live_07650b2d286250f531bc8299656758013bf5704e932f110f',
    inactive: 'sk_live_3ad530621194a856f9b5153efedd2384cff263edfbc5fde3',
    otherProperty: 'sk_live_88053d879fec45a01fba8ad0de46f157545aea7b801d382c',
    roomsReader: 'sk_live_174ed94dfdc03affd04d4ba8af96395e3345e8d8bbe03d4c',
  },
};

/** Room ids of the demo, for tests and docs. */
export const DEMO_ROOMS = {
  deluxe: '7915373985207e52aa17c6bd',
  gardenTwin: 'edf5c972b3e84f3970662a0f',
  familySuite: '14e3dd5c3ea0c8425d64eb2e',
  penthouse: '3b6d14d61719e42a42834f10',
  dorm: 'b253d2195807450f0b685227',
  studio: '54d1cb7ba7bd3729427e5380',
  /** Inactive: never listed, never bookable. */
  cottage: '9fc8af64aaf3805331ab0ef2',
  hillCottage: '86d50f134a3a783dbf70873a',
  hillLoft: 'e62c8948da2a942146e0dc4a',
  /** A second active `studio` listing: it shares Staymod's type counter with Heritage Studio (1 + 1 = 2). */
  courtyardStudio: 'f61e06ff05d2883d912a73ad',
  /** The foreign organisation's only room (never visible to the demo keys). */
  lakeside: '0927f5eb07c305e01af40c7e',
} as const;

/** The demo's bookings (ids fixed). All but `otaImport` were made through POST and decremented the counters. */
export const DEMO_BOOKINGS = {
  /** Asha Menon, Deluxe room 102, nights today+6 and +7, confirmed. */
  seeded: 'a1650b7f5f2fd9a1576d7443',
  /** A group holding both Garden Twin units on today+3 and +4 (the twin counter is 0). */
  twinGroup: '4b3ba2fcbcd5aaf95d203121',
  /** A wedding party holding every unit of every listing on today+10 (every counter is 0). */
  allFull: '5b46ea294c472837be4b3ed6',
  /** Imported from a Booking.com e-mail: Ocean Penthouse on today+8 is full in the view, yet POST accepts it. */
  otaImport: '397e6e6c1d91496be77ab6f2',
} as const;

export const DEMO_OPTIONS = {
  breakfast: 'daa8e4469804a07a444af7d7',
  airportPickup: 'ea755568529ab60ae60b46be',
  lateCheckout: '253878e113f43b0ef4411d92',
  scooter: 'bcd2ce51d4e0652e5dbe0fb6',
  /** Inactive: never listed. */
  dinner: '142210b5c84440e02db942f9',
  hillBreakfast: '38258258a34978135f870791',
} as const;

/** Where the demo's nights of interest fall, in days after today. */
export const DEMO_NIGHTS = {
  /** Deluxe is cheaper (override 2999). */
  deluxeDeal: 1,
  /** Garden Twin is sold out on today+3 and today+4. */
  twinSoldOut: [3, 4],
  /** Family Suite festival price 9999 on today+5 and today+6. */
  familyFestival: [5, 6],
  /** A seeded booking holds Deluxe room 102 on today+6 and today+7. */
  seededBooking: [6, 7],
  /** Every room of the property is full. */
  allFull: 10,
  /** Penthouse override 6500. */
  penthouseOverride: 14,
  /** An OTA-imported booking fills Ocean Penthouse in the view; the suite counter is untouched. */
  otaImport: 8,
} as const;

/** The least a booking page needs; never rooms:read (its answer carries iCal feed tokens) nor bookings:read. */
const WIDGET_SCOPES: Scope[] = ['availability:read', 'booking-options:read', 'bookings:write'];
// Dev servers, plus the e2e host shifted by E2E_PORT_OFFSET 100..700 (parallel runs on one machine).
const DEV_PORTS = [5173, 4173, 4174, 8000, 4273, 4373, 4473, 4573, 4673, 4773, 4873];
const DEV_ORIGINS = DEV_PORTS.flatMap((port) => [
  `http://localhost:${port}`,
  `http://127.0.0.1:${port}`,
]);

export const DEMO_API_KEYS: readonly ApiKeyRecord[] = [
  { key: DEMO.keys.full, name: 'full', purpose: 'every scope (*): server-side scripts, a proxy, GET bookings', scopes: ['*'], isActive: true },
  {
    key: DEMO.keys.widget,
    name: 'widget',
    purpose: `the widget in direct mode from localhost/127.0.0.1 ports ${DEV_PORTS.join(', ')}: availability, extras, bookings:write; no rooms:read`,
    scopes: WIDGET_SCOPES,
    allowedOrigins: DEV_ORIGINS,
    isActive: true,
  },
  {
    key: DEMO.keys.readOnly,
    name: 'readOnly',
    purpose: 'browse only: rooms, availability and extras, no bookings:write',
    scopes: ['rooms:read', 'availability:read', 'booking-options:read'],
    isActive: true,
  },
  {
    key: DEMO.keys.noOptions,
    name: 'noOptions',
    purpose: 'can book but lacks booking-options:read (extras must degrade gracefully)',
    scopes: ['rooms:read', 'availability:read', 'bookings:write'],
    isActive: true,
  },
  {
    key: DEMO.keys.foreignOrigin,
    name: 'foreignOrigin',
    purpose: 'widget scopes, but only https://hotel.example may use it (403 from localhost)',
    scopes: WIDGET_SCOPES,
    allowedOrigins: ['https://hotel.example'],
    isActive: true,
  },
  {
    key: DEMO.keys.ipRestricted,
    name: 'ipRestricted',
    purpose: 'every scope, only from IP 203.0.113.7 (X-Forwarded-For): a browser gets 403',
    scopes: ['*'],
    allowedIps: ['203.0.113.7'],
    isActive: true,
  },
  { key: DEMO.keys.expired, name: 'expired', purpose: 'expired yesterday: 401 API key has expired.', scopes: ['*'], expired: true, isActive: true },
  { key: DEMO.keys.inactive, name: 'inactive', purpose: 'revoked: 401 Invalid API key.', scopes: ['*'], isActive: false },
  {
    key: DEMO.keys.otherProperty,
    name: 'otherProperty',
    purpose: 'every scope, but only for the other property: 403 on the main one',
    scopes: ['*'],
    propertyIds: [OTHER_PROPERTY_ID],
    isActive: true,
  },
  {
    key: DEMO.keys.roomsReader,
    name: 'roomsReader',
    purpose: 'the widget scopes plus rooms:read, as direct mode was once advised: anyone holding it can read the iCal tokens (the widget warns)',
    scopes: ['rooms:read', ...WIDGET_SCOPES],
    allowedOrigins: DEV_ORIGINS,
    isActive: true,
  },
];

const CREATED = '2026-01-12T06:30:00.000Z';
const UPDATED = '2026-04-02T10:15:00.000Z';

const TAGS = {
  seaView: { _id: '0e420aa6b4cf5dbc7a3b28c8', name: 'Sea view', slug: 'sea-view' },
  balcony: { _id: 'a400eed5ca6ca4b0f50b5235', name: 'Balcony', slug: 'balcony' },
  family: { _id: '890834a1cc86d27a047417c4', name: 'Family friendly', slug: 'family-friendly' },
  bestSeller: { _id: '20f3d836f7a4422c1d8797d9', name: 'Best seller', slug: 'best-seller' },
  quiet: { _id: '5fabe829e1671f4164724c74', name: 'Quiet floor', slug: 'quiet-floor' },
  budget: { _id: '2a2b86c3bad7ada7e3ae0d3d', name: 'Budget', slug: 'budget' },
} satisfies Record<string, Tag>;

/** A path served by the sandbox itself (see images.ts); made absolute per request. */
function image(name: string): string {
  return `/__sandbox/images/${name}.svg`;
}

type RoomSeed = Omit<RoomDoc, 'orgId' | 'propertyId' | 'status' | 'isActive' | 'createdAt' | 'updatedAt' | 'imageUrls' | 'roomImages' | 'tagIds'> & {
  images: Array<{ name: string; tags: Tag[] }>;
  propertyId?: string;
  orgId?: string;
  inactive?: boolean;
};

function room(seed: RoomSeed): RoomDoc {
  const { _id, images, propertyId, orgId, inactive, ...rest } = seed;
  return {
    _id,
    orgId: orgId ?? ORG_ID,
    propertyId: propertyId ?? PROPERTY_ID,
    ...rest,
    status: inactive ? 'inactive' : 'active',
    isActive: !inactive,
    imageUrls: images.map((img) => image(img.name)),
    roomImages: images.map((img, i) => ({
      url: image(img.name),
      sortOrder: i,
      tagIds: img.tags.map((t) => t._id),
      tags: img.tags,
    })),
    tagIds: rest.tags.map((t) => t._id),
    createdAt: CREATED,
    updatedAt: UPDATED,
  };
}

function demoRooms(): RoomDoc[] {
  return [
    room({
      _id: DEMO_ROOMS.deluxe,
      name: 'Deluxe',
      slug: 'deluxe',
      type: 'double',
      tagline: 'Wake up to the Arabian Sea',
      description: 'A bright double room on the first floor with a private balcony facing the beach, a rain shower and a work desk.',
      floor: '1',
      maxGuests: 2,
      bedCount: 1,
      bedSize: 'Queen',
      unitCount: 3,
      roomNumbers: ['101', '102', '103'],
      priceWeekday: 3499,
      priceWeekend: 4999.5,
      amenities: ['Air conditioning', 'Wi-Fi', 'Balcony', 'Rain shower', 'Smart TV'],
      images: [
        { name: 'deluxe', tags: [TAGS.seaView] },
        { name: 'deluxe-balcony', tags: [TAGS.balcony] },
      ],
      tags: [TAGS.seaView, TAGS.balcony, TAGS.bestSeller],
      sortOrder: 1,
      icalToken: '4c8a0c6404bfebcee06a2f861890d1af',
      icalTokensByRoomNumber: {
        '101': '17f6263aad0f9b4170a2bc958ec64851',
        '102': '1a600850592d670417afbb8fe81cae85',
        '103': '2aac3d2c1454b98dd1a121c3fcc23065',
      },
    }),
    room({
      _id: DEMO_ROOMS.gardenTwin,
      name: 'Garden Twin',
      slug: 'garden-twin',
      type: 'twin',
      tagline: 'Two beds under the coconut palms',
      description: 'Ground-floor twin room opening onto the garden. Good for friends travelling together.',
      floor: 'Ground',
      maxGuests: 2,
      bedCount: 2,
      bedSize: 'Single',
      unitCount: 2,
      priceWeekday: 2999,
      priceWeekend: 3499,
      amenities: ['Air conditioning', 'Wi-Fi', 'Garden access'],
      images: [{ name: 'garden-twin', tags: [TAGS.quiet] }],
      tags: [TAGS.quiet],
      sortOrder: 2,
      icalToken: '1d5ad18a6db9b44eaa2711d40c7fdec1',
    }),
    room({
      _id: DEMO_ROOMS.familySuite,
      name: 'Family Suite',
      slug: 'family-suite',
      type: 'family',
      tagline: 'Space for the whole family',
      description: 'Two connected bedrooms, a sitting area and a kitchenette. Cots on request.',
      floor: '2',
      maxGuests: 5,
      bedCount: 3,
      bedSize: 'King + 2 Single',
      unitCount: 2,
      roomNumbers: ['201', '202'],
      priceWeekday: 6999,
      priceWeekend: 8499,
      amenities: ['Air conditioning', 'Wi-Fi', 'Kitchenette', 'Bathtub', 'Sofa bed'],
      images: [{ name: 'family-suite', tags: [TAGS.family] }],
      tags: [TAGS.family],
      sortOrder: 3,
      icalToken: 'd7c5d2c1e390c5e63464644550d199db',
      icalTokensByRoomNumber: {
        '201': '01f7d4e99b3823424a30f8e5129e5da5',
        '202': '19259ce408de16e25c44be56b41f05c2',
      },
    }),
    room({
      _id: DEMO_ROOMS.penthouse,
      name: 'Ocean Penthouse',
      slug: 'ocean-penthouse',
      type: 'suite',
      tagline: 'The only one: rooftop terrace and plunge pool',
      description: 'Our single top-floor suite with a private terrace, a plunge pool and a 180° view of Candolim beach.',
      floor: '3',
      maxGuests: 3,
      bedCount: 1,
      bedSize: 'King',
      unitCount: 1,
      priceWeekday: 8999,
      priceWeekend: 11999,
      amenities: ['Air conditioning', 'Wi-Fi', 'Plunge pool', 'Terrace', 'Minibar', 'Bathtub'],
      images: [{ name: 'penthouse', tags: [TAGS.seaView] }],
      tags: [TAGS.seaView, TAGS.bestSeller],
      sortOrder: 4,
      icalToken: 'f474e96a41c110b13606c392b0155695',
    }),
    // The studio and the dorm share sortOrder 5, so Staymod lists them by name.
    room({
      _id: DEMO_ROOMS.studio,
      name: 'Heritage Studio',
      slug: 'heritage-studio',
      type: 'studio',
      tagline: 'Portuguese-era charm, rates on request',
      description: 'A restored studio in the old house. The host has not set a price yet: rates on request.',
      floor: '1',
      maxGuests: 2,
      bedCount: 1,
      bedSize: 'Double',
      unitCount: 1,
      amenities: ['Fan', 'Wi-Fi', 'Writing desk'],
      images: [{ name: 'studio', tags: [] }],
      tags: [TAGS.quiet],
      sortOrder: 5,
      icalToken: '7396e1c7b23268ab136327ffe6e0b94b',
    }),
    room({
      _id: DEMO_ROOMS.dorm,
      name: 'Backpacker Dorm Bed',
      slug: 'backpacker-dorm-bed',
      type: 'dorm_bed',
      tagline: 'A bed in a six-bed mixed dorm',
      description: 'Bunk bed with a reading light, a locker and a shared bathroom.',
      floor: 'Ground',
      maxGuests: 1,
      bedCount: 1,
      bedSize: 'Bunk',
      unitCount: 6,
      priceWeekday: 899,
      priceWeekend: 1099,
      amenities: ['Locker', 'Wi-Fi', 'Shared bathroom'],
      images: [{ name: 'dorm', tags: [TAGS.budget] }],
      tags: [TAGS.budget],
      sortOrder: 5,
      icalToken: '9eb9d2fa8eabba1079ae764d16efe74d',
    }),
    room({
      _id: DEMO_ROOMS.cottage,
      name: 'Monsoon Cottage',
      slug: 'monsoon-cottage',
      type: 'double',
      tagline: 'Closed for renovation',
      maxGuests: 2,
      bedCount: 1,
      unitCount: 1,
      priceWeekday: 2499,
      priceWeekend: 2999,
      amenities: [],
      images: [],
      tags: [],
      sortOrder: 0,
      inactive: true,
    }),
    room({
      _id: DEMO_ROOMS.hillCottage,
      propertyId: OTHER_PROPERTY_ID,
      name: 'Coffee Estate Cottage',
      slug: 'coffee-estate-cottage',
      type: 'double',
      tagline: 'In the middle of a working coffee estate',
      maxGuests: 2,
      bedCount: 1,
      bedSize: 'Queen',
      unitCount: 2,
      priceWeekday: 3999,
      priceWeekend: 4599,
      amenities: ['Fireplace', 'Wi-Fi'],
      images: [{ name: 'hill-cottage', tags: [] }],
      tags: [],
      sortOrder: 1,
    }),
    room({
      _id: DEMO_ROOMS.hillLoft,
      propertyId: OTHER_PROPERTY_ID,
      name: 'Misty Loft',
      slug: 'misty-loft',
      type: 'studio',
      maxGuests: 2,
      bedCount: 1,
      unitCount: 1,
      priceWeekday: 2999,
      priceWeekend: 3499,
      amenities: ['Wi-Fi'],
      images: [{ name: 'hill-loft', tags: [] }],
      tags: [],
      sortOrder: 2,
    }),
    // Last in the list (sortOrder 6), so the listings before it keep their order.
    room({
      _id: DEMO_ROOMS.courtyardStudio,
      name: 'Courtyard Studio',
      slug: 'courtyard-studio',
      type: 'studio',
      tagline: 'A second studio, round the back',
      description: 'A compact studio opening onto the inner courtyard, with a kitchenette.',
      floor: 'Ground',
      maxGuests: 2,
      bedCount: 1,
      bedSize: 'Double',
      unitCount: 1,
      priceWeekday: 2499,
      priceWeekend: 2999,
      amenities: ['Air conditioning', 'Wi-Fi', 'Kitchenette'],
      images: [{ name: 'studio', tags: [] }],
      tags: [TAGS.quiet],
      sortOrder: 6,
      icalToken: 'eedfc7955d06898b3a56ac1f31403808',
    }),
    room({
      _id: DEMO_ROOMS.lakeside,
      propertyId: FOREIGN_PROPERTY_ID,
      orgId: FOREIGN_ORG_ID,
      name: 'Lakeside Room',
      slug: 'lakeside-room',
      type: 'double',
      maxGuests: 2,
      bedCount: 1,
      unitCount: 4,
      priceWeekday: 5000,
      priceWeekend: 6000,
      amenities: [],
      images: [],
      tags: [],
      sortOrder: 1,
      icalToken: '58641340720f8ad31f0fa1d506d1e5a0',
    }),
  ];
}

function option(
  _id: string,
  name: string,
  appliesTo: 'user' | 'room',
  frequency: 'day' | 'booking',
  pricePerUnit: number,
  sortOrder: number,
  description?: string,
  extra: { isActive?: boolean; propertyId?: string } = {},
): BookingOptionDoc {
  return {
    _id,
    orgId: ORG_ID,
    propertyId: extra.propertyId ?? PROPERTY_ID,
    name,
    ...(description ? { description } : {}),
    appliesTo,
    frequency,
    pricePerUnit,
    isActive: extra.isActive ?? true,
    sortOrder,
    createdAt: CREATED,
    updatedAt: UPDATED,
  };
}

function demoOptions(): BookingOptionDoc[] {
  return [
    option(DEMO_OPTIONS.breakfast, 'Breakfast buffet', 'user', 'day', 450, 1, 'Goan and continental breakfast by the pool, per guest per day.'),
    option(DEMO_OPTIONS.airportPickup, 'Airport pickup', 'user', 'booking', 600, 2, 'From Dabolim or Mopa airport, per guest, once.'),
    option(DEMO_OPTIONS.lateCheckout, 'Late checkout', 'room', 'booking', 1500, 3, 'Keep the room until 4 pm.'),
    option(DEMO_OPTIONS.scooter, 'Scooter rental', 'room', 'day', 500, 4, 'One scooter per room, per day, helmets included.'),
    option(DEMO_OPTIONS.dinner, 'Candlelight dinner', 'user', 'booking', 2500, 5, 'Discontinued.', { isActive: false }),
    option(DEMO_OPTIONS.hillBreakfast, 'Estate breakfast', 'user', 'day', 350, 1, undefined, { propertyId: OTHER_PROPERTY_ID }),
  ];
}

/** The demo data with its special nights placed relative to `today` (UTC `YYYY-MM-DD`). */
export function createDemoData(today: string, frozenToday: string | null = null): SandboxData {
  const day = (n: number) => addDays(today, n);
  const rooms = demoRooms();
  const properties: PropertyDoc[] = [
    { _id: PROPERTY_ID, orgId: ORG_ID, name: 'Sea Breeze Residency, Goa' },
    { _id: OTHER_PROPERTY_ID, orgId: ORG_ID, name: 'Hillside Homestay, Coorg' },
    { _id: FOREIGN_PROPERTY_ID, orgId: FOREIGN_ORG_ID, name: 'Lakeside Inn, Udaipur' },
    { _id: INACTIVE_PROPERTY_ID, orgId: ORG_ID, name: 'Old Town Guesthouse (closed)', isActive: false },
  ];
  const priceOverrides: PriceOverride[] = [
    { roomId: DEMO_ROOMS.deluxe, dateKey: day(DEMO_NIGHTS.deluxeDeal), price: 2999 },
    ...DEMO_NIGHTS.familyFestival.map((n) => ({ roomId: DEMO_ROOMS.familySuite, dateKey: day(n), price: 9999 })),
    { roomId: DEMO_ROOMS.penthouse, dateKey: day(DEMO_NIGHTS.penthouseOverride), price: 6500 },
  ];
  const active = rooms.filter((r) => r.isActive && r.propertyId === PROPERTY_ID);
  const stay = (first: number, nights: number) => ({
    checkIn: `${day(first)}T14:00:00.000Z`,
    checkOut: `${day(first + nights)}T11:00:00.000Z`,
  });
  const booking = (doc: Omit<BookingDoc, 'orgId' | 'propertyId' | 'createdAt' | 'updatedAt'>): BookingDoc => ({
    orgId: ORG_ID,
    propertyId: PROPERTY_ID,
    ...doc,
    createdAt: CREATED,
    updatedAt: CREATED,
  });
  const [firstNight, lastNight] = DEMO_NIGHTS.seededBooking;
  const [twinFirst, twinLast] = DEMO_NIGHTS.twinSoldOut;
  const bookings: BookingDoc[] = [
    booking({
      _id: DEMO_BOOKINGS.seeded,
      guestName: 'Asha Menon',
      guestEmail: 'asha.menon@example.com',
      guestPhone: '+91 98200 00000',
      ...stay(firstNight, lastNight - firstNight + 1),
      numberOfGuests: 2,
      status: 'confirmed',
      rooms: { [DEMO_ROOMS.deluxe]: { roomType: 'double', quantity: 1, roomNumbers: ['102'] } },
      customerId: '1a0c4b46d1e3a6b4f0e6d1a1',
      source: 'api',
    }),
    booking({
      _id: DEMO_BOOKINGS.twinGroup,
      guestName: 'Rohan Kulkarni',
      guestEmail: 'rohan.k@example.com',
      guestPhone: '+91 99870 12345',
      specialRequests: 'College reunion, two twin rooms next to each other.',
      ...stay(twinFirst, twinLast - twinFirst + 1),
      numberOfGuests: 4,
      status: 'confirmed',
      rooms: { [DEMO_ROOMS.gardenTwin]: { roomType: 'twin', quantity: 2 } },
      customerId: '2b7e0c5d93f1a8c2e4b6d7f3',
      source: 'api',
    }),
    booking({
      _id: DEMO_BOOKINGS.allFull,
      guestName: 'Fernandes wedding party',
      guestEmail: 'events@fernandes-wedding.example',
      ...stay(DEMO_NIGHTS.allFull, 1),
      numberOfGuests: 30,
      status: 'confirmed',
      rooms: Object.fromEntries(
        active.map((r) => [
          r._id,
          { roomType: r.type, quantity: r.roomNumbers?.length || r.unitCount, ...(r.roomNumbers ? { roomNumbers: [...r.roomNumbers] } : {}) },
        ]),
      ),
      customerId: '3c9a1e7f05b2d4c6a8e0f1b5',
      source: 'api',
    }),
    booking({
      _id: DEMO_BOOKINGS.otaImport,
      guestName: "Liam O'Brien",
      guestEmail: 'liam.obrien.7731@guest.booking.com',
      specialRequests: 'Imported from a Booking.com confirmation e-mail.',
      ...stay(DEMO_NIGHTS.otaImport, 1),
      numberOfGuests: 2,
      status: 'confirmed',
      rooms: { [DEMO_ROOMS.penthouse]: { roomType: 'suite', quantity: 1 } },
      customerId: null,
      source: 'ota-email',
    }),
  ];
  const data: SandboxData = {
    version: 1,
    generatedFor: today,
    frozenToday,
    properties,
    rooms,
    bookingOptions: demoOptions(),
    priceOverrides,
    inventory: [],
    bookings,
  };
  // The counters those bookings left behind: every one but the OTA import went through POST.
  for (const b of bookings) if (b.source !== 'ota-email') deductBooking(data, b);
  return data;
}
