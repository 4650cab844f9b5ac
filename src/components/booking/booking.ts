import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createStaymodClient, DEFAULT_API_BASE } from '../../client/client.js';
import { StaymodError } from '../../contract/errors.js';
import type { BookingRequest } from '../../contract/request-schema.js';
import {
  addDays,
  addMonths,
  isDateKey,
  monthOf,
  monthsBetween,
  nightsBetween,
  toLocalNoon,
  todayKey,
  type DateKey,
  type MonthKey,
} from '../../domain/dates.js';
import type { AvailabilityRange, BookingOption, Room } from '../../domain/model.js';
import { formatMinor, currencyDigits } from '../../domain/money.js';
import { cheapestNight, optionQuantity, quoteRoom, stayTotal, type RoomQuote } from '../../domain/pricing.js';
import {
  StaymodBookingConfirmedEvent,
  StaymodBookingErrorEvent,
  StaymodBookingSubmitEvent,
  StaymodDatesChangeEvent,
  StaymodRoomsChangeEvent,
} from '../../events/events.js';
import { displayName, fill, mergeStrings, plural, type Strings } from '../../i18n/strings.js';
import { QueriesController } from '../../data/query-controller.js';
import { keys, monthQuery, optionsQuery, roomsQuery, sharedQueryClient, type Source } from '../../data/queries.js';
import { initialFlow, transition, type FlowEvent, type FlowState } from './booking-machine.js';
import { buildBookingRequest, emptyGuest, roomCount, stayLength, type GuestValue } from './booking-request.js';
import { MAX_GUESTS } from '../room-list/selection.js';
import { bookingStyles } from './booking.styles.js';
import { clearDraft, loadDraft, saveDraft, type Draft, type SentBooking } from './draft.js';
import { tellHostAbout, tellHostOnce, warnDirectMode } from './host-console.js';

/** The summary's content: the stay being chosen (dates may be missing) or the one sent. */
type StaySummary = Omit<SentBooking, 'checkIn' | 'checkOut'> & { checkIn: DateKey | null; checkOut: DateKey | null };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Per request; a proxy in the path should give up on Staymod sooner (its default is 10 s). */
const DEFAULT_TIMEOUT_MS = 15_000;
/** How far ahead a stay may start: Staymod has no limit, but a link to 2099 is a mistake, not a plan. */
const MAX_DAYS_AHEAD = 730;
/** Container width from which two months fit side by side. */
const TWO_MONTHS_FROM_PX = 640;

/** Forwards a panel's parts as `<panel>__<part>` (Web Awesome's convention), e.g. `::part(calendar__day)`. */
const forward = (panel: string, parts: string) => parts.split(' ').map((p) => `${p}:${panel}__${p}`).join(', ');
const CALENDAR_PARTS = forward('calendar', 'calendar month day nav-button status clear-button');
const ROOM_LIST_PARTS = forward(
  'room-list',
  'base header change-dates guests stepper room unavailable image breakdown extras empty summary total reason continue',
);
const GUEST_FORM_PARTS = forward('guest-form', 'form heading error-summary field error total back submit');
const CONFIRMATION_PARTS = forward('confirmation', 'base heading details reference copy note book-another');

