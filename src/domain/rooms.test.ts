import { deepEqual, equal, ok } from '../test-utils/assert.js';
import type { WireAvailability } from '../contract/schemas.js';
import { toAvailability, type Room } from './model.js';
import { mergeListed, offeredRooms, USUAL_CAPACITY } from './rooms.js';

const cell = (dateKey: string, isFull = false, price: number | null = 3000) => ({ dateKey, isFull, price, priceIsOverride: false });
const row = (roomId: string, listingName: string, roomType: string, unit: number) => ({
  rowId: `${roomId}:${unit}`,
  roomId,
  listingName,
  roomType,
  unitLabel: `Unit ${unit}`,
  cells: [cell('2027-01-15'), cell('2027-01-16', unit === 1)],
});
const availability = (rows: ReturnType<typeof row>[]): WireAvailability => ({
  from: '2027-01-15',
  to: '2027-01-16',
  days: [],
  rows,
});

const catalogueRoom = (id: string, over: Partial<Room> = {}): Room => ({
  id,
  name: `Catalogue ${id}`,
  slug: id,
  type: 'suite',
  maxGuests: 4,
  bedCount: 2,
  unitCount: 9,
  amenities: ['Wi-Fi'],
  tags: [],
  images: [{ url: 'https://img.example/a.jpg', tags: [] }],
  sortOrder: 5,
  ...over,
});

describe('rooms without rooms:read', () => {
  const range = toAvailability(
    availability([row('deluxe', 'Deluxe', 'double', 1), row('deluxe', 'Deluxe', 'double', 2), row('dorm', 'Dorm', 'dorm_bed', 1), row('odd', 'Odd', 'spaceship', 1)]),
  );

  it('lists each room of the rows once, with its unit count, in Staymod order', () => {
    deepEqual(Object.keys(range.rooms), ['deluxe', 'dorm', 'odd']);
    equal(range.rooms['deluxe']!.units, 2);
    equal(range.nights['deluxe']!['2027-01-16']!.unitsFree, 1, 'the nights are unchanged');
  });

  it('reads well from the rows alone: name, type, units, and a capacity that never overfills', () => {
    const rooms = offeredRooms(range.rooms, null);
    deepEqual(rooms.map((r) => [r.name, r.type, r.unitCount, r.maxGuests, r.capacityAssumed]), [
      ['Deluxe', 'double', 2, 2, true],
      ['Dorm', 'dorm_bed', 1, 1, true],
      ['Odd', 'other', 1, USUAL_CAPACITY.other, true],
    ]);
    ok(rooms.every((r) => r.images.length === 0 && r.bedCount === 0));
  });

  it('takes details from the catalogue, but which rooms exist from the rows', () => {
    const details = { from: 'catalogue' as const, rooms: [catalogueRoom('deluxe'), catalogueRoom('gone')] };
    const rooms = offeredRooms(range.rooms, details);
    deepEqual(rooms.map((r) => r.id), ['deluxe', 'dorm', 'odd'], 'a room the rows no longer list is not offered');
    equal(rooms[0]!.name, 'Catalogue deluxe');
    equal(rooms[0]!.maxGuests, 4);
    equal(rooms[0]!.unitCount, 9, "the catalogue's unitCount is Staymod's booking limit, whatever the rows count");
    equal(rooms[1]!.unitCount, 1, 'a room known only from rows counts its rows');
    equal(rooms[0]!.capacityAssumed, undefined);
    equal(rooms[1]!.capacityAssumed, true, 'a room the catalogue lacks is still offered');
  });

  it('shows the catalogue before any rows arrive, and the rooms answer as it is', () => {
    deepEqual(offeredRooms(undefined, { from: 'catalogue', rooms: [catalogueRoom('x')] }).map((r) => r.id), ['x']);
    deepEqual(offeredRooms(range.rooms, { from: 'api', rooms: [catalogueRoom('y')] }).map((r) => r.id), ['y']);
    deepEqual(offeredRooms(undefined, null), []);
  });

  it('offers nothing once the rows say the property has no rooms, whatever the catalogue says', () => {
    deepEqual(offeredRooms({}, { from: 'catalogue', rooms: [catalogueRoom('x')] }), []);
    deepEqual(offeredRooms({}, null), []);
  });

  it('merges the rooms of several months, first appearance first', () => {
    const january = toAvailability(availability([row('b', 'B', 'double', 1)]));
    const february = toAvailability(availability([row('a', 'A', 'single', 1), row('b', 'B', 'double', 1), row('b', 'B', 'double', 2)]));
    const merged = mergeListed([january, undefined, february])!;
    deepEqual(Object.keys(merged), ['b', 'a']);
    equal(merged['b']!.units, 2);
    equal(mergeListed([undefined]), undefined, 'nothing loaded yet');
  });
});
