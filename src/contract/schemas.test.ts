import * as z from 'zod/mini';
import { deepEqual, equal, ok } from '../test-utils/assert.js';
import { errorFromBookingResponse, errorFromResponse, isBookingRefusal, StaymodError, UNCONFIRMED_BOOKING_MESSAGE } from './errors.js';
import {
  availabilityResponseSchema,
  bookingOptionsResponseSchema,
  bookingResponseSchema,
  roomsResponseSchema,
} from './schemas.js';
import { bookingRequestSchema } from './request-schema.js';

const room = {
  _id: '65f0000000000000000000a1',
  orgId: 'org-secret',
  propertyId: '65f000000000000000000001',
  name: 'Deluxe',
  slug: 'deluxe',
  type: 'double',
  status: 'active',
  maxGuests: 2,
  bedCount: 1,
  unitCount: 3,
  roomNumbers: ['101', '102', '103'],
  priceWeekday: 3499,
  priceWeekend: 4999.5,
  amenities: ['Wi-Fi'],
  imageUrls: [],
  roomImages: [{ url: 'https://img.example/a.jpg', sortOrder: 0, tagIds: [], tags: [] }],
  tags: [{ _id: 't1', name: 'Sea view', slug: 'sea-view' }],
  isActive: true,
  sortOrder: 0,
  icalToken: 'ical-secret',
  icalTokensByRoomNumber: { '101': 'ical-secret-101' },
};

describe('wire schemas', () => {
  it('parse a real rooms answer and drop the leaked secrets', () => {
    const parsed = z.parse(roomsResponseSchema, { rooms: [room] });
    const text = JSON.stringify(parsed);
    ok(!text.includes('secret'), `secrets must not survive parsing: ${text}`);
    equal(parsed.rooms[0]!.name, 'Deluxe');
    equal(parsed.rooms[0]!.priceWeekend, 4999.5);
  });

  it('tolerate missing optional lists, unknown enums and bad entries', () => {
    const parsed = z.parse(roomsResponseSchema, {
      rooms: [
        { _id: 'x1', name: 'Bare', type: 'spaceship', maxGuests: 'two' },
        { name: 'no id' },
        null,
        { ...room, amenities: ['ok', 42, null, 'also ok'], tags: [{ name: 'T' }, 'junk'] },
      ],
    });
    equal(parsed.rooms.length, 2, 'the two rooms with ids survive');
    equal(parsed.rooms[0]!.type, 'other');
    equal(parsed.rooms[0]!.maxGuests, 1);
    // A hand-written catalogue without unitCount: no booking limit from it (1 would offer one room of each).
    equal(parsed.rooms[0]!.unitCount, Number.POSITIVE_INFINITY);
    deepEqual(parsed.rooms[0]!.amenities, []);
    deepEqual(parsed.rooms[1]!.amenities, ['ok', 'also ok']);
    equal(parsed.rooms[1]!.tags.length, 1);
  });

  it('reject an answer of the wrong shape as a whole', () => {
    ok(!z.safeParse(roomsResponseSchema, null).success);
    ok(!z.safeParse(roomsResponseSchema, 'rooms').success);
    ok(!z.safeParse(availabilityResponseSchema, { rows: [] }).success, 'from/to are required');
    ok(!z.safeParse(bookingResponseSchema, { booking: { guestName: 'x' } }).success, 'a booking needs an _id');
  });

  it('read an answer without its list as unreadable, never as "no rooms" or "no extras"', () => {
    ok(!z.safeParse(roomsResponseSchema, {}).success, 'rooms missing');
    ok(!z.safeParse(roomsResponseSchema, { rooms: { 0: room } }).success, 'rooms not a list');
    ok(!z.safeParse(bookingOptionsResponseSchema, { nope: 1 }).success, 'bookingOptions missing');
    ok(!z.safeParse(availabilityResponseSchema, { from: '2026-05-01', to: '2026-05-02' }).success, 'rows missing');
    equal(z.parse(roomsResponseSchema, { rooms: [] }).rooms.length, 0, 'an empty list is still a real answer');
  });

  it('keep null prices as null and treat negative or NaN-ish prices as null', () => {
    const parsed = z.parse(availabilityResponseSchema, {
      from: '2026-12-01',
      to: '2026-12-01',
      days: [{ dateKey: '2026-12-01', isWeekend: false }],
      rows: [
        {
          rowId: 'a:1',
          roomId: 'a',
          listingName: 'A',
          roomType: 'double',
          unitLabel: 'Unit 1',
          cells: [
            { dateKey: '2026-12-01', isFull: false, price: null, priceIsOverride: false },
            { dateKey: '2026-12-02', isFull: false, price: -5, priceIsOverride: false },
            { dateKey: '2026-12-03', isFull: false, price: '12', priceIsOverride: false },
            { dateKey: 'bad', isFull: false, price: 5 },
          ],
        },
      ],
    });
    deepEqual(
      parsed.rows[0]!.cells.map((c) => c.price),
      [null, null, null],
    );
  });

  it('parse booking options and skip malformed ones', () => {
    const parsed = z.parse(bookingOptionsResponseSchema, {
      bookingOptions: [
        { _id: 'o1', name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 350, isActive: true, sortOrder: 0 },
        { _id: 'o2', name: 'Broken', appliesTo: 'everyone', frequency: 'day', pricePerUnit: 1 },
      ],
    });
    deepEqual(parsed.bookingOptions.map((o) => o._id), ['o1']);
  });

  it('strip fields a browser must never control from a booking request', () => {
    const parsed = z.parse(bookingRequestSchema, {
      guestName: ' Asha ',
      checkIn: '2026-12-01T14:00:00.000Z',
      checkOut: '2026-12-03T11:00:00.000Z',
      rooms: [{ roomId: '65f0000000000000000000a1', quantity: 1 }],
      status: 'confirmed',
      discount: 100,
      advanceAmount: 5,
      customItems: [{ name: 'x', price: -1 }],
    });
    equal(parsed.guestName, 'Asha');
    for (const field of ['status', 'discount', 'advanceAmount', 'customItems']) ok(!(field in parsed), `${field} dropped`);
    ok(!z.safeParse(bookingRequestSchema, { ...parsed, guestName: '   ' }).success, 'blank name refused');
    ok(!z.safeParse(bookingRequestSchema, { ...parsed, rooms: [] }).success, 'no rooms refused');
    ok(!z.safeParse(bookingRequestSchema, { ...parsed, rooms: [{ roomId: 'abc', quantity: 1 }] }).success, 'bad id refused');
  });
});

