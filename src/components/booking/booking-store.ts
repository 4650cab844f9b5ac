/**
 * Everything the booking element does that is not drawing: the configuration resolved
 * once per update, the data (booking-data.ts), the draft (restore, prefill, persist),
 * the guest's path (booking-machine.ts) and the submit flow. The element (booking.ts)
 * keeps the properties and renders from this store.
 */
import type { PropertyValues, ReactiveController } from 'lit';
import { createStaymodClient, DEFAULT_API_BASE } from '../../client/client.js';
import { StaymodError } from '../../contract/errors.js';
import type { BookingRequest } from '../../contract/request-schema.js';
import { addDays, addMonths, isDateKey, monthOf, nightsBetween, todayKey, type DateKey, type MonthKey } from '../../domain/dates.js';
import type { BookingOption, Room } from '../../domain/model.js';
import { currencyDigits } from '../../domain/money.js';
import { optionQuantity, optionTotalMinor, type RoomQuote } from '../../domain/pricing.js';
import { withQuoteNote, type QuoteNoteInput } from '../../domain/quote-note.js';
import {
  StaymodBookingConfirmedEvent,
  StaymodBookingErrorEvent,
  StaymodBookingSubmitEvent,
  StaymodDatesChangeEvent,
  StaymodRoomsChangeEvent,
} from '../../events/events.js';
import { resolveContext, type Context } from '../../i18n/context.js';
import { loadLanguage } from '../../i18n/language.js';
import { displayName, fill, plural, type Strings } from '../../i18n/strings.js';
import { isOnline, keys, monthQuery, sharedQueryClient, type CatalogueInput, type Source } from '../../data/queries.js';
import { MAX_GUESTS } from '../room-list/selection.js';
import { pushFunnel, type FunnelData, type FunnelStep } from './analytics.js';
import { BookingData, firstMisfit, freshStay, type DataRequest } from './booking-data.js';
import { initialFlow, transition, type FlowEvent, type FlowState } from './booking-machine.js';
import { buildBookingRequest, emptyGuest, roomCount, stayLength, type GuestValue } from './booking-request.js';
import { formatDate } from './booking-text.js';
import type { StaymodBooking } from './booking.js';
import { loadDraft, saveDraft, type Draft, type SentBooking, type StaySummary } from './draft.js';
import { tellHost } from './host-tell.js';
import { readUrlStay, writeUrlStay } from './url-state.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Per request; a proxy in the path should give up on Staymod sooner (its default is 10 s). */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** How far ahead a stay may start: Staymod has no limit, but a link to 2099 is a mistake, not a plan. */
export const MAX_DAYS_AHEAD = 730;

/** The host's attributes, read and checked once per update. */
export interface Config {
  /** A problem the host must fix before anything can load, or ''. */
  problem: ConfigProblem | '';
  source: Source | undefined;
  timeoutMs: number;
  today: DateKey;
  monthCount: number;
  limits: { min: number; max: number };
}

/** A field whose change re-renders the host, as Lit's `@state()` does on an element. */
function tracked(proto: object, name: string): void {
  const slot = Symbol(name);
  Object.defineProperty(proto, name, {
    get(this: Record<symbol, unknown>) {
      return this[slot];
    },
    set(this: Record<symbol, unknown> & { host: StaymodBooking }, value: unknown) {
      const old = this[slot];
      this[slot] = value;
      this.host.requestUpdate(name, old);
    },
  });
}

export class BookingStore implements ReactiveController {
  @tracked range: { checkIn: DateKey | null; checkOut: DateKey | null } = { checkIn: null, checkOut: null };
  @tracked visibleMonth: MonthKey = '';
  @tracked selection: Record<string, number> = {};
  @tracked guestCount = 0;
  @tracked chosenOptions: string[] = [];
  @tracked guest: GuestValue = { ...emptyGuest };
  @tracked flow: FlowState = initialFlow;
  /** Months that fit the element's width (the element's ResizeObserver sets it). */
  @tracked autoMonths = 1;
  /** Rooms the property's booking system refused for a stay although its view shows them free (stale counter). */
  @tracked refused: { checkIn: DateKey; checkOut: DateKey; roomIds: string[] } | undefined = undefined;

