import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../shared/decorators.js';
import { addMonths, type DateKey, firstOfMonth, monthOf, type MonthKey, toLocalNoon } from '../../domain/dates.js';
import { formatMinor } from '../../domain/money.js';
import { defaultStrings, fill, type Strings } from '../../i18n/strings.js';
import { StaymodCalendarMonthEvent, StaymodCalendarSelectEvent } from './calendar.events.js';
import { calendarStyles } from './calendar.styles.js';
import { cachedDay, clampMonth, DEFAULT_MARK_BUDGET, type DayEntry, type DayView, rangeText, reasonText, resolveView, shortDate, type StayFrom, type View } from './calendar.view.js';
import { markBudget } from './price-mark.js';
import {
  addMonthsToDate,
  clampToMonths,
  type DayReason,
  inRange,
  keyTarget,
  monthGrid,
  monthShowing,
  type NightLookup,
  type NightResult,
  pickingCheckOut,
  selectDate,
  visibleMonths,
  weekdayNames,
} from './month-grid.js';

/** An SVG arrow: unlike ‹ › characters it is not mirrored by bidi, so CSS alone flips it in RTL. */
function chevron(path: string): TemplateResult {
  return html`<svg class="chevron" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path d=${path} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>`;
}

const INTERNAL = new Set<PropertyKey>(['_focusDate', '_preview', '_announcement']);

/** The most recent cell measure on the page (see `#markBudget`). */
let lastMarkBudget = DEFAULT_MARK_BUDGET;

/**
 * A date-range picker with a price on every night, for choosing a stay.
 *
 * @summary Date-range calendar with nightly prices, keyboard and screen-reader friendly.
 *
 * @csspart calendar - The whole calendar.
 * @csspart month - One month (caption and grid).
 * @csspart day - A day button.
 * @csspart nav-button - The previous and next month buttons.
 * @csspart status - The line under the months: prompt, previewed range or why not.
 * @csspart price-note - What the prices are: per night, from the lowest available room.
 * @csspart clear-button - The "Clear dates" button.
 * @csspart legend - The line "Price shown after you choose dates", when the nights on screen have no prices.
 *
 * @cssproperty --staymod-accent - Selection and focus colour (#0f766e).
 * @cssproperty --staymod-accent-contrast - Text on the accent (#fff).
 * @cssproperty --staymod-surface - Background (#fff).
 * @cssproperty --staymod-text - Text colour (#1f2937).
 * @cssproperty --staymod-muted - Prices, disabled days (#6b7280).
 * @cssproperty --staymod-border - Lines and loading shimmer (#e5e7eb).
 * @cssproperty --staymod-radius - Corner radius (10px).
 * @cssproperty --staymod-font - Font family (inherit).
 * @cssproperty --staymod-spacing - Base spacing (1rem).
 * @cssproperty --staymod-danger - Sold-out marks (#b91c1c).
 *
 * @event staymod-calendar-select - `{ checkIn, checkOut }`: a date was picked (check-out `null` after the first click) or the dates were cleared.
 * @event staymod-calendar-month - `{ month, months, visible }`: the guest paged to other months.
 */
export class StaymodCalendar extends LitElement {
  static override styles = calendarStyles;

