/**
 * What <staymod-calendar> renders, from its raw properties: inputs validated
 * (a bad one is reported and replaced, never thrown), formatters cached per
 * locale, and the text of each day. No DOM, so the element stays small.
 */
import {
  addMonths,
  type DateKey,
  isDateKey,
  maxDate,
  monthOf,
  type MonthKey,
  nightsBetween,
  toLocalNoon,
  todayKey,
} from '../../domain/dates.js';
import { formatMinor } from '../../domain/money.js';
import { resolveCurrency, resolveLocale, resolveStrings } from '../../i18n/context.js';
import { dateFormat, numberFormat } from '../../i18n/intl.js';
import { priceMark } from './price-mark.js';
import { fill, plural, type Strings } from '../../i18n/strings.js';
import {
  type DayReason,
  type DayState,
  dayState,
  type NightLookup,
  type NightResult,
  type RangeContext,
  type WeekDay,
  weekStartsOn,
} from './month-grid.js';

const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;
const UNKNOWN: NightResult = { unbookable: 'unknown' };
/** A day cell at the narrowest width the widget supports (280 px, one month). */
export const DEFAULT_MARK_BUDGET = 5;

/** The element's properties, as set by the parent (maybe wrong). */
export interface CalendarInput {
  month: MonthKey | undefined;
  months: number;
  today: DateKey | undefined;
  checkIn: DateKey | null;
  checkOut: DateKey | null;
  minNights: number;
  maxNights: number;
  night: NightLookup | ReadonlyMap<DateKey, NightResult> | undefined;
  locale: string;
  currency: string;
  strings: Strings;
  minMonth: MonthKey | undefined;
  maxMonth: MonthKey | undefined;
}

/** The lowest total for a stay, in minor units, or `null` when no choice of rooms fits. */
export type StayFrom = (checkIn: DateKey, checkOut: DateKey) => number | null;

/** Inputs after validation: what a render uses. */
export interface View {
  today: DateKey;
  month: MonthKey;
  months: 1 | 2;
  minMonth: MonthKey;
  maxMonth: MonthKey | undefined;
  checkIn: DateKey | null;
  checkOut: DateKey | null;
  minNights: number;
  maxNights: number;
  locale: string;
  currency: string;
  strings: Strings;
  weekStart: WeekDay;
  ctx: RangeContext;
  format: Formatters;
  /** Characters a day cell fits under its number: the full price when it fits, compact above. */
  markBudget: number;
  /** The parent's `night`, whose checked and memoised lookup is `ctx.night`. */
  nightSource: CalendarInput['night'];
}

export interface Formatters {
  fullDate: Intl.DateTimeFormat;
  shortDate: Intl.DateTimeFormat;
  dayNumber: Intl.DateTimeFormat;
  monthTitle: Intl.DateTimeFormat;
  count: Intl.NumberFormat;
}

/** What one day shows. */
export interface DayView {
  state: DayState;
  disabled: boolean;
  /** Accessible name: full date, price or status, and why not when disabled. */
  label: string;
  number: string;
  /** Visible price, or a short mark. */
  mark: string;
  kind: 'price' | 'sold-out' | 'no-price' | 'unknown' | 'past';
}

export type Report = (message: string) => void;

const formatterCache = new Map<string, Formatters>();
function formatters(locale: string, currency: string): Formatters {
  const key = `${locale}|${currency}`;
  let f = formatterCache.get(key);
  if (!f) {
    f = {
      fullDate: dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      shortDate: dateFormat(locale, { day: 'numeric', month: 'short' }),
      dayNumber: dateFormat(locale, { day: 'numeric' }),
      monthTitle: dateFormat(locale, { month: 'long', year: 'numeric' }),
      count: numberFormat(locale),
    };
    formatterCache.set(key, f);
  }
  return f;
}

function isNightResult(value: unknown): value is NightResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { priceMinor?: unknown; unbookable?: unknown; perStay?: unknown };
  if ('perStay' in v) return v.perStay === true;
  if ('priceMinor' in v) return typeof v.priceMinor === 'number' && Number.isFinite(v.priceMinor) && v.priceMinor >= 0;
  return v.unbookable === 'sold-out' || v.unbookable === 'no-price' || v.unbookable === 'unknown';
}

/** The first visible month, kept within `[min, max]` with every visible month allowed. */
export function clampMonth(month: MonthKey, min: MonthKey, max: MonthKey | undefined, count: number): MonthKey {
  if (max) {
    const lastFirst = maxDate(min, addMonths(max, -(count - 1)));
    if (month > lastFirst) month = lastFirst;
  }
  return month < min ? min : month;
}

function dateOrNull(name: string, value: unknown, report: Report): DateKey | null {
  if (value === null || value === undefined || value === '') return null;
  if (isDateKey(value)) return value;
  report(`${name} "${String(value)}" is not a YYYY-MM-DD date; ignoring it.`);
  return null;
}

