import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from '../shared/decorators.js';
import { DEFAULT_API_BASE } from '../../client/client.js';
import type { DateKey, MonthKey } from '../../domain/dates.js';
import { isRtl } from '../../i18n/language.js';
import { fillParts, type Strings } from '../../i18n/strings.js';
import type { NightLookup } from './booking-data.js';
import { cheapestStayLookup } from '../../domain/pricing.js';
import { stayLength } from './stay.js';
import { bookingStyles } from './booking.styles.js';
import { checkoutViews, loadCheckout, prefetchCheckout } from './checkout.js';
import type { RoomQuote } from '../../domain/pricing.js';
import { loadFailureText } from './booking-text.js';
import { forward } from './parts.js';
import { tellHost } from './host-tell.js';
import { BookingStore, DEFAULT_TIMEOUT_MS, lastMonth } from './booking-store.js';

const CALENDAR_PARTS = forward('calendar', 'calendar month day nav-button status price-note clear-button');

/**
 * An opt-in attribute: on when present, except `"false"`. React 18 writes `analytics={false}` as
 * analytics="false", which Lit's Boolean reads as on: a host saying no would get tracking.
 */
const optIn = (value: string | null): boolean => value !== null && value !== 'false';

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
  /** Also push the funnel (dates, room, details, sent, confirmed, failed) to `window.dataLayer`, without personal data. Off when absent or `"false"`. */
  @property({ type: Boolean, converter: optIn }) analytics = false;
  /** Keep the stay (dates, guests, rooms) in the page's query string, and restore it from there: shareable links. Off when absent or `"false"`. */
  @property({ type: Boolean, attribute: 'url-state', converter: optIn }) urlState = false;
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
  /** Freezes "today" (`YYYY-MM-DD`), for demos and tests. Unset, it is the guest's date, moving on at their midnight. */
  @property() today = '';
  /** Milliseconds to wait for each request before giving up (500 to 120 000). Default 15 000. */
  @property({ type: Number }) timeout: number = DEFAULT_TIMEOUT_MS;

  /** State, configuration, draft and the submit flow (booking-store.ts); this element draws them. */
  readonly #store = new BookingStore(this);
  #resizeObserver: ResizeObserver | undefined;

  override connectedCallback(): void {
    // The store already fits the months to the width as the first requests go (at connect).
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.#resizeObserver = new ResizeObserver((entries) => this.#store.fitMonths(entries[0]?.contentRect.width ?? 0));
      this.#resizeObserver.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#store.willUpdate(changed);
  }

  protected override updated(): void {
    this.#wantCheckout();
    this.#store.focusNext?.(this.renderRoot);
    this.#store.focusNext = undefined;
    this.#store.updated();
  }

  get #ui(): Strings {
    return this.#store.ctx.strings;
  }

  // ---- guest actions (Lit calls these on the element) ----------------------

  #onDates(e: CustomEvent<{ checkIn: DateKey | null; checkOut: DateKey | null }>): void {
    this.#store.chooseDates(e.detail.checkIn, e.detail.checkOut);
  }

  #onMonth(e: CustomEvent<{ month: MonthKey }>): void {
    this.#store.visibleMonth = e.detail.month;
  }

  #retryLoad(): void {
    void this.#store.data.refetch();
  }

  // ---- render -------------------------------------------------------------

  override render(): TemplateResult {
    const s = this.#store;
    // Right-to-left languages get their direction, unless the host page set one.
    const dir = !this.hasAttribute('dir') && isRtl(s.ctx.locale) ? 'rtl' : nothing;
    return html`<div part="base" class="base" dir=${dir}>
      ${this.#renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${s.announcement}</div>
    </div>`;
  }

  #renderBody(): TemplateResult {
    const s = this.#store;
    const ui = this.#ui;
    if (s.config.problem) return this.#unavailable();
    if (s.data.hostProblem) return this.#unavailable();
    // Loading until room details and the first month's nights are in (or a month failed: said below
    // the calendar). Only the first time: paging to a month not loaded yet keeps the calendar (and focus).
    if (!s.primed && s.data.details && (s.data.anyMonthLoaded || s.data.monthResults.some((r) => r.error))) s.primed = true;
    if (!s.data.details || !s.primed) {
      if (s.data.detailsError) {
        return html`<div part="notice" class="notice" data-tone="error" role="alert">
          <p>${loadFailureText(s.ctx, s.data.detailsError)}</p>
          <div class="actions"><button class="primary" @click=${this.#retryLoad}>${ui.retry}</button></div>
        </div>`;
      }
      if (s.data.results.some((r) => r.fetchStatus === 'paused')) return this.#offlineNotice();
      return this.#renderChoose(true);
    }
    if (s.noRooms && s.flow.step !== 'unconfirmed') return this.#unavailable();
    if (s.flow.step === 'choose') return this.#renderChoose();
    const views = checkoutViews();
    if (!views) return this.#checkoutPending();
    const model = views.checkoutModel(s, this.#propertyContact(), this.contact);
    switch (s.flow.step) {
      case 'details':
      case 'sending':
        return views.renderDetails(model);
      case 'unconfirmed':
        return views.renderUnconfirmed(model, s.flow.sent);
      case 'confirmed':
        return views.renderConfirmed(model, s.flow.booking, s.rooms, s.guestCount);
    }
  }

  /** The checkout's file is on its way, or failed twice: said, with a retry (never a dead widget). */
  #checkoutPending(): TemplateResult {
    if (this.#checkoutFailed) {
      return html`<div part="notice" class="notice" data-tone="error" role="alert" id="checkout-failed">
        <p>${this.#ui.checkoutLoadFailed}</p>
        <div class="actions"><button class="primary" @click=${this.#retryCheckout}>${this.#ui.retry}</button></div>
      </div>`;
    }
    return html`<p class="checkout-loading" aria-busy="true" tabindex="-1">${this.#ui.loading}</p>`;
  }

  /** Set when the checkout's file could not be loaded (twice); the guest's retry clears it. */
  #checkoutFailed = false;

  /** Loads the checkout when a guest needs it now; prefetches it once the calendar shows prices. */
  #wantCheckout(): void {
    const s = this.#store;
    if (checkoutViews() || this.#checkoutFailed) return;
    const needed = s.flow.step !== 'choose' || (s.range.checkIn && s.range.checkOut);
    if (!needed) {
      if (s.primed && s.data.anyMonthLoaded) prefetchCheckout();
      return;
    }
    if (this.#checkoutAsked) return;
    this.#checkoutAsked = true;
    loadCheckout().then(
      () => {
        // Focus waited on the loading line (after Try again): on to the step it was loading.
        if (this.shadowRoot?.activeElement?.matches('.checkout-loading')) {
          this.#store.focusNext = (root) => {
            const form = root.querySelector('staymod-guest-form');
            void (form ? form.focusFirstField() : root.querySelector('staymod-room-list')?.focusContinue());
          };
        }
        this.requestUpdate();
      },
      () => {
        this.#checkoutFailed = true;
        this.requestUpdate();
      },
    ).finally(() => (this.#checkoutAsked = false));
  }

  #checkoutAsked = false;

  #retryCheckout(): void {
    this.#checkoutFailed = false;
    // The button goes with the notice: focus waits on the loading line, not on the page's body.
    this.#store.focusNext = (root) => root.querySelector<HTMLElement>('.checkout-loading')?.focus();
    this.requestUpdate();
  }

  /** Queries wait while the browser is offline and resume by themselves when it is back. */
  #offlineNotice(): TemplateResult {
    return html`<div part="notice" class="notice" role="status"><p>${this.#ui.offlineWaiting}</p></div>`;
  }

  #unavailable(): TemplateResult {
    return html`<div part="notice" class="notice" role="alert"><p>${this.#ui.bookingUnavailable}</p>${this.#propertyContact()}</div>`;
  }

  /** The property's phone and e-mail as links, where the host gave them (checked, never raw). */
  #propertyContact(): TemplateResult | typeof nothing {
    const phone = this.propertyPhone.trim();
    const email = this.propertyEmail.trim();
    const okPhone = /^\+?[\d\s().-]{5,30}$/.test(phone);
    const okEmail = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email) && email.length <= 254;
    if (phone && !okPhone) tellHost((c) => c.badContact('property-phone', phone));
    if (email && !okEmail) tellHost((c) => c.badContact('property-email', email));
    if (!okPhone && !okEmail) return nothing;
    const ui = this.#ui;
    const tel = phone.replace(/[^\d+]/g, '');
    return html`<p class="contact">
      ${okPhone ? html`<span>${fillParts(ui.contactPhone, 'phone', html`<a href="tel:${tel}" dir="ltr">${phone}</a>`)}</span>` : nothing}
      ${okEmail ? html`<span>${fillParts(ui.contactEmail, 'email', html`<a href="mailto:${email}" dir="ltr">${email}</a>`)}</span>` : nothing}
    </p>`;
  }

  /**
   * The calendar step. While loading, the calendar itself shows with every night a placeholder
   * (the first paint has the final size). Loading and loaded share this one template, so the
   * calendar that drew the placeholders draws the prices: no second calendar is built and laid
   * out in the frame the prices arrive, and focus stays where it was.
   */
  #renderChoose(loading = false): TemplateResult {
    const s = this.#store;
    const ui = this.#ui;
    const { checkIn, checkOut } = s.range;
    const nights = loading ? 0 : stayLength(checkIn, checkOut);
    const monthError = loading ? undefined : s.data.monthResults.find((r) => r.error && !r.data)?.error;
    const offline = !loading && s.data.results.some((r) => r.fetchStatus === 'paused');
    // Extras are optional: without them the guest can still book, but is told and can retry.
    const optionsError = nights && !monthError && s.data.optionsFailed;
    // Set by the submit flow only, so the checkout (which says it) is in.
    const refused = !loading && s.refused && s.refused.checkIn === checkIn && s.refused.checkOut === checkOut && checkoutViews();
    return html`<div class="step" aria-busy=${loading ? 'true' : nothing}>
      ${loading ? html`<p class="visually-hidden">${ui.loading}</p>` : nothing}
      ${!loading && s.datesNotice ? html`<div part="notice" class="notice" data-tone="error" role="alert"><p>${s.datesNotice}</p></div>` : nothing}
      ${refused ? refused.renderRefused(s, this.#propertyContact()) : nothing}
      ${this.#renderCalendar(loading ? undefined : s.data.nightLookup(s.selectedRoomIds(), s.ctx.currency))}
      ${monthError
        ? html`<div part="notice" class="notice" data-tone="error" role="alert">
            <p>${loadFailureText(s.ctx, monthError)}</p>
            <div class="actions"><button @click=${this.#retryLoad}>${ui.retry}</button></div>
          </div>`
        : offline
          ? this.#offlineNotice()
          : nothing}
      ${optionsError
        ? html`<div part="notice" class="notice" data-tone="error" role="alert">
            <p>${ui.extrasLoadFailed}</p>
            <div class="actions"><button @click=${this.#retryLoad}>${ui.retry}</button></div>
          </div>`
        : nothing}
      ${nights ? this.#renderRooms(nights, s.quotes()) : nothing}
    </div>`;
  }

  #renderRooms(nights: number, quotes: Record<string, RoomQuote>): TemplateResult {
    const views = checkoutViews();
    return views ? views.renderRooms(this.#store, nights, quotes) : this.#checkoutPending();
  }

  /** The calendar; `night` undefined while loading (every night shows a placeholder). */
  #renderCalendar(night: NightLookup | undefined): TemplateResult {
    const s = this.#store;
    const { checkIn, checkOut } = s.range;
    const { min, max } = s.config.limits;
    return html`<staymod-calendar
      exportparts=${CALENDAR_PARTS}
      .month=${s.visibleMonth}
      .months=${s.config.monthCount}
      .today=${s.config.today}
      .checkIn=${checkIn}
      .checkOut=${checkOut}
      .minNights=${min}
      .maxNights=${max}
      .maxMonth=${lastMonth(s.config.today)}
      .night=${night}
      .stayFrom=${night && cheapestStayLookup(s.data.nights, s.data.rooms, s.guestCount, s.ctx.currency)}
      .locale=${s.ctx.locale}
      .currency=${s.ctx.currency}
      .strings=${this.#ui}
      @staymod-calendar-select=${this.#onDates}
      @staymod-calendar-month=${this.#onMonth}
    ></staymod-calendar>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staymod-booking': StaymodBooking;
  }
}