  /** First visible month, `YYYY-MM`. Defaults to the check-in's month, else today's. */
  @property({ type: String }) month: MonthKey | undefined;
  /** Months side by side: 1 or 2 (2 stack below 480px of width). */
  @property({ type: Number }) months = 1;
  /** The guest's today, `YYYY-MM-DD`: earlier dates are disabled. Set it; defaults to the browser's date. */
  @property({ type: String }) today: DateKey | undefined;
  @property({ type: String, attribute: 'check-in' }) checkIn: DateKey | null = null;
  @property({ type: String, attribute: 'check-out' }) checkOut: DateKey | null = null;
  @property({ type: Number, attribute: 'min-nights' }) minNights = 1;
  @property({ type: Number, attribute: 'max-nights' }) maxNights = 365;
  /** Price or reason per night: a function (a new identity re-renders) or a Map. Missing nights are "loading". */
  @property({ attribute: false }) night: NightLookup | ReadonlyMap<DateKey, NightResult> | undefined;
  @property({ type: String }) locale = 'en-IN';
  /** ISO 4217 code of the prices. */
  @property({ type: String }) currency = 'INR';
  @property({ attribute: false }) strings: Strings = defaultStrings;
  /** First month the guest may page to; never before today's month. */
  @property({ type: String, attribute: 'min-month' }) minMonth: MonthKey | undefined;
  /** Last month a stay may start in (and page to); while a check-out is picked, the month after it too. */
  @property({ type: String, attribute: 'max-month' }) maxMonth: MonthKey | undefined;
  /**
   * The lowest total (minor units) of rooms that fit the party for a stay, or `null` when none
   * does: shown with the chosen or previewed range. A new identity re-renders.
   */
  @property({ attribute: false }) stayFrom: StayFrom | undefined;

  @state() private _focusDate: DateKey | null = null;
  @state() private _preview: DateKey | null = null;
  @state() private _announcement = '';
  /**
   * Characters a day cell fits for its price, measured from the rendered cells. Starts from the
   * last calendar's measure, so a calendar mounted again (the host re-rendering, another widget
   * on the page) renders its prices right the first time.
   */
  #markBudget = lastMarkBudget;

  #view!: View;
  #days = new Map<DateKey, DayEntry>();
  #resize: ResizeObserver | undefined;
  #reported = new Set<string>();
  #previewEnd: DateKey | null = null;
  #shown: { view: View; prices: boolean; perStay: boolean } | undefined;

  /** Logs a bad input once, clearly, and the render carries on with a safe value. */
  #report(message: string): void {
    if (this.#reported.has(message)) return;
    this.#reported.add(message);
    console.error(`<staymod-calendar>: ${message}`);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Prices gone again (another property, another source): nothing the guest did on the old ones carries over.
    if (changed.has('night') && this.night === undefined && changed.get('night') !== undefined) {
      this._focusDate = null;
      this._preview = null;
      this._announcement = '';
    }
    if (!this.#view || this.#view.markBudget !== this.#markBudget || [...changed.keys()].some((key) => !INTERNAL.has(key))) {
      this.#view = resolveView(this, (message) => this.#report(message), this.#markBudget, this.#view);
      // Keep the property truthful after defaulting or clamping.
      this.month = this.#view.month;
    }
  }

  // ---- Text -------------------------------------------------------------------

  #day(date: DateKey): DayView {
    return cachedDay(this.#days, this.#view, date);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'undefined') return;
    this.#resize ??= new ResizeObserver(() => this.#measure());
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
  }

  /** How many characters of price a day cell fits now (full amounts where they fit). */
  #measure(): void {
    const cell = this.renderRoot.querySelector<HTMLElement>('.cell');
    const mark = cell?.querySelector<HTMLElement>('.mark');
    if (!cell || !mark) return;
    const budget = markBudget(cell.getBoundingClientRect().width, parseFloat(getComputedStyle(mark).fontSize));
    if (!budget) return;
    lastMarkBudget = budget;
    if (budget === this.#markBudget) return;
    this.#markBudget = budget;
    // Only prices depend on it: a calendar still loading need not render again.
    if (this.#view && [...this.#days.values()].some((entry) => entry.day.kind === 'price')) this.requestUpdate();
  }

  #reasonText(reason: DayReason): string {
    return reasonText(this.#view, reason);
  }

  #short(date: DateKey): string {
    return shortDate(this.#view, date);
  }

  #rangeText(checkIn: DateKey, checkOut: DateKey): string {
    const range = rangeText(this.#view, checkIn, checkOut);
    const total = this.#stayFromText(checkIn, checkOut);
    return total ? `${range}. ${total}` : range;
  }

  /** "Rooms for 2 guests from ₹13,680", or '' when no total is known. */
  #stayFromText(checkIn: DateKey, checkOut: DateKey): string {
    const { strings, currency, locale } = this.#view;
    let minor: number | null = null;
    try {
      minor = this.stayFrom?.(checkIn, checkOut) ?? null;
    } catch (error) {
      this.#report(`stayFrom(${checkIn}, ${checkOut}) threw: ${error instanceof Error ? error.message : String(error)}; no total shown.`);
    }
    if (minor === null || !Number.isFinite(minor) || minor < 0) return '';
    return fill(strings.stayFrom, { price: formatMinor(minor, currency, locale) });
  }

