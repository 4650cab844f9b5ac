/**
 * The one door from the booking element to the checkout screens. Static for now; a
 * later change can make this an `import()` (and show the form once it has loaded)
 * without touching the calendar step.
 */
import * as views from './checkout-views.js';

export type CheckoutViews = typeof views;
export type { CheckoutModel } from './checkout-views.js';

export function checkoutViews(): CheckoutViews {
  return views;
}
