import * as z from 'zod/mini';
import { deepEqual, equal, ok } from '../test-utils/assert.js';
import { isCanonicalAvailabilityText } from './canonical-text.js';
import { read } from './read.js';
import { availabilityResponseSchema } from './schemas.js';

const cell = (dateKey: string, price: number | null) => ({ dateKey, isFull: false, price, priceIsOverride: false });
const month = () => ({
  from: '2027-01-01',
  to: '2027-01-02',
  days: [
    { dateKey: '2027-01-01', isWeekend: false },
    { dateKey: '2027-01-02', isWeekend: true },
  ],
  rows: [
    { rowId: 'a:1', roomId: 'a', listingName: 'Kōvalam ☀ suite', roomType: 'double', unitLabel: 'Unit 1', cells: [cell('2027-01-01', 3499), cell('2027-01-02', 4999.5)] },
    { rowId: 'b:1', roomId: 'b', listingName: 'Garden', roomType: 'single', unitLabel: 'Unit 1', cells: [cell('2027-01-01', null), cell('2027-01-02', 0)] },
  ],
});

/** What the client hands the reader: the answer's text and its parse. */
const readText = (text: string) => read('availability', JSON.parse(text) as unknown, text);

describe('read: availability already in the schema’s exact shape', () => {
  it('takes a canonical month as parsed: the same value zod returns for it', () => {
    const text = JSON.stringify(month());
    ok(isCanonicalAvailabilityText(text), 'the month is canonical');
    const value: unknown = JSON.parse(text);
    equal(read('availability', value, text), value, 'the parsed value itself, not a copy made by the schema');
    deepEqual(readText(text), z.parse(availabilityResponseSchema, JSON.parse(text)));
    const perStay = JSON.stringify({ ...month(), pricing: 'per-stay' });
    equal(readText(perStay)?.pricing, 'per-stay');
  });

  it('reads anything else through the schema: unknown fields dropped, bad values refused', () => {
    const withToken = month() as ReturnType<typeof month> & { rows: Array<Record<string, unknown>> };
    withToken.rows[0]!['icalToken'] = 'tok_secret';
    const read1 = readText(JSON.stringify(withToken));
    ok(read1, 'still a month');
    ok(!('icalToken' in read1!.rows[0]!), 'the feed token is dropped');

    const pretty = JSON.stringify(month(), null, 2);
    const prettyValue: unknown = JSON.parse(pretty);
    ok(read('availability', prettyValue, pretty) !== prettyValue, 'a copy made by the schema');
    deepEqual(readText(pretty), z.parse(availabilityResponseSchema, month()), 'whitespace: read through the schema, same value');

    const textPrice = JSON.stringify(month()).replace('"price":3499', '"price":"3499"');
    ok(!isCanonicalAvailabilityText(textPrice));
    const read2 = readText(textPrice);
    ok(read2, 'a price the schema reads otherwise is still a month');
    deepEqual(read2, z.parse(availabilityResponseSchema, JSON.parse(textPrice)), 'as the schema reads it');

    equal(readText(JSON.stringify({ from: '2027-01-01', to: '2027-01-02', days: [] })), undefined, 'rows missing: unreadable');
  });

  it('without the text, always through the schema', () => {
    const value = { ...month(), orgId: 'org-secret' };
    const plain = read('availability', value);
    ok(plain && !('orgId' in plain), 'orgId dropped');
  });
});
