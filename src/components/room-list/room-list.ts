import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../shared/decorators.js';
import { addDays, formatDateKey } from '../../domain/dates.js';
import type { BookingOption, Room } from '../../domain/model.js';
import { safeImageUrl } from '../../domain/rooms.js';
import { formatMinor, toMinor } from '../../domain/money.js';
import { knownTotal, optionQuantity, optionTotalMinor, stayTotal, type RoomQuote } from '../../domain/pricing.js';
import { defaultStrings, displayName, fill, plural, type StringKey, type Strings } from '../../i18n/strings.js';
// The checkout's English texts join the table with this module.
import '../../i18n/checkout-strings.js';
import { baseStyles } from '../shared/panel.styles.js';
import { reportFor, resolveContext, type Context } from '../../i18n/context.js';
import { StaymodChangeDatesEvent, StaymodRoomsContinueEvent, StaymodSelectionChangeEvent, type StaymodSelectionDetail } from './room-list.events.js';
import { roomListStyles } from './room-list.styles.js';
import { isBookable, MAX_GUESTS, MIN_GUESTS, normalizeSelection } from './selection.js';
import { capacity, clampGuests, normalizeOptions, totalRooms } from './party.js';

/** "Only n left" shows at or below this many units. */
export const FEW_UNITS = 3;
/** Chips shown before the rest fold into "+n more". */
const CHIPS_SHOWN = 8;
/** Descriptions longer than this get a Read more toggle (they are clamped by CSS). */
const LONG_DESCRIPTION = 220;

const OPTION_UNIT: Record<`${BookingOption['appliesTo']}-${BookingOption['frequency']}`, StringKey> = {
  'user-day': 'perGuestPerNight',
  'user-booking': 'perGuestPerStay',
  'room-day': 'perRoomPerNight',
  'room-booking': 'perRoomPerStay',
};

interface StepperConfig {
  label: string;
  value: number;
  min: number;
  max: number;
  decrementLabel: string;
  incrementLabel: string;
  onChange: (value: number) => void;
}

/**
 * @summary The rooms bookable for the chosen stay, with quantities, guests, extras and the total.
 *
 * Presentational: the parent passes rooms, quotes and the current choice; every
 * change is applied locally at once and reported with `staymod-selection-change`.
 *
 * @csspart base - The wrapping section.
 * @csspart header - Heading, stay summary and the Change dates button.
 * @csspart change-dates - The Change dates button.
 * @csspart guests - The guests stepper row.
 * @csspart stepper - Each stepper (guests and room quantities).
 * @csspart room - Each room card (also `room unavailable` for rooms that cannot be booked).
 * @csspart image - A room's photo.
 * @csspart breakdown - A room's per-night price `<details>`.
 * @csspart extras - The extras fieldset.
 * @csspart empty - The message shown when no room can be booked.
 * @csspart summary - The footer with the total and Continue.
 * @csspart total - The total amount.
 * @csspart reason - Why Continue is disabled (also the capacity message).
 * @csspart continue - The Continue button.
 *
 * @cssproperty --staymod-accent - Buttons, focus ring and links (#0f766e).
 * @cssproperty --staymod-accent-contrast - Text on the accent (#fff).
 * @cssproperty --staymod-surface - Card background (#fff).
 * @cssproperty --staymod-text - Text (#1f2937).
 * @cssproperty --staymod-muted - Secondary text (#6b7280).
 * @cssproperty --staymod-border - Borders (#e5e7eb).
 * @cssproperty --staymod-radius - Corner radius (10px).
 * @cssproperty --staymod-font - Font family (inherit).
 * @cssproperty --staymod-spacing - Base spacing (1rem).
 * @cssproperty --staymod-danger - Capacity and blocking messages (#b91c1c).
 * @cssproperty --staymod-success - Reserved for positive notes (#15803d).
 *
 * @event staymod-selection-change - `{ selection, guests, selectedOptions }` on every change.
 * @event staymod-rooms-continue - Continue was pressed with a valid choice; same detail.
 * @event staymod-change-dates - The guest asked to change the dates.
 */
export class StaymodRoomList extends LitElement {
  static override styles = [baseStyles, roomListStyles];

