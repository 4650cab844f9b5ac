/**
 * Registers the widget's elements. Guarded, so loading the script twice, or on a
 * page that already defined a tag, does not throw.
 */
import { StaymodBooking } from './components/booking/booking.js';
import { StaymodCalendar } from './components/calendar/calendar.js';
import { StaymodConfirmation } from './components/confirmation/confirmation.js';
import { StaymodGuestForm } from './components/guest-form/guest-form.js';
import { StaymodRoomList } from './components/room-list/room-list.js';

export const elements = {
  'staymod-booking': StaymodBooking,
  'staymod-calendar': StaymodCalendar,
  'staymod-room-list': StaymodRoomList,
  'staymod-guest-form': StaymodGuestForm,
  'staymod-confirmation': StaymodConfirmation,
} as const;

export function defineStaymodElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(elements)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

defineStaymodElements();