describe('errorFromResponse', () => {
  const cases: Array<[number, string, StaymodError['code']]> = [
    [400, 'Invalid property id.', 'invalid-property-id'],
    [401, 'Missing Bearer API key.', 'missing-key'],
    [401, 'Invalid API key.', 'invalid-key'],
    [401, 'API key has expired.', 'expired-key'],
    [403, 'Origin not allowed for this API key.', 'origin-not-allowed'],
    [403, 'IP not allowed for this API key.', 'ip-not-allowed'],
    [403, 'API key scope does not allow this action.', 'missing-scope'],
    [403, 'API key is not allowed for this property.', 'wrong-property'],
    [400, 'checkOut must be after checkIn.', 'invalid-input'],
    [400, 'Not enough availability on 2026-05-02 (need 1 unit(s), 0 left).', 'sold-out'],
    [429, 'Too many requests.', 'rate-limited'],
    [502, 'Bad gateway', 'server'],
    [504, 'Upstream timeout', 'timeout'],
    [502, UNCONFIRMED_BOOKING_MESSAGE, 'unconfirmed'],
  ];
  for (const [status, message, code] of cases) {
    it(`maps ${status} "${message}" to ${code}`, () => {
      const error = errorFromResponse(status, message);
      equal(error.code, code);
      equal(error.serverMessage, message);
    });
  }

  it('parses the sold-out night and marks host-fixable codes', () => {
    equal(errorFromResponse(400, 'Not enough availability on 2026-05-02 (need 1 unit(s), 0 left).').soldOutDate, '2026-05-02');
    ok(errorFromResponse(403, 'Origin not allowed for this API key.').hostFixable);
    ok(!errorFromResponse(400, 'checkOut must be after checkIn.').hostFixable);
    ok(errorFromResponse(503, undefined).ambiguous, 'a 5xx on a POST may have been applied');
  });
});

describe('isBookingRefusal: which 400s on POST bookings prove nothing was stored', () => {
  // Messages Staymod's route handler and its body parser produce before any insert.
  const refusals = [
    'guestName is required.',
    'rooms is required.',
    'checkIn must be a valid date.',
    'rooms must be a non-empty array.',
    'numberOfGuests must be a positive integer.',
    'checkOut must be after checkIn.',
    'Room not found or not available for booking.',
    'Room number "9" is not valid for "Deluxe".',
    'Room "Deluxe" does not have configured room numbers.',
    'quantity cannot exceed this room listing\'s unit count (3) for "Deluxe".',
    'Not enough availability on 2026-05-02 (need 1 unit(s), 0 left).',
    'Invalid payload.',
    'Unexpected token } in JSON at position 12',
    'Unexpected end of JSON input',
    'Unexpected token \'o\', "not json" is not valid JSON',
    "Expected property name or '}' in JSON at position 1 (line 1 column 2)",
  ];
  // Messages a database error after the insert (or anything unknown) produces: the booking may exist.
  const ambiguous = [
    'E11000 duplicate key error collection: staymod.bookings index: _id_ dup key: { _id: ObjectId(\'665f\') }',
    'connection 3 to 127.0.0.1:27017 closed',
    'Server selection timed out after 30000 ms',
    'Failed to create booking.',
    'The field \'rooms\' must be an array but is of type string in document {_id: 1}',
    'Transaction numbers are only allowed on a replica set member or mongos',
    '',
  ];
  for (const message of refusals) {
    it(`refusal: ${message}`, () => {
      ok(isBookingRefusal(message));
      const error = errorFromBookingResponse(400, message);
      ok(error.code !== 'unconfirmed' && !error.ambiguous, `got ${error.code}`);
    });
  }
  for (const message of ambiguous) {
    it(`ambiguous: ${message || '(empty)'}`, () => {
      ok(!isBookingRefusal(message));
      const error = errorFromBookingResponse(400, message);
      equal(error.code, 'unconfirmed');
      ok(error.ambiguous);
      equal(error.message, UNCONFIRMED_BOOKING_MESSAGE);
      equal(error.serverMessage, message);
    });
  }
  it('no message at all is ambiguous; other statuses keep their meaning', () => {
    equal(errorFromBookingResponse(400, undefined).code, 'unconfirmed');
    equal(errorFromBookingResponse(400, 'Not enough availability on 2026-05-02 (need 1 unit(s), 0 left).').code, 'sold-out');
    equal(errorFromBookingResponse(401, 'Invalid API key.').code, 'invalid-key');
    equal(errorFromBookingResponse(403, 'E11000 duplicate key error').code, 'missing-scope');
  });
});
