/**
 * Money in integer minor units. Staymod sends major units (2499 or 2499.5); we
 * convert once, add integers, and format with Intl in the host's currency.
 */
import { numberFormat } from '../i18n/intl.js';

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (INR 2, JPY 0, KWD 3). Throws RangeError for an unknown code. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function toMinor(major: number, currency: string): number {
  const digits = currencyDigits(currency);
  // Most prices are whole: exact without the text round trip (a calendar converts thousands).
  if (Number.isSafeInteger(major)) return major * 10 ** digits;
  // Shift the decimal point in the number's text, so 1.005 becomes 100.5 (not 100.49999...) before rounding.
  const text = String(major);
  const shifted = text.includes('e') ? major * 10 ** digits : Number(`${text}e${digits}`);
  return Math.round(shifted);
}

export function formatMinor(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const scale = 10 ** digits;
  // Whole amounts read better without ".00"; anything else shows every minor digit.
  const fraction = minor % scale === 0 ? 0 : digits;
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(minor / scale);
}
