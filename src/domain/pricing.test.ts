import { deepEqual, equal } from '../test-utils/assert.js';
import type { DateKey } from './dates.js';
import { cheapestNight, cheapestStay, cheapestStayLookup, type Nights } from './pricing.js';

/** Nights 10-12 December (check-out the 13th) for rooms given as [price, unitsFree] per night. */
function stay(rooms: Record<string, Array<[price: number | null, unitsFree: number]>>): Nights {
  const nights: Nights = {};
  for (const [id, list] of Object.entries(rooms)) {
    nights[id] = {};
    list.forEach(([price, unitsFree], i) => (nights[id]![`2026-12-${10 + i}` as DateKey] = { price, unitsFree }));
  }
  return nights;
}

const IN = '2026-12-10';
const OUT = '2026-12-13';

describe('cheapestNight', () => {
  it('is the lowest price among rooms free that night, ignoring sold-out and unpriced rooms', () => {
    const nights = stay({ cheap: [[1500, 0]], mid: [[4560, 2]], dear: [[9000, 1]], unpriced: [[null, 3]] });
    deepEqual(cheapestNight(nights, ['cheap', 'mid', 'dear', 'unpriced'], IN, 'INR'), { priceMinor: 456_000 });
  });
});

describe('cheapestStay', () => {
  it('takes the cheapest single room that sleeps the party for every night', () => {
    const nights = stay({
      double: [[4560, 1], [4560, 1], [4560, 1]],
      suite: [[9000, 1], [9000, 1], [9000, 1]],
    });
    const rooms = [{ id: 'double', maxGuests: 2 }, { id: 'suite', maxGuests: 4 }];
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 2, 'INR'), { totalMinor: 1_368_000, rooms: { double: 1 } });
    // Three guests: the suite, or two doubles; two doubles are cheaper only if two are free.
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 3, 'INR'), { totalMinor: 2_700_000, rooms: { suite: 1 } });
  });

  it('combines rooms and units when that is cheaper, within the units free on every night', () => {
    const nights = stay({
      double: [[3000, 2], [3000, 1], [3000, 2]],
      suite: [[8000, 1], [8000, 1], [8000, 1]],
    });
    const rooms = [{ id: 'double', maxGuests: 2 }, { id: 'suite', maxGuests: 4 }];
    // Only one double is free on the 11th: four guests take the suite, not two doubles.
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 4, 'INR'), { totalMinor: 2_400_000, rooms: { suite: 1 } });
    // Five guests: the suite and the double.
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 5, 'INR'), { totalMinor: 3_300_000, rooms: { suite: 1, double: 1 } });
    const roomier = stay({ double: [[3000, 2], [3000, 2], [3000, 2]], suite: [[8000, 1], [8000, 1], [8000, 1]] });
    deepEqual(cheapestStay(roomier, rooms, IN, OUT, 4, 'INR'), { totalMinor: 1_800_000, rooms: { double: 2 } });
  });

  it("takes no more units of a room than its unitCount, however many of Staymod's rows show free", () => {
    // Rooms 301-303 (three rows free) but unitCount 1, Staymod's form default: it books one.
    const nights = stay({ double: [[3000, 3], [3000, 3], [3000, 3]], suite: [[8000, 1], [8000, 1], [8000, 1]] });
    const rooms = [{ id: 'double', maxGuests: 2, unitCount: 1 }, { id: 'suite', maxGuests: 4, unitCount: 1 }];
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 4, 'INR'), { totalMinor: 2_400_000, rooms: { suite: 1 } });
    equal(cheapestStay(nights, rooms, IN, OUT, 7, 'INR'), null, 'one double and the suite sleep 6');
    equal(cheapestStayLookup(nights, rooms, 4, 'INR')(IN, OUT), 2_400_000);
    // Without a unitCount (a catalogue that gives none), the rows are the count.
    deepEqual(cheapestStay(nights, [{ id: 'double', maxGuests: 2 }], IN, OUT, 4, 'INR'), { totalMinor: 1_800_000, rooms: { double: 2 } });
  });

  it('skips a room sold out or unpriced on any night, and says null when nothing fits', () => {
    const nights = stay({
      cheap: [[1000, 1], [1000, 0], [1000, 1]],
      unpriced: [[500, 1], [null, 1], [500, 1]],
      single: [[2000, 1], [2000, 1], [2000, 1]],
    });
    const rooms = [{ id: 'cheap', maxGuests: 2 }, { id: 'unpriced', maxGuests: 2 }, { id: 'single', maxGuests: 1 }];
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 1, 'INR'), { totalMinor: 600_000, rooms: { single: 1 } });
    equal(cheapestStay(nights, rooms, IN, OUT, 2, 'INR'), null);
    // A night nobody has loaded is not free.
    equal(cheapestStay(nights, rooms, IN, '2026-12-14', 1, 'INR'), null);
  });

  it("skips a room whose stay the system quotes: its nightly prices are a guide, without fees and taxes", () => {
    const nights = stay({ quoted: [[150, 1], [150, 1], [150, 1]], plain: [[200, 1], [200, 1], [200, 1]] });
    for (const night of Object.values(nights['quoted']!)) night.perStay = true;
    const rooms = [{ id: 'quoted', maxGuests: 2 }, { id: 'plain', maxGuests: 2 }];
    deepEqual(cheapestStay(nights, rooms, IN, OUT, 2, 'EUR'), { totalMinor: 60_000, rooms: { plain: 1 } });
    equal(cheapestStay(nights, [rooms[0]!], IN, OUT, 2, 'EUR'), null);
  });

  it('keeps minor units exact for currencies with and without decimals', () => {
    const nights = stay({ room: [[89.5, 1], [89.5, 1], [89.5, 1]] });
    equal(cheapestStay(nights, [{ id: 'room', maxGuests: 2 }], IN, OUT, 2, 'EUR')?.totalMinor, 26_850);
    equal(cheapestStay(stay({ room: [[12000, 1], [12000, 1], [12000, 1]] }), [{ id: 'room', maxGuests: 2 }], IN, OUT, 2, 'JPY')?.totalMinor, 36_000);
  });

  it('as a lookup: the same function for the same inputs, a total per stay', () => {
    const nights = stay({ room: [[4560, 1], [4560, 1], [4560, 1]] });
    const rooms = [{ id: 'room', maxGuests: 2 }];
    const lookup = cheapestStayLookup(nights, rooms, 2, 'INR');
    equal(cheapestStayLookup(nights, [...rooms], 2, 'INR'), lookup);
    equal(lookup(IN, OUT), 1_368_000);
    equal(lookup(IN, '2026-12-11'), 456_000);
    equal(cheapestStayLookup(nights, rooms, 3, 'INR')(IN, OUT), null);
  });
});
