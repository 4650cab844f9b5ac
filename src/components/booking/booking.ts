import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../shared/decorators.js';
import { createStaymodClient, DEFAULT_API_BASE } from '../../client/client.js';
import { StaymodError } from '../../contract/errors.js';
import type { BookingRequest } from '../../contract/request-schema.js';
import {
  addDays,
  addMonths,
  isDateKey,
  monthOf,
  nightsBetween,
  todayKey,
  type DateKey,
  type MonthKey,
} from '../../domain/dates.js';
import type { BookingOption, Room } from '../../domain/model.js';
import { resolveContext, type Context } from '../../i18n/context.js';
import { isRtl, loadLanguage } from '../../i18n/language.js';
import { cheapestStayLookup, optionQuantity, optionTotalMinor, type RoomQuote } from '../../domain/pricing.js';
import {
  StaymodBookingConfirmedEvent,
  StaymodBookingErrorEvent,
  StaymodBookingSubmitEvent,
  StaymodDatesChangeEvent,
  StaymodRoomsChangeEvent,
} from '../../events/events.js';
import { displayName, fill, fillParts, plural, type Strings } from '../../i18n/strings.js';
import { keys, monthQuery, sharedQueryClient, type CatalogueInput, type Source } from '../../data/queries.js';
import { BookingData, firstMisfit, freshStay, type DataRequest, type NightLookup } from './booking-data.js';
import { withQuoteNote, type QuoteNoteInput } from '../../domain/quote-note.js';
import { currencyDigits } from '../../domain/money.js';
import { pushFunnel, type FunnelData, type FunnelStep } from './analytics.js';
import { readUrlStay, writeUrlStay } from './url-state.js';
import { initialFlow, transition, type FlowEvent, type FlowState } from './booking-machine.js';
import { buildBookingRequest, emptyGuest, roomCount, stayLength, type GuestValue } from './booking-request.js';
import { MAX_GUESTS } from '../room-list/selection.js';
import { contactMode } from '../guest-form/guest-schema.js';
import { bookingStyles } from './booking.styles.js';
import { loadDraft, saveDraft, type Draft, type SentBooking, type StaySummary } from './draft.js';
import { checkoutViews, type CheckoutModel } from './checkout.js';
import { failureText, formatDate, loadFailureText } from './booking-text.js';
import { forward } from './parts.js';
import { noRoomsAdvice, tellHostAbout, tellHostOnce, warnDirectMode } from './host-console.js';


const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Per request; a proxy in the path should give up on Staymod sooner (its default is 10 s). */
const DEFAULT_TIMEOUT_MS = 15_000;
/** How far ahead a stay may start: Staymod has no limit, but a link to 2099 is a mistake, not a plan. */
const MAX_DAYS_AHEAD = 730;
/** Container width from which two months fit side by side. */
const TWO_MONTHS_FROM_PX = 640;

const CALENDAR_PARTS = forward('calendar', 'calendar month day nav-button status price-note clear-button');
const ROOM_LIST_PARTS = forward(
  'room-list',
  'base header change-dates guests stepper room unavailable image breakdown extras empty summary total reason continue',
);

/**
 * @summary A direct-booking widget for a Staymod property: dates, rooms, guest details, confirmation.
 *
 * @csspart base - The widget's frame.
 * @csspart notice - Messages (errors, unavailable, prefill problems).
 * @csspart summary - The stay summary above the guest form.
 * @csspart calendar__day - A day of the calendar. Every part of the inner panels is forwarded as `<panel>__<part>`:
 * `calendar__` calendar, month, day, nav-button, status, price-note, clear-button;
 * `room-list__` base, header, change-dates, guests, stepper, room, unavailable, image, breakdown, extras, empty, summary, total, reason, continue;
 * `guest-form__` form, heading, error-summary, field, error, total, back, submit;
 * `confirmation__` base, heading, details, reference, copy, note, book-another.
 *
 * @cssproperty --staymod-accent - Accent colour (buttons, selection). Default #0f766e.
 * @cssproperty --staymod-accent-contrast - Text on the accent. Default #fff; with your own accent, black or white, whichever reads.
 * @cssproperty --staymod-surface - Background. Default #fff (dark #111827).
 * @cssproperty --staymod-text - Text colour. Default #1f2937; with your own surface, derived from it (also muted, border, danger, links).
 * @cssproperty --staymod-muted - Secondary text. Default #6b7280.
 * @cssproperty --staymod-border - Lines and outlines. Default #e5e7eb.
 * @cssproperty --staymod-danger - Errors. Default #b91c1c.
 * @cssproperty --staymod-success - Confirmation. Default #15803d.
 * @cssproperty --staymod-radius - Corner radius. Default 10px.
 * @cssproperty --staymod-font - Font family. Default inherit.
 * @cssproperty --staymod-font-size - Base font size. Default 1rem.
 * @cssproperty --staymod-spacing - Base spacing. Default 1rem.
 * @cssproperty --staymod-density - Spacing multiplier (0.75 compact, 1 normal, 1.25 roomy). Default 1.
 *
 * @event staymod-dates-change - The guest chose or cleared dates. `detail: { checkIn, checkOut, nights }`.
 * @event staymod-rooms-change - Rooms, quantities or guests changed. `detail: { rooms, guests, totalMinor, currency }`.
 * @event staymod-booking-submit - About to send the booking; cancelable (call `preventDefault()` to veto). `detail: { request, totalMinor, currency }`.
 * @event staymod-booking-confirmed - Staymod accepted the booking. `detail: { booking, totalMinor, currency }`.
 * @event staymod-booking-error - Loading or booking failed. `detail: { error, stage }`.
 */
