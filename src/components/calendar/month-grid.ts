/**
 * The calendar's pure logic on `YYYY-MM-DD` strings: month grids, week starts,
 * weekday names, keyboard targets and the range rules. No DOM and no time zone:
 * every date goes through src/domain/dates.ts, so these give the same answers in
 * every browser zone (proven by calendar.tz.test.ts).
 */
import {
  addDays,
  addMonths,
  type DateKey,
  firstOfMonth,
  lastOfMonth,
  monthOf,
  type MonthKey,
  nightsBetween,
  toLocalNoon,
  weekday,
} from '../../domain/dates.js';
import type { Unbookable } from '../../domain/pricing.js';
import { dateFormat } from '../../i18n/intl.js';

/** 0 = Sunday ... 6 = Saturday, as `Date#getDay()`. */
export type WeekDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** What a night costs, that it is bookable with the price set per stay, or why it cannot be booked: `cheapestNight()` from src/domain/pricing.ts. */
export type NightResult = { priceMinor: number } | { perStay: true } | { unbookable: Unbookable };
export type NightLookup = (date: DateKey) => NightResult;

// ---- Grids ------------------------------------------------------------------

const gridCache = new Map<string, ReadonlyArray<ReadonlyArray<DateKey | null>>>();

/**
 * The weeks of a month, each 7 cells, `null` for the days of other months.
 * Memoized: the same array comes back for the same month and week start.
 */
export function monthGrid(month: MonthKey, weekStartsOn: WeekDay): ReadonlyArray<ReadonlyArray<DateKey | null>> {
  const cacheKey = `${month}|${weekStartsOn}`;
  const cached = gridCache.get(cacheKey);
  if (cached) return cached;
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  const lead = (weekday(first) - weekStartsOn + 7) % 7;
  const cells: Array<DateKey | null> = Array.from({ length: lead }, () => null);
  for (let d = first; d <= last; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks: Array<ReadonlyArray<DateKey | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(Object.freeze(cells.slice(i, i + 7)));
  const grid = Object.freeze(weeks);
  gridCache.set(cacheKey, grid);
  return grid;
}

// CLDR week data, for browsers without Intl.Locale week info.
const SUNDAY_REGIONS = new Set(
  'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW'.split(' '),
);
const SATURDAY_REGIONS = new Set('AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY'.split(' '));

interface WeekInfoLocale {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
  maximize(): Intl.Locale;
  region?: string;
}

const weekStarts = new Map<string, WeekDay>();

/** The first day of the week in a locale (en-US Sunday, de-DE Monday, ar-EG Saturday). Memoized. */
export function weekStartsOn(locale: string): WeekDay {
  let start = weekStarts.get(locale);
  if (start === undefined) weekStarts.set(locale, (start = findWeekStart(locale)));
  return start;
}

function findWeekStart(locale: string): WeekDay {
  let loc: WeekInfoLocale;
  try {
    loc = new Intl.Locale(locale) as unknown as WeekInfoLocale;
  } catch {
    return 1;
  }
  try {
    const info = typeof loc.getWeekInfo === 'function' ? loc.getWeekInfo() : loc.weekInfo;
    // Intl numbers days 1 = Monday ... 7 = Sunday.
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return (info.firstDay % 7) as WeekDay;
  } catch {
    // Fall through to the table.
  }
  const region = loc.region ?? (loc.maximize() as unknown as WeekInfoLocale).region ?? '';
  if (SUNDAY_REGIONS.has(region)) return 0;
  if (SATURDAY_REGIONS.has(region)) return 6;
  if (region === 'MV') return 5;
  return 1;
}

// A week known to start on a Sunday: 2023-01-01.
const REFERENCE_SUNDAY = '2023-01-01';

const namesCache = new Map<string, Array<{ short: string; long: string }>>();

/** Weekday column headers in display order: `short` to show, `long` for screen readers. Memoized. */
export function weekdayNames(locale: string, start: WeekDay): Array<{ short: string; long: string }> {
  const cacheKey = `${locale}|${start}`;
  let names = namesCache.get(cacheKey);
  if (!names) {
    const short = dateFormat(locale, { weekday: 'short' });
    const long = dateFormat(locale, { weekday: 'long' });
    names = Array.from({ length: 7 }, (_, i) => {
      const date = toLocalNoon(addDays(REFERENCE_SUNDAY, (start + i) % 7));
      return { short: short.format(date), long: long.format(date) };
    });
    namesCache.set(cacheKey, names);
  }
  return names;
}

// ---- Keyboard ---------------------------------------------------------------

/** The same day `count` months later, clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDate(date: DateKey, count: number): DateKey {
  const month = addMonths(monthOf(date), count);
  const last = lastOfMonth(month);
  const day = date.slice(8);
  return day <= last.slice(8) ? `${month}-${day}` : last;
}

export interface KeyOptions {
  shiftKey?: boolean;
  /** In right-to-left text the left arrow means the next day. */
  rtl?: boolean;
  weekStartsOn: WeekDay;
}

