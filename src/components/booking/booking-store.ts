/**
 * Everything the booking element does that is not drawing: the configuration resolved
 * once per update, the data (booking-data.ts), the draft (restore, prefill, persist),
 * the guest's path (booking-machine.ts) and the calendar step's actions. The checkout's
 * actions (checkout-actions.ts) and the submit flow (submit.ts) work on this store from the
 * checkout's file. The element (booking.ts) keeps the properties and renders from this store.
 */
import type { PropertyValues, ReactiveController } from 'lit';
import { createStaymodClient, DEFAULT_API_BASE } from '../../client/client.js';
import { StaymodError } from '../../contract/errors.js';
import { addDays, addMonths, isDateKey, monthOf, msToNextDay, nightsBetween, todayKey, type DateKey, type MonthKey } from '../../domain/dates.js';
import type { BookingOption, Room } from '../../domain/model.js';
import { currencyDigits } from '../../domain/money.js';
import type { RoomQuote } from '../../domain/pricing.js';
import { StaymodBookingErrorEvent, StaymodDatesChangeEvent } from '../../events/events.js';
import { resolveContext, type Context } from '../../i18n/context.js';
import { languageTable, loadLanguage } from '../../i18n/language.js';
import { fill, type Strings } from '../../i18n/strings.js';
import { monthQuery, sharedQueryClient, type CatalogueInput, type Source } from '../../data/queries.js';
import { MAX_GUESTS, normalizeSelection } from '../room-list/selection.js';
import { pushFunnel, type FunnelData, type FunnelStep } from './analytics.js';
import { BookingData, type DataRequest } from './booking-data.js';
import { initialFlow, transition, type FlowEvent, type FlowState } from './booking-machine.js';
import { emptyGuest, roomCount, stayLength, type GuestValue } from './stay.js';
import type { StaymodBooking } from './booking.js';
import { checkoutViews } from './checkout.js';
import { loadDraft, saveDraft, type Draft } from './draft.js';
import { formatDate } from './booking-text.js';
import { tellHost } from './host-tell.js';
import { readUrlStay, writeUrlStay } from './url-state.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Per request; a proxy in the path should give up on Staymod sooner (its default is 10 s). */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Container width from which two months fit side by side. */
const TWO_MONTHS_FROM_PX = 640;
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