export class StaymodBooking extends LitElement {
  static override styles = bookingStyles;

  /** Staymod property id (24 hex characters). */
  @property({ attribute: 'property-id' }) propertyId = '';
  /** Direct mode: a Staymod key restricted to this site's origin. Prefer `proxy-url` in production. */
  @property({ attribute: 'api-key' }) apiKey = '';
  /** Staymod's origin, for direct mode. */
  @property({ attribute: 'api-base' }) apiBase: string = DEFAULT_API_BASE;
  /** Proxy mode: base URL of a staymod-booking proxy; no key is sent. */
  @property({ attribute: 'proxy-url' }) proxyUrl = '';
  /**
   * URL of the host's room catalogue (`npx staymod-booking rooms-snapshot`): room details
   * without a `rooms:read` key, whose answer would reveal guests through iCal feed tokens.
   */
  @property({ attribute: 'rooms-src' }) roomsSrc = '';
  /** The room catalogue as an object (the file's parsed JSON), for apps that bundle it. Wins over `rooms-src`. */
  @property({ attribute: false }) roomCatalogue: unknown = undefined;
  /** The property's phone number, offered to the guest whenever the widget tells them to contact the property. */
  @property({ attribute: 'property-phone' }) propertyPhone = '';
  /** The property's e-mail address, offered likewise. */
  @property({ attribute: 'property-email' }) propertyEmail = '';
  /** Also push the funnel (dates, room, details, sent, confirmed, failed) to `window.dataLayer`, without personal data. */
  @property({ type: Boolean }) analytics = false;
  /** Keep the stay (dates, guests, rooms) in the page's query string, and restore it from there: shareable links. */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;
  /**
   * How the property wants to reach the guest: `email` (default), `phone`, `email-or-phone` or
   * `email-and-phone`. The form requires it and says why; an unknown value counts as `email`.
   */
  @property() contact: 'email' | 'phone' | 'email-or-phone' | 'email-and-phone' = 'email';
  /** BCP 47 locale for dates, numbers and money. */
  @property() locale = 'en-IN';
  /** ISO 4217 currency of the property's prices (Staymod's API has none). */
  @property() currency = 'INR';
  /** 1 or 2 months; by default 2 when the widget is at least 640px wide. */
  @property({ type: Number }) months: number | undefined = undefined;
  @property({ attribute: 'min-nights', type: Number }) minNights = 1;
  @property({ attribute: 'max-nights', type: Number }) maxNights = 365;
  /** Check-in time sent to Staymod, `HH:mm` (UTC wall time on the picked date). */
  @property({ attribute: 'check-in-time' }) checkInTime = '14:00';
  @property({ attribute: 'check-out-time' }) checkOutTime = '11:00';
  /** Initial guest count. */
  @property({ type: Number }) guests = 2;
  /** Prefilled check-in, `YYYY-MM-DD`. */
  @property({ attribute: 'check-in' }) checkIn = '';
  /** Prefilled check-out, `YYYY-MM-DD`. */
  @property({ attribute: 'check-out' }) checkOut = '';
  /** `light`, `dark`, or `auto` (follow the OS). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Overrides for any UI text. */
  @property({ attribute: false }) strings: Partial<Strings> | undefined = undefined;
  /** Freezes "today" (`YYYY-MM-DD`), for demos and tests. */
  @property() today = '';
  /** Milliseconds to wait for each request before giving up (500 to 120 000). Default 15 000. */
  @property({ type: Number }) timeout: number = DEFAULT_TIMEOUT_MS;