/**
 * @summary A direct-booking widget for a Staymod property: dates, rooms, guest details, confirmation.
 *
 * @csspart base - The widget's frame.
 * @csspart notice - Messages (errors, unavailable, prefill problems).
 * @csspart summary - The stay summary above the guest form.
 * @csspart calendar__day - A day of the calendar. Every part of the inner panels is forwarded as `<panel>__<part>`:
 * `calendar__` calendar, month, day, nav-button, status, clear-button;
 * `room-list__` base, header, change-dates, guests, stepper, room, unavailable, image, breakdown, extras, empty, summary, total, reason, continue;
 * `guest-form__` form, heading, error-summary, field, error, total, back, submit;
 * `confirmation__` base, heading, details, reference, copy, note, book-another.
 *
 * @cssproperty --staymod-accent - Accent colour (buttons, selection). Default #0f766e.
 * @cssproperty --staymod-accent-contrast - Text on the accent. Default #fff.
 * @cssproperty --staymod-surface - Background. Default #fff (dark #111827).
 * @cssproperty --staymod-text - Text colour. Default #1f2937.
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

  static override properties = {
    propertyId: { attribute: 'property-id' },
    apiKey: { attribute: 'api-key' },
    apiBase: { attribute: 'api-base' },
    proxyUrl: { attribute: 'proxy-url' },
    locale: {},
    currency: {},
    months: { type: Number },
    minNights: { attribute: 'min-nights', type: Number },
    maxNights: { attribute: 'max-nights', type: Number },
    checkInTime: { attribute: 'check-in-time' },
    checkOutTime: { attribute: 'check-out-time' },
    guests: { type: Number },
    checkIn: { attribute: 'check-in' },
    checkOut: { attribute: 'check-out' },
    theme: { reflect: true },
    strings: { attribute: false },
    today: {},
    timeout: { type: Number },
    range: { state: true },
    visibleMonth: { state: true },
    selection: { state: true },
    guestCount: { state: true },
    chosenOptions: { state: true },
    guest: { state: true },
    flow: { state: true },
    autoMonths: { state: true },
  };

  /** Staymod property id (24 hex characters). */
  declare propertyId: string;
  /** Direct mode: a Staymod key restricted to this site's origin. Prefer `proxy-url` in production. */
  declare apiKey: string;
  /** Staymod's origin, for direct mode. */
  declare apiBase: string;
  /** Proxy mode: base URL of a staymod-booking proxy; no key is sent. */
  declare proxyUrl: string;
  /** BCP 47 locale for dates, numbers and money. */
  declare locale: string;
  /** ISO 4217 currency of the property's prices (Staymod's API has none). */
  declare currency: string;
  /** 1 or 2 months; by default 2 when the widget is at least 640px wide. */
  declare months: number | undefined;
  declare minNights: number;
  declare maxNights: number;
  /** Check-in time sent to Staymod, `HH:mm` (UTC wall time on the picked date). */
  declare checkInTime: string;
  declare checkOutTime: string;
  /** Initial guest count. */
  declare guests: number;
  /** Prefilled check-in, `YYYY-MM-DD`. */
  declare checkIn: string;
  /** Prefilled check-out, `YYYY-MM-DD`. */
  declare checkOut: string;
  /** `light`, `dark`, or `auto` (follow the OS). */
  declare theme: 'light' | 'dark' | 'auto';
  /** Overrides for any UI text. */
  declare strings: Partial<Strings> | undefined;
  /** Freezes "today" (`YYYY-MM-DD`), for demos and tests. */
  declare today: string;
  /** Milliseconds to wait for each request before giving up (500 to 120 000). Default 15 000. */
  declare timeout: number;

  declare private range: { checkIn: DateKey | null; checkOut: DateKey | null };
  declare private visibleMonth: MonthKey;
  declare private selection: Record<string, number>;
  declare private guestCount: number;
  declare private chosenOptions: string[];
  declare private guest: GuestValue;
  declare private flow: FlowState;
  declare private autoMonths: number;

  private readonly data = new QueriesController(this, sharedQueryClient, () => this.queries());
  private source: Source | undefined;
  private sourceHash = '';
  private restoredFor = '';
  private prefillProblem = '';
  private attempt: Draft['attempt'];
  private announcement = '';
  private resizeObserver: ResizeObserver | undefined;
  private mergedCache: { parts: unknown[]; merged: AvailabilityRange['nights'] } | undefined;
  private nightFnCache:
    | { key: string; nights: AvailabilityRange['nights']; fn: (date: DateKey) => ReturnType<typeof cheapestNight> }
    | undefined;

  constructor() {
    super();
    this.propertyId = '';
    this.apiKey = '';
    this.apiBase = DEFAULT_API_BASE;
    this.proxyUrl = '';
    this.locale = 'en-IN';
    this.currency = 'INR';
    this.months = undefined;
    this.minNights = 1;
    this.maxNights = 365;
    this.checkInTime = '14:00';
    this.checkOutTime = '11:00';
    this.guests = 2;
    this.checkIn = '';
    this.checkOut = '';
    this.theme = 'auto';
    this.strings = undefined;
    this.today = '';
    this.timeout = DEFAULT_TIMEOUT_MS;
    this.range = { checkIn: null, checkOut: null };
    this.visibleMonth = '';
    this.selection = {};
    this.guestCount = 0;
    this.chosenOptions = [];
    this.guest = { ...emptyGuest };
    this.flow = initialFlow;
    this.autoMonths = 1;
  }

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

  private get ui(): Strings {
    return mergeStrings(this.strings);
  }

  private get todayDate(): DateKey {
    return isDateKey(this.today) ? this.today : todayKey();
  }

  private get monthCount(): number {
    const m = this.months;
    return m === 1 || m === 2 ? m : this.autoMonths;
  }

  private get safeCurrency(): string {
    try {
      currencyDigits(this.currency);
      return this.currency.toUpperCase();
    } catch {
      tellHostOnce(`currency:${this.currency}`, `currency "${this.currency}" is not an ISO 4217 code; showing prices in INR.`);
      return 'INR';
    }
  }

  private get safeLocale(): string {
    try {
      return Intl.getCanonicalLocales(this.locale)[0] ?? 'en-IN';
    } catch {
      tellHostOnce(`locale:${this.locale}`, `locale "${this.locale}" is not a valid BCP 47 tag; using en-IN.`);
      return 'en-IN';
    }
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

  // ---- data ---------------------------------------------------------------

  /** Months whose availability is on screen or part of the chosen stay. */
  private neededMonths(): MonthKey[] {
    const months = new Set<MonthKey>();
    for (let i = 0; i < this.monthCount; i++) months.add(addMonths(this.visibleMonth, i));
    const { checkIn, checkOut } = this.range;
    if (checkIn && checkOut) {
      const last = monthOf(checkOut);
      for (let m = monthOf(checkIn); monthsBetween(m, last) >= 0; m = addMonths(m, 1)) months.add(m);
    }
    return [...months].sort();
  }

  private queries() {
    const source = this.currentSource();
    if (!source || !this.visibleMonth) return [];
    return [roomsQuery(source), optionsQuery(source), ...this.neededMonths().map((m) => monthQuery(source, m))];
  }

  private get rooms(): Room[] | undefined {
    return this.data.results[0]?.data as Room[] | undefined;
  }

  private get bookingOptions(): BookingOption[] {
    return (this.data.results[1]?.data as BookingOption[] | undefined) ?? [];
  }

  private get monthResults() {
    return this.data.results.slice(2);
  }

  /** All loaded nights, merged across months; the same object while nothing changed. */
  private get nights(): AvailabilityRange['nights'] {
    const parts = this.monthResults.map((r) => r.data);
    const cache = this.mergedCache;
    if (cache && cache.parts.length === parts.length && cache.parts.every((p, i) => p === parts[i])) return cache.merged;
    const merged: AvailabilityRange['nights'] = {};
    for (const part of parts as Array<AvailabilityRange | undefined>) {
      if (!part) continue;
      for (const [roomId, byDate] of Object.entries(part.nights)) Object.assign((merged[roomId] ??= {}), byDate);
    }
    this.mergedCache = { parts, merged };
    return merged;
  }

  private selectedRoomIds(): string[] {
    return Object.entries(this.selection)
      .filter(([, n]) => n > 0)
      .map(([id]) => id);
  }

  /** The calendar's per-night lookup: lowest free price among the chosen rooms, else all rooms. */
  private get nightFn(): (date: DateKey) => ReturnType<typeof cheapestNight> {
    const nights = this.nights;
    const chosen = this.selectedRoomIds();
    const roomIds = chosen.length ? chosen : (this.rooms ?? []).map((r) => r.id);
    const currency = this.safeCurrency;
    const key = `${roomIds.join(',')}|${currency}`;
    if (this.nightFnCache?.key === key && this.nightFnCache.nights === nights) return this.nightFnCache.fn;
    const fn = (date: DateKey) => cheapestNight(nights, roomIds, date, currency);
    this.nightFnCache = { key, nights, fn };
    return fn;
  }

  private quotes(): Record<string, RoomQuote> {
    const { checkIn, checkOut } = this.range;
    const out: Record<string, RoomQuote> = {};
    if (!checkIn || !checkOut) return out;
    for (const room of this.rooms ?? []) out[room.id] = quoteRoom(this.nights, room.id, checkIn, checkOut, this.safeCurrency);
    return out;
  }

  private chosenBookingOptions(): BookingOption[] {
    return this.bookingOptions.filter((o) => this.chosenOptions.includes(o.id));
  }

  private total(quotes = this.quotes()): number | null {
    const nights = stayLength(this.range.checkIn, this.range.checkOut);
    const rooms = roomCount(this.selection);
    const lines = Object.entries(this.selection)
      .filter(([id, n]) => n > 0 && quotes[id])
      .map(([id, quantity]) => ({ quote: quotes[id]!, quantity }));
    if (!lines.length) return null;
    const options = this.chosenBookingOptions().map((option) => ({
      option,
      quantity: optionQuantity(option, this.guestCount, rooms),
    }));
    return stayTotal(lines, options, nights, this.safeCurrency).totalMinor;
  }

  // ---- lifecycle ----------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.visibleMonth) this.visibleMonth = monthOf(this.todayDate);
    if (this.propertyId && this.restoredFor !== this.propertyId) this.restore();
    else if (changed.has('checkIn') || changed.has('checkOut')) this.applyPrefill();
    if (changed.has('guests') && this.restoredFor && changed.get('guests') !== undefined) this.guestCount = this.initialGuests;
  }

  protected override updated(): void {
    if (this.focusNext) {
      void this.moveFocus(this.focusNext);
      this.focusNext = undefined;
    }
    const source = this.currentSource();
    if (!source) {
      if (this.configProblem) tellHostOnce(`config:${this.configProblem}`, this.configProblem);
      return;
    }
    // Prefetch the month after the visible ones, so paging forward shows prices at once.
    const next = addMonths(this.visibleMonth, this.monthCount);
    void sharedQueryClient().prefetchQuery(monthQuery(source, next));
    // Each load failure is told once: to the host page as an event, to the host's console when they must fix it.
    for (const { error } of this.data.results) {
      if (!(error instanceof StaymodError) || this.reportedErrors.has(error)) continue;
      this.reportedErrors.add(error);
      if (error.hostFixable) tellHostAbout(error, this.propertyId);
      this.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'load' }));
    }
  }

  private readonly reportedErrors = new WeakSet<StaymodError>();

  /** A load failure only the host can fix (bad key, scope, origin...), if any. */
  private get hostProblem(): StaymodError | undefined {
    return this.data.results.map((r) => r.error).find((e): e is StaymodError => e instanceof StaymodError && e.hostFixable);
  }

  /** Restores the tab's draft, then applies prefill attributes (which win for dates). */
  private restore(): void {
    const switched = this.restoredFor !== '';
    this.restoredFor = this.propertyId;
    if (switched) {
      // Another property: nothing of the last one's stay, attempt or outcome carries over.
      this.flow = initialFlow;
      this.attempt = undefined;
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

  private applyPrefill(): void {
    this.prefillProblem = '';
    const { checkIn, checkOut } = this;
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
  }

  private send(event: FlowEvent): void {
    this.flow = transition(this.flow, event);
  }

  // ---- guest actions ------------------------------------------------------

  private onDates(e: CustomEvent<{ checkIn: DateKey | null; checkOut: DateKey | null }>): void {
    const { checkIn, checkOut } = e.detail;
    this.range = { checkIn, checkOut };
    this.prefillProblem = '';
    const nights = stayLength(checkIn, checkOut);
    if (checkIn && checkOut) {
      this.clampSelection();
      this.announce(
        fill(this.ui.rangeSelected, {
          checkIn: this.formatDate(checkIn),
          checkOut: this.formatDate(checkOut),
          nights: plural(this.ui, 'nights', nights, this.safeLocale),
        }),
      );
    }
    this.persist();
    this.dispatchEvent(new StaymodDatesChangeEvent({ checkIn, checkOut, nights }));
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
    this.selection = { ...e.detail.selection };
    this.guestCount = e.detail.guests;
    this.chosenOptions = [...e.detail.selectedOptions];
    this.persist();
    const totalMinor = this.total();
    if (totalMinor !== null) {
      const nights = plural(this.ui, 'nights', stayLength(this.range.checkIn, this.range.checkOut), this.safeLocale);
      this.announce(fill(this.ui.totalAnnounced, { nights, total: this.money(totalMinor) }));
    }
    this.dispatchEvent(
      new StaymodRoomsChangeEvent({
        rooms: Object.entries(this.selection)
          .filter(([, n]) => n > 0)
          .map(([roomId, quantity]) => ({ roomId, quantity })),
        guests: this.guestCount,
        totalMinor,
        currency: this.safeCurrency,
      }),
    );
  }

  private onContinue(): void {
    this.send({ type: 'continue' });
    this.focusNext = ['staymod-guest-form', 'input'];
  }

  private onBack(): void {
    this.send({ type: 'back' });
    this.focusNext = ['staymod-room-list', '[part="continue"]'];
  }

  /** After a sold-out answer: back to the rooms, ready to pick other dates. */
  private onChangeDates(): void {
    this.send({ type: 'back' });
    this.focusNext = ['staymod-room-list', '[part="change-dates"]'];
  }

  /** Where keyboard focus goes once the next step has rendered: set by guest actions only. */
  private focusNext: [panel: string, selector: string] | undefined;

  private async moveFocus([panel, selector]: [string, string]): Promise<void> {
    if (!panel) {
      this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
      return;
    }
    const element = this.renderRoot.querySelector(panel) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await element?.updateComplete;
    element?.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  private onGuestInput(e: CustomEvent<{ value: GuestValue }>): void {
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
    const submitEvent = new StaymodBookingSubmitEvent({ request, totalMinor, currency: this.safeCurrency });
    this.dispatchEvent(submitEvent);
    if (submitEvent.defaultPrevented) {
      this.send({ type: 'vetoed' });
      this.releaseForm();
      return;
    }
    // One idempotency key per attempt: the same body keeps its key across the guest's retries.
    const body = JSON.stringify(request);
    if (!this.attempt || this.attempt.body !== body) this.attempt = { key: crypto.randomUUID(), body };
    this.persist();
    try {
      const booking = await source.client.createBooking(request, { idempotencyKey: this.attempt.key });
      this.attempt = undefined;
      this.send({ type: 'sent', booking });
      this.clearStay();
      this.persist();
      void sharedQueryClient().invalidateQueries({ queryKey: keys.availability(source) });
      this.dispatchEvent(new StaymodBookingConfirmedEvent({ booking, totalMinor, currency: this.safeCurrency }));
    } catch (error) {
      const typed = error instanceof StaymodError ? error : new StaymodError('network', String(error), { ambiguous: true });
      // Sold out, or maybe booked: what the calendar shows is out of date either way.
      if (typed.code === 'sold-out' || typed.code === 'unconfirmed') void sharedQueryClient().invalidateQueries({ queryKey: keys.availability(source) });
      if (typed.hostFixable) tellHostAbout(typed, this.propertyId);
      this.fail(typed, sent);
    }
  }

  /** What is being sent, display-ready: shown (and kept) if the outcome cannot be confirmed. */
  private sentBooking(checkIn: DateKey, checkOut: DateKey, totalMinor: number | null): SentBooking {
    return { ...this.stayNow(totalMinor), checkIn, checkOut };
  }

  /** The stay as chosen right now, display-ready (names resolved, total formatted later). */
  private stayNow(totalMinor: number | null): StaySummary {
    const ui = this.ui;
    const rooms = this.rooms ?? [];
    return {
      guestName: this.guest.guestName.trim(),
      guestEmail: this.guest.guestEmail.trim(),
      checkIn: this.range.checkIn,
      checkOut: this.range.checkOut,
      guests: this.guestCount,
      rooms: Object.entries(this.selection)
        .filter(([, n]) => n > 0)
        .map(([id, n]) => [displayName(rooms.find((r) => r.id === id)?.name ?? '', ui.unnamedRoom), n]),
      extras: this.chosenBookingOptions().map((o) => displayName(o.name, ui.unnamedExtra)),
      totalMinor,
      currency: this.safeCurrency,
    };
  }

  private fail(error: StaymodError, sent?: SentBooking): void {
    this.send(sent ? { type: 'failed', error, sent } : { type: 'failed', error });
    this.releaseForm();
    if (this.flow.step === 'unconfirmed') {
      // Saved before anyone hears of it; the alert and the focused heading say it, once.
      this.persist();
      this.announcement = '';
      this.focusNext = ['', '#unconfirmed-heading'];
    } else {
      this.announce(this.failureText(error));
    }
    this.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'submit' }));
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

  // ---- text ---------------------------------------------------------------

  private formatDate(date: DateKey, style: 'medium' | 'long' = 'medium'): string {
    return new Intl.DateTimeFormat(this.safeLocale, { dateStyle: style }).format(toLocalNoon(date));
  }

  private money(minor: number | null): string {
    return minor === null ? '—' : formatMinor(minor, this.safeCurrency, this.safeLocale);
  }

  private failureText(error: StaymodError): string {
    const ui = this.ui;
    if (error.hostFixable) return ui.bookingUnavailable;
    switch (error.code) {
      case 'sold-out':
        return fill(ui.soldOutNight, { date: error.soldOutDate ? this.formatDate(error.soldOutDate, 'long') : '' });
      case 'rate-limited':
        return fill(ui.rateLimited, { seconds: error.retryAfter ?? 30 });
      case 'invalid-input':
        return fill(ui.submitFailed, { reason: error.fields ? Object.values(error.fields).join(' ') : error.message });
      case 'unconfirmed':
        return ui.unconfirmedBooking;
      default:
        if (error.ambiguous) return ui.ambiguousFailure;
        if (error.code === 'network') return ui.networkFailure;
        if (error.code === 'timeout') return fill(ui.submitFailed, { reason: ui.timeoutFailure });
        return fill(ui.submitFailed, { reason: ui.serverFailure });
    }
  }

  // ---- render -------------------------------------------------------------

  override render(): TemplateResult {
    return html`<div part="base" class="base">
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderBody(): TemplateResult {
    const ui = this.ui;
    if (this.configProblem) return this.unavailable();
    if (this.hostProblem) return this.unavailable();
    const error = this.data.results[0]?.error;
    if (!this.rooms) {
      if (error) {
        return html`<div part="notice" class="notice" data-tone="error" role="alert">
          <p>${ui.loadFailed}</p>
          <div class="actions"><button class="primary" @click=${this.retryLoad}>${ui.retry}</button></div>
        </div>`;
      }
      if (this.data.results[0]?.fetchStatus === 'paused') return this.offlineNotice();
      // The calendar itself with every night still loading: the first paint has the final size.
      return html`<div aria-busy="true">
        <p class="visually-hidden">${ui.loading}</p>
        ${this.renderCalendar(undefined)}
      </div>`;
    }
    switch (this.flow.step) {
      case 'choose':
        return this.renderChoose();
      case 'details':
      case 'sending':
        return this.renderDetails();
      case 'unconfirmed':
        return this.renderUnconfirmed(this.flow.sent);
      case 'confirmed':
        return html`<staymod-confirmation
          exportparts=${CONFIRMATION_PARTS}
          .booking=${this.flow.booking}
          .rooms=${this.rooms}
          .guests=${this.flow.booking.numberOfGuests ?? this.guestCount}
          .totalMinor=${this.lastTotal}
          .locale=${this.safeLocale}
          .currency=${this.safeCurrency}
          .strings=${ui}
          @staymod-book-another=${this.onRestart}
        ></staymod-confirmation>`;
    }
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
    return html`<div part="notice" class="notice" role="alert"><p>${this.ui.bookingUnavailable}</p></div>`;
  }

  private renderChoose(): TemplateResult {
    const ui = this.ui;
    const { checkIn, checkOut } = this.range;
    const nights = stayLength(checkIn, checkOut);
    const monthError = this.monthResults.find((r) => r.error && !r.data)?.error;
    const offline = this.data.results.some((r) => r.fetchStatus === 'paused');
    // Extras are optional: without them the guest can still book, but is told and can retry.
    const optionsError = nights && !monthError && this.data.results[1]?.error && !this.data.results[1]?.data;
    const quotes = nights ? this.quotes() : {};
    return html`
      ${this.prefillProblem ? html`<div part="notice" class="notice" data-tone="error" role="alert"><p>${this.prefillProblem}</p></div>` : nothing}
      ${this.renderCalendar(this.nightFn)}
      ${monthError
        ? html`<div part="notice" class="notice" data-tone="error" role="alert">
            <p>${ui.loadFailed}</p>
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
            .rooms=${this.rooms ?? []}
            .quotes=${quotes}
            .nights=${nights}
            .selection=${this.selection}
            .guests=${this.guestCount}
            .options=${this.bookingOptions}
            .selectedOptions=${this.chosenOptions}
            .locale=${this.safeLocale}
            .currency=${this.safeCurrency}
            .strings=${ui}
            @staymod-selection-change=${this.onSelection}
            @staymod-rooms-continue=${this.onContinue}
            @staymod-change-dates=${this.clearDates}
          ></staymod-room-list>`
        : nothing}
    `;
  }

  /** The calendar; `night` undefined while loading (every night shows a placeholder). */
  private renderCalendar(night: ((date: DateKey) => ReturnType<typeof cheapestNight>) | undefined): TemplateResult {
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
      .locale=${this.safeLocale}
      .currency=${this.safeCurrency}
      .strings=${this.ui}
      @staymod-calendar-select=${this.onDates}
      @staymod-calendar-month=${this.onMonth}
    ></staymod-calendar>`;
  }

  private clearDates(): void {
    this.onDates(new CustomEvent('clear', { detail: { checkIn: null, checkOut: null } }));
    this.focusNext = ['staymod-calendar', 'button[data-date][tabindex="0"]'];
  }

  private renderDetails(): TemplateResult {
    const ui = this.ui;
    const failure = this.flow.step === 'details' ? this.flow.failure : undefined;
    return html`
      ${failure ? this.renderFailure(failure) : nothing}
      <staymod-guest-form
        exportparts=${GUEST_FORM_PARTS}
        .value=${this.guest}
        .busy=${this.flow.step === 'sending'}
        .locale=${this.safeLocale}
        .strings=${ui}
        .totalLabel=${this.money(this.lastTotal)}
        @staymod-guest-input=${this.onGuestInput}
        @staymod-guest-submit=${this.onGuestSubmit}
        @staymod-guest-back=${this.onBack}
      >
        ${this.renderSummary(this.stayNow(this.lastTotal))}
      </staymod-guest-form>
    `;
  }

  /** What the guest is booking (above the form), or what was sent (after an unconfirmed send). */
  private renderSummary(stay: StaySummary, withGuest = false): TemplateResult {
    const ui = this.ui;
    const { checkIn, checkOut } = stay;
    const number = new Intl.NumberFormat(this.safeLocale);
    const nights = stayLength(checkIn, checkOut);
    const total = stay.totalMinor === null ? '—' : formatMinor(stay.totalMinor, stay.currency, this.safeLocale);
    return html`<dl slot="summary" part="summary" class="summary">
        ${withGuest
          ? html`<div><dt>${ui.guestName}</dt><dd dir="auto">${stay.guestName}</dd></div>
              ${stay.guestEmail ? html`<div><dt>${ui.guestEmail}</dt><dd>${stay.guestEmail}</dd></div>` : nothing}`
          : nothing}
        <div><dt>${ui.dates}</dt><dd>${checkIn && checkOut ? `${this.formatDate(checkIn)} – ${this.formatDate(checkOut)} · ${plural(ui, 'nights', nights, this.safeLocale)}` : ''}</dd></div>
        <div><dt>${ui.rooms}</dt><dd>${stay.rooms.map(([name, n]) => fill(ui.roomLine, { quantity: number.format(n), name })).join(', ')}</dd></div>
        <div><dt>${ui.guests}</dt><dd>${number.format(stay.guests)}</dd></div>
        ${stay.extras.length ? html`<div><dt>${ui.extrasHeading}</dt><dd>${stay.extras.join(', ')}</dd></div>` : nothing}
        <div><dt><strong>${ui.total}</strong></dt><dd><strong>${total}</strong></dd></div>
      </dl>`;
  }

  /** The end of an unconfirmed send: what was sent, what to do, and only a fresh start from here. */
  private renderUnconfirmed(sent: SentBooking): TemplateResult {
    const ui = this.ui;
    return html`<div part="notice" class="notice" data-tone="error" role="alert">
        <h2 id="unconfirmed-heading" class="notice-heading" tabindex="-1">${ui.unconfirmedHeading}</h2>
        <p>${ui.unconfirmedBooking}</p>
      </div>
      ${this.renderSummary(sent, true)}
      <div class="actions"><button @click=${this.onStartOver}>${ui.startOver}</button></div>`;
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
    this.focusNext = ['staymod-calendar', 'button[data-date][tabindex="0"]'];
  }

  private renderFailure(error: StaymodError): TemplateResult {
    const ui = this.ui;
    const text = this.failureText(error);
    let actions: TemplateResult | typeof nothing = nothing;
    if (error.code === 'sold-out') {
      actions = html`<button class="primary" @click=${this.onChangeDates}>${ui.changeDates}</button>`;
    } else if (error.ambiguous) {
      actions = html`<button @click=${this.resend}>${ui.tryAgainAnyway}</button>`;
    }
    return html`<div part="notice" class="notice" data-tone="error" role="alert">
      <p>${text}</p>
      ${actions === nothing ? nothing : html`<div class="actions">${actions}</div>`}
    </div>`;
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
