/**
 * The submit flow: build the body, check the stay again in direct mode (Staymod's stale
 * per-type counter), send it once with an idempotency key, and read the outcome. Only a
 * guest on the checkout's last step gets here, so this lives in the checkout's file
 * (re-exported by ./checkout-views.ts) and none of it is in the first load.
 */
import { soldOutNeed, StaymodError, UNCONFIRMED_BOOKING_MESSAGE } from '../../contract/errors.js';
import type { BookingRequest } from '../../contract/request-schema.js';
import { addDays, type DateKey } from '../../domain/dates.js';
import type { AvailabilityRange } from '../../domain/model.js';
import { optionQuantity, optionTotalMinor, quoteRoom } from '../../domain/pricing.js';
import { withQuoteNote, type QuoteNoteInput } from '../../domain/quote-note.js';
import { StaymodBookingConfirmedEvent, StaymodBookingErrorEvent, StaymodBookingSubmitEvent } from '../../events/events.js';
import { isOnline, keys, queryClient, sharedQueryClient, type Source } from '../../data/queries.js';
import { freshStayQuery } from '../../data/fresh-stay.js';
import { normalizeEmail, normalizePhone } from '../guest-form/guest-schema.js';
import { buildBookingRequest } from './booking-request.js';
import { emptyGuest, roomCount, stayLength } from './stay.js';
import type { BookingStore } from './booking-store.js';
import type { SentBooking } from './draft.js';
import { tellHost } from './host-tell.js';
import { stayNow } from './checkout-actions.js';

