/** Events of <staymod-room-list>. All bubble and are composed, so the booking element hears them from its shadow root. */

export interface StaymodSelectionDetail {
  /** Quantities per room id, only bookable rooms, never above the units free. */
  selection: Record<string, number>;
  guests: number;
  /** Ids of the chosen extras. */
  selectedOptions: string[];
}

/** Fired on every change of a quantity, the guest count or an extra. */
export class StaymodSelectionChangeEvent extends CustomEvent<StaymodSelectionDetail> {
  static readonly type = 'staymod-selection-change';
  constructor(detail: StaymodSelectionDetail) {
    super(StaymodSelectionChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** Fired when the guest presses Continue with a valid selection (the same detail, for convenience). */
export class StaymodRoomsContinueEvent extends CustomEvent<StaymodSelectionDetail> {
  static readonly type = 'staymod-rooms-continue';
  constructor(detail: StaymodSelectionDetail) {
    super(StaymodRoomsContinueEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** Fired when the guest asks to pick other dates. */
export class StaymodChangeDatesEvent extends Event {
  static readonly type = 'staymod-change-dates';
  constructor() {
    super(StaymodChangeDatesEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'staymod-selection-change': StaymodSelectionChangeEvent;
    'staymod-rooms-continue': StaymodRoomsContinueEvent;
    'staymod-change-dates': StaymodChangeDatesEvent;
  }
}