/** Focus on the calendar's active day, once the update that shows it is done. */
export const toCalendar = (root: ParentNode): void => void root.querySelector('staymod-calendar')?.focusActiveDay();

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
  /** Why the link's dates or the chosen stay were dropped, in the strings of the moment (a language may arrive later). */
  #notice: ((ui: Strings) => string) | undefined;
  announcement = '';
  /** Where keyboard focus goes once the next step has rendered: set by guest actions only. */
  focusNext: ((root: ParentNode) => void) | undefined;
  /** The first screen has had its data: from then on, loading shows in the calendar's days only. */
  primed = false;
  /** The total as last rendered before the confirmation (which shows what was booked). */
  lastTotal: number | null = null;

  /** The pending attempt's idempotency key and body (submit.ts). */
  attempt: Draft['attempt'];
  #source: Source | undefined;
  #sourceHash = '';
  #restoredFor = '';
  /** Set when a language file finished loading: the context is resolved again. */
  #languageArrived = false;
  /** Whether the guest has typed in the form since the last booking (for the funnel). */
  detailsStarted = false;
  readonly #reportedErrors = new WeakSet<StaymodError>();

  constructor(readonly host: StaymodBooking) {
    this.data = new BookingData(host, () => this.#dataRequest());
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

  /**
   * The property this widget's state belongs to. A switch waits while a booking is on its way or
   * its confirmation is on screen: the outcome is shown, and kept, for the property it was sent to.
   */
  get propertyId(): string {
    const held = this.#restoredFor && (this.flow.step === 'sending' || this.flow.step === 'confirmed');
    return held ? this.#restoredFor : this.host.propertyId;
  }

  #resolveConfig(): Config {
    const h = this.host;
    const min = Number.isInteger(h.minNights) && h.minNights >= 1 ? h.minNights : 1;
    const max = Number.isInteger(h.maxNights) && h.maxNights >= min ? h.maxNights : Math.max(365, min);
    const problem = configProblem(this.propertyId, h);
    const timeoutMs = problem ? DEFAULT_TIMEOUT_MS : this.#timeoutMs();
    return {
      problem,
      source: problem ? undefined : this.#currentSource(timeoutMs),
      timeoutMs,
      today: this.todayNow(),
      monthCount: h.months === 1 || h.months === 2 ? h.months : this.autoMonths,
      limits: { min, max },
    };
  }

  #timeoutMs(): number {
    const t = this.host.timeout;
    if (Number.isFinite(t) && t >= 500 && t <= 120_000) return t;
    tellHost((c) => c.badTimeout(t, DEFAULT_TIMEOUT_MS));
    return DEFAULT_TIMEOUT_MS;
  }

  #currentSource(timeoutMs: number): Source {
    const { proxyUrl, apiBase, apiKey } = this.host;
    const propertyId = this.propertyId;
    const baseUrl = proxyUrl || apiBase || DEFAULT_API_BASE;
    const hash = `${baseUrl}|${propertyId}|${proxyUrl ? '' : apiKey}|${timeoutMs}`;
    if (hash !== this.#sourceHash || !this.#source) {
      this.#sourceHash = hash;
      const options = proxyUrl ? { baseUrl: proxyUrl, propertyId, timeoutMs } : { baseUrl, propertyId, apiKey, timeoutMs };
      if (!proxyUrl) tellHost((c) => c.warnDirectMode());
      // The key is part of the scope so two widgets with different keys never share answers.
      this.#source = { client: createStaymodClient(options), scope: [baseUrl, `${propertyId}${apiKey ? `:${apiKey.slice(-6)}` : ''}`] };
    }
    return this.#source;
  }

  time(value: string, fallback: string, attribute: string): string {
    if (TIME.test(value)) return value;
    tellHost((c) => c.badTime(attribute, value, fallback));
    return fallback;
  }

  // ---- data (booking-data.ts) ----------------------------------------------

  #dataRequest(): DataRequest | undefined {
    // Asked first at connect, before any update: the first requests go out ahead of the
    // draft's storage read, the text and its formatters, and the first render.
    if (!this.config) {
      // Lit has adopted the element's styles by now, so its width is real: the first paint
      // and the first requests already have the right number of months (the observer would be a frame late).
      this.fitMonths(this.host.clientWidth);
      this.config = this.#resolveConfig();
    }
    this.#keepMonthCurrent();
    const source = this.config.source;
    if (!source) return undefined;
    return {
      source,
      catalogue: this.#catalogueInput,
      propertyId: this.propertyId,
      timeoutMs: this.config.timeoutMs,
      visibleMonth: this.visibleMonth,
      monthCount: this.config.monthCount,
      range: this.range,
      guests: this.guestCount,
    };
  }

  /** Shows the months that fit `width` (0: not laid out, nothing to go by). */
  fitMonths(width: number): void {
    const months = width >= TWO_MONTHS_FROM_PX ? 2 : 1;
    if (width && months !== this.autoMonths) this.autoMonths = months;
  }

  get #catalogueInput(): CatalogueInput {
    const { roomCatalogue, roomsSrc } = this.host;
    if (roomCatalogue !== undefined && roomCatalogue !== null) return { value: roomCatalogue };
    return roomsSrc.trim() ? { url: new URL(roomsSrc.trim(), document.baseURI).href } : undefined;
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

  chosenBookingOptions(): BookingOption[] {
    return this.data.options.filter((o) => this.chosenOptions.includes(o.id));
  }

  /**
   * Makes the kept choice what the room list shows (its rule: bookable rooms, at most the units
   * free), and says whether it shrank. The choice may come from a draft, a link or an earlier
   * answer; left alone while the stay's nights are still loading.
   */
  settleChoice(): boolean {
    const quotes = this.quotes();
    if (!this.rooms.length || Object.keys(this.selection).some((id) => quotes[id]?.unbookable === 'unknown')) return false;
    const before = this.selection;
    this.selection = normalizeSelection(this.rooms, quotes, before);
    return roomCount(this.selection) < roomCount(before);
  }

  /** The total of the rooms as they can be booked now, what the room list shows. */
  total(): number | null {
    const { checkIn, checkOut } = this.range;
    // One reading of the stay's quotes serves the rule and the sum.
    const quotes = this.quotes();
    return this.data.total(
      { checkIn, checkOut, selection: normalizeSelection(this.rooms, quotes, this.selection), guests: this.guestCount, options: this.chosenBookingOptions() },
      quotes,
      this.ctx.currency,
    );
  }

  // ---- today ----------------------------------------------------------------

  /** The guest's today, or the one the host froze: the one place that reads the clock. */
  todayNow(): DateKey {
    return isDateKey(this.host.today) ? this.host.today : todayKey();
  }

  /**
   * A page left open past midnight (or a later `today` from the host): a chosen check-in now in
   * the past is dropped, with a word why, before anything is sent (Staymod would store a stay in
   * the past). The guest's details stay. Says whether it was.
   */
  dropPastStay(today: DateKey = this.config.today): boolean {
    const { checkIn } = this.range;
    const step = this.flow.step;
    if (!checkIn || checkIn >= today || (step !== 'choose' && step !== 'details')) return false;
    if (step === 'details') this.send({ type: 'back' });
    this.clearStay();
    this.chooseDates(null, null);
    this.#notice = (ui) => fill(ui.datesPassed, { date: formatDate(this.ctx, checkIn, 'long') });
    // Only a guest who was in the widget is moved: a timer at midnight must not take the page's focus.
    if (this.host.matches(':focus-within')) this.focusNext = toCalendar;
    return true;
  }

  /** Never a month before today's: past midnight on the 1st the calendar moves on, and so do the months loaded. */
  #keepMonthCurrent(): void {
    const month = monthOf(this.config.today);
    if (!this.visibleMonth || this.visibleMonth < month) this.visibleMonth = month;
  }

  #nextDay: ReturnType<typeof setTimeout> | undefined;

  /**
   * The calendar's today moves on at the guest's midnight in a page left open (the update resolves
   * it again). A timer a sleeping laptop delayed is caught by the next update (any click) and by
   * the submit's own check.
   */
  #wakeTomorrow(): void {
    clearTimeout(this.#nextDay);
    this.#nextDay = setTimeout(() => {
      this.host.requestUpdate();
      this.#wakeTomorrow();
    }, msToNextDay());
  }

  hostConnected(): void {
    this.#wakeTomorrow();
  }

  hostDisconnected(): void {
    clearTimeout(this.#nextDay);
  }

  // ---- lifecycle (called by the element) ------------------------------------

  willUpdate(changed: PropertyValues<StaymodBooking>): void {
    const h = this.host;
    if (!this.ctx || changed.has('locale') || changed.has('currency') || changed.has('strings') || this.#languageArrived) {
      this.#languageArrived = false;
      const report = (message: string) => tellHost((c) => c.tellHostOnce(message, message));
      this.ctx = resolveContext(h.locale, h.currency, h.strings, report);
      // A built-in language loads once per page, next to the script; English shows until then.
      void loadLanguage(this.ctx.locale, report)?.then(() => {
        this.#languageArrived = true;
        h.requestUpdate();
      });
    }
    this.config = this.#resolveConfig();
    this.#keepMonthCurrent();
    if (this.propertyId && this.#restoredFor !== this.propertyId) this.#restore();
    else if (changed.has('checkIn') || changed.has('checkOut')) this.#applyPrefill();
    if (changed.has('guests') && this.#restoredFor && changed.get('guests') !== undefined) this.guestCount = this.#initialGuests;
    this.dropPastStay();
  }

  hostUpdate(): void {
    // On the form, an answer may leave fewer rooms free than chosen: said there and then (not again
    // over a failure already shown: after Staymod's own sold-out the choice stays for other dates).
    if (this.flow.step === 'details' && !this.flow.failure) checkoutViews()?.recheckChoice(this);
    if (this.flow.step !== 'confirmed') this.lastTotal = this.total();
  }

  updated(): void {
    const { source, problem } = this.config;
    const propertyId = this.propertyId;
    if (!source) {
      if (problem) tellHost((c) => c.configProblem(problem, propertyId));
      return;
    }
    // Prefetch the month after the visible ones, so paging forward shows prices at once.
    const next = addMonths(this.visibleMonth, this.config.monthCount);
    void sharedQueryClient()?.prefetchQuery(monthQuery(source, next));
    // A catalogue or key problem, and a property with no rooms, are the host's to fix: one console line each.
    const detailsProblem = this.data.details?.problem;
    if (detailsProblem) tellHost((c) => c.tellHostOnce(`rooms:${propertyId}:${detailsProblem.slice(0, 40)}`, detailsProblem));
    if (this.data.details?.leak) tellHost((c) => c.roomsLeak(propertyId));
    if (this.noRooms) tellHost((c) => c.noRooms(propertyId, source.client.mode));
    // Each load failure is told once: to the host page as an event, to the host's console when they must fix it.
    for (const { error } of this.data.results) {
      if (!(error instanceof StaymodError) || this.#reportedErrors.has(error)) continue;
      this.#reportedErrors.add(error);
      if (error.hostFixable) tellHost((c) => c.tellHostAbout(error, propertyId));
      this.host.dispatchEvent(new StaymodBookingErrorEvent({ error, stage: 'load' }));
    }
  }

  // ---- draft ------------------------------------------------------------------

  /** Restores the tab's draft, then applies prefill attributes (which win for dates). */
  #restore(): void {
    const h = this.host;
    const switched = this.#restoredFor !== '';
    this.#restoredFor = h.propertyId;
    if (switched) {
      // Another property: nothing of the last one's stay, attempt, outcome or guest carries over.
      this.flow = initialFlow;
      this.attempt = undefined;
      this.refused = undefined;
      this.primed = false;
      this.guest = { ...emptyGuest };
      this.clearStay();
    }
    const draft = loadDraft(this.#restoredFor);
    if (draft) {
      this.guest = draft.guest;
      this.selection = draft.selection;
      this.chosenOptions = draft.options;
      this.attempt = draft.attempt;
      if (draft.guests > 0) this.guestCount = draft.guests;
      // An unconfirmed booking stays shown as sent until the guest starts over.
      if (draft.unconfirmed) this.flow = { step: 'unconfirmed', sent: draft.unconfirmed };
      // Reloaded while a booking was on its way: its outcome is unknown. Straight to Staymod (no key
      // to ask under), the unconfirmed end; through the proxy, the form with Send again.
      else if (draft.sending && draft.attempt?.sent && this.config.source?.client.mode === 'direct') this.flow = { step: 'unconfirmed', sent: draft.attempt.sent };
      else if (draft.sending && draft.checkIn && draft.checkOut && draft.checkIn >= this.config.today) {
        this.flow = { step: 'details', failure: new StaymodError('network', 'Reloaded while sending.', { ambiguous: true }) };
        if (this.attempt) this.attempt = { ...this.attempt, unsettled: true };
      }
      if (draft.checkIn && draft.checkOut && draft.checkIn >= this.config.today && draft.checkOut > draft.checkIn) {
        this.range = { checkIn: draft.checkIn, checkOut: draft.checkOut };
        this.visibleMonth = monthOf(draft.checkIn);
      }
    }
    if (!this.guestCount) this.guestCount = this.#initialGuests;
    if ((h.checkIn || h.checkOut) && this.flow.step === 'choose') this.#applyPrefill();
    // A shared link wins over the tab's draft and the attributes: it is what the guest opened.
    if (h.urlState && this.flow.step === 'choose' && typeof location !== 'undefined') {
      const stay = readUrlStay(location.search);
      if (stay.checkIn) this.#applyPrefill(stay.checkIn, stay.checkOut ?? '');
      if (stay.guests) this.guestCount = Math.min(stay.guests, MAX_GUESTS);
      if (stay.rooms && this.range.checkIn) this.selection = stay.rooms;
    }
  }

  /** The `guests` attribute as a starting count; a bad value is named in the console, never silently used. */
  get #initialGuests(): number {
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

  #applyPrefill(checkIn = this.host.checkIn, checkOut = this.host.checkOut): void {
    this.#notice = undefined;
    if (!checkIn && !checkOut) return;
    const { today, limits } = this.config;
    // `problem` for the host's console (and English pages), with the values; `said`, the guest's
    // words in the widget's language where every built-in language has them.
    let problem = '';
    let said: ((ui: Strings) => string) | undefined;
    if (!isDateKey(checkIn)) problem = `check-in "${checkIn}" is not a YYYY-MM-DD date`;
    else if (checkOut && !isDateKey(checkOut)) problem = `check-out "${checkOut}" is not a YYYY-MM-DD date`;
    else if (checkIn < today) [problem, said] = [`check-in ${checkIn} is in the past`, (ui) => ui.pastDate];
    else if (nightsBetween(today, checkIn) > MAX_DAYS_AHEAD) problem = `check-in ${checkIn} is more than ${MAX_DAYS_AHEAD} days ahead`;
    else if (checkOut && checkOut <= checkIn) problem = `check-out ${checkOut} is not after check-in ${checkIn}`;
    else if (checkOut && nightsBetween(checkIn, checkOut) > limits.max) [problem, said] = [`the stay is longer than ${limits.max} nights`, (ui) => fill(ui.aboveMaxNights, { count: this.ctx.number(limits.max) })];
    else if (checkOut && nightsBetween(checkIn, checkOut) < limits.min) [problem, said] = [`the stay is shorter than ${limits.min} nights`, (ui) => fill(ui.belowMinNights, { count: this.ctx.number(limits.min) })];
    if (problem) {
      // Another language without the guest's words for this problem: no English inside it.
      this.#notice = (ui) =>
        !languageTable(this.ctx.locale) ? fill(ui.prefillInvalid, { reason: problem })
        : said ? fill(ui.prefillInvalid, { reason: said(ui) })
        : fill(ui.prefillInvalid.replace(/\s*[(（]\{reason\}[)）]/, ''), { reason: '' });
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
  persist(startOver = false): void {
    const { urlState } = this.host;
    // The draft of the property the state belongs to, whatever the host has switched to meanwhile.
    const propertyId = this.#restoredFor;
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
    if (this.flow.step === 'sending') draft.sending = true;
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

  /** The notice for dropped dates (a link's, or a stay that began before today), in the current strings; '' when none. */
  get datesNotice(): string {
    return this.#notice?.(this.ui) ?? '';
  }

  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  // ---- guest actions ------------------------------------------------------

  chooseDates(checkIn: DateKey | null, checkOut: DateKey | null): void {
    this.range = { checkIn, checkOut };
    this.#notice = undefined;
    this.refused = undefined;
    const nights = stayLength(checkIn, checkOut);
    // The range is said once, by the calendar's own status (with the lowest total), not here too.
    if (checkIn && checkOut) this.settleChoice();
    this.persist();
    this.host.dispatchEvent(new StaymodDatesChangeEvent({ checkIn, checkOut, nights }));
    if (checkIn && checkOut) this.funnel('staymod_dates_selected');
  }

  /** Forgets the chosen stay (dates, rooms, extras); the guest's details stay for the next one. */
  clearStay(): void {
    this.selection = {};
    this.chosenOptions = [];
    this.range = { checkIn: null, checkOut: null };
  }

  /** One funnel step to `window.dataLayer`, when the host asked for it (`analytics`). */
  funnel(step: FunnelStep, total?: number | null, extra: FunnelData = {}): void {
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

function configProblem(propertyId: string, h: Pick<StaymodBooking, 'proxyUrl' | 'apiKey'>): ConfigProblem | '' {
  if (!propertyId) return 'no-property-id';
  // Proxy mode may front another system (Cloudbeds ids are numbers): any URL-safe id; the proxy checks it.
  if (h.proxyUrl) return /^[A-Za-z0-9_-]{1,64}$/.test(propertyId) ? '' : 'bad-proxy-property-id';
  if (!/^[a-f\d]{24}$/i.test(propertyId)) return 'bad-property-id';
  if (!h.apiKey) return 'no-mode';
  return '';
}

/** The latest month a stay may start in. */
export function lastMonth(today: DateKey): MonthKey {
  return monthOf(addDays(today, MAX_DAYS_AHEAD));
}