/** Sends the booking once. Only a guest's explicit action calls this again. */
export async function submitBooking(s: BookingStore): Promise<void> {
if (s.flow.step !== 'details') return;
  const source = s.config.source;
  const { checkIn, checkOut } = s.range;
  if (!source || !checkIn || !checkOut) {
    // The form locked itself on submit: give it back, with the reason.
    releaseForm(s);
    if (!checkIn || !checkOut) s.send({ type: 'back' });
    return;
  }
  // Past midnight since the dates were chosen: back to the calendar, nothing sent.
  if (s.dropPastStay(s.todayNow())) {
    releaseForm(s);
    return;
  }
  const shrunk = recheckChoice(s);
  if (shrunk) {
    releaseForm(s);
    s.host.dispatchEvent(new StaymodBookingErrorEvent({ error: shrunk, stage: 'submit' }));
    return;
  }
  // Nothing left to book (every chosen room went since): Staymod would refuse an empty list anyway.
  if (!roomCount(s.selection)) {
    releaseForm(s);
    s.send({ type: 'back' });
    return;
  }
  let request: BookingRequest;
  try {
    // The phone and e-mail as checked: other scripts' digits and full-width forms as ASCII, invisible
    // marks (a pasted contact's) dropped: what the hotel's staff can dial and write to.
    request = buildBookingRequest({ ...s.guest, guestPhone: normalizePhone(s.guest.guestPhone), guestEmail: normalizeEmail(s.guest.guestEmail) }, {
      checkIn,
      checkOut,
      checkInTime: s.time(s.host.checkInTime, '14:00', 'check-in-time'),
      checkOutTime: s.time(s.host.checkOutTime, '11:00', 'check-out-time'),
      guests: s.guestCount,
      selection: s.selection,
      options: s.chosenBookingOptions(),
    });
  } catch (error) {
    fail(s, new StaymodError('invalid-input', error instanceof Error ? error.message : String(error)));
    return;
  }
  const totalMinor = s.total();
  const sent = sentBooking(s, checkIn, checkOut, totalMinor);
  s.send({ type: 'send' });
  const submitEvent = new StaymodBookingSubmitEvent({ request, totalMinor, currency: s.ctx.currency });
  s.host.dispatchEvent(submitEvent);
  if (submitEvent.defaultPrevented) {
    s.send({ type: 'vetoed' });
    releaseForm(s);
    return;
  }
  s.funnel('staymod_booking_sent', totalMinor);
  // Offline, nothing is sent: a plain "no connection" the guest can simply send again.
  if (!isOnline()) {
    failBeforeSending(s, source, new StaymodError('network', 'The browser is offline.'));
    return;
  }
  if (source.client.mode === 'direct') {
    // Staymod's own check is a stale per-type counter: re-read the stay's nights, uncached,
    // and refuse here what its view shows full (only the proxy can close the race itself).
    try {
      const misfit = firstMisfit(await freshStay(source, checkIn, checkOut), checkIn, checkOut, s.selection, s.ctx.currency);
      if (misfit) throw new StaymodError('sold-out', `Not enough availability on ${misfit}.`, { soldOutDate: misfit });
    } catch (error) {
      failBeforeSending(s, source, error);
      return;
    }
    // Staymod stores no total and re-prices differently: the quote goes to staff with the booking.
    request.specialRequests = withQuoteNote(quoteNote(s, checkIn, checkOut, totalMinor), request.specialRequests);
  }
  // One idempotency key per attempt: the same body keeps its key across the guest's retries.
  const body = JSON.stringify(request);
  const earlier = s.attempt;
  // The proxy never told how an earlier attempt ended (a timeout, a lost answer, a reload), and the
  // guest has changed something since: a new key now could book twice. The proxy is asked first
  // how the earlier one ended, under its own key (Idempotency-Replay-Only: it books nothing).
  let asking = Boolean(earlier?.unsettled && earlier.body !== body && source.client.mode === 'proxy');
  try {
    if (!asking && (!earlier || earlier.body !== body)) s.attempt = { key: attemptKey(), body, sent };
  } catch (error) {
    failBeforeSending(s, source, error);
    return;
  }
  s.persist();
  let shownTotal = totalMinor;
  try {
    let booking;
    try {
      booking = await source.client.createBooking(asking ? (JSON.parse(earlier!.body) as BookingRequest) : request, { idempotencyKey: s.attempt!.key, replayOnly: asking });
      // The earlier booking was made: it is the guest's, as it was sent.
      if (asking) shownTotal = earlier!.sent?.totalMinor ?? null;
    } catch (error) {
      // Only the proxy's word that nothing was booked lets the changed booking go, under a key of its own.
      if (!asking || !(error instanceof StaymodError) || error.booked !== false) throw error;
      asking = false;
      s.attempt = { key: attemptKey(), body, sent };
      s.persist();
      booking = await source.client.createBooking(request, { idempotencyKey: s.attempt.key });
    }
    s.attempt = undefined;
    s.funnel('staymod_booking_confirmed', shownTotal);
    s.detailsStarted = false;
    s.send({ type: 'sent', booking });
    s.lastTotal = shownTotal;
    s.clearStay();
    // The booking is made: what the guest typed has served its purpose.
    s.guest = { ...emptyGuest };
    s.persist();
    void sharedQueryClient()?.invalidateQueries({ queryKey: keys.availability(source) });
    s.host.dispatchEvent(new StaymodBookingConfirmedEvent({ booking, totalMinor: shownTotal, currency: s.ctx.currency }));
  } catch (error) {
    let typed = error instanceof StaymodError ? error : new StaymodError('network', String(error), { ambiguous: true });
    // Straight to Staymod there is no key to ask or resend under: an outcome never told (a timeout,
    // a lost answer, a 500) ends the flow as unconfirmed, since sending again could book twice.
    if (source.client.mode === 'direct' && typed.ambiguous && typed.code !== 'unconfirmed') {
      typed = new StaymodError('unconfirmed', UNCONFIRMED_BOOKING_MESSAGE, { status: typed.status, ambiguous: true, cause: typed });
    }
    // A definite answer ends the attempt: the same stay sent later is a new request, which the proxy
    // must not answer with this one's refusal (it keeps answers under the key for a day). An
    // outcome never told, or a question about one left unanswered, leaves it unsettled.
    if (s.attempt) s.attempt = typed.ambiguous || asking ? { ...s.attempt, unsettled: true } : undefined;
    if (typed.code === 'sold-out' || typed.code === 'unconfirmed') void sharedQueryClient()?.invalidateQueries({ queryKey: keys.availability(source) });
    if (typed.hostFixable) tellHost((c) => c.tellHostAbout(typed, s.propertyId));
    if (typed.code === 'sold-out' && (await refusedWhileFree(s, source, checkIn, checkOut, typed))) return;
    // What the guest is told was sent: the earlier booking's, when that is the one in question.
    fail(s, typed, asking ? (earlier!.sent ?? sent) : sent);
  }
}

