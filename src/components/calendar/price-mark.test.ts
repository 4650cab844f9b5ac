import { equal, match, ok } from '../../test-utils/assert.js';
import { markBudget, markWidth, priceMark } from './price-mark.js';

/** The amount a compact or full en-US/en-IN mark stands for, in major units. */
function amountOf(mark: string): number {
  const m = /([\d,.]+)\s*([KMBTL]|Cr)?/.exec(mark);
  if (!m) throw new Error(`no amount in ${mark}`);
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12, L: 1e5, Cr: 1e7 }[m[2] ?? ''] ?? 1;
  return Number(m[1]!.replace(/,/g, '')) * scale;
}

describe('priceMark', () => {
  it('shows the full amount when it fits the cell, compact only above', () => {
    equal(priceMark(456_000, 'INR', 'en-IN', 7), '₹4,560');
    equal(priceMark(456_000, 'INR', 'en-IN', 5), '₹4.5K', 'compact, rounded down');
    equal(priceMark(8_950, 'EUR', 'de-DE', 8), '89,50\u00a0€');
    equal(priceMark(8_950, 'EUR', 'de-DE', 4), '89\u00a0€', 'the cents dropped, not rounded up');
    equal(priceMark(99_999, 'USD', 'en-US', 4), '$999');
    equal(priceMark(1_250_000, 'JPY', 'en-US', 6), '¥1.2M');
  });

  it('never rounds a price up', () => {
    for (const [locale, currency] of [['en-IN', 'INR'], ['en-US', 'USD']] as const) {
      for (let i = 0; i < 300; i++) {
        const minor = Math.floor(((i * 7919) % 10_000_000) * (1 + (i % 13)));
        for (const budget of [3, 5, 7]) {
          const mark = priceMark(minor, currency, locale, budget);
          ok(amountOf(mark) <= minor / 100, `${minor / 100} ${currency} shows as ${mark} (budget ${budget})`);
        }
      }
    }
  });

  it('keeps a currency mark in every locale, even where the compact form spells it out', () => {
    match(priceMark(250_000, 'EGP', 'ar-EG', 6), /E£|ج\.م/);
    match(priceMark(250_000, 'INR', 'hi-IN', 5), /₹/);
    match(priceMark(1_280_000, 'JPY', 'ja-JP', 6), /[¥￥]/);
    match(priceMark(250_000, 'INR', 'ta-IN', 5), /₹/);
  });

  it('measures width in narrow characters', () => {
    equal(markWidth('₹4,560'), 6);
    equal(markWidth('￥1万'), 5, 'wide characters count twice');
    equal(markWidth('\u200f٢٫٥'), 3, 'direction marks take no room');
    equal(markBudget(48, 10.4), 7);
    equal(markBudget(0, 10.4), 0, 'not laid out yet');
  });
});
