/** Demo data of the Guesty fake: a few Lisbon apartments, one of them multi-unit. */
export const GUESTY_DEMO = {
  /** The id the widget uses for this Guesty account (Guesty has no property above listings). */
  propertyId: 'lisbon-riverside',
  beClientId: '0oa-fake-booking-engine',
  beClientSecret: 'fake-be-secret-5f3b8e21c9a74d06b2e1',
  oaClientId: '0oa-fake-open-api',
  oaClientSecret: 'fake-oa-secret-a1c9e47f0b3d2865c7e9',
  currency: 'EUR',
  timezone: 'Europe/Lisbon',
} as const;

export interface FakeListing {
  _id: string;
  type: 'SINGLE' | 'MTL';
  title: string;
  nickname: string;
  accommodates: number;
  beds: number;
  bedrooms: number;
  /** Units of a multi-unit listing (its allotment when nothing is booked). */
  units: number;
  basePrice: number;
  weekendPrice: number;
  minNights: number;
  summary: string;
  amenities: string[];
  pictures: string[];
}

const pics = (name: string) => [`https://assets.guesty.example/${name}-1.jpg`, `https://assets.guesty.example/${name}-2.jpg`];

export const GUESTY_LISTINGS: FakeListing[] = [
  {
    _id: '64b7f0c2a1d3e4f5a6b7c801', type: 'SINGLE', title: 'Alfama Loft with River View', nickname: 'ALF-1', accommodates: 2, beds: 1, bedrooms: 1, units: 1,
    basePrice: 120, weekendPrice: 145, minNights: 2, summary: 'Top-floor loft in Alfama, tiled balcony, view over the Tagus.',
    amenities: ['Wireless Internet', 'Air conditioning', 'Kitchen'], pictures: pics('alfama'),
  },
  {
    _id: '64b7f0c2a1d3e4f5a6b7c802', type: 'SINGLE', title: 'Baixa Studio', nickname: 'BAX-1', accommodates: 2, beds: 1, bedrooms: 0, units: 1,
    basePrice: 95, weekendPrice: 110, minNights: 1, summary: 'Bright studio two streets from Rua Augusta.',
    amenities: ['Wireless Internet', 'Elevator'], pictures: pics('baixa'),
  },
  {
    _id: '64b7f0c2a1d3e4f5a6b7c803', type: 'MTL', title: 'Riverside Rooms', nickname: 'RIV', accommodates: 2, beds: 1, bedrooms: 1, units: 3,
    basePrice: 140, weekendPrice: 165, minNights: 1, summary: 'Three identical double rooms in a restored warehouse by the river.',
    amenities: ['Wireless Internet', 'Breakfast', 'Air conditioning'], pictures: pics('riverside'),
  },
  {
    _id: '64b7f0c2a1d3e4f5a6b7c804', type: 'SINGLE', title: 'Belém Family House', nickname: 'BEL-1', accommodates: 6, beds: 4, bedrooms: 3, units: 1,
    basePrice: 260, weekendPrice: 300, minNights: 3, summary: 'A house with a garden near the monastery; sleeps six.',
    amenities: ['Wireless Internet', 'Garden', 'Washer'], pictures: pics('belem'),
  },
];

/** Bookings already in Guesty, as offsets from today: the Alfama loft is taken on nights 3 and 4. */
export const GUESTY_SEED_BOOKINGS = [{ listingId: '64b7f0c2a1d3e4f5a6b7c801', from: 3, to: 5, guest: 'Marta Silva' }];