  @state() private range: { checkIn: DateKey | null; checkOut: DateKey | null } = { checkIn: null, checkOut: null };
  @state() private visibleMonth: MonthKey = '';
  @state() private selection: Record<string, number> = {};
  @state() private guestCount = 0;
  @state() private chosenOptions: string[] = [];
  @state() private guest: GuestValue = { ...emptyGuest };
  @state() private flow: FlowState = initialFlow;
  @state() private autoMonths = 1;
  /** Rooms the property's booking system refused for a stay although its view shows them free (stale counter). */
  @state() private refused: { checkIn: DateKey; checkOut: DateKey; roomIds: string[] } | undefined = undefined;

  private readonly data = new BookingData(this, () => this.dataRequest());
  private source: Source | undefined;
  private sourceHash = '';
  private restoredFor = '';
  private prefillProblem = '';
  private attempt: Draft['attempt'];
  private announcement = '';
  private resizeObserver: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The first paint already has the right number of months (the observer would be a frame late).
    if (this.clientWidth) this.autoMonths = this.clientWidth >= TWO_MONTHS_FROM_PX ? 2 : 1;
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver((entries) => {
        const width = entries[0]?.contentRect.width ?? 0;
        const months = width >= TWO_MONTHS_FROM_PX ? 2 : 1;
        if (months !== this.autoMonths) this.autoMonths = months;
      });
      this.resizeObserver.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  // ---- configuration ------------------------------------------------------

  /** Locale, currency, strings and formatters, resolved once per change (src/i18n/context.ts). */
  private ctx!: Context;

  private get ui(): Strings {
    return this.ctx.strings;
  }

  private get todayDate(): DateKey {
    return isDateKey(this.today) ? this.today : todayKey();
  }

  private get monthCount(): number {
    const m = this.months;
    return m === 1 || m === 2 ? m : this.autoMonths;
  }


  private get nightLimits(): { min: number; max: number } {
    const min = Number.isInteger(this.minNights) && this.minNights >= 1 ? this.minNights : 1;
    const max = Number.isInteger(this.maxNights) && this.maxNights >= min ? this.maxNights : Math.max(365, min);
    return { min, max };
  }

  private time(value: string, fallback: string, attribute: string): string {
    if (TIME.test(value)) return value;
    tellHostOnce(`${attribute}:${value}`, `${attribute}="${value}" is not an HH:mm time; using ${fallback}.`);
    return fallback;
  }

  /** A problem the host must fix before anything can load, or ''. */
  private get configProblem(): string {
    if (!this.propertyId) return 'The property-id attribute is missing.';
    // Proxy mode may front another system (Cloudbeds ids are numbers): any URL-safe id; the proxy checks it.
    if (this.proxyUrl ? !/^[A-Za-z0-9_-]{1,64}$/.test(this.propertyId) : !/^[a-f\d]{24}$/i.test(this.propertyId)) {
      return this.proxyUrl
        ? `property-id "${this.propertyId}" must be 1 to 64 letters, digits, "-" or "_".`
        : `property-id "${this.propertyId}" is not a Staymod property id (24 hexadecimal characters).`;
    }
    if (!this.apiKey && !this.proxyUrl) return 'Set api-key (direct mode) or proxy-url (proxy mode).';
    return '';
  }

  private get timeoutMs(): number {
    const t = this.timeout;
    if (Number.isFinite(t) && t >= 500 && t <= 120_000) return t;
    tellHostOnce(`timeout:${t}`, `timeout="${t}" is not a number of milliseconds from 500 to 120000; using ${DEFAULT_TIMEOUT_MS}.`, 'warn');
    return DEFAULT_TIMEOUT_MS;
  }

  private currentSource(): Source | undefined {
    if (this.configProblem) return undefined;
    const baseUrl = this.proxyUrl || this.apiBase || DEFAULT_API_BASE;
    const timeoutMs = this.timeoutMs;
    const hash = `${baseUrl}|${this.propertyId}|${this.proxyUrl ? '' : this.apiKey}|${timeoutMs}`;
    if (hash !== this.sourceHash) {
      this.sourceHash = hash;
      const options = this.proxyUrl
        ? { baseUrl: this.proxyUrl, propertyId: this.propertyId, timeoutMs }
        : { baseUrl, propertyId: this.propertyId, apiKey: this.apiKey, timeoutMs };
      if (!this.proxyUrl) warnDirectMode();
      // The key is part of the scope so two widgets with different keys never share answers.
      this.source = { client: createStaymodClient(options), scope: [baseUrl, `${this.propertyId}${this.apiKey ? `:${this.apiKey.slice(-6)}` : ''}`] };
    }
    return this.source;
  }

  // ---- data (booking-data.ts) ----------------------------------------------

