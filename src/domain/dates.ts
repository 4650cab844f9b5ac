/**
 * Calendar dates as `YYYY-MM-DD` strings, end to end.
 *
 * Staymod's nights are UTC calendar dates, and a guest's picked date must reach it
 * unchanged in every browser time zone. So a date never becomes an instant here:
 * date-fns works on a local-noon Date (noon exists on every DST-change day and
 * stays on the same calendar date when the clock shifts), and we read the
 * calendar fields straight back. Counting nights needs no Date at all: the
 * difference of two day numbers (the proleptic calendar, which no zone shifts).
 */
import { dateFormat } from '../i18n/intl.js';
import { addDays as addDaysFns } from 'date-fns';

export type DateKey = string;
/** `YYYY-MM` */
export type MonthKey = string;

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isDateKey(value: unknown): value is DateKey {
  if (typeof value !== 'string') return false;
  const m = DATE_KEY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Days in a month (1-12) of the proleptic Gregorian calendar. No Date: month arithmetic
 * needs no zone (and a page's first local-time Date loads the zone data, about 5 ms).
 */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The date as a Date at local noon: only for date-fns and Intl, never sent anywhere. */
export function toLocalNoon(key: DateKey): Date {
  const m = DATE_KEY.exec(key);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${key}`);
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  // Years 0..99 are mapped to 19xx by the Date constructor.
  date.setFullYear(Number(m[1]));
  return date;
}

/** The local calendar date of a Date. */
export function fromLocalDate(date: Date): DateKey {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The UTC calendar date of an instant. */
export function utcDateKey(instant: Date | number): DateKey {
  const d = new Date(instant);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The guest's "today": the calendar date where the browser is. */
export function todayKey(now: Date | number = Date.now()): DateKey {
  return fromLocalDate(new Date(now));
}

/** Milliseconds from `now` to just after the guest's next midnight (the first instant of tomorrow, where DST skips 00:00). */
export function msToNextDay(now: Date | number = Date.now()): number {
  const next = new Date(now);
  next.setHours(24, 0, 1, 0);
  return Math.max(1000, next.getTime() - new Date(now).getTime());
}

export function addDays(key: DateKey, days: number): DateKey {
  return fromLocalDate(addDaysFns(toLocalNoon(key), days));
}

/** Nights from `from` to `to` (negative when `to` is earlier), by calendar date: a DST day is one night. */
export function nightsBetween(from: DateKey, to: DateKey): number {
  // The calendar grid asks this for every day on screen: no Date, no zone lookup.
  return dayNumber(to) - dayNumber(from);
}

/** Days since 1970-01-01 of a date key. */
function dayNumber(key: DateKey): number {
  const m = DATE_KEY.exec(key);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${key}`);
  // setUTCFullYear, unlike Date.UTC, keeps years 0..99 as they are.
  return new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Every date from `from` to `to`, both inclusive. */
export function eachDate(from: DateKey, to: DateKey): DateKey[] {
  const out: DateKey[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The nights of a stay: `[checkIn, checkOut)`. */
export function stayNights(checkIn: DateKey, checkOut: DateKey): DateKey[] {
  return checkOut > checkIn ? eachDate(checkIn, addDays(checkOut, -1)) : [];
}

export function minDate(a: DateKey, b: DateKey): DateKey {
  return a <= b ? a : b;
}

export function maxDate(a: DateKey, b: DateKey): DateKey {
  return a >= b ? a : b;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(key: DateKey): number {
  return toLocalNoon(key).getDay();
}

/** Staymod's weekend nights: Friday and Saturday. */
export function isWeekendNight(key: DateKey): boolean {
  const day = weekday(key);
  return day === 5 || day === 6;
}

export function monthOf(key: DateKey): MonthKey {
  return key.slice(0, 7);
}

export function firstOfMonth(month: MonthKey): DateKey {
  return `${month}-01`;
}

const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** Year and month (1-12) of a `YYYY-MM` key; throws RangeError for anything else. */
function monthParts(month: MonthKey): [number, number] {
  const m = MONTH_KEY.exec(month);
  if (!m) throw new RangeError(`Not a YYYY-MM month: ${month}`);
  return [Number(m[1]), Number(m[2])];
}

export function lastOfMonth(month: MonthKey): DateKey {
  return `${month}-${pad(daysInMonth(...monthParts(month)))}`;
}

export function addMonths(month: MonthKey, months: number): MonthKey {
  const [year, m] = monthParts(month);
  const index = year * 12 + m - 1 + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** Months from `a` to `b` (b - a). */
export function monthsBetween(a: MonthKey, b: MonthKey): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return (by - ay) * 12 + (bm - am);
}

/** The wire form of a stay boundary: the very date picked, at a UTC wall time (`HH:mm`). */
export function toWireInstant(key: DateKey, time: string): string {
  if (!isDateKey(key)) throw new RangeError(`Not a YYYY-MM-DD date: ${key}`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not an HH:mm time: ${time}`);
  return `${key}T${time}:00.000Z`;
}

/**
 * A date for people, via Intl in the given locale. Formatted from local noon in the
 * browser's own zone, so the calendar date shown is the key's, in every time zone.
 * (Do not pass a `timeZone` option: it would move the instant to another date.)
 */
export function formatDateKey(
  key: DateKey,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return dateFormat(locale, options).format(toLocalNoon(key));
}