  /** Locale, currency, strings and formatters, resolved once per change (src/i18n/context.ts). */
  ctx!: Context;
  config!: Config;
  readonly data: BookingData;
  prefillProblem = '';
  announcement = '';
  /** Where keyboard focus goes once the next step has rendered: set by guest actions only. */
  focusNext: ((root: ParentNode) => void) | undefined;
  /** The first screen has had its data: from then on, loading shows in the calendar's days only. */
  primed = false;
  /** The total as last rendered before the confirmation (which shows what was booked). */
  lastTotal: number | null = null;

  private attempt: Draft['attempt'];
  private source: Source | undefined;
  private sourceHash = '';
  private restoredFor = '';
  /** Set when a language file finished loading: the context is resolved again. */
  private languageArrived = false;
  /** Whether the guest has typed in the form since the last booking (for the funnel). */
  private detailsStarted = false;
  private readonly reportedErrors = new WeakSet<StaymodError>();

  constructor(private readonly host: StaymodBooking) {
    this.data = new BookingData(host, () => this.dataRequest());
    // After the data's controller: the total below sees this update's answers.
    host.addController(this);
  }

  get ui(): Strings {
    return this.ctx.strings;
  }

  get rooms(): Room[] {
    return this.data.rooms;
  }

  // ---- configuration ------------------------------------------------------

  private resolveConfig(): Config {
    const h = this.host;
    const min = Number.isInteger(h.minNights) && h.minNights >= 1 ? h.minNights : 1;
    const max = Number.isInteger(h.maxNights) && h.maxNights >= min ? h.maxNights : Math.max(365, min);
    const problem = configProblem(h);
    const timeoutMs = problem ? DEFAULT_TIMEOUT_MS : this.timeoutMs();
    return {
      problem,
      source: problem ? undefined : this.currentSource(timeoutMs),
      timeoutMs,
      today: isDateKey(h.today) ? h.today : todayKey(),
      monthCount: h.months === 1 || h.months === 2 ? h.months : this.autoMonths,
      limits: { min, max },
    };
  }

  private timeoutMs(): number {
    const t = this.host.timeout;
    if (Number.isFinite(t) && t >= 500 && t <= 120_000) return t;
    tellHost((c) => c.badTimeout(t, DEFAULT_TIMEOUT_MS));
    return DEFAULT_TIMEOUT_MS;
  }

  private currentSource(timeoutMs: number): Source {
    const { proxyUrl, apiBase, apiKey, propertyId } = this.host;
    const baseUrl = proxyUrl || apiBase || DEFAULT_API_BASE;
    const hash = `${baseUrl}|${propertyId}|${proxyUrl ? '' : apiKey}|${timeoutMs}`;
    if (hash !== this.sourceHash || !this.source) {
      this.sourceHash = hash;
      const options = proxyUrl ? { baseUrl: proxyUrl, propertyId, timeoutMs } : { baseUrl, propertyId, apiKey, timeoutMs };
      if (!proxyUrl) tellHost((c) => c.warnDirectMode());
      // The key is part of the scope so two widgets with different keys never share answers.
      this.source = { client: createStaymodClient(options), scope: [baseUrl, `${propertyId}${apiKey ? `:${apiKey.slice(-6)}` : ''}`] };
    }
    return this.source;
  }

  private time(value: string, fallback: string, attribute: string): string {
    if (TIME.test(value)) return value;
    tellHost((c) => c.badTime(attribute, value, fallback));
    return fallback;
  }

  // ---- data (booking-data.ts) ----------------------------------------------

  private dataRequest(): DataRequest | undefined {
    const source = this.config?.source;
    if (!source) return undefined;
    return {
      source,
      catalogue: this.catalogueInput,
      propertyId: this.host.propertyId,
      timeoutMs: this.config.timeoutMs,
      visibleMonth: this.visibleMonth,
      monthCount: this.config.monthCount,
      range: this.range,
      guests: this.guestCount,
    };
  }

