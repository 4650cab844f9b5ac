/** Events of <staymod-guest-form>. All bubble and are composed. */
import type { GuestFields, GuestFormValue } from './guest-schema.js';

export interface StaymodGuestInputDetail {
  /** Everything as typed, untrimmed: the parent persists it. */
  value: GuestFormValue;
}

/** Fired on every keystroke (and paste, autofill) in any field. */
export class StaymodGuestInputEvent extends CustomEvent<StaymodGuestInputDetail> {
  static readonly type = 'staymod-guest-input';
  constructor(detail: StaymodGuestInputDetail) {
    super(StaymodGuestInputEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface StaymodGuestSubmitDetail {
  /** As typed. */
  value: GuestFormValue;
  /** What to send: trimmed, empty optionals omitted (`toGuestFields`). */
  fields: GuestFields;
}

/** Fired once per valid submit; the form is then `busy` until the parent clears it. */
export class StaymodGuestSubmitEvent extends CustomEvent<StaymodGuestSubmitDetail> {
  static readonly type = 'staymod-guest-submit';
  constructor(detail: StaymodGuestSubmitDetail) {
    super(StaymodGuestSubmitEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** Fired when the guest presses Back. */
export class StaymodGuestBackEvent extends Event {
  static readonly type = 'staymod-guest-back';
  constructor() {
    super(StaymodGuestBackEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'staymod-guest-input': StaymodGuestInputEvent;
    'staymod-guest-submit': StaymodGuestSubmitEvent;
    'staymod-guest-back': StaymodGuestBackEvent;
  }
}
