/**
 * Registers the widget's elements. Guarded, so loading the script twice, or on a
 * page that already defined a tag, does not throw. The checkout's elements (room
 * list, guest form, confirmation) arrive with their own file when a guest needs
 * them (src/components/booking/checkout.ts) and are defined in the same registries.
 */
import { StaymodBooking } from './components/booking/booking.js';
import { preconnectApis } from './components/booking/preconnect.js';
import { checkScriptUrl } from './components/booking/script-url.js';
import { StaymodCalendar } from './components/calendar/calendar.js';
import { defineIn } from './components/shared/registries.js';
// The events' typings (GlobalEventHandlersEventMap): with `import 'staymod-booking/define'` alone,
// `addEventListener('staymod-booking-confirmed', (e) => e.detail...)` is typed. Kept in define.d.ts.
import './events/events.js';

/** True in the script-tag build only (vite.config.ts); npm builds leave it undefined. */
declare const __STAYMOD_SCRIPT_BUILD__: boolean | undefined;

export const elements = {
  'staymod-booking': StaymodBooking,
  'staymod-calendar': StaymodCalendar,
} as const;

export function defineStaymodElements(registry: CustomElementRegistry = customElements): void {
  defineIn(registry, elements);
}

if (typeof __STAYMOD_SCRIPT_BUILD__ !== 'undefined' && __STAYMOD_SCRIPT_BUILD__) checkScriptUrl(import.meta.url);
// Before the elements upgrade (and send their first requests).
if (typeof document !== 'undefined') preconnectApis();
defineStaymodElements();