/**
 * Where a key moves the focused day (WAI-ARIA APG date grid), or `null` when the
 * key is not a navigation key. Enter and Space are left to the day button.
 */
export function keyTarget(date: DateKey, key: string, options: KeyOptions): DateKey | null {
  const forward = options.rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = options.rtl ? 'ArrowRight' : 'ArrowLeft';
  const years = options.shiftKey ? 12 : 1;
  switch (key) {
    case forward:
      return addDays(date, 1);
    case back:
      return addDays(date, -1);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'Home':
      return addDays(date, -((weekday(date) - options.weekStartsOn + 7) % 7));
    case 'End':
      return addDays(date, 6 - ((weekday(date) - options.weekStartsOn + 7) % 7));
    case 'PageDown':
      return addMonthsToDate(date, years);
    case 'PageUp':
      return addMonthsToDate(date, -years);
    default:
      return null;
  }
}

// ---- Range rules ------------------------------------------------------------

/** Why a day cannot be picked now. Keys of `Strings`, plus `loading` for unknown nights. */
export type DayReason = 'pastDate' | 'soldOut' | 'noPrice' | 'loading' | 'beyondBlocked' | 'belowMinNights' | 'aboveMaxNights' | 'noMinStay';

export interface RangeContext {
  today: DateKey;
  checkIn: DateKey | null;
  checkOut: DateKey | null;
  minNights: number;
  maxNights: number;
  night: NightLookup;
}

export interface DayState {
  /** A click here makes it the check-in (a new range). */
  checkIn: boolean;
  /** A click here makes it the check-out of the current check-in. */
  checkOut: boolean;
  /** Why neither, when neither. */
  reason?: DayReason;
}

const UNBOOKABLE_REASON: Record<Unbookable, DayReason> = { 'sold-out': 'soldOut', 'no-price': 'noPrice', unknown: 'loading' };

/** Why a night cannot start or be part of a stay, or `undefined` when it can. */
export function nightReason(result: NightResult): DayReason | undefined {
  return 'unbookable' in result ? UNBOOKABLE_REASON[result.unbookable] : undefined;
}

/** True while the guest is choosing a check-out: a check-in without a check-out. */
export function pickingCheckOut(ctx: Pick<RangeContext, 'checkIn' | 'checkOut'>): ctx is { checkIn: DateKey; checkOut: null } {
  return ctx.checkIn !== null && ctx.checkOut === null;
}

type Blocked = { date: DateKey; reason: DayReason } | null;
/** Per lookup, then check-in and longest stay: paging builds new contexts over the same nights. */
const blockedCache = new WeakMap<NightLookup, Map<string, Blocked>>();

/**
 * The first night after the check-in that cannot be booked, searched up to the
 * longest stay allowed: the stay may end on its morning, never past it.
 * Cached per lookup and stay start, so paging and re-renders ask the lookup once per night.
 */
