import { deepEqual, equal, match, ok } from '../test-utils/assert.js';
import { resolveContext, resolveStrings } from './context.js';
import { numberFormat } from './intl.js';
import { defaultStrings } from './strings.js';
import './checkout-strings.js'; // the whole English table

describe('resolveContext', () => {
  it('falls back once for a bad locale and currency, with one console line each', () => {
    const said: string[] = [];
    const first = resolveContext('en_XX!', 'RUPEE$', undefined, (m) => said.push(m));
    const again = resolveContext('en_XX!', 'RUPEE$', undefined, (m) => said.push(m));
    equal(first.locale, 'en-IN');
    equal(first.currency, 'INR');
    equal(again.locale, 'en-IN');
    equal(said.length, 2, said.join('\n'));
    match(said[0]!, /locale "en_XX!" is not a valid language tag/);
    match(said[1]!, /currency "RUPEE\$" is not an ISO 4217 code/);
  });

  it('canonicalizes good values silently and formats with them', () => {
    const said: string[] = [];
    const ctx = resolveContext('de-de', 'eur', { total: 'Summe' }, (m) => said.push(m));
    deepEqual(said, []);
    equal(ctx.locale, 'de-DE');
    equal(ctx.currency, 'EUR');
    equal(ctx.strings.total, 'Summe');
    equal(ctx.strings.retry, defaultStrings.retry);
    equal(ctx.money(123_450).replace(/\s/g, ' '), '1.234,50 €');
    equal(ctx.money(null), '—');
    equal(ctx.plural('nights', 1), '1 night');
  });

  it('hands a resolved table back as is, so a panel never re-merges what the booking merged', () => {
    const merged = resolveStrings({ total: 'Summe', retry: 42 as unknown as string });
    equal(merged.retry, defaultStrings.retry, 'a non-string override is ignored');
    equal(resolveStrings(merged), merged);
    equal(resolveStrings(undefined), defaultStrings);
  });

  it('builds each Intl formatter once per locale and options', () => {
    ok(numberFormat('fr-FR', { maximumFractionDigits: 1 }) === numberFormat('fr-FR', { maximumFractionDigits: 1 }));
    ok(numberFormat('fr-FR') !== numberFormat('fr-CH'));
  });
});
