// Type tests (compiled, never run): the tag as svelte-check sees it.
import '../../src/jsx.js';

type Props = svelteHTML.IntrinsicElements['staymod-booking'];

export const ok: Props = {
  'property-id': '71c1cf237ed753d9d00db738',
  'api-key': 'sk_live_x',
  'min-nights': 2,
  'onstaymod-booking-error': (e) => e.detail.error.message,
};
// @ts-expect-error min-nights is a number
export const bad: Props = { 'min-nights': 'two' };
