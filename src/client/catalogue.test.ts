import { deepEqual, equal, ok } from '../test-utils/assert.js';
import { toRooms } from '../domain/model.js';
import { fetchCatalogue, readCatalogue } from './catalogue.js';

const PROPERTY = '71c1cf237ed753d9d00db738';
const room = (over: Record<string, unknown> = {}) => ({ _id: 'a'.repeat(24), name: 'Deluxe', type: 'double', maxGuests: 2, ...over });

function jsonUrl(value: unknown): string {
  return URL.createObjectURL(new Blob([typeof value === 'string' ? value : JSON.stringify(value)], { type: 'application/json' }));
}

describe('room catalogue', () => {
  it('reads a snapshot file, and an array set by code', async () => {
    const file = await readCatalogue({ propertyId: PROPERTY, generatedAt: 'x', rooms: [room()] }, PROPERTY, 'rooms-src');
    equal(file.problem, undefined);
    equal(file.catalogue?.rooms[0]?.name, 'Deluxe');
    equal((await readCatalogue([room()], PROPERTY, 'roomCatalogue')).catalogue?.rooms.length, 1);
  });

  it('survives a hostile catalogue: scripts stay text, only http(s) photos, bad entries and wrong types dropped', async () => {
    const long = 'x'.repeat(10_000);
    const read = await readCatalogue(
      {
        rooms: [
          room({ name: '<script>alert(1)</script>', description: long, imageUrls: ['javascript:alert(1)', 'data:text/html,hi', 'https://img.example/ok.jpg'], roomImages: [{ url: 'javascript:alert(2)', sortOrder: 0 }] }),
          room({ _id: 42 }),
          null,
          'junk',
          room({ _id: 'b'.repeat(24), maxGuests: 'lots', amenities: [1, 'Wi-Fi', { x: 1 }], tags: 'nope' }),
        ],
      },
      PROPERTY,
      'rooms-src',
    );
    equal(read.problem, undefined);
    const rooms = toRooms(read.catalogue!.rooms);
    equal(rooms.length, 2);
    equal(rooms[0]!.name, '<script>alert(1)</script>', 'kept as text; the elements render text, never HTML');
    equal(rooms[0]!.description?.length, 10_000);
    deepEqual(rooms[0]!.images.map((i) => i.url), ['https://img.example/ok.jpg']);
    equal(rooms[1]!.maxGuests, 1, 'an unreadable capacity falls back to the safest');
    deepEqual(rooms[1]!.amenities, ['Wi-Fi']);
  });

  it('names the problem for the host and falls back, never throws', async () => {
    ok(/not a room catalogue/.test((await readCatalogue({ hello: 1 }, PROPERTY, 'rooms-src "/r.json"')).problem ?? ''));
    ok(/not a room catalogue/.test((await readCatalogue('rooms', PROPERTY, 'x')).problem ?? ''));
    const other = await readCatalogue({ propertyId: 'b'.repeat(24), rooms: [room()] }, PROPERTY, 'rooms-src "/r.json"');
    equal(other.catalogue, null);
    ok(/catalogue of property b{24}, not of property-id/.test(other.problem ?? ''));
  });

  it('warns when the file carries iCal feed tokens (a raw rooms answer saved as a file), and drops them', async () => {
    const read = await readCatalogue({ rooms: [room({ icalToken: 'tok_secret', orgId: 'org' })] }, PROPERTY, 'rooms-src');
    ok(/iCal feed tokens/.test(read.problem ?? '') && /rotate/.test(read.problem ?? ''));
    ok(read.catalogue && !JSON.stringify(read.catalogue).includes('tok_secret'));
  });

  it('fetches the file; a 404, bad JSON or a wrong shape is a problem, not a failure', async () => {
    const good = await fetchCatalogue(jsonUrl({ rooms: [room()] }), PROPERTY, { timeoutMs: 5000 });
    equal(good.catalogue?.rooms.length, 1);
    const bad = await fetchCatalogue(jsonUrl('{not json'), PROPERTY, { timeoutMs: 5000 });
    ok(/not valid JSON/.test(bad.problem ?? ''));
    const missing = await fetchCatalogue('/no-such-catalogue.json', PROPERTY, { timeoutMs: 5000 });
    ok(/answered HTTP 404/.test(missing.problem ?? ''), missing.problem);
  });
});
