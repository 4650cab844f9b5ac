/**
 * The price under a day's number. It is the lowest price of the night (a "from" price),
 * so it is never rounded up: the full amount when it fits the cell, else whole units,
 * else compact notation rounded down. Always with a currency mark (the narrow symbol:
 * some locales spell the code out, too wide for a cell).
 */
import { currencyDigits } from '../../domain/money.js';
import { numberFormat } from '../../i18n/intl.js';

/**
 * Rounding down in Intl (2023): where it is missing, compact forms, which would round up, are not used.
 * Asked at the first price, not at module evaluation: the page's first Intl object costs
 * ~20 ms (ICU data) and must not delay the first API requests.
 */
let canFloor: boolean | undefined;
function floorWorks(): boolean {
  if (canFloor === undefined) {
    try {
      canFloor = numberFormat('en', { maximumFractionDigits: 0, roundingMode: 'floor' } as Intl.NumberFormatOptions).format(1.9) === '1';
    } catch {
      canFloor = false;
    }
  }
  return canFloor;
}

/** Width in narrow-character units: East Asian wide characters count twice, direction marks not at all. */
export function markWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0x200e || code === 0x200f || code === 0x061c) continue;
    width += (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) ? 2 : 1;
  }
  return width;
}

/** The amounts a cell may show, widest and most exact first. */
function candidates(minor: number, currency: string, locale: string): string[] {
  const digits = currencyDigits(currency);
  const scale = 10 ** digits;
  const currencyOptions = { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } as const;
  const out: string[] = [];
  if (minor % scale !== 0) out.push(numberFormat(locale, { ...currencyOptions, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / scale));
  // Whole units, the fraction dropped (never rounded up), also where Intl cannot round down.
  out.push(numberFormat(locale, { ...currencyOptions, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(Math.floor(minor / scale)));
  if (floorWorks()) {
    for (const fraction of [1, 0]) {
      const options = { ...currencyOptions, notation: 'compact', maximumFractionDigits: fraction, roundingMode: 'floor' } as Intl.NumberFormatOptions;
      out.push(numberFormat(locale, options).format(Math.floor(minor / scale)));
    }
  }
  return out;
}

const marks = new Map<string, string>();

/** The most exact amount that fits `budget` narrow characters; the shortest when none does. */
export function priceMark(minor: number, currency: string, locale: string, budget: number): string {
  const key = `${minor}|${currency}|${locale}|${budget}`;
  let mark = marks.get(key);
  if (mark === undefined) {
    const all = candidates(minor, currency, locale);
    mark = all.find((text) => markWidth(text) <= budget) ?? all.reduce((a, b) => (markWidth(b) < markWidth(a) ? b : a));
    // Prices repeat across days, months and widgets: a small cache is enough.
    if (marks.size > 2000) marks.clear();
    marks.set(key, mark);
  }
  return mark;
}

/** Narrow characters of the price font that fit a cell `cellPx` wide (a digit is about 0.6 em). */
export function markBudget(cellPx: number, fontPx: number): number {
  if (!(cellPx > 0) || !(fontPx > 0)) return 0;
  return Math.max(3, Math.floor((cellPx - 4) / (fontPx * 0.6)));
}
