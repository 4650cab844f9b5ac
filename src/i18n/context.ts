/**
 * The one place where locale, currency and strings are resolved, for the booking and
 * every panel. A host typo must not crash a render: it is named once in the console
 * (per page and value) and the default is used. Results are cached, so a panel handed
 * the booking's already-resolved values resolves them for free.
 */
import { currencyDigits, formatMinor } from '../domain/money.js';
import { dateFormat, numberFormat } from './intl.js';
import { languageTable } from './language.js';
import { defaultStrings, mergeStrings, plural, type PluralKey, type Strings } from './strings.js';

export type Report = (message: string) => void;

/** Locale, currency and text as every panel uses them, with their formatters. */
export interface Context {
  readonly locale: string;
  readonly currency: string;
  readonly strings: Strings;
  number(n: number): string;
  /** Money in minor units of `currency`; `null` (unknown) shows as a dash. */
  money(minor: number | null): string;
  date(date: Date, options?: Intl.DateTimeFormatOptions): string;
  plural(key: PluralKey, count: number): string;
}

const locales = new Map<unknown, string>();
const currencies = new Map<unknown, string>();
/** Tables already merged here: handing one back in costs nothing. */
const resolvedTables = new WeakSet<object>([defaultStrings]);

export function resolveLocale(locale: unknown, report: Report): string {
  let resolved = locales.get(locale);
  if (resolved === undefined) {
    try {
      resolved = Intl.getCanonicalLocales(locale as string)[0] ?? 'en-IN';
    } catch {
      resolved = 'en-IN';
      report(`locale "${String(locale)}" is not a valid language tag (BCP 47); using en-IN.`);
    }
    locales.set(locale, resolved);
  }
  return resolved;
}

export function resolveCurrency(currency: unknown, report: Report): string {
  let resolved = currencies.get(currency);
  if (resolved === undefined) {
    try {
      if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) throw new RangeError('not a code');
      currencyDigits(currency);
      resolved = currency.toUpperCase();
    } catch {
      resolved = 'INR';
      report(`currency "${String(currency)}" is not an ISO 4217 code; showing amounts in INR.`);
    }
    currencies.set(currency, resolved);
  }
  return resolved;
}

const mergedWith = new WeakMap<object, WeakMap<object, Strings>>();

/**
 * The full table: overrides merged over the built-in language (when loaded) over English
 * (only string values count). The same inputs give the same object, so panels re-render cheaply.
 */
export function resolveStrings(strings: Partial<Strings> | undefined, locale?: string): Strings {
  if (strings && resolvedTables.has(strings)) return strings as Strings;
  const base = locale ? languageTable(locale) : undefined;
  const key = strings ?? defaultStrings;
  const byBase = base ? (mergedWith.get(base) ?? mergedWith.set(base, new WeakMap()).get(base)!) : undefined;
  const known = byBase?.get(key);
  if (known) return known;
  const merged = mergeStrings(strings, base);
  resolvedTables.add(merged);
  byBase?.set(key, merged);
  return merged;
}

export function resolveContext(locale: unknown, currency: unknown, strings: Partial<Strings> | undefined, report: Report): Context {
  const l = resolveLocale(locale, report);
  const c = resolveCurrency(currency, report);
  const s = resolveStrings(strings, l);
  return {
    locale: l,
    currency: c,
    strings: s,
    number: (n) => numberFormat(l).format(n),
    money: (minor) => (minor === null ? '—' : formatMinor(minor, c, l)),
    date: (date, options) => dateFormat(l, options).format(date),
    plural: (key, count) => plural(s, key, count, l),
  };
}

/** A panel's console line for a bad input: `<staymod-room-list>: …`. */
export const reportFor =
  (tag: string): Report =>
  (message) =>
    console.error(`<${tag}>: ${message}`);
