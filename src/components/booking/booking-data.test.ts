import type { ReactiveControllerHost } from 'lit';
import type { AvailabilityRange, Room } from '../../domain/model.js';
import type { RoomDetails } from '../../domain/rooms.js';
import { deepEqual, equal, ok } from '../../test-utils/assert.js';
import { BookingData, MergedNights, neededMonths } from './booking-data.js';

describe('neededMonths', () => {
  it('asks for the visible months, and for every month of a chosen stay', () => {
    deepEqual(neededMonths('2027-07', 2, null, null), ['2027-07', '2027-08']);
    deepEqual(neededMonths('2027-09', 1, '2027-07-30', '2027-08-02'), ['2027-07', '2027-08', '2027-09']);
  });

  it('keeps the check-in month while the guest pages on to pick a check-out', () => {
    // Without July's nights, every August day would wait on "loading" as a check-out.
    deepEqual(neededMonths('2027-08', 2, '2027-07-05', null), ['2027-07', '2027-08', '2027-09']);
    deepEqual(neededMonths('2027-05', 1, '2027-07-05', null), ['2027-05'], 'a check-in after the visible months needs nothing more');
  });
});

/** One room's answer for a month: each night free at `price`. */
function month(key: string, days: number, price: number): AvailabilityRange {
  const nights: AvailabilityRange['nights'][string] = {};
  for (let d = 1; d <= days; d++) nights[`${key}-${String(d).padStart(2, '0')}`] = { unitsFree: 1, price };
  return { from: `${key}-01`, to: `${key}-${days}`, nights: { room: nights }, rooms: { room: { name: 'Room', type: 'Room', units: 1, order: 0 } } };
}

describe('MergedNights', () => {
  const july = month('2027-07', 31, 100);
  const august = month('2027-08', 31, 200);
  const september = month('2027-09', 30, 300);

  it('keeps one object while the guest pages back and forth over loaded months', () => {
    const merged = new MergedNights();
    const first = merged.of([july, august], 'a');
    equal(first.room!['2027-07-31']!.price, 100);
    const next = merged.of([august, september], 'a');
    equal(next.room!['2027-09-30']!.price, 300);
    // Back, and on again: the calendar's lookup and its cached days stay as they are.
    equal(merged.of([july, august], 'a'), next);
    equal(merged.of([august, september], 'a'), next);
    equal(merged.of([august, undefined], 'a'), next, 'a month still loading changes nothing');
  });

  it('takes a refreshed month as it is now, and forgets another property\'s nights', () => {
    const merged = new MergedNights();
    merged.of([july, august], 'a');
    merged.of([august, september], 'a');
    const soldOut = month('2027-08', 31, 200);
    soldOut.nights.room!['2027-08-15'] = { unitsFree: 0, price: 200 };
    const refreshed = merged.of([soldOut, september], 'a');
    equal(refreshed.room!['2027-08-15']!.unitsFree, 0, 'the refreshed answer wins');
    equal(refreshed.room!['2027-07-01'], undefined, 'months not on hand are dropped with the stale answer');
    const other = merged.of([month('2027-10', 31, 900)], 'b');
    equal(Object.keys(other.room!).length, 31);
    ok(!('2027-09-01' in other.room!), 'nothing of the first property remains');
  });
});

/** BookingData over fixed answers: room details and months, no queries. */
class Answered extends BookingData {
  readonly #details: RoomDetails | null;
  readonly #months: AvailabilityRange[];
  constructor(details: RoomDetails | null, months: AvailabilityRange[]) {
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) } as ReactiveControllerHost;
    super(host, () => undefined);
    this.#details = details;
    this.#months = months;
  }
  override get results() {
    return [{ data: { details: this.#details } }, { data: [] }] as unknown as BookingData['results'];
  }
  override get monthResults() {
    return this.#months.map((data) => ({ data })) as unknown as BookingData['monthResults'];
  }
}

describe('BookingData quotes: at most unitCount units', () => {
  // Staymod's form defaults unitCount to 1: a room with numbers 301-303 has three rows, all free.
  const rows = month('2027-07', 31, 100);
  for (const night of Object.values(rows.nights.room!)) night.unitsFree = 3;
  rows.rooms.room!.units = 3;
  const room = (unitCount: number): Room => ({
    id: 'room', name: 'Sea View', slug: 'sea-view', type: 'double', maxGuests: 2, bedCount: 1, unitCount, amenities: [], tags: [], images: [], sortOrder: 0,
  });
  const quote = (details: RoomDetails | null) => new Answered(details, [rows]).quotes('2027-07-10', '2027-07-12', 'EUR')['room']!;

  it("caps the units free at Staymod's unitCount, from its rooms answer or the catalogue made from it", () => {
    equal(quote({ from: 'api', rooms: [room(1)] }).unitsFree, 1, 'Staymod refuses a quantity above unitCount');
    equal(quote({ from: 'catalogue', rooms: [room(1)] }).unitsFree, 1);
    equal(quote({ from: 'catalogue', rooms: [room(5)] }).unitsFree, 3, 'never more than the rows show free');
    equal(quote(null).unitsFree, 3, 'a count inferred from the rows caps nothing');
  });

  it('a unitCount of 0: sold out, since Staymod refuses any quantity', () => {
    const zero = quote({ from: 'api', rooms: [room(0)] });
    deepEqual([zero.unitsFree, zero.unbookable, zero.blockingDate], [0, 'sold-out', '2027-07-10']);
  });
});