/**
 * A random UUID (v4) for a booking attempt. `crypto.randomUUID` exists only on secure pages
 * (https, localhost) and in Safari from 15.4: a hotel site on plain http would take no booking.
 * `getRandomValues` is on every page.
 */
export const attemptKey = (): string =>
  crypto.randomUUID?.() ??
  // The digits 0, 1 and 8 of the template become random hex; the 4 (version) stays, and 8 gives the variant (8-b).
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16));

/**
 * Fewer units are free than the guest chose (an answer since the rooms were chosen, a restored
 * draft): the choice becomes what can be booked and the form says so, with "Change dates", as
 * soon as it is known, not at the submit. What is sent must be what the guest sees. Returns the
 * error said, if it shrank.
 */
export function recheckChoice(s: BookingStore): StaymodError | undefined {
  const { checkIn, checkOut } = s.range;
  const wanted = s.selection;
  if (s.flow.step !== 'details' || !checkIn || !checkOut || !s.settleChoice()) return undefined;
  const soldOutDate = firstMisfit(s.data.nights, checkIn, checkOut, wanted, s.ctx.currency) ?? checkIn;
  const error = new StaymodError('sold-out', 'Fewer rooms are free than chosen.', { soldOutDate });
  s.send({ type: 'failed', error });
  s.persist();
  return error;
}

/** A failure before anything was posted: never ambiguous, so the guest may simply send again. */
function failBeforeSending(s: BookingStore, source: Source, error: unknown): void {
  const typed = error instanceof StaymodError ? error : new StaymodError('network', String(error));
  const plain = typed.ambiguous ? new StaymodError(typed.code === 'unconfirmed' ? 'network' : typed.code, typed.message, { cause: typed }) : typed;
  if (plain.code === 'sold-out') void sharedQueryClient()?.invalidateQueries({ queryKey: keys.availability(source) });
  fail(s, plain);
}

/**
 * Staymod said "not enough availability". If its own view, read again now, still offers
 * every chosen room on every night, its per-type counter is stale: saying "just sold out"
 * would be false, and offering the same rooms again would loop. Those rooms are set aside
 * for this stay and the guest goes back to the rooms with their details kept.
 */
async function refusedWhileFree(s: BookingStore, source: Source, checkIn: DateKey, checkOut: DateKey, error: StaymodError): Promise<boolean> {
  let nights;
  try {
    nights = await freshStay(source, checkIn, checkOut);
  } catch {
    return false;
  }
  if (firstMisfit(nights, checkIn, checkOut, s.selection, s.ctx.currency)) return false;
  const roomIds = refusedRoomIds(s, error);
  // Added to those refused before for this stay (never offered since, so none twice).
  const before = s.refused?.checkIn === checkIn && s.refused.checkOut === checkOut ? s.refused.roomIds : [];
  s.refused = { checkIn, checkOut, roomIds: [...before, ...roomIds] };
  // The rooms Staymod did not refuse stay chosen: the guest replaces only the refused ones.
  s.selection = Object.fromEntries(Object.entries(s.selection).filter(([id, n]) => n > 0 && !roomIds.includes(id)));
  s.send({ type: 'failed', error });
  s.send({ type: 'back' });
  releaseForm(s);
  s.persist();
  // The notice takes focus (and is read out from there): no second announcement.
  s.announcement = '';
  s.focusNext = (root) => root.querySelector<HTMLElement>('#refused-notice')?.focus();
  s.host.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
  return true;
}

