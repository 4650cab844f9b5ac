// The calendar's pure functions, run in six browser time zones (see web-test-runner.config.mjs).
import type { DateKey } from '../../domain/dates.js';
import { deepEqual, equal, ok } from '../../test-utils/assert.js';
import {
  addMonthsToDate,
  clampToMonths,
  dayState,
  firstBlockedNight,
  keyTarget,
  monthGrid,
  monthShowing,
  type NightResult,
  type RangeContext,
  selectDate,
  visibleMonths,
  weekdayNames,
  weekStartsOn,
} from './month-grid.js';

const PRICE: NightResult = { priceMinor: 250_000 };

/** Nights priced unless listed. */
function nights(blocked: Record<DateKey, 'sold-out' | 'no-price' | 'unknown'> = {}) {
  return (date: DateKey): NightResult => (blocked[date] ? { unbookable: blocked[date] } : PRICE);
}

function ctx(over: Partial<RangeContext> = {}): RangeContext {
  return { today: '2026-12-03', checkIn: null, checkOut: null, minNights: 1, maxNights: 365, night: nights(), ...over };
}

describe('monthGrid', () => {
  it('lays out a month starting on a Sunday, weeks from Monday', () => {
    const grid = monthGrid('2026-11', 1);
    equal(grid.length, 6);
    deepEqual(grid[0], [null, null, null, null, null, null, '2026-11-01']);
    deepEqual(grid[5], ['2026-11-30', null, null, null, null, null, null]);
  });

  it('lays out a month starting on a Sunday, weeks from Sunday', () => {
    const grid = monthGrid('2026-11', 0);
    equal(grid.length, 5);
    deepEqual(grid[0], ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
    deepEqual(grid[4], ['2026-11-29', '2026-11-30', null, null, null, null, null]);
  });

  it('lays out a month starting on a Monday with no leading blanks', () => {
    const grid = monthGrid('2027-02', 1);
    equal(grid.length, 4, 'February 2027 fills exactly four Monday weeks');
    equal(grid[0]![0], '2027-02-01');
    equal(grid[3]![6], '2027-02-28');
  });

  it('includes 29 February in the leap year 2028', () => {
    const days = monthGrid('2028-02', 1).flat().filter((d) => d !== null);
    equal(days.length, 29);
    equal(days[28], '2028-02-29');
    // 1 Feb 2028 is a Tuesday: one blank before it in a Monday week.
    deepEqual(monthGrid('2028-02', 1)[0]!.slice(0, 2), [null, '2028-02-01']);
  });

  it('starts a Saturday week for Arabic (Egypt)', () => {
    // 1 Dec 2026 is a Tuesday: Sat, Sun, Mon blank.
    deepEqual(monthGrid('2026-12', 6)[0], [null, null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('is memoized per month and week start', () => {
    ok(monthGrid('2026-12', 1) === monthGrid('2026-12', 1));
    ok(monthGrid('2026-12', 1) !== monthGrid('2026-12', 0));
  });

  it('lists visible months across a year end', () => {
    deepEqual(visibleMonths('2026-12', 2), ['2026-12', '2027-01']);
  });
});

describe('weekStartsOn and weekday names', () => {
  it('follows the locale', () => {
    equal(weekStartsOn('en-US'), 0);
    equal(weekStartsOn('ja-JP'), 0);
    equal(weekStartsOn('en-IN'), 0, 'CLDR: weeks in India start on Sunday');
    equal(weekStartsOn('de-DE'), 1);
    equal(weekStartsOn('en-GB'), 1);
    equal(weekStartsOn('fr'), 1);
    equal(weekStartsOn('ar-EG'), 6);
  });

  it('falls back to Monday for a tag Intl rejects', () => {
    equal(weekStartsOn('not a locale!'), 1);
  });

  it('names weekdays in order from the week start, in the locale', () => {
    deepEqual(
      weekdayNames('en-GB', 1).map((d) => d.long),
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    );
    deepEqual(weekdayNames('de-DE', 1).map((d) => d.long).slice(0, 2), ['Montag', 'Dienstag']);
    equal(weekdayNames('en-US', 0)[0]!.short, 'Sun');
    equal(weekdayNames('ar-EG', 6)[0]!.long, 'السبت');
  });
});

describe('keyTarget', () => {
  const opts = { weekStartsOn: 1 as const };

  it('moves by day and week across month and year ends', () => {
    equal(keyTarget('2026-12-31', 'ArrowRight', opts), '2027-01-01');
    equal(keyTarget('2027-01-01', 'ArrowLeft', opts), '2026-12-31');
    equal(keyTarget('2026-12-28', 'ArrowDown', opts), '2027-01-04');
    equal(keyTarget('2027-01-04', 'ArrowUp', opts), '2026-12-28');
    equal(keyTarget('2028-02-28', 'ArrowRight', opts), '2028-02-29');
  });

  it('moves one day at a time over a DST change', () => {
    // Europe and the US change clocks in late March and early November.
    equal(keyTarget('2026-03-28', 'ArrowRight', opts), '2026-03-29');
    equal(keyTarget('2026-03-29', 'ArrowRight', opts), '2026-03-30');
    equal(keyTarget('2026-11-01', 'ArrowLeft', opts), '2026-10-31');
    equal(keyTarget('2026-04-05', 'ArrowDown', opts), '2026-04-12');
  });

  it('flips left and right in right-to-left text', () => {
    equal(keyTarget('2026-12-10', 'ArrowLeft', { ...opts, rtl: true }), '2026-12-11');
    equal(keyTarget('2026-12-10', 'ArrowRight', { ...opts, rtl: true }), '2026-12-09');
  });

  it('goes to the start and end of the week, by the locale week', () => {
    // Thursday 10 Dec 2026.
    equal(keyTarget('2026-12-10', 'Home', opts), '2026-12-07');
    equal(keyTarget('2026-12-10', 'End', opts), '2026-12-13');
    equal(keyTarget('2026-12-10', 'Home', { weekStartsOn: 0 }), '2026-12-06');
    equal(keyTarget('2026-12-10', 'End', { weekStartsOn: 0 }), '2026-12-12');
    equal(keyTarget('2026-12-10', 'Home', { weekStartsOn: 6 }), '2026-12-05');
    // A week that spans two years.
    equal(keyTarget('2027-01-01', 'Home', opts), '2026-12-28');
    equal(keyTarget('2026-12-31', 'End', opts), '2027-01-03');
  });

  it('pages by month and (with Shift) by year, clamping to the month length', () => {
    equal(keyTarget('2026-12-15', 'PageDown', opts), '2027-01-15');
    equal(keyTarget('2027-01-31', 'PageDown', opts), '2027-02-28');
    equal(keyTarget('2028-01-31', 'PageDown', opts), '2028-02-29');
    equal(keyTarget('2027-03-31', 'PageUp', opts), '2027-02-28');
    equal(keyTarget('2027-01-15', 'PageUp', opts), '2026-12-15');
    equal(keyTarget('2028-02-29', 'PageDown', { ...opts, shiftKey: true }), '2029-02-28');
    equal(keyTarget('2027-01-10', 'PageUp', { ...opts, shiftKey: true }), '2026-01-10');
  });

  it('ignores keys that do not navigate', () => {
    equal(keyTarget('2026-12-10', 'Enter', opts), null);
    equal(keyTarget('2026-12-10', ' ', opts), null);
    equal(keyTarget('2026-12-10', 'a', opts), null);
  });

  it('adds months to a date', () => {
    equal(addMonthsToDate('2026-08-31', 1), '2026-09-30');
    equal(addMonthsToDate('2026-12-05', 13), '2028-01-05');
  });

  it('pages the view only when the target leaves it', () => {
    equal(monthShowing('2026-12-20', '2026-12', 1), '2026-12');
    equal(monthShowing('2027-01-02', '2026-12', 1), '2027-01');
    equal(monthShowing('2027-01-02', '2026-12', 2), '2026-12');
    equal(monthShowing('2027-02-01', '2026-12', 2), '2027-01');
    equal(monthShowing('2026-11-30', '2026-12', 2), '2026-11');
  });

  it('clamps focus into the allowed months', () => {
    equal(clampToMonths('2026-11-20', '2026-12', undefined), '2026-12-01');
    equal(clampToMonths('2027-04-02', '2026-12', '2027-03'), '2027-03-31');
    equal(clampToMonths('2027-01-10', '2026-12', '2027-03'), '2027-01-10');
  });
});

describe('range rules', () => {
  it('disables dates before today', () => {
    deepEqual(dayState('2026-12-02', ctx()), { checkIn: false, checkOut: false, reason: 'pastDate' });
    deepEqual(dayState('2026-12-03', ctx()), { checkIn: true, checkOut: false });
  });

  it('refuses a sold-out, unpriced or unknown night as check-in, saying why', () => {
    const c = ctx({ night: nights({ '2026-12-10': 'sold-out', '2026-12-11': 'no-price', '2026-12-12': 'unknown' }) });
    equal(dayState('2026-12-10', c).reason, 'soldOut');
    equal(dayState('2026-12-11', c).reason, 'noPrice');
    equal(dayState('2026-12-12', c).reason, 'loading');
    equal(dayState('2026-12-10', c).checkIn, false);
    equal(selectDate('2026-12-10', c), null);
  });

  it('allows check-out on the morning of a sold-out night, not beyond it', () => {
    const c = ctx({ checkIn: '2026-12-10', night: nights({ '2026-12-13': 'sold-out' }) });
    deepEqual(firstBlockedNight(c), { date: '2026-12-13', reason: 'soldOut' });
    deepEqual(dayState('2026-12-13', c), { checkIn: false, checkOut: true });
    deepEqual(selectDate('2026-12-13', c), { checkIn: '2026-12-10', checkOut: '2026-12-13' });
    deepEqual(dayState('2026-12-14', c), { checkIn: false, checkOut: false, reason: 'beyondBlocked' });
    equal(dayState('2026-12-31', c).reason, 'beyondBlocked');
    equal(selectDate('2026-12-14', c), null);
  });

  it('says "loading" past a night whose availability is still unknown', () => {
    const c = ctx({ checkIn: '2026-12-28', night: nights({ '2027-01-01': 'unknown' }) });
    equal(dayState('2027-01-01', c).checkOut, true);
    equal(dayState('2027-01-02', c).reason, 'loading');
  });

  it('enforces minimum and maximum nights', () => {
    const c = ctx({ checkIn: '2026-12-10', minNights: 3, maxNights: 5 });
    equal(dayState('2026-12-11', c).reason, 'belowMinNights');
    equal(dayState('2026-12-12', c).reason, 'belowMinNights');
    equal(dayState('2026-12-13', c).checkOut, true);
    equal(dayState('2026-12-15', c).checkOut, true);
    equal(dayState('2026-12-16', c).reason, 'aboveMaxNights');
  });

  it('refuses a check-in whose shortest allowed stay crosses an unavailable night', () => {
    const c = ctx({ minNights: 3, night: nights({ '2026-12-12': 'sold-out', '2026-12-20': 'no-price', '2026-12-25': 'unknown' }) });
    deepEqual(dayState('2026-12-10', c), { checkIn: false, checkOut: false, reason: 'noMinStay' });
    equal(dayState('2026-12-11', c).reason, 'noMinStay');
    equal(dayState('2026-12-12', c).reason, 'soldOut', 'its own night comes first');
    equal(dayState('2026-12-09', c).checkIn, true, '9 to 12 is three nights');
    equal(dayState('2026-12-18', c).reason, 'noMinStay', 'an unpriced night blocks too');
    equal(dayState('2026-12-23', c).checkIn, true, 'a night still loading may turn out free');
    equal(selectDate('2026-12-10', c), null);
    equal(dayState('2026-12-11', ctx({ minNights: 2, night: nights({ '2026-12-12': 'sold-out' }) })).checkIn, false);
    equal(dayState('2026-12-11', ctx({ minNights: 1, night: nights({ '2026-12-12': 'sold-out' }) })).checkIn, true);
  });

  it('also refuses such a day as a new check-in while a check-out is being picked', () => {
    const c = ctx({ checkIn: '2026-12-15', minNights: 3, night: nights({ '2026-12-12': 'sold-out' }) });
    equal(dayState('2026-12-10', c).reason, 'noMinStay');
    equal(selectDate('2026-12-10', c), null);
  });

  it('counts nights by calendar date over DST changes', () => {
    // Clocks change on 29 Mar 2026 (Europe), 8 Mar 2026 (US) and 5 Apr 2026 (NZ).
    for (const checkIn of ['2026-03-28', '2026-03-07', '2026-04-04', '2026-10-24', '2026-10-31', '2026-09-26']) {
      const c = ctx({ today: '2026-01-01', checkIn, minNights: 2 });
      const next = keyTarget(checkIn, 'ArrowRight', { weekStartsOn: 1 })!;
      equal(dayState(next, c).reason, 'belowMinNights', `one night from ${checkIn}`);
      equal(dayState(keyTarget(next, 'ArrowRight', { weekStartsOn: 1 })!, c).checkOut, true, `two nights from ${checkIn}`);
    }
  });

  it('starts a new range on a click before the check-in, or after a complete range', () => {
    const picking = ctx({ checkIn: '2026-12-10' });
    deepEqual(selectDate('2026-12-05', picking), { checkIn: '2026-12-05', checkOut: null });
    deepEqual(selectDate('2026-12-12', picking), { checkIn: '2026-12-10', checkOut: '2026-12-12' });
    const done = ctx({ checkIn: '2026-12-10', checkOut: '2026-12-12' });
    deepEqual(selectDate('2026-12-20', done), { checkIn: '2026-12-20', checkOut: null });
    deepEqual(selectDate('2026-12-11', done), { checkIn: '2026-12-11', checkOut: null });
  });

  it('never lets a past date become a check-out either', () => {
    const c = ctx({ today: '2026-12-15', checkIn: '2026-12-10' });
    equal(dayState('2026-12-12', c).reason, 'pastDate');
  });

  it('asks the night lookup once per night while picking a check-out', () => {
    let calls = 0;
    const c = ctx({
      checkIn: '2026-12-10',
      maxNights: 30,
      night: (date) => {
        calls++;
        return date === '2026-12-20' ? { unbookable: 'sold-out' } : PRICE;
      },
    });
    for (let d = 11; d <= 31; d++) dayState(`2026-12-${d}`, c);
    ok(calls <= 10, `scanned ${calls} nights for 21 days`);
  });
});
