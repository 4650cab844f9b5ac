/** Events of <staymod-calendar>. Both bubble and are composed, so a parent's shadow root hears them. */
import type { DateKey, MonthKey } from '../../domain/dates.js';

export interface StaymodCalendarSelectDetail {
  checkIn: DateKey | null;
  /** `null` after the first click of a range, and when the dates are cleared. */
  checkOut: DateKey | null;
}

/** The guest picked a check-in, a check-out, or cleared the dates. */
export class StaymodCalendarSelectEvent extends CustomEvent<StaymodCalendarSelectDetail> {
  static readonly type = 'staymod-calendar-select';
  constructor(detail: StaymodCalendarSelectDetail) {
    super(StaymodCalendarSelectEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface StaymodCalendarMonthDetail {
  /** First visible month. */
  month: MonthKey;
  /** How many months are visible (1 or 2). */
  months: number;
  /** Every visible month, in order: what the parent should have loaded. */
  visible: MonthKey[];
}

/** The guest paged the calendar (buttons or keyboard): load these months, prefetch the next. */
export class StaymodCalendarMonthEvent extends CustomEvent<StaymodCalendarMonthDetail> {
  static readonly type = 'staymod-calendar-month';
  constructor(detail: StaymodCalendarMonthDetail) {
    super(StaymodCalendarMonthEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'staymod-calendar-select': StaymodCalendarSelectEvent;
    'staymod-calendar-month': StaymodCalendarMonthEvent;
  }
}