  @property({ attribute: false }) rooms: Room[] = [];
  /** `quoteRoom` result per room id for the chosen stay. */
  @property({ attribute: false }) quotes: Record<string, RoomQuote> = {};
  @property({ type: Number }) nights = 0;
  /** Quantity per room id. */
  @property({ attribute: false }) selection: Record<string, number> = {};
  @property({ type: Number }) guests = 1;
  @property({ attribute: false }) options: BookingOption[] = [];
  @property({ attribute: false }) selectedOptions: string[] = [];
  @property({ type: String }) locale = 'en-IN';
  @property({ type: String }) currency = 'INR';
  @property({ attribute: false }) strings: Strings = defaultStrings;
  @state() private _photo: Record<string, number> = {};
  @state() private _expanded: ReadonlySet<string> = new Set();
  /** Continue was pressed while blocked: from then on the reason shows (none on arrival). */
  @state() private _tried = false;

  // Resolved once per update: merged strings and a locale/currency Intl accepts.
  /** Locale, currency and strings as resolved in one place (src/i18n/context.ts). */
  #ctx!: Context;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings') || changed.has('locale') || changed.has('currency')) {
      this.#ctx = resolveContext(this.locale, this.currency, this.strings, reportFor(this.localName));
    }
  }

  #barSize?: ResizeObserver;

  // The bar's height, for the scroll margin that keeps focused controls above it (see the styles).
  protected override firstUpdated(): void {
    const section = this.renderRoot.querySelector<HTMLElement>('section');
    const bar = this.renderRoot.querySelector<HTMLElement>('.summary');
    if (!section || !bar || typeof ResizeObserver === 'undefined') return;
    this.#barSize = new ResizeObserver(() => section.style.setProperty('--_bar-block', `${Math.ceil(bar.getBoundingClientRect().height)}px`));
    this.#barSize.observe(bar);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#barSize?.disconnect();
    this.#barSize = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.#barSize) this.firstUpdated();
  }

  /** Focuses Continue, once rendered (the guest came Back from the form). */
  async focusContinue(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="continue"]')?.focus();
  }

  /** Focuses Change dates, once rendered (the chosen night sold out). */
  async focusChangeDates(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="change-dates"]')?.focus();
  }

  /** The choice as it can really be booked: what events report and totals use. */
  get detail(): StaymodSelectionDetail {
    return {
      selection: normalizeSelection(this.rooms ?? [], this.quotes ?? {}, this.selection ?? {}),
      guests: clampGuests(this.guests),
      selectedOptions: normalizeOptions(this.options ?? [], this.selectedOptions ?? []),
    };
  }

  #emitChange(): void {
    this.dispatchEvent(new StaymodSelectionChangeEvent(this.detail));
  }

  #setQuantity(roomId: string, quantity: number): void {
    const next = { ...this.selection, [roomId]: quantity };
    if (quantity <= 0) delete next[roomId];
    this.selection = next;
    this.#emitChange();
  }

  #setGuests(guests: number): void {
    this.guests = guests;
    this.#emitChange();
  }

  #toggleOption(id: string, on: boolean): void {
    const rest = (this.selectedOptions ?? []).filter((o) => o !== id);
    this.selectedOptions = on ? [...rest, id] : rest;
    this.#emitChange();
  }

  #continue(): void {
    if (this.#blocker(this.detail)) {
      this._tried = true;
      return;
    }
    this.dispatchEvent(new StaymodRoomsContinueEvent(this.detail));
  }

  /** Why Continue cannot be pressed, or `undefined` when it can. */
  #blocker(detail: StaymodSelectionDetail): string | undefined {
    if (totalRooms(detail.selection) === 0) return this.#ctx.strings.noRoomsSelected;
    const sleeps = capacity(this.rooms, detail.selection);
    if (detail.guests > sleeps) return fill(this.#ctx.strings.tooManyGuests, { count: this.#number(sleeps) });
    return undefined;
  }

  #number(n: number): string {
    return this.#ctx.number(n);
  }

  #money(minor: number): string {
    return formatMinor(minor, this.#ctx.currency, this.#ctx.locale);
  }

  #date(key: string, long = false): string {
    return formatDateKey(key, this.#ctx.locale, long ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : { weekday: 'short', day: 'numeric', month: 'short' });
  }

  protected override render(): TemplateResult {
    const t = this.#ctx.strings;
    const detail = this.detail;
    const rooms = this.rooms ?? [];
    const bookable = rooms.filter((r) => isBookable(this.quotes?.[r.id]));
    const unbookable = rooms.filter((r) => !isBookable(this.quotes?.[r.id]));
    const roomCount = totalRooms(detail.selection);
    const nights = Math.max(0, this.nights || 0);
    const totals = stayTotal(
      bookable.filter((r) => detail.selection[r.id]).map((r) => ({ quote: this.quotes[r.id]!, quantity: detail.selection[r.id]! })),
      (this.options ?? [])
        .filter((o) => detail.selectedOptions.includes(o.id))
        .map((option) => ({ option, quantity: optionQuantity(option, detail.guests, roomCount) })),
      nights,
      this.#ctx.currency,
    );
    const blocker = this.#blocker(detail);
    const shown = this._tried ? blocker : undefined;

    // Continue is aria-disabled, not disabled: pressing it is how the guest learns why.
    return html`
      <section part="base" aria-labelledby="heading">
        <header part="header" class="header">
          <div>
            <h2 id="heading">${t.roomsHeading}</h2>
            <p class="stay">${this.#stayText(nights)}</p>
          </div>
          <button type="button" class="link" part="change-dates" @click=${() => this.dispatchEvent(new StaymodChangeDatesEvent())}>
            ${t.changeDates}
          </button>
        </header>

        <div class="guests" part="guests">
          <span id="guests-label" class="label">${t.guestsLabel}</span>
          ${this.#stepper({
            label: t.guestsLabel,
            value: detail.guests,
            min: MIN_GUESTS,
            max: MAX_GUESTS,
            decrementLabel: t.removeGuest,
            incrementLabel: t.addGuest,
            onChange: (n) => this.#setGuests(n),
          })}
        </div>

        ${bookable.length
          ? html`<ul class="rooms" role="list">
              ${bookable.map((room, i) => html`<li>${this.#room(room, i, detail)}</li>`)}
            </ul>`
          : html`<p class="empty" part="empty">${t.noRoomsAvailable}</p>`}
        ${unbookable.length
          ? html`<ul class="rooms" role="list">
              ${unbookable.map((room, i) => html`<li>${this.#room(room, bookable.length + i, detail)}</li>`)}
            </ul>`
          : nothing}
        ${this.#extras(detail, roomCount, nights)}

        <footer class="summary" part="summary">
          <p class="total-line">
            <span>${nights ? fill(t.stayTotal, { nights: plural(t, 'nights', nights, this.#ctx.locale) }) : t.total}</span>
            <strong class="total" part="total">${totals.totalMinor !== null ? this.#money(totals.totalMinor) : bookable.some((r) => this.quotes?.[r.id]?.quoting) ? t.gettingPrice : bookable.some((r) => this.quotes?.[r.id]?.perStay) ? t.pricePerStay : t.priceUnavailable}</strong>
          </p>
          <p id="reason" class="reason" part="reason" role="status">${shown ?? ''}</p>
          <button
            type="button"
            class="button primary"
            part="continue"
            aria-disabled=${blocker ? 'true' : 'false'}
            aria-describedby=${shown ? 'reason' : nothing}
            @click=${this.#continue}
          >
            ${t.continue}
          </button>
        </footer>
      </section>
    `;
  }

  /** "Mon, 4 May to Wed, 6 May, 2 nights", read from the quotes' nights. */
  #stayText(nights: number): string {
    if (!nights) return '';
    const t = this.#ctx.strings;
    const count = plural(t, 'nights', nights, this.#ctx.locale);
    const dates = Object.values(this.quotes ?? {}).find((q) => q.nights.length)?.nights;
    if (!dates?.length) return count;
    const checkOut = addDays(dates[dates.length - 1]!.date, 1);
    return fill(t.rangeSelected, { checkIn: this.#date(dates[0]!.date), checkOut: this.#date(checkOut), nights: count });
  }

  #stepper(c: StepperConfig): TemplateResult {
    const atMin = c.value <= c.min;
    const atMax = c.value >= c.max;
    // aria-disabled (not disabled) at a bound, so keyboard focus stays on the button.
    return html`
      <div class="stepper" part="stepper" role="group" aria-label=${c.label}>
        <button
          type="button"
          class="button step"
          aria-label=${c.decrementLabel}
          aria-disabled=${atMin ? 'true' : 'false'}
          @click=${() => !atMin && c.onChange(c.value - 1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <output aria-live="polite">${this.#number(c.value)}</output>
        <button
          type="button"
          class="button step"
          aria-label=${c.incrementLabel}
          aria-disabled=${atMax ? 'true' : 'false'}
          @click=${() => !atMax && c.onChange(c.value + 1)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    `;
  }

  #room(room: Room, index: number, detail: StaymodSelectionDetail): TemplateResult {
    const t = this.#ctx.strings;
    const quote = this.quotes?.[room.id];
    const bookable = isBookable(quote);
    const nameId = `room-${index}-name`;
    const beds = room.bedCount > 0 ? plural(t, 'beds', room.bedCount, this.#ctx.locale) : '';
    const bedText = beds && room.bedSize ? fill(t.bedsWithSize, { beds, size: room.bedSize }) : beds || room.bedSize || '';
    const quantity = detail.selection[room.id] ?? 0;
    const name = displayName(room.name, t.unnamedRoom);
    return html`
      <article class="room ${bookable ? '' : 'unavailable'}" part=${bookable ? 'room' : 'room unavailable'} aria-labelledby=${nameId}>
        ${this.#photos(room)}
        <div class="body">
          <h3 id=${nameId} class="name text clamp" dir="auto" title=${name.length > 80 ? name : nothing}>${name}</h3>
          ${room.tagline ? html`<p class="tagline text clamp" dir="auto">${room.tagline}</p>` : nothing}
          <ul class="facts" role="list">
            ${bedText ? html`<li class="text" dir="auto">${bedText}</li>` : nothing}
            <li>
              ${plural(t, 'maxGuests', room.maxGuests, this.#ctx.locale)}${room.capacityAssumed
                ? html` <span class="muted">(${t.capacityAssumed})</span>`
                : nothing}
            </li>
            ${bookable && quote.unitsFree <= FEW_UNITS
              ? html`<li class="few">${plural(t, 'unitsLeft', quote.unitsFree, this.#ctx.locale)}</li>`
              : nothing}
          </ul>
          ${this.#description(room)} ${this.#chips(room)}
          ${bookable ? this.#price(room, quote, quantity) : html`<p class="unavailable-reason">${this.#reason(quote)}</p>`}
        </div>
      </article>
    `;
  }

  #reason(quote: RoomQuote | undefined): string {
    const t = this.#ctx.strings;
    if (quote?.unbookable === 'sold-out' && quote.blockingDate) return fill(t.soldOutOn, { date: this.#date(quote.blockingDate, true) });
    if (quote?.unbookable === 'no-price') return t.noPrice;
    if (quote?.unbookable === 'refused') return t.refusedForStay;
    return t.unavailableForStay;
  }

  #price(room: Room, quote: RoomQuote, quantity: number): TemplateResult {
    const t = this.#ctx.strings;
    const nights = quote.nights.length;
    const name = displayName(room.name, t.unnamedRoom);
    const total = knownTotal(quote);
    const nightly = quote.nights.reduce<number | null>((sum, n) => (sum !== null && n.priceMinor !== null ? sum + n.priceMinor : null), 0);
    return html`
      <p class="price">
        <strong>${total !== null ? this.#money(total) : quote.quoting ? t.gettingPrice : t.pricePerStay}</strong>
        <span class="muted">${fill(t.stayTotal, { nights: plural(t, 'nights', nights, this.#ctx.locale) })}</span>
      </p>
      ${total !== null && nightly !== total
        ? nothing // the system's quote for the stay: its nights (none, or a guide) do not add up to it
        : html`<details class="breakdown" part="breakdown">
        <summary>${t.nightlyBreakdown}</summary>
        <table>
          <tbody>
            ${quote.nights.map(
              (n) => html`<tr>
                <th scope="row">${this.#date(n.date)}</th>
                <td>${n.priceMinor === null ? (quote.perStay ? t.pricePerStay : t.noPrice) : this.#money(n.priceMinor)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </details>`}
      <div class="quantity">
        <span class="label" aria-hidden="true">${t.quantity}</span>
        ${this.#stepper({
          label: fill(t.roomsFor, { name }),
          value: quantity,
          min: 0,
          max: quote.unitsFree,
          decrementLabel: fill(t.removeRoomNamed, { name }),
          incrementLabel: fill(t.addRoomNamed, { name }),
          onChange: (n) => this.#setQuantity(room.id, n),
        })}
      </div>
    `;
  }

  #photos(room: Room): TemplateResult {
    const t = this.#ctx.strings;
    // Room.images is filtered already; checking again costs nothing and keeps any other URL out of src.
    const images = (room.images ?? []).filter((img) => safeImageUrl(img.url) === img.url);
    if (!images.length) return html`<div class="media placeholder" aria-hidden="true"></div>`;
    const index = Math.min(this._photo[room.id] ?? 0, images.length - 1);
    const image = images[index]!;
    const alt = image.tags.length ? image.tags.join(', ') : displayName(room.name, t.unnamedRoom);
    const go = (step: number) => {
      this._photo = { ...this._photo, [room.id]: (index + step + images.length) % images.length };
    };
    return html`
      <figure class="media">
        <img part="image" src=${image.url} alt=${alt} loading="lazy" decoding="async" width="800" height="600" />
        ${images.length > 1
          ? html`<figcaption class="gallery">
              <button type="button" class="button step" aria-label=${t.previousPhoto} @click=${() => go(-1)}>
                <span aria-hidden="true">‹</span>
              </button>
              <span aria-live="polite">${fill(t.photoPosition, { index: this.#number(index + 1), count: this.#number(images.length) })}</span>
              <button type="button" class="button step" aria-label=${t.nextPhoto} @click=${() => go(1)}>
                <span aria-hidden="true">›</span>
              </button>
            </figcaption>`
          : nothing}
      </figure>
    `;
  }

  #description(room: Room): TemplateResult | typeof nothing {
    if (!room.description) return nothing;
    const long = room.description.length > LONG_DESCRIPTION;
    const open = this._expanded.has(room.id);
    const toggle = () => {
      const next = new Set(this._expanded);
      if (open) next.delete(room.id);
      else next.add(room.id);
      this._expanded = next;
    };
    return html`
      <p class="description text ${long && !open ? 'clamp' : ''}" dir="auto">${room.description}</p>
      ${long
        ? html`<button type="button" class="link" aria-expanded=${open ? 'true' : 'false'} @click=${toggle}>
            ${open ? this.#ctx.strings.readLess : this.#ctx.strings.readMore}
          </button>`
        : nothing}
    `;
  }

  #chips(room: Room): TemplateResult | typeof nothing {
    const all = [...(room.tags ?? []), ...(room.amenities ?? [])].filter((c) => c.trim());
    if (!all.length) return nothing;
    const shown = all.slice(0, CHIPS_SHOWN);
    const rest = all.slice(CHIPS_SHOWN);
    const chip = (c: string) => html`<li class="chip text" dir="auto" title=${c.length > 30 ? c : nothing}>${c}</li>`;
    return html`
      <ul class="chips" role="list" aria-label=${this.#ctx.strings.amenities}>
        ${shown.map(chip)}
      </ul>
      ${rest.length
        ? html`<details class="more-chips">
            <summary>${fill(this.#ctx.strings.moreChips, { count: this.#number(rest.length) })}</summary>
            <ul class="chips" role="list" aria-label=${this.#ctx.strings.amenities}>
              ${rest.map(chip)}
            </ul>
          </details>`
        : nothing}
    `;
  }

  #extras(detail: StaymodSelectionDetail, roomCount: number, nights: number): TemplateResult | typeof nothing {
    const options = this.options ?? [];
    if (!options.length) return nothing;
    const t = this.#ctx.strings;
    return html`
      <fieldset class="extras" part="extras">
        <legend>${t.extrasHeading}</legend>
        ${options.map((option, i) => {
          const id = `option-${i}`;
          const checked = detail.selectedOptions.includes(option.id);
          const quantity = optionQuantity(option, detail.guests, roomCount);
          // No rooms chosen yet: a per-room extra has no stay price; the unit price alone says it.
          const total = quantity ? optionTotalMinor(option, quantity, nights, this.#ctx.currency) : null;
          return html`
            <div class="option">
              <input
                id=${id}
                type="checkbox"
                .checked=${checked}
                aria-describedby=${`${id}-price`}
                @change=${(e: Event) => this.#toggleOption(option.id, (e.target as HTMLInputElement).checked)}
              />
              <label for=${id}>
                <span class="option-name text clamp" dir="auto">${displayName(option.name, t.unnamedExtra)}</span>
                ${option.description ? html`<span class="option-description text clamp muted" dir="auto">${option.description}</span>` : nothing}
              </label>
              <span id=${`${id}-price`} class="option-price">
                <span>${this.#money(toMinor(option.pricePerUnit, this.#ctx.currency))} ${t[OPTION_UNIT[`${option.appliesTo}-${option.frequency}`]]}</span>
                ${total === null ? nothing : html`<span class="muted">${fill(t.optionForStay, { price: this.#money(total) })}</span>`}
              </span>
            </div>
          `;
        })}
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staymod-room-list': StaymodRoomList;
  }
}