/** The parent's lookup, made safe: a throw or a bad shape becomes "unknown" and is reported. */
export function safeNightLookup(source: CalendarInput['night'], report: Report): NightLookup {
  if (source === undefined || source === null) return () => UNKNOWN;
  const read: ((date: DateKey) => unknown) | undefined =
    typeof source === 'function' ? source : source instanceof Map ? (date) => source.get(date) : undefined;
  if (!read) {
    report('night must be a function (date) => ({ priceMinor } | { unbookable }) or a Map; treating every night as unknown.');
    return () => UNKNOWN;
  }
  const check = (date: DateKey): NightResult => {
    let result: unknown;
    try {
      result = read(date);
    } catch (error) {
      report(`night(${date}) threw: ${error instanceof Error ? error.message : String(error)}; treating it as unknown.`);
      return UNKNOWN;
    }
    if (result === undefined) return UNKNOWN;
    if (isNightResult(result)) return result;
    report(`night(${date}) returned ${JSON.stringify(result)}, not { priceMinor } or { unbookable }; treating it as unknown.`);
    return UNKNOWN;
  };
  // One answer per date per source: a render asks for a night several times (state, mark, range), and paging keeps the answers.
  const memo = new Map<DateKey, NightResult>();
  return (date) => {
    let known = memo.get(date);
    if (!known) memo.set(date, (known = check(date)));
    return known;
  };
}

/**
 * Validates every input; each bad one is reported and replaced by a safe value. With the
 * `previous` view, the same `night` source keeps its memoised answers.
 */
export function resolveView(input: CalendarInput, report: Report, markBudget = DEFAULT_MARK_BUDGET, previous?: View): View {
  let today = input.today;
  if (!isDateKey(today)) {
    if (today !== undefined) report(`today "${today}" is not a YYYY-MM-DD date; using the browser's date.`);
    today = todayKey();
  }
  const locale = resolveLocale(input.locale, report);
  const currency = resolveCurrency(input.currency, report);
  const months = input.months >= 2 ? 2 : 1;
  if (input.months !== 1 && input.months !== 2) report(`months must be 1 or 2, got ${input.months}; showing ${months}.`);

  const checkIn = dateOrNull('checkIn', input.checkIn, report);
  let checkOut = dateOrNull('checkOut', input.checkOut, report);
  if (checkOut && (!checkIn || checkOut <= checkIn)) {
    report(`checkOut ${checkOut} must come after checkIn ${checkIn ?? '(none)'}; ignoring it.`);
    checkOut = null;
  }
  let minNights = input.minNights;
  if (!Number.isInteger(minNights) || minNights < 1) {
    report(`minNights must be a whole number of at least 1, got ${minNights}; using 1.`);
    minNights = 1;
  }
  let maxNights = input.maxNights;
  if (!Number.isInteger(maxNights) || maxNights < minNights) {
    report(`maxNights must be a whole number of at least minNights (${minNights}), got ${maxNights}; using ${Math.max(365, minNights)}.`);
    maxNights = Math.max(365, minNights);
  }

  let minMonth = monthOf(today);
  if (input.minMonth !== undefined) {
    if (MONTH_KEY.test(input.minMonth)) minMonth = input.minMonth > minMonth ? input.minMonth : minMonth;
    else report(`minMonth "${input.minMonth}" is not a YYYY-MM month; ignoring it.`);
  }
  let maxMonth: MonthKey | undefined;
  if (input.maxMonth !== undefined) {
    if (!MONTH_KEY.test(input.maxMonth)) report(`maxMonth "${input.maxMonth}" is not a YYYY-MM month; ignoring it.`);
    else if (input.maxMonth < minMonth) report(`maxMonth ${input.maxMonth} is before the first month ${minMonth}; ignoring it.`);
    else maxMonth = input.maxMonth;
  }
  // The last month is the last a stay may START in: a check-in on its last days needs the next for its check-out.
  if (maxMonth && checkIn && !checkOut && monthOf(checkIn) >= maxMonth) maxMonth = addMonths(maxMonth, 1);
  let month = input.month;
  if (month === undefined || !MONTH_KEY.test(month)) {
    if (month !== undefined) report(`month "${month}" is not a YYYY-MM month; showing the check-in's or today's.`);
    month = monthOf(checkIn ?? today);
  }
  month = clampMonth(month, minMonth, maxMonth, months);

  const strings = resolveStrings(input.strings);
  const night = previous && previous.nightSource === input.night ? previous.ctx.night : safeNightLookup(input.night, report);
  return {
    today,
    month,
    months,
    minMonth,
    maxMonth,
    checkIn,
    checkOut,
    minNights,
    maxNights,
    locale,
    currency,
    strings,
    weekStart: weekStartsOn(locale),
    ctx: { today, checkIn, checkOut, minNights, maxNights, night },
    format: formatters(locale, currency),
    markBudget,
    nightSource: input.night,
  };
}

