'use client';
/**
 * `staymod-booking/react`: <StaymodBooking> as a React component (React 18 and 19).
 * Props set the element's properties (`propertyId`, `apiKey`, `proxyUrl`, ...) and
 * `onStaymod*` props listen to its events, typed with their details:
 *
 *   import { StaymodBooking } from 'staymod-booking/react';
 *   <StaymodBooking propertyId="..." proxyUrl="https://hotel.example/api/staymod"
 *     onStaymodBookingConfirmed={(e) => track(e.detail.booking._id)} />
 *
 * Importing this module registers the tags (it imports `../define.js`).
 *
 * `'use client'` (first, so it stays first in dist/lib/react/index.js; test/node/ship.test.ts):
 * with React Server Components (the Next.js App Router) this is a client component, so a
 * server component renders a reference to it instead of running it with React's
 * react-server build, which has no useRef or useLayoutEffect.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { StaymodBooking as StaymodBookingElement } from '../components/booking/booking.js';
import type {
  StaymodBookingConfirmedEvent,
  StaymodBookingErrorEvent,
  StaymodBookingSubmitEvent,
  StaymodDatesChangeEvent,
  StaymodRoomsChangeEvent,
} from '../events/events.js';
import '../define.js';

/** React prop name -> DOM event name. */
export const staymodBookingEvents = {
  onStaymodDatesChange: 'staymod-dates-change' as EventName<StaymodDatesChangeEvent>,
  onStaymodRoomsChange: 'staymod-rooms-change' as EventName<StaymodRoomsChangeEvent>,
  onStaymodBookingSubmit: 'staymod-booking-submit' as EventName<StaymodBookingSubmitEvent>,
  onStaymodBookingConfirmed: 'staymod-booking-confirmed' as EventName<StaymodBookingConfirmedEvent>,
  onStaymodBookingError: 'staymod-booking-error' as EventName<StaymodBookingErrorEvent>,
};

export const StaymodBooking = createComponent({
  react: React,
  tagName: 'staymod-booking',
  elementClass: StaymodBookingElement,
  events: staymodBookingEvents,
  displayName: 'StaymodBooking',
});

export type StaymodBookingProps = React.ComponentProps<typeof StaymodBooking>;
export type { StaymodBookingElement };
export type {
  StaymodBookingConfirmedEvent,
  StaymodBookingErrorEvent,
  StaymodBookingSubmitEvent,
  StaymodDatesChangeEvent,
  StaymodRoomsChangeEvent,
};
