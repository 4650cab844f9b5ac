// The checkout's English texts load with the checkout: a table merged before then must show
// them once they are in, and a host's override of one of them must win from the start.
// Its own file: checkout-strings.ts must not be loaded when it starts.
import { equal } from '../test-utils/assert.js';
import { resolveContext } from './context.js';
import { defaultStrings } from './strings.js';

describe('the checkout texts, loaded late', () => {
  it('reach tables merged before they loaded; host overrides given earlier still win', async () => {
    const ctx = resolveContext('en-IN', 'INR', { retry: 'Encore', confirmedHeading: 'Réservé' }, () => {});
    equal(ctx.strings.retry, 'Encore');
    equal(ctx.strings.confirmedHeading, 'Réservé', "the host's text for a checkout heading");
    equal((defaultStrings as Record<string, string | undefined>)['detailsHeading'], undefined, 'not in the first load');
    await import('./checkout-strings.js');
    equal(ctx.strings.detailsHeading, 'Your details', 'the checkout text shows through the earlier table');
    equal(ctx.strings.confirmedHeading, 'Réservé', "the host's text still wins");
    equal(defaultStrings.detailsHeading, 'Your details');
  });
});
