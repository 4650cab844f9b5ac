/**
 * Public events of <staymod-booking>. All bubble and are composed, so a host
 * listening on the element, an ancestor, or `document` hears them from inside
 * any shadow root. Only `staymod-booking-submit` is cancelable: a host may veto.
 */
import type { StaymodError } from '../contract/errors.js';
import type { BookingRequest } from '../contract/request-schema.js';
import type { WireBooking } from '../contract/schemas.js';
import type { DateKey } from '../domain/dates.js';

export interface StaymodDatesChangeDetail {
  checkIn: DateKey | null;
  checkOut: DateKey | null;
  nights: number;
}

export class StaymodDatesChangeEvent extends CustomEvent<StaymodDatesChangeDetail> {
  static readonly type = 'staymod-dates-change';
  constructor(detail: StaymodDatesChangeDetail) {
    super(StaymodDatesChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface StaymodRoomsChangeDetail {
  rooms: Array<{ roomId: string; quantity: number }>;
  guests: number;
  /** Total of the stay in minor units of `currency`, when every night is priced. */
  totalMinor: number | null;
  currency: string;
}

export class StaymodRoomsChangeEvent extends CustomEvent<StaymodRoomsChangeDetail> {
  static readonly type = 'staymod-rooms-change';
  constructor(detail: StaymodRoomsChangeDetail) {
    super(StaymodRoomsChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface StaymodBookingSubmitDetail {
  /** The exact body about to be sent. */
  request: BookingRequest;
  totalMinor: number | null;
  currency: string;
}

export class StaymodBookingSubmitEvent extends CustomEvent<StaymodBookingSubmitDetail> {
  static readonly type = 'staymod-booking-submit';
  constructor(detail: StaymodBookingSubmitDetail) {
    super(StaymodBookingSubmitEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

export interface StaymodBookingConfirmedDetail {
  /** Staymod's booking, with `_id`. */
  booking: WireBooking;
  totalMinor: number | null;
  currency: string;
}

export class StaymodBookingConfirmedEvent extends CustomEvent<StaymodBookingConfirmedDetail> {
  static readonly type = 'staymod-booking-confirmed';
  constructor(detail: StaymodBookingConfirmedDetail) {
    super(StaymodBookingConfirmedEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface StaymodBookingErrorDetail {
  error: StaymodError;
  /** Where it happened. */
  stage: 'load' | 'submit';
}

export class StaymodBookingErrorEvent extends CustomEvent<StaymodBookingErrorDetail> {
  static readonly type = 'staymod-booking-error';
  constructor(detail: StaymodBookingErrorDetail) {
    super(StaymodBookingErrorEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'staymod-dates-change': StaymodDatesChangeEvent;
    'staymod-rooms-change': StaymodRoomsChangeEvent;
    'staymod-booking-submit': StaymodBookingSubmitEvent;
    'staymod-booking-confirmed': StaymodBookingConfirmedEvent;
    'staymod-booking-error': StaymodBookingErrorEvent;
  }
}
