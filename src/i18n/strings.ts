/**
 * Every word the widget shows, in one overridable table. Hosts pass a partial
 * `strings` object; `{name}` placeholders are filled by `fill()`. Numbers, dates,
 * money and plurals are formatted by Intl in the host's locale, never here.
 */
import type { checkoutStrings } from './checkout-strings.js';
import { numberFormat, pluralRules } from './intl.js';

/** What the calendar step says: in the script tag's first load. */
const calendarStrings = {
  loading: 'Loading availability…',
  bookingUnavailable: 'Online booking is unavailable right now. Please contact the property directly.',
  retry: 'Try again',
  prefillInvalid: 'The dates in this link could not be used ({reason}). Please choose your dates.',
  /** A page left open past midnight: the chosen check-in is now in the past. */
  datesPassed: 'Your check-in date, {date}, has passed. Please choose new dates; your details are kept.',
  loadFailed: 'We could not load availability. Check your connection and try again.',
  checkoutLoadFailed: 'We could not load the next step of the booking. Check your connection and try again.',
  loadServerFailed: 'We could not load availability: the booking service had a problem. Please try again in a moment.',
  loadRateLimited: 'We could not load availability: too many requests right now. Please wait {seconds} seconds and try again.',
  offlineWaiting: 'You seem to be offline. Availability will load as soon as your connection is back.',
  extrasLoadFailed: 'We could not load the extras (such as breakfast). You can book without them, or try again.',

  // Calendar
  calendarLabel: 'Choose your dates',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  checkInPrompt: 'Select a check-in date',
  checkOutPrompt: 'Select a check-out date',
  clearDates: 'Clear dates',
  soldOut: 'Sold out',
  noPrice: 'Not bookable online',
  /** On the calendar when nights have no price: the room step shows the stay's quoted price. */
  priceAfterDates: 'Price shown after you choose dates',
  pastDate: 'Date has passed',
  beyondBlocked: 'Stay cannot cross an unavailable night',
  belowMinNights: 'Minimum stay is {count} nights',
  noMinStay: 'No stay of the minimum length starts here',
  aboveMaxNights: 'Maximum stay is {count} nights',
  checkOutOnly: 'Check-out only',
  fromPrice: 'from {price}',
  /** Under the calendar: what the price in a day is. */
  pricesNote: 'Prices are per night, from the lowest available room.',
  /** With a chosen or previewed stay: the cheapest choice of rooms that fits the guests. */
  stayFrom: 'Total from {price}',
  nightsOne: '{count} night',
  nightsOther: '{count} nights',
  rangeSelected: '{checkIn} to {checkOut}, {nights}',
  selectedCheckIn: 'Check-in {date}',
  contactPhone: 'Phone: {phone}',
  contactEmail: 'E-mail: {email}',
};

export type Strings = typeof calendarStrings & typeof checkoutStrings;

/**
 * English, the table every other one falls back to. The checkout's texts (rooms, guest
 * form, outcomes, confirmation) join it when their module loads (./checkout-strings.ts,
 * imported by each panel that says them), so in the script build they travel in the
 * checkout's file; nothing before the checkout reads them.
 */
export const defaultStrings = calendarStrings as Strings;

/** Adds texts to English (./checkout-strings.ts, once); tables merged before see them too. */
export function addStrings(more: Partial<Strings>): void {
  Object.assign(defaultStrings, more);
}
export type StringKey = keyof Strings;

/** What a room or extra is called on screen: its name, or `fallback` when the property left it blank. */
export function displayName(name: string, fallback: string): string {
  return name.trim() ? name : fallback;
}

/** Splits `template` around one `{name}` whose value is markup (a link): the words around it stay text. */
export function fillParts<T>(template: string, name: string, value: T): Array<string | T> {
  const token = `{${name}}`;
  const at = template.indexOf(token);
  return at < 0 ? [template, ' ', value] : [template.slice(0, at), value, template.slice(at + token.length)];
}

/** Fills `{name}` placeholders. Unknown placeholders are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** Picks `<key>One` or `<key>Other` by the locale's plural rules, then fills `{count}`. */
/** Base names of `<base>One` / `<base>Other` string pairs, e.g. `nights`, `unitsLeft`, `beds`. */
export type PluralKey = {
  [K in StringKey]: K extends `${infer B}One` ? (`${B}Other` extends StringKey ? B : never) : never;
}[StringKey];

export function plural(
  strings: Strings,
  key: PluralKey,
  count: number,
  locale: string,
  values: Record<string, string | number> = {},
): string {
  const category = pluralRules(locale).select(count);
  // A language's own forms (`nightsFew`...) when it has them; English has One and Other.
  const forms = strings as unknown as Record<string, string | undefined>;
  const own = forms[`${key}${category[0]!.toUpperCase()}${category.slice(1)}`];
  const template = own ?? (category === 'one' ? strings[`${key}One`] : strings[`${key}Other`]);
  return fill(template, { count: numberFormat(locale).format(count), ...values });
}

/**
 * The table in use: English, then the built-in language (`base`, with its extra plural
 * forms), then the host's overrides, which always win.
 */
export function mergeStrings(overrides: Partial<Strings> | undefined, base?: Readonly<Record<string, string>>): Strings {
  if (!overrides && !base) return defaultStrings;
  // English as the prototype, not copied: texts added to it later (the checkout's) show through.
  const merged: Record<string, string> = Object.assign(Object.create(defaultStrings) as Record<string, string>, base);
  if (overrides) {
    for (const key of Object.keys(overrides)) {
      const value = (overrides as Record<string, unknown>)[key];
      if (typeof value === 'string' && key !== '__proto__') merged[key] = value;
    }
  }
  return merged as Strings;
}
