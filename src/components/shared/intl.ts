/**
 * Locale and currency as Intl will accept them. A host typo must not crash an
 * element's render: it is named in the console and the default is used instead.
 */
import { currencyDigits } from '../../domain/money.js';

export function resolveLocale(locale: unknown, tag: string, fallback = 'en-IN'): string {
  try {
    return Intl.getCanonicalLocales(locale as string)[0] ?? fallback;
  } catch {
    console.error(`<${tag}>: locale "${String(locale)}" is not a valid BCP 47 tag; using ${fallback}.`);
    return fallback;
  }
}

export function resolveCurrency(currency: unknown, tag: string, fallback = 'INR'): string {
  try {
    if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) throw new RangeError('not a code');
    currencyDigits(currency);
    return currency.toUpperCase();
  } catch {
    console.error(`<${tag}>: currency "${String(currency)}" is not an ISO 4217 code; amounts are shown in ${fallback}.`);
    return fallback;
  }
}