  private get catalogueInput(): CatalogueInput {
    const { roomCatalogue, roomsSrc } = this.host;
    if (roomCatalogue !== undefined && roomCatalogue !== null) return { value: roomCatalogue };
    return roomsSrc.trim() ? { url: new URL(roomsSrc.trim(), document.baseURI).href } : undefined;
  }

  /** A room's name as the guest reads it ("Room" when the property left it blank). */
  roomName(id: string): string {
    return displayName(this.rooms.find((r) => r.id === id)?.name ?? '', this.ui.unnamedRoom);
  }

  refusedNames(): string {
    return (this.refused?.roomIds ?? []).map((id) => this.roomName(id)).join(', ');
  }

  /** Staymod answers an unknown, foreign or inactive property with empty lists, never an error. */
  get noRooms(): boolean {
    const details = this.data.details;
    return Boolean(details) && (details!.details?.from === 'api' || this.data.anyMonthLoaded) && this.rooms.length === 0;
  }

  selectedRoomIds(): string[] {
    return Object.entries(this.selection)
      .filter(([, n]) => n > 0)
      .map(([id]) => id);
  }

  quotes(): Record<string, RoomQuote> {
    const { checkIn, checkOut } = this.range;
    const quotes = this.data.quotes(checkIn, checkOut, this.ctx.currency);
    const refused = this.refused;
    if (!refused || refused.checkIn !== checkIn || refused.checkOut !== checkOut) return quotes;
    // Offering them again would loop: the same choice, the same refusal.
    for (const id of refused.roomIds) if (quotes[id]) quotes[id] = { ...quotes[id]!, unbookable: 'refused', blockingDate: checkIn };
    return quotes;
  }

  private chosenBookingOptions(): BookingOption[] {
    return this.data.options.filter((o) => this.chosenOptions.includes(o.id));
  }

  total(): number | null {
    const { checkIn, checkOut } = this.range;
    return this.data.total(
      { checkIn, checkOut, selection: this.selection, guests: this.guestCount, options: this.chosenBookingOptions() },
      this.ctx.currency,
    );
  }

  // ---- lifecycle (called by the element) ------------------------------------

  willUpdate(changed: PropertyValues<StaymodBooking>): void {
    const h = this.host;
    if (!this.ctx || changed.has('locale') || changed.has('currency') || changed.has('strings') || this.languageArrived) {
      this.languageArrived = false;
      const report = (message: string) => tellHost((c) => c.tellHostOnce(message, message));
      this.ctx = resolveContext(h.locale, h.currency, h.strings, report);
      // A built-in language loads once per page, next to the script; English shows until then.
      void loadLanguage(this.ctx.locale, report)?.then(() => {
        this.languageArrived = true;
        h.requestUpdate();
      });
    }
    this.config = this.resolveConfig();
    if (!this.visibleMonth) this.visibleMonth = monthOf(this.config.today);
    if (h.propertyId && this.restoredFor !== h.propertyId) this.restore();
    else if (changed.has('checkIn') || changed.has('checkOut')) this.applyPrefill();
    if (changed.has('guests') && this.restoredFor && changed.get('guests') !== undefined) this.guestCount = this.initialGuests;
  }

  hostUpdate(): void {
    if (this.flow.step !== 'confirmed') this.lastTotal = this.total();
  }

