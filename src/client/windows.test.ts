import { eachDate } from '../domain/dates.js';
import type { WireAvailability } from '../contract/schemas.js';
import { deepEqual, equal, ok } from '../test-utils/assert.js';
import { mergeAvailability, splitWindows } from './windows.js';

describe('splitWindows', () => {
  it('covers 200 nights in 7 month windows, none over 31 dates', () => {
    const windows = splitWindows('2027-01-01', '2027-07-19');
    equal(windows.length, 7);
    for (const w of windows) ok(eachDate(w.from, w.to).length <= 31, `${w.from}..${w.to} too long`);
    const covered = windows.flatMap((w) => eachDate(w.from, w.to));
    deepEqual(covered, eachDate('2027-01-01', '2027-07-19'), 'every date exactly once, in order');
  });

  it('clips the first and last window to the range', () => {
    deepEqual(splitWindows('2026-12-30', '2027-01-02'), [
      { from: '2026-12-30', to: '2026-12-31' },
      { from: '2027-01-01', to: '2027-01-02' },
    ]);
  });

  it('handles leap February and a single day', () => {
    deepEqual(splitWindows('2028-02-01', '2028-02-29'), [{ from: '2028-02-01', to: '2028-02-29' }]);
    deepEqual(splitWindows('2026-05-05', '2026-05-05'), [{ from: '2026-05-05', to: '2026-05-05' }]);
  });

  it('returns nothing for a reversed range', () => {
    deepEqual(splitWindows('2026-05-06', '2026-05-05'), []);
  });
});

describe('mergeAvailability', () => {
  const part = (from: string, to: string, price: number): WireAvailability => ({
    from,
    to,
    days: eachDate(from, to).map((dateKey) => ({ dateKey, isWeekend: false })),
    rows: [
      {
        rowId: 'r:1',
        roomId: 'r',
        listingName: 'R',
        roomType: 'double',
        unitLabel: 'Unit 1',
        cells: eachDate(from, to).map((dateKey) => ({ dateKey, isFull: false, price, priceIsOverride: false })),
      },
    ],
  });

  it('joins windows in date order whatever order they arrived in', () => {
    const merged = mergeAvailability([part('2027-02-01', '2027-02-28', 2), part('2027-01-30', '2027-01-31', 1)]);
    equal(merged.from, '2027-01-30');
    equal(merged.to, '2027-02-28');
    equal(merged.days.length, 30);
    equal(merged.rows.length, 1);
    equal(merged.rows[0]!.cells.length, 30);
    equal(merged.rows[0]!.cells[0]!.price, 1);
    equal(merged.rows[0]!.cells[29]!.dateKey, '2027-02-28');
    equal(merged.pricing, undefined, 'Staymod says nothing of pricing: neither does the join');
  });

  it("keeps a proxy's pricing word: a stay across a month end read again still prices per stay", () => {
    const merged = mergeAvailability([part('2027-01-30', '2027-01-31', 1), { ...part('2027-02-01', '2027-02-02', 2), pricing: 'per-stay' }]);
    equal(merged.pricing, 'per-stay');
  });
});