/**
 * The chosen rooms a stale refusal is about. Staymod's counter is per room type, and its message
 * names the night and the refused line's quantity ("need 2 unit(s), 0 left"), not the room: the
 * rooms of each type that has a line of that quantity (rooms of one type share the counter).
 * Every chosen room when the message does not say (another system's words).
 */
function refusedRoomIds(s: BookingStore, error: StaymodError): string[] {
  const chosen = s.selectedRoomIds();
  const need = soldOutNeed(error.serverMessage);
  const typeOf = (id: string) => s.rooms.find((r) => r.id === id)?.type;
  const types = chosen.filter((id) => s.selection[id] === need).map(typeOf);
  const refused = chosen.filter((id) => types.includes(typeOf(id)));
  return refused.length ? refused : chosen;
}

/** The quote as the guest saw it, for Staymod's staff (see src/domain/quote-note.ts). */
function quoteNote(s: BookingStore, checkIn: DateKey, checkOut: DateKey, totalMinor: number | null): QuoteNoteInput {
  const quotes = s.quotes();
  const nights = stayLength(checkIn, checkOut);
  const rooms = roomCount(s.selection);
  return {
    source: 'website',
    currency: s.ctx.currency,
    rooms: Object.entries(s.selection)
      .filter(([, n]) => n > 0)
      .map(([id, quantity]) => ({
        name: s.rooms.find((r) => r.id === id)?.name ?? '',
        quantity,
        nightlyMinor: (quotes[id]?.nights ?? []).map((n) => n.priceMinor ?? 0),
      })),
    extras: s.chosenBookingOptions().map((option) => ({
      name: option.name,
      amountMinor: optionTotalMinor(option, optionQuantity(option, s.guestCount, rooms), nights, s.ctx.currency),
    })),
    totalMinor: totalMinor ?? 0,
  };
}

/** What is being sent, display-ready: shown (and kept) if the outcome cannot be confirmed. */
function sentBooking(s: BookingStore, checkIn: DateKey, checkOut: DateKey, totalMinor: number | null): SentBooking {
  return { ...stayNow(s, totalMinor), checkIn, checkOut };
}

/** The first night on which the chosen rooms no longer fit, per Staymod's availability view, or undefined. */
export function firstMisfit(nights: AvailabilityRange['nights'], checkIn: DateKey, checkOut: DateKey, selection: Record<string, number>, currency: string): DateKey | undefined {
  let first: DateKey | undefined;
  for (const [roomId, quantity] of Object.entries(selection)) {
    if (quantity <= 0) continue;
    const quote = quoteRoom(nights, roomId, checkIn, checkOut, currency);
    const night = quote.blockingDate ?? quote.nights.find((n) => n.unitsFree < quantity)?.date;
    if (night && (!first || night < first)) first = night;
  }
  return first;
}

/** The stay's nights read now, past every cache: what Staymod's view says at this moment. */
async function freshStay(source: Source, checkIn: DateKey, checkOut: DateKey): Promise<AvailabilityRange['nights']> {
  return (await (await queryClient()).fetchQuery(freshStayQuery(source, checkIn, addDays(checkOut, -1)))).nights;
}

/** Gives the guest form back (it locked itself on submit). */
function releaseForm(s: BookingStore): void {
  const form = s.host.renderRoot.querySelector('staymod-guest-form') as (HTMLElement & { busy: boolean }) | null;
  if (form) form.busy = false;
}

function fail(s: BookingStore, error: StaymodError, sent?: SentBooking): void {
  s.send(sent ? { type: 'failed', error, sent } : { type: 'failed', error });
  releaseForm(s);
  // Saved before anyone hears of it (an unconfirmed end, the attempt's state).
  s.persist();
  // Every failure renders a role="alert" notice: it is said once, there, not again by the status region.
  s.announcement = '';
  if (s.flow.step === 'unconfirmed') s.focusNext = (root) => root.querySelector<HTMLElement>('#unconfirmed-heading')?.focus();
  s.host.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
  s.funnel('staymod_booking_failed', undefined, { error_code: error.code });
}