  updated(): void {
    const { source, problem } = this.config;
    const propertyId = this.host.propertyId;
    if (!source) {
      if (problem) tellHost((c) => c.configProblem(problem, propertyId));
      return;
    }
    // Prefetch the month after the visible ones, so paging forward shows prices at once.
    const next = addMonths(this.visibleMonth, this.config.monthCount);
    void sharedQueryClient().prefetchQuery(monthQuery(source, next));
    // A catalogue or key problem, and a property with no rooms, are the host's to fix: one console line each.
    const detailsProblem = this.data.details?.problem;
    if (detailsProblem) tellHost((c) => c.tellHostOnce(`rooms:${propertyId}:${detailsProblem.slice(0, 40)}`, detailsProblem));
    if (this.data.details?.leak) tellHost((c) => c.roomsLeak(propertyId));
    if (this.noRooms) tellHost((c) => c.noRooms(propertyId, source.client.mode));
    // Each load failure is told once: to the host page as an event, to the host's console when they must fix it.
    for (const { error } of this.data.results) {
      if (!(error instanceof StaymodError) || this.reportedErrors.has(error)) continue;
      this.reportedErrors.add(error);
      if (error.hostFixable) tellHost((c) => c.tellHostAbout(error, propertyId));
      this.host.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'load' }));
    }
  }

  // ---- draft ------------------------------------------------------------------

  /** Restores the tab's draft, then applies prefill attributes (which win for dates). */
  private restore(): void {
    const h = this.host;
    const switched = this.restoredFor !== '';
    this.restoredFor = h.propertyId;
    if (switched) {
      // Another property: nothing of the last one's stay, attempt, outcome or guest carries over.
      this.flow = initialFlow;
      this.attempt = undefined;
      this.refused = undefined;
      this.primed = false;
      this.guest = { ...emptyGuest };
      this.clearStay();
    }
    const draft = loadDraft(h.propertyId);
    if (draft) {
      this.guest = draft.guest;
      this.selection = draft.selection;
      this.chosenOptions = draft.options;
      this.attempt = draft.attempt;
      if (draft.guests > 0) this.guestCount = draft.guests;
      // An unconfirmed booking stays shown as sent until the guest starts over.
      if (draft.unconfirmed) this.flow = { step: 'unconfirmed', sent: draft.unconfirmed };
      if (draft.checkIn && draft.checkOut && draft.checkIn >= this.config.today && draft.checkOut > draft.checkIn) {
        this.range = { checkIn: draft.checkIn, checkOut: draft.checkOut };
        this.visibleMonth = monthOf(draft.checkIn);
      }
    }
    if (!this.guestCount) this.guestCount = this.initialGuests;
    if ((h.checkIn || h.checkOut) && this.flow.step !== 'unconfirmed') this.applyPrefill();
    // A shared link wins over the tab's draft and the attributes: it is what the guest opened.
    if (h.urlState && this.flow.step !== 'unconfirmed' && typeof location !== 'undefined') {
      const stay = readUrlStay(location.search);
      if (stay.checkIn) this.applyPrefill(stay.checkIn, stay.checkOut ?? '');
      if (stay.guests) this.guestCount = Math.min(stay.guests, MAX_GUESTS);
      if (stay.rooms && this.range.checkIn) this.selection = stay.rooms;
    }
  }

  /** The `guests` attribute as a starting count; a bad value is named in the console, never silently used. */
  private get initialGuests(): number {
    const guests = this.host.guests;
    const shown = this.host.getAttribute('guests') ?? String(guests);
    if (Number.isInteger(guests) && guests >= 1 && guests <= MAX_GUESTS) return guests;
    if (Number.isInteger(guests) && guests > MAX_GUESTS) {
      tellHost((c) => c.badGuests(shown, MAX_GUESTS, true));
      return MAX_GUESTS;
    }
    tellHost((c) => c.badGuests(shown, MAX_GUESTS, false));
    return 2;
  }

  private applyPrefill(checkIn = this.host.checkIn, checkOut = this.host.checkOut): void {
    this.prefillProblem = '';
    if (!checkIn && !checkOut) return;
    const { today, limits } = this.config;
    let problem = '';
    if (!isDateKey(checkIn)) problem = `check-in "${checkIn}" is not a YYYY-MM-DD date`;
    else if (checkOut && !isDateKey(checkOut)) problem = `check-out "${checkOut}" is not a YYYY-MM-DD date`;
    else if (checkIn < today) problem = `check-in ${checkIn} is in the past`;
    else if (nightsBetween(today, checkIn) > MAX_DAYS_AHEAD) problem = `check-in ${checkIn} is more than ${MAX_DAYS_AHEAD} days ahead`;
    else if (checkOut && checkOut <= checkIn) problem = `check-out ${checkOut} is not after check-in ${checkIn}`;
    else if (checkOut && nightsBetween(checkIn, checkOut) > limits.max) problem = `the stay is longer than ${limits.max} nights`;
    else if (checkOut && nightsBetween(checkIn, checkOut) < limits.min) problem = `the stay is shorter than ${limits.min} nights`;
    if (problem) {
      this.prefillProblem = fill(this.ui.prefillInvalid, { reason: problem });
      tellHost((c) => c.ignoredPrefill(checkIn, checkOut, problem));
      return;
    }
    this.range = { checkIn, checkOut: checkOut || null };
    this.visibleMonth = monthOf(checkIn);
  }

  /**
   * Saves the draft. An unconfirmed end already saved for this property (by this widget or
   * another one on the page) is kept: only "Start a new booking" (`startOver`) drops it.
   */
  private persist(startOver = false): void {
    const { propertyId, urlState } = this.host;
    if (!propertyId) return;
    const draft: Draft = {
      guest: this.guest,
      checkIn: this.range.checkIn,
      checkOut: this.range.checkOut,
      guests: this.guestCount,
      selection: this.selection,
      options: this.chosenOptions,
    };
    if (this.attempt) draft.attempt = this.attempt;
    const ended = this.flow.step === 'unconfirmed' ? this.flow : undefined;
    const kept = ended || startOver ? undefined : loadDraft(propertyId);
    const sent = ended?.sent ?? kept?.unconfirmed;
    if (sent) {
      draft.unconfirmed = sent;
      if (kept?.attempt) draft.attempt = kept.attempt;
    }
    saveDraft(propertyId, draft);
    if (urlState && typeof history !== 'undefined') {
      const { checkIn, checkOut } = this.range;
      const href = writeUrlStay(location.href, { checkIn: checkIn ?? undefined, checkOut: checkOut ?? undefined, guests: this.guestCount, rooms: this.selection });
      if (href !== location.href) history.replaceState(history.state, '', href);
    }
  }

  send(event: FlowEvent): void {
    this.flow = transition(this.flow, event);
  }

  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  // ---- guest actions ------------------------------------------------------

  chooseDates(checkIn: DateKey | null, checkOut: DateKey | null): void {
    this.range = { checkIn, checkOut };
    this.prefillProblem = '';
    this.refused = undefined;
    const nights = stayLength(checkIn, checkOut);
    if (checkIn && checkOut) {
      this.clampSelection();
      this.announce(
        fill(this.ui.rangeSelected, {
          checkIn: formatDate(this.ctx, checkIn),
          checkOut: formatDate(this.ctx, checkOut),
          nights: plural(this.ui, 'nights', nights, this.ctx.locale),
        }),
      );
    }
    this.persist();
    this.host.dispatchEvent(new StaymodDatesChangeEvent({ checkIn, checkOut, nights }));
    if (checkIn && checkOut) this.funnel('staymod_dates_selected');
  }

  /** After new dates, keep each chosen room only up to what is still free. */
  private clampSelection(): void {
    const quotes = this.quotes();
    const next: Record<string, number> = {};
    for (const [id, n] of Object.entries(this.selection)) {
      const quote = quotes[id];
      const allowed = quote && !quote.unbookable ? Math.min(n, quote.unitsFree) : quote ? 0 : n;
      if (allowed > 0) next[id] = allowed;
    }
    this.selection = next;
  }

  chooseRooms(selection: Record<string, number>, guests: number, selectedOptions: string[]): void {
    const roomsBefore = roomCount(this.selection);
    this.selection = { ...selection };
    if (roomCount(this.selection) > roomsBefore) this.funnel('staymod_room_added');
    this.guestCount = guests;
    this.chosenOptions = [...selectedOptions];
    this.persist();
    const totalMinor = this.total();
    if (totalMinor !== null) {
      const nights = plural(this.ui, 'nights', stayLength(this.range.checkIn, this.range.checkOut), this.ctx.locale);
      this.announce(fill(this.ui.totalAnnounced, { nights, total: this.ctx.money(totalMinor) }));
    }
    this.host.dispatchEvent(
      new StaymodRoomsChangeEvent({
        rooms: Object.entries(this.selection)
          .filter(([, n]) => n > 0)
          .map(([roomId, quantity]) => ({ roomId, quantity })),
        guests: this.guestCount,
        totalMinor,
        currency: this.ctx.currency,
      }),
    );
  }

  typeGuest(value: GuestValue): void {
    if (!this.detailsStarted) {
      this.detailsStarted = true;
      this.funnel('staymod_details_started');
    }
    this.guest = { ...value };
    this.persist();
  }

  submitGuest(value: GuestValue): void {
    this.guest = { ...value };
    void this.submit();
  }

  /** Forgets the chosen stay (dates, rooms, extras); the guest's details stay for the next one. */
  private clearStay(): void {
    this.selection = {};
    this.chosenOptions = [];
    this.range = { checkIn: null, checkOut: null };
  }

  /** After an unconfirmed booking, the guest's explicit choice: a new booking (new dates, new key). */
  startOver(): void {
    this.attempt = undefined;
    this.clearStay();
    this.send({ type: 'restart' });
    this.persist(true);
  }

  private releaseForm(): void {
    const form = this.host.renderRoot.querySelector('staymod-guest-form') as (HTMLElement & { busy: boolean }) | null;
    if (form) form.busy = false;
  }

  // ---- submit -----------------------------------------------------------------

  /** Sends the booking once. Only a guest's explicit action calls this again. */
  async submit(): Promise<void> {
    if (this.flow.step !== 'details') return;
    const source = this.config.source;
    const { checkIn, checkOut } = this.range;
    if (!source || !checkIn || !checkOut) {
      // The form locked itself on submit: give it back, with the reason.
      this.releaseForm();
      if (!checkIn || !checkOut) this.send({ type: 'back' });
      return;
    }
    let request: BookingRequest;
    try {
      request = buildBookingRequest(this.guest, {
        checkIn,
        checkOut,
        checkInTime: this.time(this.host.checkInTime, '14:00', 'check-in-time'),
        checkOutTime: this.time(this.host.checkOutTime, '11:00', 'check-out-time'),
        guests: this.guestCount,
        selection: this.selection,
        options: this.chosenBookingOptions(),
      });
    } catch (error) {
      this.fail(new StaymodError('invalid-input', error instanceof Error ? error.message : String(error)));
      return;
    }
    const totalMinor = this.total();
    const sent = this.sentBooking(checkIn, checkOut, totalMinor);
    this.send({ type: 'send' });
    const submitEvent = new StaymodBookingSubmitEvent({ request, totalMinor, currency: this.ctx.currency });
    this.host.dispatchEvent(submitEvent);
    if (submitEvent.defaultPrevented) {
      this.send({ type: 'vetoed' });
      this.releaseForm();
      return;
    }
    this.funnel('staymod_booking_sent', totalMinor);
    // Offline, nothing is sent: a plain "no connection" the guest can simply send again.
    if (!isOnline()) {
      this.failBeforeSending(source, new StaymodError('network', 'The browser is offline.'));
      return;
    }
    if (source.client.mode === 'direct') {
      // Staymod's own check is a stale per-type counter: re-read the stay's nights, uncached,
      // and refuse here what its view shows full (only the proxy can close the race itself).
      try {
        const misfit = firstMisfit(await freshStay(source, checkIn, checkOut), checkIn, checkOut, this.selection, this.ctx.currency);
        if (misfit) throw new StaymodError('sold-out', `Not enough availability on ${misfit}.`, { soldOutDate: misfit });
      } catch (error) {
        this.failBeforeSending(source, error);
        return;
      }
      // Staymod stores no total and re-prices differently: the quote goes to staff with the booking.
      request.specialRequests = withQuoteNote(this.quoteNote(checkIn, checkOut, totalMinor), request.specialRequests);
    }
    // One idempotency key per attempt: the same body keeps its key across the guest's retries.
    const body = JSON.stringify(request);
    if (!this.attempt || this.attempt.body !== body) this.attempt = { key: crypto.randomUUID(), body };
    this.persist();
    try {
      const booking = await source.client.createBooking(request, { idempotencyKey: this.attempt.key });
      this.attempt = undefined;
      this.funnel('staymod_booking_confirmed', totalMinor);
      this.detailsStarted = false;
      this.send({ type: 'sent', booking });
      this.clearStay();
      // The booking is made: what the guest typed has served its purpose.
      this.guest = { ...emptyGuest };
      this.persist();
      void sharedQueryClient().invalidateQueries({ queryKey: keys.availability(source) });
      this.host.dispatchEvent(new StaymodBookingConfirmedEvent({ booking, totalMinor, currency: this.ctx.currency }));
    } catch (error) {
      const typed = error instanceof StaymodError ? error : new StaymodError('network', String(error), { ambiguous: true });
      // Sold out, or maybe booked: what the calendar shows is out of date either way.
      if (typed.code === 'sold-out' || typed.code === 'unconfirmed') void sharedQueryClient().invalidateQueries({ queryKey: keys.availability(source) });
      if (typed.hostFixable) tellHost((c) => c.tellHostAbout(typed, this.host.propertyId));
      if (typed.code === 'sold-out' && (await this.refusedWhileFree(source, checkIn, checkOut, typed))) return;
      this.fail(typed, sent);
    }
  }

  /** A failure before anything was posted: never ambiguous, so the guest may simply send again. */
  private failBeforeSending(source: Source, error: unknown): void {
    const typed = error instanceof StaymodError ? error : new StaymodError('network', String(error));
    const plain = typed.ambiguous ? new StaymodError(typed.code === 'unconfirmed' ? 'network' : typed.code, typed.message, { cause: typed }) : typed;
    if (plain.code === 'sold-out') void sharedQueryClient().invalidateQueries({ queryKey: keys.availability(source) });
    this.fail(plain);
  }

  /**
   * Staymod said "not enough availability". If its own view, read again now, still offers
   * every chosen room on every night, its per-type counter is stale: saying "just sold out"
   * would be false, and offering the same rooms again would loop. Those rooms are set aside
   * for this stay and the guest goes back to the rooms with their details kept.
   */
  private async refusedWhileFree(source: Source, checkIn: DateKey, checkOut: DateKey, error: StaymodError): Promise<boolean> {
    let nights;
    try {
      nights = await freshStay(source, checkIn, checkOut);
    } catch {
      return false;
    }
    if (firstMisfit(nights, checkIn, checkOut, this.selection, this.ctx.currency)) return false;
    const roomIds = this.selectedRoomIds();
    this.refused = { checkIn, checkOut, roomIds };
    this.selection = {};
    this.send({ type: 'failed', error });
    this.send({ type: 'back' });
    this.releaseForm();
    this.persist();
    // The notice takes focus (and is read out from there): no second announcement.
    this.announcement = '';
    this.focusNext = (root) => root.querySelector<HTMLElement>('#refused-notice')?.focus();
    this.host.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
    return true;
  }

  /** The quote as the guest saw it, for Staymod's staff (see src/domain/quote-note.ts). */
  private quoteNote(checkIn: DateKey, checkOut: DateKey, totalMinor: number | null): QuoteNoteInput {
    const quotes = this.quotes();
    const nights = stayLength(checkIn, checkOut);
    const rooms = roomCount(this.selection);
    return {
      source: 'website',
      currency: this.ctx.currency,
      rooms: Object.entries(this.selection)
        .filter(([, n]) => n > 0)
        .map(([id, quantity]) => ({
          name: this.rooms.find((r) => r.id === id)?.name ?? '',
          quantity,
          nightlyMinor: (quotes[id]?.nights ?? []).map((n) => n.priceMinor ?? 0),
        })),
      extras: this.chosenBookingOptions().map((option) => ({
        name: option.name,
        amountMinor: optionTotalMinor(option, optionQuantity(option, this.guestCount, rooms), nights, this.ctx.currency),
      })),
      totalMinor: totalMinor ?? 0,
    };
  }

  /** What is being sent, display-ready: shown (and kept) if the outcome cannot be confirmed. */
  private sentBooking(checkIn: DateKey, checkOut: DateKey, totalMinor: number | null): SentBooking {
    return { ...this.stayNow(totalMinor), checkIn, checkOut };
  }

  /** The stay as chosen right now, display-ready (names resolved, total formatted later). */
  stayNow(totalMinor: number | null): StaySummary {
    const ui = this.ui;
    return {
      guestName: this.guest.guestName.trim(),
      guestEmail: this.guest.guestEmail.trim(),
      checkIn: this.range.checkIn,
      checkOut: this.range.checkOut,
      guests: this.guestCount,
      rooms: Object.entries(this.selection)
        .filter(([, n]) => n > 0)
        .map(([id, n]) => [this.roomName(id), n]),
      extras: this.chosenBookingOptions().map((o) => displayName(o.name, ui.unnamedExtra)),
      totalMinor,
      currency: this.ctx.currency,
    };
  }

  private fail(error: StaymodError, sent?: SentBooking): void {
    this.send(sent ? { type: 'failed', error, sent } : { type: 'failed', error });
    this.releaseForm();
    // Every failure renders a role="alert" notice: it is said once, there, not again by the status region.
    this.announcement = '';
    if (this.flow.step === 'unconfirmed') {
      // Saved before anyone hears of it; the alert and the focused heading say it.
      this.persist();
      this.focusNext = (root) => root.querySelector<HTMLElement>('#unconfirmed-heading')?.focus();
    }
    this.host.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
    this.funnel('staymod_booking_failed', undefined, { error_code: error.code });
  }

  /** One funnel step to `window.dataLayer`, when the host asked for it (`analytics`). */
  private funnel(step: FunnelStep, total?: number | null, extra: FunnelData = {}): void {
    if (!this.host.analytics) return;
    // Computed only for a host that asked for analytics.
    const totalMinor = total === undefined ? this.total() : total;
    const { checkIn, checkOut } = this.range;
    const digits = currencyDigits(this.ctx.currency);
    pushFunnel(step, {
      ...(checkIn && checkOut ? { check_in: checkIn, check_out: checkOut, nights: stayLength(checkIn, checkOut) } : {}),
      rooms: roomCount(this.selection),
      guests: this.guestCount,
      ...(totalMinor !== null ? { value: totalMinor / 10 ** digits, currency: this.ctx.currency } : {}),
      ...extra,
    });
  }
}

/** What keeps the widget from loading until the host fixes it (told in the console by host-console.ts). */
export type ConfigProblem = 'no-property-id' | 'bad-proxy-property-id' | 'bad-property-id' | 'no-mode';

function configProblem(h: Pick<StaymodBooking, 'propertyId' | 'proxyUrl' | 'apiKey'>): ConfigProblem | '' {
  if (!h.propertyId) return 'no-property-id';
  // Proxy mode may front another system (Cloudbeds ids are numbers): any URL-safe id; the proxy checks it.
  if (h.proxyUrl) return /^[A-Za-z0-9_-]{1,64}$/.test(h.propertyId) ? '' : 'bad-proxy-property-id';
  if (!/^[a-f\d]{24}$/i.test(h.propertyId)) return 'bad-property-id';
  if (!h.apiKey) return 'no-mode';
  return '';
}

/** The latest month a stay may start in. */
export function lastMonth(today: DateKey): MonthKey {
  return monthOf(addDays(today, MAX_DAYS_AHEAD));
}