  private dataRequest(): DataRequest | undefined {
    const source = this.currentSource();
    if (!source) return undefined;
    return {
      source,
      catalogue: this.catalogueInput,
      propertyId: this.propertyId,
      timeoutMs: this.timeoutMs,
      visibleMonth: this.visibleMonth,
      monthCount: this.monthCount,
      range: this.range,
      guests: this.guestCount,
    };
  }

  private get catalogueInput(): CatalogueInput {
    if (this.roomCatalogue !== undefined && this.roomCatalogue !== null) return { value: this.roomCatalogue };
    return this.roomsSrc.trim() ? { url: new URL(this.roomsSrc.trim(), document.baseURI).href } : undefined;
  }

  private get rooms(): Room[] {
    return this.data.rooms;
  }

  /** A room's name as the guest reads it ("Room" when the property left it blank). */
  private roomName(id: string): string {
    return displayName(this.rooms.find((r) => r.id === id)?.name ?? '', this.ui.unnamedRoom);
  }

  private refusedNames(): string {
    return (this.refused?.roomIds ?? []).map((id) => this.roomName(id)).join(', ');
  }

  /** Staymod answers an unknown, foreign or inactive property with empty lists, never an error. */
  private get noRooms(): boolean {
    const details = this.data.details;
    return Boolean(details) && (details!.details?.from === 'api' || this.data.anyMonthLoaded) && this.rooms.length === 0;
  }

  private selectedRoomIds(): string[] {
    return Object.entries(this.selection)
      .filter(([, n]) => n > 0)
      .map(([id]) => id);
  }

