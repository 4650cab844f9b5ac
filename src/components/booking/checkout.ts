/**
 * The one door from the booking element to the checkout (./checkout-views.ts: the
 * room list, guest form and confirmation), which is its own file in the script build,
 * fetched next to the script the first time it is needed or when the calendar is
 * idle. A failed load is tried once more at once; after that the element says so and
 * offers a retry (`loadCheckout` again), never a dead widget.
 */
import { lazyFile } from '../../client/import-twice.js';
import { addStrings } from '../../i18n/strings.js';
import { defineLate } from '../shared/registries.js';

export type CheckoutViews = typeof import('./checkout-views.js');

const door = lazyFile<CheckoutViews>(
  () => import('./checkout-views.js'),
  (loaded) => {
    defineLate(loaded.checkoutElements);
    // Into this copy's table: a page that loaded the script twice has two, and the file imports the plain URL's.
    addStrings(loaded.checkoutStrings);
  },
);

/** The checkout, once loaded; undefined until then. */
export const checkoutViews = door.now;

/** Loads the checkout; after a failure the next call (the guest's retry) fetches again. */
export const loadCheckout = door.load;

/** Starts loading the checkout when the browser has nothing better to do. */
export function prefetchCheckout(): void {
  if (door.asked()) return;
  const load = () => void loadCheckout().catch(() => {});
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 200);
}
