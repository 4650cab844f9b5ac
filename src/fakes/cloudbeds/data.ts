/**
 * Demo data of the Cloudbeds fake: a small boutique hotel as Cloudbeds would hold it
 * (numeric string ids, room types with units, a base and a derived rate plan, items).
 */
export const CLOUDBEDS_DEMO = {
  propertyId: '172946',
  otherPropertyId: '172947',
  apiKey: 'cbat_fakeCasaAzul0d5c3e9b7a41f2c8e6d0b9a3f5c7e1d2',
  timezone: 'America/Mexico_City',
  currency: 'MXN',
  name: 'Casa Azul Boutique Hotel',
} as const;

export interface FakeRoomType {
  roomTypeID: string;
  roomTypeName: string;
  roomTypeNameShort: string;
  roomTypeDescription: string;
  maxGuests: number;
  units: Array<{ roomID: string; roomName: string }>;
  photos: string[];
  /** A list, or (as some answers have it) an object keyed by index. */
  features: string[] | Record<string, string>;
  weekday: number;
  weekend: number;
  /** Adults in the nightly rate; each one more costs `extraAdult` a night (Cloudbeds' `totalRate` adds it). */
  adultsIncluded: number;
  extraAdult: number;
  /** Minimum nights for a stay arriving that night. */
  minLos: number;
  /** Weekdays (0 = Sunday) closed to arrival. */
  closedToArrivalDays: number[];
}

const photo = (name: string) => [`https://h-img.cloudbeds.example/${name}-1.jpg`, `https://h-img.cloudbeds.example/${name}-2.jpg`];

export const CLOUDBEDS_ROOM_TYPES: FakeRoomType[] = [
  {
    roomTypeID: '501234', roomTypeName: 'Standard Double', roomTypeNameShort: 'STD',
    roomTypeDescription: 'Quiet courtyard room with a double bed and a rain shower.',
    maxGuests: 2, units: ['101', '102', '103', '104'].map((n, i) => ({ roomID: `50123${4}-${i + 1}`, roomName: n })),
    photos: photo('standard'), features: ['Wi-Fi', 'Air conditioning', 'Rain shower'], weekday: 1450, weekend: 1650, adultsIncluded: 2, extraAdult: 0,
    minLos: 1, closedToArrivalDays: [],
  },
  {
    roomTypeID: '501235', roomTypeName: 'Superior King', roomTypeNameShort: 'SK',
    roomTypeDescription: 'King bed, balcony over the street, a desk for working.',
    maxGuests: 2, units: ['201', '202', '203'].map((n, i) => ({ roomID: `501235-${i + 1}`, roomName: n })),
    photos: photo('superior'), features: { '0': 'Wi-Fi', '1': 'Balcony', '2': 'Desk' }, weekday: 1850, weekend: 2100, adultsIncluded: 2, extraAdult: 0,
    minLos: 1, closedToArrivalDays: [],
  },
  {
    roomTypeID: '501236', roomTypeName: 'Family Suite', roomTypeNameShort: 'FAM',
    roomTypeDescription: 'Two rooms, a queen bed and two singles; sleeps four.',
    maxGuests: 4, units: ['301', '302'].map((n, i) => ({ roomID: `501236-${i + 1}`, roomName: n })),
    photos: photo('family'), features: ['Wi-Fi', 'Kitchenette'], weekday: 2900, weekend: 3300, adultsIncluded: 2, extraAdult: 350,
    minLos: 2, closedToArrivalDays: [],
  },
  {
    roomTypeID: '501237', roomTypeName: 'Rooftop Suite', roomTypeNameShort: 'ROOF',
    roomTypeDescription: 'The only room on the roof: terrace, outdoor tub, city views.',
    maxGuests: 2, units: [{ roomID: '501237-1', roomName: 'PH' }],
    photos: photo('rooftop'), features: ['Wi-Fi', 'Terrace', 'Outdoor tub'], weekday: 4200, weekend: 4800, adultsIncluded: 2, extraAdult: 0,
    minLos: 1, closedToArrivalDays: [0],
  },
];

export const CLOUDBEDS_ITEMS = [
  { itemID: '9001', itemType: 'mealplan', name: 'Breakfast', description: 'Mexican breakfast on the patio, per guest and night.', price: 180 },
  { itemID: '9002', itemType: 'service', name: 'Airport transfer', description: 'One way, up to four guests.', price: 650 },
  { itemID: '9003', itemType: 'product', name: 'Welcome mezcal', description: 'A bottle waiting in the room.', price: 420 },
];

/** Reservations already on the books, as offsets from today: the Standard Double is full on nights 3 and 4. */
export const CLOUDBEDS_SEED_RESERVATIONS: Array<{ roomTypeID: string; from: number; to: number; quantity: number; name: string }> = [
  { roomTypeID: '501234', from: 3, to: 5, quantity: 4, name: 'Tour group Ortega' },
  { roomTypeID: '501237', from: 10, to: 12, quantity: 1, name: 'Lucía Fernández' },
];
