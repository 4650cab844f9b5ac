/**
 * The quote note (src/domain/quote-note.ts): the exact text staff see in
 * Staymod's special requests, and its length rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatQuoteNote, SPECIAL_REQUESTS_MAX, withQuoteNote, type QuoteNoteInput } from '../../src/domain/quote-note.js';

const quote: QuoteNoteInput = {
  source: 'proxy',
  currency: 'INR',
  rooms: [
    { name: 'Deluxe', quantity: 1, nightlyMinor: [450_000, 450_000, 520_000] },
    { name: 'Garden\nSuite', quantity: 2, nightlyMinor: [900_000, 900_000, 900_000] },
  ],
  extras: [{ name: 'Breakfast', amountMinor: 180_000 }],
  totalMinor: 1_420_000 + 5_400_000 + 180_000,
};

describe('quote note', () => {
  it('pins the exact block: nights grouped by equal consecutive price, extras, total with the ISO code', () => {
    assert.equal(
      formatQuoteNote(quote),
      [
        '[Quote by booking proxy from Staymod availability]',
        'Deluxe, 3 nights: 2 x 4,500 + 1 x 5,200 = 14,200',
        'Garden Suite x 2 rooms, 3 nights: (3 x 9,000) x 2 = 54,000',
        'Breakfast: 1,800',
        'Total: INR 70,000',
      ].join('\n'),
    );
  });

  it('marks a website quote as such, and keeps minor digits only when there are some', () => {
    const text = formatQuoteNote({
      source: 'website',
      currency: 'USD',
      rooms: [{ name: 'Room', quantity: 1, nightlyMinor: [12_050, 9_900, 12_050] }],
      extras: [],
      totalMinor: 34_000,
    });
    assert.equal(
      text,
      '[Quote shown by the website from Staymod availability]\nRoom, 3 nights: 1 x 120.50 + 1 x 99 + 1 x 120.50 = 340\nTotal: USD 340',
    );
    assert.match(formatQuoteNote({ ...quote, currency: 'JPY', rooms: [{ name: 'A', quantity: 1, nightlyMinor: [12000] }], extras: [], totalMinor: 12000 }), /A, 1 night: 1 x 12,000 = 12,000\nTotal: JPY 12,000$/);
  });

  it('puts the quote above the guest text, separated, and keeps it whole when the guest text is long', () => {
    assert.equal(withQuoteNote(quote, '  Late arrival, around 11 pm.  '), `${formatQuoteNote(quote)}\n---\nLate arrival, around 11 pm.`);
    assert.equal(withQuoteNote(quote, undefined), formatQuoteNote(quote));
    const long = 'Ω'.repeat(5000);
    const text = withQuoteNote(quote, long);
    assert.equal([...text].length, SPECIAL_REQUESTS_MAX);
    assert.ok(text.startsWith(`${formatQuoteNote(quote)}\n---\nΩΩΩ`));
    assert.ok(text.endsWith('Ω...'));
    const emoji = withQuoteNote(quote, '😀'.repeat(3000));
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji), 'no surrogate pair cut in half');
  });

  it('keeps names to one bounded line (they come from the property data)', () => {
    const text = formatQuoteNote({ ...quote, rooms: [{ name: `X${'y'.repeat(200)}\r\n[Quote]`, quantity: 1, nightlyMinor: [100] }], extras: [{ name: '', amountMinor: 5 }] });
    const lines = text.split('\n');
    assert.equal(lines.length, 4);
    assert.ok(lines[1]!.length < 100, lines[1]);
    assert.equal(lines[2], 'Extra: 0.05');
  });
});
