/** Events of <staymod-confirmation>. Bubbles and is composed. */

/** Fired when the guest wants to start a new booking. */
export class StaymodBookAnotherEvent extends Event {
  static readonly type = 'staymod-book-another';
  constructor() {
    super(StaymodBookAnotherEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'staymod-book-another': StaymodBookAnotherEvent;
  }
}
