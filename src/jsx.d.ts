/**
 * `staymod-booking/jsx`: typings for `<staymod-booking>` written as a tag in
 * React (@types/react 18.3+ and 19), Vue templates and Svelte.
 * Reference it once, e.g. in a `.d.ts` of your app:
 *
 *   /// <reference types="staymod-booking/jsx" />
 *   // or: import type {} from 'staymod-booking/jsx';
 *
 * Each framework block is a module augmentation that TypeScript skips when the
 * framework is not installed, so one file serves every setup.
 * (Hand-written; the build copies it to dist/lib/jsx.d.ts.)
 */
import type { StaymodBooking } from './components/booking/booking.js';
import type {
  StaymodBookingConfirmedEvent,
  StaymodBookingErrorEvent,
  StaymodBookingSubmitEvent,
  StaymodDatesChangeEvent,
  StaymodRoomsChangeEvent,
} from './events/events.js';

type Numeric = number | `${number}`;

/** The element's HTML attributes, as written in markup. */
export interface StaymodBookingAttributes {
  /** Staymod property id (24 hexadecimal characters). */
  'property-id'?: string;
  /** Direct mode: a Staymod key restricted to the site's origin. */
  'api-key'?: string;
  /** Staymod's origin in direct mode (default https://app.staymod.in). */
  'api-base'?: string;
  /** Proxy mode: base URL of a staymod-booking proxy. */
  'proxy-url'?: string;
  /** URL of the room catalogue made by `npx staymod-booking rooms-snapshot` (direct mode needs no rooms:read). */
  'rooms-src'?: string;
  /** The property's phone number, shown wherever the guest is told to contact the property. */
  'property-phone'?: string;
  /** The property's e-mail address, likewise. */
  'property-email'?: string;
  /**
   * Push the funnel to `window.dataLayer` (no personal data). `true` or `''`, not `false`:
   * React 18 writes a boolean on a custom element as an attribute with the text "true" or
   * "false", not as a present or absent attribute. For off, leave it out.
   */
  analytics?: true | '';
  /** Keep the stay in the page's query string, and restore it from there. `true` or `''`, as `analytics`. */
  'url-state'?: true | '';
  /** BCP 47 locale, e.g. `en-IN`. */
  locale?: string;
  /** ISO 4217 currency of the property's prices, e.g. `INR`. */
  currency?: string;
  /** 1 or 2 months side by side (default: by width). */
  months?: 1 | 2 | '1' | '2';
  'min-nights'?: Numeric;
  'max-nights'?: Numeric;
  /** `HH:mm`, UTC wall time on the check-in date (default 14:00). */
  'check-in-time'?: string;
  /** `HH:mm`, UTC wall time on the check-out date (default 11:00). */
  'check-out-time'?: string;
  /** Initial guest count. */
  guests?: Numeric;
  /** Prefilled check-in, `YYYY-MM-DD`. */
  'check-in'?: string;
  /** Prefilled check-out, `YYYY-MM-DD`. */
  'check-out'?: string;
  theme?: 'light' | 'dark' | 'auto';
  /** What the guest must give to be reachable (default `email`). */
  contact?: 'email' | 'phone' | 'email-or-phone' | 'email-and-phone';
  /** Freezes "today", `YYYY-MM-DD` (demos and tests). */
  today?: string;
  /** Milliseconds to wait for each request (500 to 120 000, default 15 000). */
  timeout?: Numeric;
}

/** The element's events, by DOM event name. */
export interface StaymodBookingEventMap {
  'staymod-dates-change': StaymodDatesChangeEvent;
  'staymod-rooms-change': StaymodRoomsChangeEvent;
  'staymod-booking-submit': StaymodBookingSubmitEvent;
  'staymod-booking-confirmed': StaymodBookingConfirmedEvent;
  'staymod-booking-error': StaymodBookingErrorEvent;
}

/**
 * React 19 adds a listener for a custom element's `on<event-name>` prop. React 18 does not
 * (it drops the function): there, use the `staymod-booking/react` wrapper.
 */
export type StaymodBookingReactEvents = {
  [K in keyof StaymodBookingEventMap as `on${K}`]?: (event: StaymodBookingEventMap[K]) => void;
};

/** Vue maps `@staymod-booking-confirmed` to an `onStaymodBookingConfirmed` prop. */
export interface StaymodBookingVueEvents {
  onStaymodDatesChange?: (event: StaymodDatesChangeEvent) => void;
  onStaymodRoomsChange?: (event: StaymodRoomsChangeEvent) => void;
  onStaymodBookingSubmit?: (event: StaymodBookingSubmitEvent) => void;
  onStaymodBookingConfirmed?: (event: StaymodBookingConfirmedEvent) => void;
  onStaymodBookingError?: (event: StaymodBookingErrorEvent) => void;
}

/** Svelte 5 listens with `onstaymod-booking-confirmed={...}`. */
export type StaymodBookingSvelteEvents = StaymodBookingReactEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'staymod-booking': DetailedHTMLProps<HTMLAttributes<StaymodBooking>, StaymodBooking> &
        StaymodBookingAttributes &
        StaymodBookingReactEvents;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'staymod-booking': new () => {
      $props: StaymodBookingAttributes & StaymodBookingVueEvents & { class?: unknown; style?: unknown; id?: string };
    };
  }
}

declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
      'staymod-booking': StaymodBookingAttributes & StaymodBookingSvelteEvents & { class?: string; id?: string; style?: string };
    }
  }
}
