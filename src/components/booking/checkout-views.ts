/**
 * The checkout: the room list, the guest form with the stay summary, the unconfirmed
 * end and the confirmation, with their elements. Its own file in the script build,
 * reached only through ./checkout.ts, which loads it when the calendar is idle or a
 * guest needs it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StaymodError } from '../../contract/errors.js';
import type { WireBooking } from '../../contract/schemas.js';
import type { Room } from '../../domain/model.js';
import { formatMinor } from '../../domain/money.js';
import type { RoomQuote } from '../../domain/pricing.js';
import type { Context } from '../../i18n/context.js';
import { numberFormat } from '../../i18n/intl.js';
import { fill, plural } from '../../i18n/strings.js';
import { StaymodConfirmation } from '../confirmation/confirmation.js';
import { StaymodGuestForm } from '../guest-form/guest-form.js';
import { contactMode } from '../guest-form/guest-schema.js';
import { StaymodRoomList } from '../room-list/room-list.js';
import { stayLength, type GuestValue } from './stay.js';
import { formatDate } from './booking-text.js';
import { failureText } from './failure-text.js';
import type { SentBooking, StaySummary } from './draft.js';
import { forward } from './parts.js';
import type { BookingStore } from './booking-store.js';
import { checkoutHandlers, roomName, stayNow, type CheckoutHandlers } from './checkout-actions.js';

/** Defined by ./checkout.ts in every registry the widget's tags are in. */
export const checkoutElements = {
  'staymod-room-list': StaymodRoomList,
  'staymod-guest-form': StaymodGuestForm,
  'staymod-confirmation': StaymodConfirmation,
} as const;

const ROOM_LIST_PARTS = forward(
  'room-list',
  'base header change-dates guests stepper room unavailable image breakdown extras empty summary total reason continue',
);
const GUEST_FORM_PARTS = forward('guest-form', 'form heading error-summary field error total back submit');
const CONFIRMATION_PARTS = forward('confirmation', 'base heading details reference copy note book-another');

/** What the checkout screens show, and what the guest's actions there do. */
export interface CheckoutModel {
  ctx: Context;
  guest: GuestValue;
  busy: boolean;
  failure: StaymodError | undefined;
  /** The stay being booked, for the summary above the form. */
  stay: StaySummary;
  lastTotal: number | null;
  /** The property's phone and e-mail (links), or nothing. */
  contact: TemplateResult | typeof nothing;
  /** What the guest must give to be reachable (the `contact` attribute; unknown counts as e-mail). */
  guestContact: string;
  on: CheckoutHandlers;
}

/** The checkout screens' model, from the store; `contact` is the property's links (drawn by the element). */
export function checkoutModel(s: BookingStore, contact: TemplateResult | typeof nothing, guestContact: string): CheckoutModel {
  return {
    ctx: s.ctx,
    guest: s.guest,
    busy: s.flow.step === 'sending',
    failure: s.flow.step === 'details' ? s.flow.failure : undefined,
    stay: stayNow(s, s.lastTotal),
    lastTotal: s.lastTotal,
    contact,
    guestContact,
    on: checkoutHandlers(s),
  };
}

/** The rooms for the chosen dates (`quotes`: the store's for this render). */
export function renderRooms(s: BookingStore, nights: number, quotes: Record<string, RoomQuote>): TemplateResult {
  const on = checkoutHandlers(s);
  return html`<staymod-room-list
    exportparts=${ROOM_LIST_PARTS}
    .rooms=${s.rooms}
    .quotes=${quotes}
    .nights=${nights}
    .selection=${s.selection}
    .guests=${s.guestCount}
    .options=${s.data.options}
    .selectedOptions=${s.chosenOptions}
    .locale=${s.ctx.locale}
    .currency=${s.ctx.currency}
    .strings=${s.ctx.strings}
    @staymod-selection-change=${on.selection}
    @staymod-rooms-continue=${on.continue}
    @staymod-change-dates=${on.clearDates}
  ></staymod-room-list>`;
}

/**
 * Rooms Staymod refused for this stay although its view showed them free (a stale counter): only
 * the submit flow, in this file, finds them, so only this file says so.
 */
export function renderRefused(s: BookingStore, contact: TemplateResult | typeof nothing): TemplateResult {
  const names = (s.refused?.roomIds ?? []).map((id) => roomName(s, id)).join(', ');
  return html`<div part="notice" class="notice" data-tone="error" id="refused-notice" role="alert" tabindex="-1">
    <p>${fill(s.ui.roomsRefused, { rooms: names })}</p>
    ${contact}
  </div>`;
}

