// Runs in six browser time zones: calendar arithmetic must not depend on the zone.
import { equal, deepEqual, ok, throws } from '../test-utils/assert.js';
import {
  addDays,
  addMonths,
  eachDate,
  isDateKey,
  isWeekendNight,
  lastOfMonth,
  monthsBetween,
  msToNextDay,
  nightsBetween,
  stayNights,
  toWireInstant,
  todayKey,
  utcDateKey,
  weekday,
} from './dates.js';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe(`dates in ${zone}`, () => {
  it('validates real calendar dates only', () => {
    ok(isDateKey('2028-02-29'));
    ok(!isDateKey('2027-02-29'), 'not a leap year');
    ok(!isDateKey('2026-02-30'));
    ok(!isDateKey('2026-13-01'));
    ok(!isDateKey('2026-1-01'));
    ok(!isDateKey('2026-01-01T00:00:00Z'));
    ok(!isDateKey(20260101));
  });

  it('adds days across month, year and leap-day boundaries', () => {
    equal(addDays('2026-01-31', 1), '2026-02-01');
    equal(addDays('2026-12-31', 1), '2027-01-01');
    equal(addDays('2028-02-28', 1), '2028-02-29');
    equal(addDays('2028-03-01', -1), '2028-02-29');
    equal(addDays('2027-03-01', -1), '2027-02-28');
    equal(addDays('2026-05-10', 365), '2027-05-10');
  });

  it('counts one night over every DST change', () => {
    for (const [from, to] of [
      ['2027-03-13', '2027-03-14'], // US spring forward night
      ['2027-03-14', '2027-03-15'],
      ['2027-11-07', '2027-11-08'], // US fall back
      ['2027-03-27', '2027-03-28'], // EU
      ['2027-04-03', '2027-04-04'], // NZ
      ['2027-09-25', '2027-09-26'], // NZ
    ]) {
      equal(nightsBetween(from!, to!), 1, `${from} -> ${to}`);
      equal(addDays(from!, 1), to);
    }
    equal(nightsBetween('2027-03-10', '2027-03-20'), 10);
    equal(nightsBetween('2027-03-20', '2027-03-10'), -10);
  });

  it('counts nights over month, year and leap-day ends, and in the first centuries', () => {
    equal(nightsBetween('2027-12-31', '2028-01-01'), 1);
    equal(nightsBetween('2028-02-28', '2028-03-01'), 2, '2028 has a 29 February');
    equal(nightsBetween('2027-02-28', '2027-03-01'), 1);
    equal(nightsBetween('2027-01-01', '2028-01-01'), 365);
    equal(nightsBetween('0099-12-31', '0100-01-01'), 1, 'a two-digit year is not read as 19xx');
    throws(() => nightsBetween('2027-1-1', '2027-12-01'), 'not a YYYY-MM-DD key');
  });

  it('lists dates and stay nights', () => {
    deepEqual(eachDate('2026-02-27', '2026-03-02'), ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    deepEqual(stayNights('2026-02-27', '2026-03-01'), ['2026-02-27', '2026-02-28']);
    deepEqual(stayNights('2026-03-01', '2026-03-01'), []);
  });

  it('knows weekdays and Staymod weekend nights (Fri, Sat)', () => {
    equal(weekday('2026-11-28'), 6);
    equal(weekday('2027-03-14'), 0);
    ok(isWeekendNight('2026-11-27'), 'Friday');
    ok(isWeekendNight('2026-11-28'), 'Saturday');
    ok(!isWeekendNight('2026-11-29'), 'Sunday');
  });

  it('moves by months and knows month ends', () => {
    equal(addMonths('2026-12', 1), '2027-01');
    equal(addMonths('2027-01', -1), '2026-12');
    equal(addMonths('2026-01', 25), '2028-02');
    equal(lastOfMonth('2028-02'), '2028-02-29');
    equal(lastOfMonth('2027-02'), '2027-02-28');
    equal(lastOfMonth('2026-12'), '2026-12-31');
    equal(lastOfMonth('2026-04'), '2026-04-30');
    // Century years are leap years only every 400.
    equal(lastOfMonth('2100-02'), '2100-02-28');
    equal(lastOfMonth('2000-02'), '2000-02-29');
    ok(!isDateKey('2100-02-29'));
    equal(addMonths('2026-03', -15), '2024-12');
    // A bad key is an error, never a made-up month.
    for (const bad of ['2026-1', 'soon', '']) {
      ok(throws(() => addMonths(bad, 1), `addMonths("${bad}") throws`) instanceof RangeError);
      ok(throws(() => lastOfMonth(bad), `lastOfMonth("${bad}") throws`) instanceof RangeError);
    }
    equal(monthsBetween('2026-11', '2027-02'), 3);
  });

  it('reads today in the browser zone and UTC dates of instants', () => {
    // 23:30 UTC on 28 Nov is already 29 Nov in Kolkata, Auckland and Kiritimati.
    const instant = Date.UTC(2026, 10, 28, 23, 30);
    equal(utcDateKey(instant), '2026-11-28');
    const local = todayKey(instant);
    const expected = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
    equal(local, expected);
  });

  it('builds the wire instant on the very date picked', () => {
    equal(toWireInstant('2027-03-14', '14:00'), '2027-03-14T14:00:00.000Z');
    equal(toWireInstant('2026-12-31', '23:59'), '2026-12-31T23:59:00.000Z');
    throws(() => toWireInstant('2026-02-30', '14:00'));
    throws(() => toWireInstant('2026-02-10', '2pm'));
    throws(() => toWireInstant('2026-02-10', '24:00'));
  });

  it('wakes just after the guest\'s next midnight, whatever the instant and the zone\'s DST days', () => {
    // Around midnight UTC, at midday UTC, and on the days US and New Zealand clocks change.
    const instants = ['2027-01-15T23:59:30Z', '2027-01-16T00:00:30Z', '2027-01-15T12:00:00Z', '2027-03-14T09:59:00Z', '2027-04-03T13:59:00Z', '2027-09-25T13:59:00Z'];
    for (const iso of instants) {
      const now = new Date(iso).getTime();
      const wait = msToNextDay(now);
      ok(wait >= 1000 && wait <= 25 * 3600_000, `${iso}: ${wait} ms`);
      equal(todayKey(now + wait), addDays(todayKey(now), 1), `${iso}: the next day when it fires`);
      equal(todayKey(now + wait - 2000), todayKey(now), `${iso}: still today 2 s before`);
    }
  });
});
