import { deepEqual, equal, ok } from '../test-utils/assert.js';
import type { WireAvailability, WireRoom } from '../contract/schemas.js';
import { toAvailability, toRoom, toRooms } from './model.js';
import { safeImageUrl } from './rooms.js';
import { quoteRoom } from './pricing.js';

const wireRoom = (over: Partial<WireRoom>): WireRoom => ({
  _id: 'r1',
  name: 'Room',
  slug: 'room',
  type: 'double',
  maxGuests: 2,
  bedCount: 1,
  unitCount: 2,
  roomNumbers: [],
  amenities: [],
  imageUrls: [],
  roomImages: [],
  tags: [],
  isActive: true,
  sortOrder: 0,
  ...over,
} as WireRoom);

describe('domain mapping', () => {
  it('keeps only http(s) images, sorted, without duplicates', () => {
    equal(safeImageUrl('javascript:alert(1)'), undefined);
    equal(safeImageUrl('data:image/svg+xml,<svg onload=alert(1)>'), undefined);
    equal(safeImageUrl('/relative.png'), undefined);
    equal(safeImageUrl(' https://cdn.example/a.jpg '), 'https://cdn.example/a.jpg');
    const room = toRoom(
      wireRoom({
        roomImages: [
          { url: 'https://x/2.jpg', sortOrder: 2, tagIds: [], tags: [] },
          { url: 'javascript:alert(1)', sortOrder: 0, tagIds: [], tags: [] },
          { url: 'https://x/1.jpg', sortOrder: 1, tagIds: [], tags: [{ _id: 't', name: 'Bathroom', slug: 'b' }] },
        ],
        imageUrls: ['https://x/1.jpg', 'http://x/3.jpg'],
      }),
    );
    deepEqual(room.images, [
      { url: 'https://x/1.jpg', tags: ['Bathroom'] },
      { url: 'https://x/2.jpg', tags: [] },
      { url: 'http://x/3.jpg', tags: [] },
    ]);
  });

  it('copies nothing a guest does not need', () => {
    const room = toRoom(wireRoom({ propertyId: 'p', status: 'active', createdAt: 'x' }));
    ok(!('propertyId' in room) && !('status' in room) && !('createdAt' in room));
  });

  it('drops inactive rooms and sorts by sortOrder then name', () => {
    const rooms = toRooms([
      wireRoom({ _id: 'b', name: 'B', sortOrder: 1 }),
      wireRoom({ _id: 'a', name: 'A', sortOrder: 1 }),
      wireRoom({ _id: 'z', name: 'Z', sortOrder: 0 }),
      wireRoom({ _id: 'off', name: 'Off', isActive: false }),
    ]);
    deepEqual(rooms.map((r) => r.id), ['z', 'a', 'b']);
  });

  it('counts free units per room per night from unit rows', () => {
    const cell = (dateKey: string, isFull: boolean, price: number | null) => ({ dateKey, isFull, price, priceIsOverride: false });
    const wire: WireAvailability = {
      from: '2026-12-01',
      to: '2026-12-02',
      days: [],
      rows: [
        { rowId: 'a:101', roomId: 'a', listingName: 'A', roomType: 'double', unitLabel: '101', cells: [cell('2026-12-01', true, 3000), cell('2026-12-02', false, 3000)] },
        { rowId: 'a:102', roomId: 'a', listingName: 'A', roomType: 'double', unitLabel: '102', cells: [cell('2026-12-01', false, 3000), cell('2026-12-02', false, 3000)] },
        { rowId: 'b:Unit 1', roomId: 'b', listingName: 'B', roomType: 'suite', unitLabel: 'Unit 1', cells: [cell('2026-12-01', true, 9000), cell('2026-12-02', false, null)] },
      ],
    };
    const { nights } = toAvailability(wire);
    deepEqual(nights['a'], { '2026-12-01': { unitsFree: 1, price: 3000 }, '2026-12-02': { unitsFree: 2, price: 3000 } });
    deepEqual(nights['b'], { '2026-12-01': { unitsFree: 0, price: 9000 }, '2026-12-02': { unitsFree: 1, price: null } });
  });

  it("pricing 'quoted' keeps the nightly prices as a guide and leaves the stay's total to the system's quote", () => {
    const cell = (dateKey: string, price: number | null) => ({ dateKey, isFull: false, price, priceIsOverride: false });
    const wire: WireAvailability = {
      from: '2026-12-01',
      to: '2026-12-02',
      days: [],
      rows: [{ rowId: 'a:1', roomId: 'a', listingName: 'A', roomType: 'apartment', unitLabel: 'Unit 1', cells: [cell('2026-12-01', 95), cell('2026-12-02', 95)] }],
      pricing: 'quoted',
    };
    const { nights } = toAvailability(wire);
    deepEqual(nights['a'], { '2026-12-01': { unitsFree: 1, price: 95, perStay: true }, '2026-12-02': { unitsFree: 1, price: 95, perStay: true } });
    const quote = quoteRoom(nights, 'a', '2026-12-01', '2026-12-03', 'EUR');
    equal(quote.perStay, true, 'the room asks for the quote');
    equal(quote.totalMinor, 19_000, 'the nights are still a guide');
    equal(toAvailability({ ...wire, pricing: undefined }).nights['a']!['2026-12-01']!.perStay, undefined, 'per night: no quote asked');
  });
});