/** Why a day cannot be picked, in words. */
export function reasonText(view: View, reason: DayReason): string {
  const { strings, minNights, maxNights, format } = view;
  switch (reason) {
    case 'loading':
      return strings.loading;
    case 'belowMinNights':
      return fill(strings.belowMinNights, { count: format.count.format(minNights) });
    case 'aboveMaxNights':
      return fill(strings.aboveMaxNights, { count: format.count.format(maxNights) });
    default:
      return strings[reason];
  }
}

export function shortDate(view: View, date: DateKey): string {
  return view.format.shortDate.format(toLocalNoon(date));
}

/** "12 Dec to 15 Dec, 3 nights" */
export function rangeText(view: View, checkIn: DateKey, checkOut: DateKey): string {
  const { strings, locale } = view;
  return fill(strings.rangeSelected, {
    checkIn: shortDate(view, checkIn),
    checkOut: shortDate(view, checkOut),
    nights: plural(strings, 'nights', nightsBetween(checkIn, checkOut), locale),
  });
}

/** Everything a day shows and says. */
export function describeDay(view: View, date: DateKey, state: DayState = dayState(date, view.ctx), night: NightResult | undefined = date >= view.ctx.today ? view.ctx.night(date) : undefined): DayView {
  const { ctx, format, strings, currency, locale } = view;
  const disabled = !state.checkIn && !state.checkOut;
  const parts = [format.fullDate.format(toLocalNoon(date))];
  let kind: DayView['kind'] = 'past';
  let mark = '';
  if (night && date >= ctx.today) {
    if ('priceMinor' in night) {
      kind = 'price';
      mark = priceMark(night.priceMinor, currency, locale, view.markBudget);
      // The lowest price among the rooms free that night: a "from" price, said as one.
      parts.push(fill(strings.fromPrice, { price: formatMinor(night.priceMinor, currency, locale) }));
    } else if ('perStay' in night) {
      // Bookable; the property prices the whole stay, quoted once dates are chosen.
      kind = 'price';
      parts.push(strings.priceAfterDates);
    } else {
      kind = night.unbookable;
      mark = kind === 'sold-out' ? '×' : kind === 'no-price' ? '—' : '';
      parts.push(kind === 'sold-out' ? strings.soldOut : kind === 'no-price' ? strings.noPrice : strings.loading);
    }
  }
  if (disabled && state.reason) {
    const why = reasonText(view, state.reason);
    if (!parts.includes(why)) parts.push(why);
  } else if (state.checkOut && kind !== 'price') {
    // The morning after the last free night: leaving is fine, staying is not.
    parts.push(strings.checkOutOnly);
  }
  return { state, disabled, label: parts.join(', '), number: format.dayNumber.format(toLocalNoon(date)), mark, kind };
}

/** A described day and what it was described from. */
export interface DayEntry {
  view: View;
  night: NightResult | undefined;
  state: DayState;
  day: DayView;
}

/**
 * A day's description, reused while nothing it is made from changed: within one view at
 * no cost (hover), and across views (month change, a new lookup with the same prices)
 * when its night, its state and the texts are the same. Formatting dates and prices is
 * most of a day's cost.
 */
export function cachedDay(cache: Map<DateKey, DayEntry>, view: View, date: DateKey): DayView {
  const hit = cache.get(date);
  if (hit?.view === view) return hit.day;
  const state = dayState(date, view.ctx);
  const night = date >= view.ctx.today ? view.ctx.night(date) : undefined;
  if (hit && sameTexts(hit.view, view) && sameNight(hit.night, night) && sameState(hit.state, state)) {
    hit.view = view;
    return hit.day;
  }
  const day = describeDay(view, date, state, night);
  cache.set(date, { view, night, state, day });
  return day;
}

function sameTexts(a: View, b: View): boolean {
  return (
    a.strings === b.strings &&
    a.locale === b.locale &&
    a.currency === b.currency &&
    a.today === b.today &&
    a.minNights === b.minNights &&
    a.maxNights === b.maxNights &&
    a.markBudget === b.markBudget
  );
}

function sameNight(a: NightResult | undefined, b: NightResult | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if ('priceMinor' in a) return 'priceMinor' in b && a.priceMinor === b.priceMinor;
  if ('perStay' in a) return 'perStay' in b;
  return 'unbookable' in b && a.unbookable === b.unbookable;
}

function sameState(a: DayState, b: DayState): boolean {
  return a.checkIn === b.checkIn && a.checkOut === b.checkOut && a.reason === b.reason;
}