export function firstBlockedNight(ctx: RangeContext): { date: DateKey; reason: DayReason } | null {
  if (!ctx.checkIn) return null;
  const byStay = blockedCache.get(ctx.night) ?? new Map<string, Blocked>();
  blockedCache.set(ctx.night, byStay);
  const key = `${ctx.checkIn}|${ctx.maxNights}`;
  let found = byStay.get(key);
  if (found !== undefined) return found;
  found = null;
  for (let i = 1; i < ctx.maxNights; i++) {
    const date = addDays(ctx.checkIn, i);
    const reason = nightReason(ctx.night(date));
    if (reason) {
      found = { date, reason };
      break;
    }
  }
  byStay.set(key, found);
  return found;
}

/** What a click on `date` would do under the range rules, and why not when it does nothing. */
export function dayState(date: DateKey, ctx: RangeContext): DayState {
  if (date < ctx.today) return { checkIn: false, checkOut: false, reason: 'pastDate' };
  if (pickingCheckOut(ctx) && date > ctx.checkIn) {
    const blocked = firstBlockedNight(ctx);
    if (blocked && date > blocked.date) {
      // An unknown night may still turn out free: say it is loading, not blocked.
      return { checkIn: false, checkOut: false, reason: blocked.reason === 'loading' ? 'loading' : 'beyondBlocked' };
    }
    const nights = nightsBetween(ctx.checkIn, date);
    if (nights < ctx.minNights) return { checkIn: false, checkOut: false, reason: 'belowMinNights' };
    if (nights > ctx.maxNights) return { checkIn: false, checkOut: false, reason: 'aboveMaxNights' };
    return { checkIn: false, checkOut: true };
  }
  const reason = nightReason(ctx.night(date)) ?? minStayReason(date, ctx);
  return reason ? { checkIn: false, checkOut: false, reason } : { checkIn: true, checkOut: false };
}

/**
 * `noMinStay` when no check-out from `date` can work: the shortest allowed stay
 * already crosses a night that cannot be booked (every longer one crosses it too).
 * Nights still loading do not count: they may turn out free.
 */
export function minStayReason(date: DateKey, ctx: Pick<RangeContext, 'minNights' | 'night'>): DayReason | undefined {
  for (let i = 1; i < ctx.minNights; i++) {
    const reason = nightReason(ctx.night(addDays(date, i)));
    if (reason && reason !== 'loading') return 'noMinStay';
  }
  return undefined;
}

/**
 * The new selection after a click on `date`, or `null` when the click is refused.
 * A click before the check-in, or any click once a range is complete, starts over.
 */
export function selectDate(date: DateKey, ctx: RangeContext): { checkIn: DateKey; checkOut: DateKey | null } | null {
  const state = dayState(date, ctx);
  if (state.checkOut && ctx.checkIn) return { checkIn: ctx.checkIn, checkOut: date };
  if (state.checkIn) return { checkIn: date, checkOut: null };
  return null;
}

/** True when `date` lies in the stay `[from, to]` (both ends included, for highlighting). */
export function inRange(date: DateKey, from: DateKey | null, to: DateKey | null): boolean {
  return from !== null && to !== null && date >= from && date <= to;
}

/** The months visible from `month`. */
export function visibleMonths(month: MonthKey, count: number): MonthKey[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i));
}

/**
 * The first visible month after moving focus to `target`: unchanged when it is
 * already visible, else paged so that it is (forward: last column; back: first).
 */
export function monthShowing(target: DateKey, month: MonthKey, count: number): MonthKey {
  const targetMonth = monthOf(target);
  const lastVisible = addMonths(month, count - 1);
  if (targetMonth < month) return targetMonth;
  if (targetMonth > lastVisible) return addMonths(targetMonth, -(count - 1));
  return month;
}

/** Clamps a date into `[firstOfMonth(min), lastOfMonth(max)]` (max optional). */
export function clampToMonths(date: DateKey, min: MonthKey, max: MonthKey | undefined): DateKey {
  const lo = firstOfMonth(min);
  if (date < lo) return lo;
  if (max) {
    const hi = lastOfMonth(max);
    if (date > hi) return hi;
  }
  return date;
}