  private quotes(): Record<string, RoomQuote> {
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

  private total(): number | null {
    const { checkIn, checkOut } = this.range;
    return this.data.total(
      { checkIn, checkOut, selection: this.selection, guests: this.guestCount, options: this.chosenBookingOptions() },
      this.ctx.currency,
    );
  }

  // ---- lifecycle ----------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.ctx || changed.has('locale') || changed.has('currency') || changed.has('strings') || this.languageArrived) {
      this.languageArrived = false;
      const report = (message: string) => tellHostOnce(message, message);
      this.ctx = resolveContext(this.locale, this.currency, this.strings, report);
      // A built-in language loads once per page, next to the script; English shows until then.
      void loadLanguage(this.ctx.locale, report)?.then(() => {
        this.languageArrived = true;
        this.requestUpdate();
      });
    }
    if (!this.visibleMonth) this.visibleMonth = monthOf(this.todayDate);
    if (this.propertyId && this.restoredFor !== this.propertyId) this.restore();
    else if (changed.has('checkIn') || changed.has('checkOut')) this.applyPrefill();
    if (changed.has('guests') && this.restoredFor && changed.get('guests') !== undefined) this.guestCount = this.initialGuests;
  }

  protected override updated(): void {
    this.focusNext?.(this.renderRoot);
    this.focusNext = undefined;
    const source = this.currentSource();
    if (!source) {
      if (this.configProblem) tellHostOnce(`config:${this.configProblem}`, this.configProblem);
      return;
    }
    // Prefetch the month after the visible ones, so paging forward shows prices at once.
    const next = addMonths(this.visibleMonth, this.monthCount);
    void sharedQueryClient().prefetchQuery(monthQuery(source, next));
    // A catalogue or key problem, and a property with no rooms, are the host's to fix: one console line each.
    const problem = this.data.details?.problem;
    if (problem) tellHostOnce(`rooms:${this.propertyId}:${problem.slice(0, 40)}`, problem);
    if (this.noRooms) tellHostOnce(`no-rooms:${this.propertyId}`, noRoomsAdvice(this.propertyId, source.client.mode));
    // Each load failure is told once: to the host page as an event, to the host's console when they must fix it.
    for (const { error } of this.data.results) {
      if (!(error instanceof StaymodError) || this.reportedErrors.has(error)) continue;
      this.reportedErrors.add(error);
      if (error.hostFixable) tellHostAbout(error, this.propertyId);
      this.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'load' }));
    }
  }

  private readonly reportedErrors = new WeakSet<StaymodError>();

  /** Restores the tab's draft, then applies prefill attributes (which win for dates). */
  private restore(): void {
    const switched = this.restoredFor !== '';
    this.restoredFor = this.propertyId;
    if (switched) {
      // Another property: nothing of the last one's stay, attempt, outcome or guest carries over.
      this.flow = initialFlow;
      this.attempt = undefined;
      this.refused = undefined;
      this.primed = false;
      this.guest = { ...emptyGuest };
      this.clearStay();
    }
    const draft = loadDraft(this.propertyId);
    if (draft) {
      this.guest = draft.guest;
      this.selection = draft.selection;
      this.chosenOptions = draft.options;
      this.attempt = draft.attempt;
      if (draft.guests > 0) this.guestCount = draft.guests;
      // An unconfirmed booking stays shown as sent until the guest starts over.
      if (draft.unconfirmed) this.flow = { step: 'unconfirmed', sent: draft.unconfirmed };
      if (draft.checkIn && draft.checkOut && draft.checkIn >= this.todayDate && draft.checkOut > draft.checkIn) {
        this.range = { checkIn: draft.checkIn, checkOut: draft.checkOut };
        this.visibleMonth = monthOf(draft.checkIn);
      }
    }
    if (!this.guestCount) this.guestCount = this.initialGuests;
    if ((this.checkIn || this.checkOut) && this.flow.step !== 'unconfirmed') this.applyPrefill();
    // A shared link wins over the tab's draft and the attributes: it is what the guest opened.
    if (this.urlState && this.flow.step !== 'unconfirmed' && typeof location !== 'undefined') {
      const stay = readUrlStay(location.search);
      if (stay.checkIn) this.applyPrefill(stay.checkIn, stay.checkOut ?? '');
      if (stay.guests) this.guestCount = Math.min(stay.guests, MAX_GUESTS);
      if (stay.rooms && this.range.checkIn) this.selection = stay.rooms;
    }
  }

  /** The `guests` attribute as a starting count; a bad value is named in the console, never silently used. */
  private get initialGuests(): number {
    const guests = this.guests;
    const shown = this.getAttribute('guests') ?? String(guests);
    if (Number.isInteger(guests) && guests >= 1 && guests <= MAX_GUESTS) return guests;
    if (Number.isInteger(guests) && guests > MAX_GUESTS) {
      tellHostOnce(`guests:${shown}`, `guests="${shown}" is more than ${MAX_GUESTS}; starting with ${MAX_GUESTS}.`, 'warn');
      return MAX_GUESTS;
    }
    tellHostOnce(`guests:${shown}`, `guests="${shown}" is not a whole number from 1 to ${MAX_GUESTS}; starting with 2.`, 'warn');
    return 2;
  }

  private applyPrefill(checkIn = this.checkIn, checkOut = this.checkOut): void {
    this.prefillProblem = '';
    if (!checkIn && !checkOut) return;
    const today = this.todayDate;
    const { min, max } = this.nightLimits;
    let problem = '';
    if (!isDateKey(checkIn)) problem = `check-in "${checkIn}" is not a YYYY-MM-DD date`;
    else if (checkOut && !isDateKey(checkOut)) problem = `check-out "${checkOut}" is not a YYYY-MM-DD date`;
    else if (checkIn < today) problem = `check-in ${checkIn} is in the past`;
    else if (nightsBetween(today, checkIn) > MAX_DAYS_AHEAD) problem = `check-in ${checkIn} is more than ${MAX_DAYS_AHEAD} days ahead`;
    else if (checkOut && checkOut <= checkIn) problem = `check-out ${checkOut} is not after check-in ${checkIn}`;
    else if (checkOut && nightsBetween(checkIn, checkOut) > max) problem = `the stay is longer than ${max} nights`;
    else if (checkOut && nightsBetween(checkIn, checkOut) < min) problem = `the stay is shorter than ${min} nights`;
    if (problem) {
      this.prefillProblem = fill(this.ui.prefillInvalid, { reason: problem });
      tellHostOnce(`prefill:${checkIn}:${checkOut}`, `Ignoring prefill dates: ${problem}.`, 'warn');
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
    if (!this.propertyId) return;
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
    const kept = ended || startOver ? undefined : loadDraft(this.propertyId);
    const sent = ended?.sent ?? kept?.unconfirmed;
    if (sent) {
      draft.unconfirmed = sent;
      if (kept?.attempt) draft.attempt = kept.attempt;
    }
    saveDraft(this.propertyId, draft);
    if (this.urlState && typeof history !== 'undefined') {
      const { checkIn, checkOut } = this.range;
      const href = writeUrlStay(location.href, { checkIn: checkIn ?? undefined, checkOut: checkOut ?? undefined, guests: this.guestCount, rooms: this.selection });
      if (href !== location.href) history.replaceState(history.state, '', href);
    }
  }

  private send(event: FlowEvent): void {
    this.flow = transition(this.flow, event);
  }

  // ---- guest actions ------------------------------------------------------

  private onDates(e: CustomEvent<{ checkIn: DateKey | null; checkOut: DateKey | null }>): void {
    const { checkIn, checkOut } = e.detail;
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
    this.dispatchEvent(new StaymodDatesChangeEvent({ checkIn, checkOut, nights }));
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

  private onMonth(e: CustomEvent<{ month: MonthKey }>): void {
    this.visibleMonth = e.detail.month;
  }

  private onSelection(e: CustomEvent<{ selection: Record<string, number>; guests: number; selectedOptions: string[] }>): void {
    const roomsBefore = roomCount(this.selection);
    this.selection = { ...e.detail.selection };
    if (roomCount(this.selection) > roomsBefore) this.funnel('staymod_room_added');
    this.guestCount = e.detail.guests;
    this.chosenOptions = [...e.detail.selectedOptions];
    this.persist();
    const totalMinor = this.total();
    if (totalMinor !== null) {
      const nights = plural(this.ui, 'nights', stayLength(this.range.checkIn, this.range.checkOut), this.ctx.locale);
      this.announce(fill(this.ui.totalAnnounced, { nights, total: this.ctx.money(totalMinor) }));
    }
    this.dispatchEvent(
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

  private onContinue(): void {
    this.send({ type: 'continue' });
    this.focusNext = (root) => void root.querySelector('staymod-guest-form')?.focusFirstField();
  }

  private onBack(): void {
    this.send({ type: 'back' });
    this.focusNext = (root) => void root.querySelector('staymod-room-list')?.focusContinue();
  }

  /** After a sold-out answer: back to the rooms, ready to pick other dates. */
  private onChangeDates(): void {
    this.send({ type: 'back' });
    this.focusNext = (root) => void root.querySelector('staymod-room-list')?.focusChangeDates();
  }

  /** Where keyboard focus goes once the next step has rendered: set by guest actions only. */
  private focusNext: ((root: ParentNode) => void) | undefined;

  private onGuestInput(e: CustomEvent<{ value: GuestValue }>): void {
    if (!this.detailsStarted) {
      this.detailsStarted = true;
      this.funnel('staymod_details_started');
    }
    this.guest = { ...e.detail.value };
    this.persist();
  }

  private onGuestSubmit(e: CustomEvent<{ value: GuestValue }>): void {
    this.guest = { ...e.detail.value };
    void this.submit();
  }

  private releaseForm(): void {
    const form = this.renderRoot.querySelector('staymod-guest-form') as (HTMLElement & { busy: boolean }) | null;
    if (form) form.busy = false;
  }

  /** Sends the booking once. Only a guest's explicit action calls this again. */
  private async submit(): Promise<void> {
    if (this.flow.step !== 'details') return;
    const source = this.currentSource();
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
        checkInTime: this.time(this.checkInTime, '14:00', 'check-in-time'),
        checkOutTime: this.time(this.checkOutTime, '11:00', 'check-out-time'),
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
    this.dispatchEvent(submitEvent);
    if (submitEvent.defaultPrevented) {
      this.send({ type: 'vetoed' });
      this.releaseForm();
      return;
    }
    this.funnel('staymod_booking_sent', totalMinor);
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
      this.dispatchEvent(new StaymodBookingConfirmedEvent({ booking, totalMinor, currency: this.ctx.currency }));
    } catch (error) {
      const typed = error instanceof StaymodError ? error : new StaymodError('network', String(error), { ambiguous: true });
      // Sold out, or maybe booked: what the calendar shows is out of date either way.
      if (typed.code === 'sold-out' || typed.code === 'unconfirmed') void sharedQueryClient().invalidateQueries({ queryKey: keys.availability(source) });
      if (typed.hostFixable) tellHostAbout(typed, this.propertyId);
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
    this.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
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
  private stayNow(totalMinor: number | null): StaySummary {
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
    if (this.flow.step === 'unconfirmed') {
      // Saved before anyone hears of it; the alert and the focused heading say it, once.
      this.persist();
      this.announcement = '';
      this.focusNext = (root) => root.querySelector<HTMLElement>('#unconfirmed-heading')?.focus();
    } else {
      this.announce(failureText(this.ctx, error));
    }
    this.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
    this.funnel('staymod_booking_failed', undefined, { error_code: error.code });
  }

  /** Whether the guest has typed in the form since the last booking (for the funnel). */
  private detailsStarted = false;

  /** One funnel step to `window.dataLayer`, when the host asked for it (`analytics`). */
  private funnel(step: FunnelStep, total?: number | null, extra: FunnelData = {}): void {
    if (!this.analytics) return;
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

  private onRestart(): void {
    this.send({ type: 'restart' });
  }

  private retryLoad(): void {
    void this.data.refetch();
  }

  private announce(text: string): void {
    this.announcement = text;
    this.requestUpdate();
  }

  // ---- render -------------------------------------------------------------

  /** Set when a language file finished loading: the context is resolved again. */
  private languageArrived = false;

  override render(): TemplateResult {
    // Right-to-left languages get their direction, unless the host page set one.
    const dir = !this.hasAttribute('dir') && isRtl(this.ctx.locale) ? 'rtl' : nothing;
    return html`<div part="base" class="base" dir=${dir}>
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderBody(): TemplateResult {
    const ui = this.ui;
    if (this.configProblem) return this.unavailable();
    if (this.data.hostProblem) return this.unavailable();
    // Loading until room details and the first month's nights are in (or a month failed: said below
    // the calendar). Only the first time: paging to a month not loaded yet keeps the calendar (and focus).
    if (!this.primed && this.data.details && (this.data.anyMonthLoaded || this.data.monthResults.some((r) => r.error))) this.primed = true;
    if (!this.data.details || !this.primed) {
      if (this.data.detailsError) {
        return html`<div part="notice" class="notice" data-tone="error" role="alert">
          <p>${loadFailureText(this.ctx, this.data.detailsError)}</p>
          <div class="actions"><button class="primary" @click=${this.retryLoad}>${ui.retry}</button></div>
        </div>`;
      }
      if (this.data.results.some((r) => r.fetchStatus === 'paused')) return this.offlineNotice();
      // The calendar itself with every night still loading: the first paint has the final size.
      return html`<div aria-busy="true">
        <p class="visually-hidden">${ui.loading}</p>
        ${this.renderCalendar(undefined)}
      </div>`;
    }
    if (this.noRooms && this.flow.step !== 'unconfirmed') return this.unavailable();
    switch (this.flow.step) {
      case 'choose':
        return this.renderChoose();
      case 'details':
      case 'sending':
        return checkoutViews().renderDetails(this.checkoutModel());
      case 'unconfirmed':
        return checkoutViews().renderUnconfirmed(this.checkoutModel(), this.flow.sent);
      case 'confirmed':
        return checkoutViews().renderConfirmed(this.checkoutModel(), this.flow.booking, this.rooms, this.guestCount);
    }
  }

  /** The first screen has had its data: from then on, loading shows in the calendar's days only. */
  private primed = false;

  /** What the checkout screens need; the handlers run on this element (Lit's event host). */
  private checkoutModel(): CheckoutModel {
    return {
      ctx: this.ctx,
      guest: this.guest,
      busy: this.flow.step === 'sending',
      failure: this.flow.step === 'details' ? this.flow.failure : undefined,
      stay: this.stayNow(this.lastTotal),
      lastTotal: this.lastTotal,
      contact: this.propertyContact(),
      guestContact: contactMode(this.contact),
      on: {
        guestInput: this.onGuestInput,
        guestSubmit: this.onGuestSubmit,
        back: this.onBack,
        changeDates: this.onChangeDates,
        resend: this.resend,
        startOver: this.onStartOver,
        restart: this.onRestart,
      },
    } as CheckoutModel;
  }

  private lastTotal: number | null = null;

  protected override update(changed: PropertyValues<this>): void {
    if (this.flow.step !== 'confirmed') this.lastTotal = this.total();
    super.update(changed);
  }

  /** Queries wait while the browser is offline and resume by themselves when it is back. */
  private offlineNotice(): TemplateResult {
    return html`<div part="notice" class="notice" role="status"><p>${this.ui.offlineWaiting}</p></div>`;
  }

  private unavailable(): TemplateResult {
    return html`<div part="notice" class="notice" role="alert"><p>${this.ui.bookingUnavailable}</p>${this.propertyContact()}</div>`;
  }

  /** The property's phone and e-mail as links, where the host gave them (checked, never raw). */
  private propertyContact(): TemplateResult | typeof nothing {
    const phone = this.propertyPhone.trim();
    const email = this.propertyEmail.trim();
    const okPhone = /^\+?[\d\s().-]{5,30}$/.test(phone);
    const okEmail = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email) && email.length <= 254;
    if (phone && !okPhone) tellHostOnce(`property-phone:${phone}`, `property-phone="${phone}" is not a phone number (digits, spaces, + - ( ) only); it is not shown.`, 'warn');
    if (email && !okEmail) tellHostOnce(`property-email:${email}`, `property-email="${email}" is not an e-mail address; it is not shown.`, 'warn');
    if (!okPhone && !okEmail) return nothing;
    const ui = this.ui;
    const tel = phone.replace(/[^\d+]/g, '');
    return html`<p class="contact">
      ${okPhone ? html`<span>${fillParts(ui.contactPhone, 'phone', html`<a href="tel:${tel}" dir="ltr">${phone}</a>`)}</span>` : nothing}
      ${okEmail ? html`<span>${fillParts(ui.contactEmail, 'email', html`<a href="mailto:${email}" dir="ltr">${email}</a>`)}</span>` : nothing}
    </p>`;
  }

  private renderChoose(): TemplateResult {
    const ui = this.ui;
    const { checkIn, checkOut } = this.range;
    const nights = stayLength(checkIn, checkOut);
    const monthError = this.data.monthResults.find((r) => r.error && !r.data)?.error;
    const offline = this.data.results.some((r) => r.fetchStatus === 'paused');
    // Extras are optional: without them the guest can still book, but is told and can retry.
    const optionsError = nights && !monthError && this.data.optionsFailed;
    const quotes = nights ? this.quotes() : {};
    return html`
      ${this.prefillProblem ? html`<div part="notice" class="notice" data-tone="error" role="alert"><p>${this.prefillProblem}</p></div>` : nothing}
      ${this.refused && this.refused.checkIn === checkIn && this.refused.checkOut === checkOut
        ? html`<div part="notice" class="notice" data-tone="error" id="refused-notice" role="alert" tabindex="-1">
            <p>${fill(ui.roomsRefused, { rooms: this.refusedNames() })}</p>
            ${this.propertyContact()}
          </div>`
        : nothing}
      ${this.renderCalendar(this.data.nightLookup(this.selectedRoomIds(), this.ctx.currency))}
      ${monthError
        ? html`<div part="notice" class="notice" data-tone="error" role="alert">
            <p>${loadFailureText(this.ctx, monthError)}</p>
            <div class="actions"><button @click=${this.retryLoad}>${ui.retry}</button></div>
          </div>`
        : offline
          ? this.offlineNotice()
          : nothing}
      ${optionsError
        ? html`<div part="notice" class="notice" data-tone="error" role="alert">
            <p>${ui.extrasLoadFailed}</p>
            <div class="actions"><button @click=${this.retryLoad}>${ui.retry}</button></div>
          </div>`
        : nothing}
      ${nights
        ? html`<staymod-room-list
            exportparts=${ROOM_LIST_PARTS}
            .rooms=${this.rooms}
            .quotes=${quotes}
            .nights=${nights}
            .selection=${this.selection}
            .guests=${this.guestCount}
            .options=${this.data.options}
            .selectedOptions=${this.chosenOptions}
            .locale=${this.ctx.locale}
            .currency=${this.ctx.currency}
            .strings=${ui}
            @staymod-selection-change=${this.onSelection}
            @staymod-rooms-continue=${this.onContinue}
            @staymod-change-dates=${this.clearDates}
          ></staymod-room-list>`
        : nothing}
    `;
  }

  /** The calendar; `night` undefined while loading (every night shows a placeholder). */
  private renderCalendar(night: NightLookup | undefined): TemplateResult {
    const { checkIn, checkOut } = this.range;
    const { min, max } = this.nightLimits;
    return html`<staymod-calendar
      exportparts=${CALENDAR_PARTS}
      .month=${this.visibleMonth}
      .months=${this.monthCount}
      .today=${this.todayDate}
      .checkIn=${checkIn}
      .checkOut=${checkOut}
      .minNights=${min}
      .maxNights=${max}
      .maxMonth=${monthOf(addDays(this.todayDate, MAX_DAYS_AHEAD))}
      .night=${night}
      .stayFrom=${night && cheapestStayLookup(this.data.nights, this.rooms, this.guestCount, this.ctx.currency)}
      .locale=${this.ctx.locale}
      .currency=${this.ctx.currency}
      .strings=${this.ui}
      @staymod-calendar-select=${this.onDates}
      @staymod-calendar-month=${this.onMonth}
    ></staymod-calendar>`;
  }

  private clearDates(): void {
    this.onDates(new CustomEvent('clear', { detail: { checkIn: null, checkOut: null } }));
    this.focusNext = (root) => void root.querySelector('staymod-calendar')?.focusActiveDay();
  }

  /** Forgets the chosen stay (dates, rooms, extras); the guest's details stay for the next one. */
  private clearStay(): void {
    this.selection = {};
    this.chosenOptions = [];
    this.range = { checkIn: null, checkOut: null };
  }

  /** After an unconfirmed booking, the guest's explicit choice: a new booking (new dates, new key). */
  private onStartOver(): void {
    this.attempt = undefined;
    this.clearStay();
    this.send({ type: 'restart' });
    this.persist(true);
    this.focusNext = (root) => void root.querySelector('staymod-calendar')?.focusActiveDay();
  }

  /** The guest's explicit "send again" after an ambiguous failure. */
  private resend(): void {
    void this.submit();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staymod-booking': StaymodBooking;
  }
}
