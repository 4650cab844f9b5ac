/**
 * What the guest does on the checkout's steps (rooms, details, the unconfirmed end), on the
 * booking's store. Only the checkout's panels raise these, so they live in the checkout's
 * file (re-exported by ./checkout-views.ts) and none of it is in the first load.
 */
import { StaymodRoomsChangeEvent } from '../../events/events.js';
import { displayName, fill, plural } from '../../i18n/strings.js';
import { roomCount, stayLength, type GuestValue } from './stay.js';
import { toCalendar, type BookingStore } from './booking-store.js';
import type { StaySummary } from './draft.js';
import { submitBooking } from './submit.js';

export function chooseRooms(s: BookingStore, selection: Record<string, number>, guests: number, selectedOptions: string[]): void {
  const roomsBefore = roomCount(s.selection);
  s.selection = { ...selection };
  if (roomCount(s.selection) > roomsBefore) s.funnel('staymod_room_added');
  s.guestCount = guests;
  s.chosenOptions = [...selectedOptions];
  s.persist();
  const totalMinor = s.total();
  if (totalMinor !== null) {
    const nights = plural(s.ui, 'nights', stayLength(s.range.checkIn, s.range.checkOut), s.ctx.locale);
    s.announce(fill(s.ui.totalAnnounced, { nights, total: s.ctx.money(totalMinor) }));
  }
  s.host.dispatchEvent(
    new StaymodRoomsChangeEvent({
      rooms: Object.entries(s.selection)
        .filter(([, n]) => n > 0)
        .map(([roomId, quantity]) => ({ roomId, quantity })),
      guests: s.guestCount,
      totalMinor,
      currency: s.ctx.currency,
    }),
  );
}

export function typeGuest(s: BookingStore, value: GuestValue): void {
  if (!s.detailsStarted) {
    s.detailsStarted = true;
    s.funnel('staymod_details_started');
  }
  s.guest = { ...value };
  s.persist();
}

export function submitGuest(s: BookingStore, value: GuestValue): void {
  s.guest = { ...value };
  void submitBooking(s);
}

/** After an unconfirmed booking, the guest's explicit choice: a new booking (new dates, new key). */
export function startOver(s: BookingStore): void {
  s.attempt = undefined;
  s.clearStay();
  s.send({ type: 'restart' });
  s.persist(true);
}

/** A room's name as the guest reads it ("Room" when the property left it blank). */
export function roomName(s: BookingStore, id: string): string {
  return displayName(s.rooms.find((r) => r.id === id)?.name ?? '', s.ui.unnamedRoom);
}

/** The stay as chosen right now, display-ready (names resolved, total formatted later). */
export function stayNow(s: BookingStore, totalMinor: number | null): StaySummary {
  return {
    guestName: s.guest.guestName.trim(),
    guestEmail: s.guest.guestEmail.trim(),
    checkIn: s.range.checkIn,
    checkOut: s.range.checkOut,
    guests: s.guestCount,
    rooms: Object.entries(s.selection)
      .filter(([, n]) => n > 0)
      .map(([id, n]) => [roomName(s, id), n]),
    extras: s.chosenBookingOptions().map((o) => displayName(o.name, s.ui.unnamedExtra)),
    totalMinor,
    currency: s.ctx.currency,
  };
}

/**
 * What the guest's actions on the checkout's screens do, with where focus goes next. Made per
 * render: Lit swaps a listener's function without touching the DOM.
 */
export function checkoutHandlers(s: BookingStore) {
  return {
    selection: (e: CustomEvent<{ selection: Record<string, number>; guests: number; selectedOptions: string[] }>) =>
      chooseRooms(s, e.detail.selection, e.detail.guests, e.detail.selectedOptions),
    continue: () => {
      // What the guest saw in the room list is what goes on: not a draft's or a link's older choice.
      s.settleChoice();
      s.send({ type: 'continue' });
      s.focusNext = (root) => void root.querySelector('staymod-guest-form')?.focusFirstField();
    },
    /** Back from the room list: the stay's dates are cleared, the calendar has focus. */
    clearDates: () => {
      s.chooseDates(null, null);
      s.focusNext = toCalendar;
    },
    guestInput: (e: CustomEvent<{ value: GuestValue }>) => typeGuest(s, e.detail.value),
    guestSubmit: (e: CustomEvent<{ value: GuestValue }>) => submitGuest(s, e.detail.value),
    back: () => {
      s.send({ type: 'back' });
      s.focusNext = (root) => void root.querySelector('staymod-room-list')?.focusContinue();
    },
    /** After a sold-out answer: back to the rooms, ready to pick other dates. */
    changeDates: () => {
      s.send({ type: 'back' });
      s.focusNext = (root) => void root.querySelector('staymod-room-list')?.focusChangeDates();
    },
    /** The guest's explicit "send again" after an ambiguous failure. */
    resend: () => void submitBooking(s),
    /** After an unconfirmed booking, the guest's explicit choice: a new booking (new dates, new key). */
    startOver: () => {
      startOver(s);
      s.focusNext = toCalendar;
    },
    restart: () => {
      s.send({ type: 'restart' });
      // The confirmation and its button are gone: the calendar, where the next booking starts.
      s.focusNext = toCalendar;
    },
  };
}

export type CheckoutHandlers = ReturnType<typeof checkoutHandlers>;