export function renderDetails(m: CheckoutModel): TemplateResult {
  return html`
    ${m.failure ? renderFailure(m, m.failure) : nothing}
    <staymod-guest-form
      exportparts=${GUEST_FORM_PARTS}
      .value=${m.guest}
      .busy=${m.busy}
      .locale=${m.ctx.locale}
      .strings=${m.ctx.strings}
      .contact=${contactMode(m.guestContact)}
      .totalLabel=${m.ctx.money(m.lastTotal)}
      @staymod-guest-input=${m.on.guestInput}
      @staymod-guest-submit=${m.on.guestSubmit}
      @staymod-guest-back=${m.on.back}
    >
      ${renderSummary(m.ctx, m.stay)}
    </staymod-guest-form>
  `;
}

/** What the guest is booking (above the form), or what was sent (after an unconfirmed send). */
function renderSummary(ctx: Context, stay: StaySummary, withGuest = false): TemplateResult {
  const ui = ctx.strings;
  const { checkIn, checkOut } = stay;
  const number = numberFormat(ctx.locale);
  const nights = stayLength(checkIn, checkOut);
  const total = stay.totalMinor === null ? '—' : formatMinor(stay.totalMinor, stay.currency, ctx.locale);
  return html`<dl slot="summary" part="summary" class="summary">
      ${withGuest
        ? html`<div><dt>${ui.guestName}</dt><dd dir="auto">${stay.guestName}</dd></div>
            ${stay.guestEmail ? html`<div><dt>${ui.guestEmail}</dt><dd>${stay.guestEmail}</dd></div>` : nothing}`
        : nothing}
      <div><dt>${ui.dates}</dt><dd>${checkIn && checkOut ? `${formatDate(ctx, checkIn)} – ${formatDate(ctx, checkOut)} · ${plural(ui, 'nights', nights, ctx.locale)}` : ''}</dd></div>
      <div><dt>${ui.rooms}</dt><dd>${stay.rooms.map(([name, n]) => fill(ui.roomLine, { quantity: number.format(n), name })).join(', ')}</dd></div>
      <div><dt>${ui.guests}</dt><dd>${number.format(stay.guests)}</dd></div>
      ${stay.extras.length ? html`<div><dt>${ui.extrasHeading}</dt><dd>${stay.extras.join(', ')}</dd></div>` : nothing}
      <div><dt><strong>${ui.total}</strong></dt><dd><strong>${total}</strong></dd></div>
    </dl>`;
}

/** The end of an unconfirmed send: what was sent, what to do, and only a fresh start from here. */
export function renderUnconfirmed(m: CheckoutModel, sent: SentBooking): TemplateResult {
  const ui = m.ctx.strings;
  return html`<div part="notice" class="notice" data-tone="error" role="alert">
      <h2 id="unconfirmed-heading" class="notice-heading" tabindex="-1">${ui.unconfirmedHeading}</h2>
      <p>${ui.unconfirmedBooking}</p>
      ${m.contact}
    </div>
    ${renderSummary(m.ctx, sent, true)}
    <div class="actions"><button @click=${m.on.startOver}>${ui.startOver}</button></div>`;
}

export function renderConfirmed(m: CheckoutModel, booking: WireBooking, rooms: Room[], guests: number): TemplateResult {
  return html`<staymod-confirmation
    exportparts=${CONFIRMATION_PARTS}
    .booking=${booking}
    .rooms=${rooms}
    .guests=${booking.numberOfGuests ?? guests}
    .totalMinor=${m.lastTotal}
    .locale=${m.ctx.locale}
    .currency=${m.ctx.currency}
    .strings=${m.ctx.strings}
    @staymod-book-another=${m.on.restart}
  ></staymod-confirmation>`;
}

function renderFailure(m: CheckoutModel, error: StaymodError): TemplateResult {
  const ui = m.ctx.strings;
  let actions: TemplateResult | typeof nothing = nothing;
  if (error.code === 'sold-out') {
    actions = html`<button class="primary" @click=${m.on.changeDates}>${ui.changeDates}</button>`;
  } else if (error.ambiguous) {
    actions = html`<button @click=${m.on.resend}>${ui.tryAgainAnyway}</button>`;
  }
  return html`<div part="notice" class="notice" data-tone="error" role="alert">
    <p>${failureText(m.ctx, error)}</p>
    ${actions === nothing ? nothing : html`<div class="actions">${actions}</div>`}
  </div>`;
}

// The submit flow travels with the checkout: only a guest on its last step sends.
export { recheckChoice, submitBooking } from './submit.js';
export { chooseRooms, startOver, stayNow, submitGuest, typeGuest } from './checkout-actions.js';
/** The checkout's English texts, for the loader to add to its own table (the page may hold two copies of the script). */
export { checkoutStrings } from '../../i18n/checkout-strings.js';