  /** The hovered or focused check-out, when it would make a valid stay. */
  #previewTarget(): DateKey | null {
    const { checkIn, checkOut } = this.#view;
    const preview = this._preview;
    if (!checkIn || checkOut || !preview || preview <= checkIn) return null;
    return this.#day(preview).state.checkOut ? preview : null;
  }

  /**
   * What the visible nights show, worked out once per view (a hover re-renders without a new one):
   * some price (the note on prices applies), some free night priced per stay (say when its price comes).
   */
  #showing(months: readonly MonthKey[]): { prices: boolean; perStay: boolean } {
    const view = this.#view;
    if (this.#shown?.view === view) return this.#shown;
    let prices = false;
    let perStay = false;
    for (const month of months) {
      for (const week of monthGrid(month, view.weekStart)) {
        for (const date of week) {
          if (date === null) continue;
          const day = this.#day(date);
          if (day.kind !== 'price') continue;
          // A priced night always has a mark; a night priced per stay is bookable without one.
          if (day.mark) prices = true;
          else perStay = true;
        }
      }
    }
    this.#shown = { view, prices, perStay };
    return this.#shown;
  }

  #statusText(): TemplateResult | string {
    const { checkIn, checkOut, strings } = this.#view;
    if (checkIn && checkOut) return this.#rangeText(checkIn, checkOut);
    if (!checkIn) return strings.checkInPrompt;
    const preview = this._preview;
    if (preview && preview > checkIn) {
      const { state } = this.#day(preview);
      if (state.checkOut) return this.#rangeText(checkIn, preview);
      if (state.reason) return html`<span class="why">${this.#reasonText(state.reason)}</span>`;
    }
    return html`<span>${fill(strings.selectedCheckIn, { date: this.#short(checkIn) })}</span>
      <span>${strings.checkOutPrompt}</span>`;
  }

  // ---- Focus and navigation --------------------------------------------------------

  #visible(): MonthKey[] {
    return visibleMonths(this.#view.month, this.#view.months);
  }

  #isVisible(date: DateKey | null): date is DateKey {
    return date !== null && this.#visible().includes(monthOf(date));
  }

  /** The one day in the tab order (roving tabindex). */
  #tabbableDate(): DateKey {
    const { checkIn, today, month } = this.#view;
    for (const candidate of [this._focusDate, checkIn, today]) if (this.#isVisible(candidate)) return candidate;
    return firstOfMonth(month);
  }

  #isRtl(): boolean {
    return getComputedStyle(this).direction === 'rtl';
  }

  #setMonth(month: MonthKey): void {
    const { minMonth, maxMonth, months } = this.#view;
    const next = clampMonth(month, minMonth, maxMonth, months);
    if (next === this.#view.month) return;
    // The event first: a parent that answers with new nights updates before this element does, so
    // the new month renders once, with them (not once with the old nights and again with the new).
    this.dispatchEvent(new StaymodCalendarMonthEvent({ month: next, months, visible: visibleMonths(next, months) }));
    this.month = next;
  }

  #page(delta: number): void {
    const { month, minMonth, maxMonth, months } = this.#view;
    const target = clampMonth(addMonths(month, delta), minMonth, maxMonth, months);
    if (target === month) return;
    this.#setMonth(target);
    if (this._focusDate) this._focusDate = addMonthsToDate(this._focusDate, delta);
  }

  /** Focuses the day in the tab order, once rendered (the dates were cleared or a new stay starts). */
  async focusActiveDay(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button[data-date][tabindex="0"]')?.focus();
  }

  async #moveFocus(target: DateKey): Promise<void> {
    const { minMonth, maxMonth, month, months } = this.#view;
    const date = clampToMonths(target, minMonth, maxMonth);
    this.#setMonth(monthShowing(date, month, months));
    this._focusDate = date;
    await this.updateComplete;
    this.#button(date)?.focus();
  }

  #button(date: DateKey): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
  }

  #dateOf(event: Event): DateKey | undefined {
    const target = event.composedPath()[0];
    const button = target instanceof Element ? target.closest<HTMLElement>('button[data-date]') : null;
    return button?.dataset.date;
  }

  // ---- Events ------------------------------------------------------------------

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const date = this.#dateOf(event);
    if (!date) return;
    const target = keyTarget(date, event.key, { shiftKey: event.shiftKey, rtl: this.#isRtl(), weekStartsOn: this.#view.weekStart });
    if (!target) return;
    event.preventDefault();
    void this.#moveFocus(target);
  };

  #onClick = (event: MouseEvent): void => {
    const date = this.#dateOf(event);
    if (!date) return;
    const { ctx, strings } = this.#view;
    this._focusDate = date;
    const next = selectDate(date, ctx);
    if (!next) {
      const { reason } = this.#day(date).state;
      this.#say(reason ? this.#reasonText(reason) : '');
      return;
    }
    this.checkIn = next.checkIn;
    this.checkOut = next.checkOut;
    this._preview = next.checkOut ? null : date;
    this.#say(
      next.checkOut ? this.#rangeText(next.checkIn, next.checkOut) : `${fill(strings.selectedCheckIn, { date: this.#short(next.checkIn) })}. ${strings.checkOutPrompt}`,
    );
    this.dispatchEvent(new StaymodCalendarSelectEvent(next));
  };

  /** Into the live region. The same words again (a second refused click) differ by a no-break space: unchanged text is never read out. */
  #say(text: string): void {
    this._announcement = text && text === this._announcement ? `${text}\u00a0` : text;
  }

  #onPreview = (event: Event): void => {
    const date = this.#dateOf(event);
    if (event.type === 'focusin' && date) this._focusDate = date;
    // Only a pending check-out has something to preview: keep renders away otherwise.
    if (date && pickingCheckOut(this.#view) && date !== this._preview) this._preview = date;
  };

  #onLeave = (): void => {
    const focused = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const date = focused instanceof HTMLElement ? focused.dataset.date : undefined;
    this._preview = date ?? null;
  };

  #clear = (): void => {
    this.checkIn = null;
    this.checkOut = null;
    this._preview = null;
    this.#say(this.#view.strings.checkInPrompt);
    this.dispatchEvent(new StaymodCalendarSelectEvent({ checkIn: null, checkOut: null }));
    // The button goes with the dates: focus would fall to the page's body.
    void this.focusActiveDay();
  };

  // ---- Render ------------------------------------------------------------------

  protected override render(): TemplateResult {
    const view = this.#view;
    const months = this.#visible();
    const last = months[months.length - 1]!;
    const prevDisabled = view.month <= view.minMonth;
    const nextDisabled = view.maxMonth !== undefined && last >= view.maxMonth;
    const tabbable = this.#tabbableDate();
    this.#previewEnd = this.#previewTarget();
    const headers = weekdayNames(view.locale, view.weekStart);
    const prev = html`<button
      part="nav-button"
      class="nav prev"
      aria-label=${view.strings.previousMonth}
      aria-disabled=${prevDisabled}
      @click=${() => !prevDisabled && this.#page(-1)}
    >
      ${chevron('M10 3 5 8l5 5')}
    </button>`;
    const next = html`<button
      part="nav-button"
      class="nav next"
      aria-label=${view.strings.nextMonth}
      aria-disabled=${nextDisabled}
      @click=${() => !nextDisabled && this.#page(1)}
    >
      ${chevron('M6 3l5 5-5 5')}
    </button>`;
    // The price note keeps its place while no price shows: nothing moves when prices arrive.
    return html`<div part="calendar" class="calendar" role="group" aria-label=${view.strings.calendarLabel}>
      <div
        class="months"
        data-months=${months.length}
        @click=${this.#onClick}
        @keydown=${this.#onKeydown}
        @pointerover=${this.#onPreview}
        @focusin=${this.#onPreview}
        @pointerleave=${this.#onLeave}
      >
        ${months.map((month, index) => this.#renderMonth(month, headers, tabbable, index === 0 ? prev : nothing, index === months.length - 1 ? next : nothing))}
      </div>
      <p part="price-note" class="price-note" ?data-idle=${!this.#showing(months).prices}>${view.strings.pricesNote}</p>
      <div class="footer">
        <p part="status" class="status">${this.#statusText()}</p>
        ${this.#showing(months).perStay ? html`<p part="legend" class="legend">${view.strings.priceAfterDates}</p>` : nothing}
        ${view.checkIn
          ? html`<button part="clear-button" class="clear" @click=${this.#clear}>${view.strings.clearDates}</button>`
          : nothing}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
    </div>`;
  }

  #renderMonth(
    month: MonthKey,
    headers: Array<{ short: string; long: string }>,
    tabbable: DateKey,
    prev: TemplateResult | typeof nothing,
    next: TemplateResult | typeof nothing,
  ): TemplateResult {
    const view = this.#view;
    const captionId = `caption-${month}`;
    return html`<div part="month" class="month" data-month=${month}>
      <div class="caption">
        ${prev}
        <span class="title" id=${captionId}>${view.format.monthTitle.format(toLocalNoon(firstOfMonth(month)))}</span>
        ${next}
      </div>
      <div role="grid" class="grid" aria-labelledby=${captionId}>
        <div role="row" class="week">
          ${headers.map((h) => html`<div role="columnheader" class="weekday">
              <span aria-hidden="true">${h.short}</span><span class="visually-hidden">${h.long}</span>
            </div>`)}
        </div>
        ${monthGrid(month, view.weekStart).map(
          (week) => html`<div role="row" class="week">${week.map((date) => (date ? this.#renderDay(date, tabbable) : html`<div role="gridcell" class="empty"></div>`))}</div>`,
        )}
      </div>
    </div>`;
  }

  #renderDay(date: DateKey, tabbable: DateKey): TemplateResult {
    const { checkIn, checkOut, today } = this.#view;
    const day = this.#day(date);
    const selected = date === checkIn || date === checkOut || inRange(date, checkIn, checkOut);
    const previewing = this.#previewEnd !== null && checkIn !== null && date > checkIn && date <= this.#previewEnd;
    const classes = [
      'day',
      day.kind,
      date === checkIn || date === checkOut ? 'edge' : '',
      previewing ? 'preview' : '',
      date === today ? 'today' : '',
    ].join(' ');
    const ends = date === checkIn ? (date === checkOut ? 'start end' : 'start') : date === checkOut ? 'end' : '';
    // The mark sits outside the button: its visible text stays part of its accessible name (WCAG 2.5.3).
    return html`<div role="gridcell" class="cell ${ends}" aria-selected=${selected}>
      <button
        part="day"
        class=${classes}
        data-date=${date}
        tabindex=${date === tabbable ? 0 : -1}
        aria-label=${day.label}
        aria-disabled=${day.disabled}
        aria-pressed=${selected}
        aria-current=${date === today ? 'date' : nothing}
      >
        <span class="number">${day.number}</span>
      </button>
      <span class="mark" aria-hidden="true">${day.kind === 'unknown' ? html`<span class="shimmer"></span>` : day.mark}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staymod-calendar': StaymodCalendar;
  }
}
