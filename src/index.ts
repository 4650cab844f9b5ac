/**
 * The package's side-effect-free entry: classes, types, the client and the
 * contract. Import `staymod-booking/define` to register the tags.
 */
export { StaymodBooking } from './components/booking/booking.js';
export { StaymodCalendar } from './components/calendar/calendar.js';
export { StaymodRoomList } from './components/room-list/room-list.js';
export { StaymodGuestForm } from './components/guest-form/guest-form.js';
export { StaymodConfirmation } from './components/confirmation/confirmation.js';
export * from './events/events.js';
export { createStaymodClient, DEFAULT_API_BASE } from './client/client.js';
export type { StaymodClient, StaymodClientOptions, CallOptions, BookingCallOptions } from './client/client.js';
export { splitWindows } from './client/windows.js';
export { StaymodError, type StaymodErrorCode } from './contract/errors.js';
export type { BookingRequest } from './contract/request-schema.js';
export type {
  WireBooking,
  WireRoom,
  WireAvailability,
  WireBookingOption,
} from './contract/schemas.js';
export type { Room, BookingOption, AvailabilityRange, NightInfo } from './domain/model.js';
export { defaultStrings, type Strings } from './i18n/strings.js';
// `defaultStrings` is the whole English table for apps: the checkout's texts included.
import './i18n/checkout-strings.js';
