import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../shared/decorators.js';
import type { WireBooking } from '../../contract/schemas.js';
import { formatDateKey, isDateKey, nightsBetween } from '../../domain/dates.js';
import type { Room } from '../../domain/model.js';
import { formatMinor } from '../../domain/money.js';
import { numberFormat } from '../../i18n/intl.js';
import { defaultStrings, displayName, fill, plural, type Strings } from '../../i18n/strings.js';
// The checkout's English texts join the table with this module.
import '../../i18n/checkout-strings.js';
import { baseStyles } from '../shared/panel.styles.js';
import { reportFor, resolveContext, type Context } from '../../i18n/context.js';
import { StaymodBookAnotherEvent } from './confirmation.events.js';
import { confirmationStyles } from './confirmation.styles.js';

const DATE_FORMAT: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };

/**
 * The stay's calendar date from a booking's `checkIn`/`checkOut`: the date part as
 * written, never through `new Date` (which would move it to the browser's zone).
 */
export function bookingDate(value: string | undefined): string | undefined {
  const key = (value ?? '').slice(0, 10);
  return isDateKey(key) ? key : undefined;
}

/**
 * @summary The booking request's receipt: reference, dates, rooms, guests, total.
 *
 * The heading takes focus when a booking is shown, so screen readers land on it.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The success heading (focusable with tabindex -1).
 * @csspart details - The list of booking facts.
 * @csspart reference - The booking reference.
 * @csspart copy - The copy-reference button.
 * @csspart note - The "property will confirm" note.
 * @csspart book-another - The Make another booking button.
 *
 * @cssproperty --staymod-accent - Buttons and focus ring (#0f766e).
 * @cssproperty --staymod-accent-contrast - Text on the accent (#fff).
 * @cssproperty --staymod-surface - Background (#fff).
 * @cssproperty --staymod-text - Text (#1f2937).
 * @cssproperty --staymod-muted - Labels (#6b7280).
 * @cssproperty --staymod-border - Borders (#e5e7eb).
 * @cssproperty --staymod-radius - Corner radius (10px).
 * @cssproperty --staymod-font - Font family (inherit).
 * @cssproperty --staymod-spacing - Base spacing (1rem).
 * @cssproperty --staymod-danger - Copy failure note (#b91c1c).
 * @cssproperty --staymod-success - The success mark (#15803d).
 *
 * @event staymod-book-another - The guest pressed Make another booking.
 */
export class StaymodConfirmation extends LitElement {
  static override styles = [baseStyles, confirmationStyles];

  @property({ attribute: false }) booking: WireBooking | undefined = undefined;
  /** The property's rooms, for names. */
  @property({ attribute: false }) rooms: Room[] = [];
  /** Total in minor units of `currency`, or `null` when not known. */
  @property({ attribute: false }) totalMinor: number | null = null;
  /** Used when the booking does not echo `numberOfGuests`. */
  @property({ type: Number }) guests: number | undefined = undefined;
  @property({ type: String }) locale = 'en-IN';
  @property({ type: String }) currency = 'INR';
  @property({ attribute: false }) strings: Strings = defaultStrings;
  @state() private _copyStatus: { ok: boolean; text: string } | undefined = undefined;

  /** Locale, currency and strings as resolved in one place (src/i18n/context.ts). */
  #ctx!: Context;
  #focusedFor: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings') || changed.has('locale') || changed.has('currency')) {
      this.#ctx = resolveContext(this.locale, this.currency, this.strings, reportFor(this.localName));
    }
    if (changed.has('booking')) this._copyStatus = undefined;
  }

  protected override updated(): void {
    // Focus the heading once per booking shown, not on every re-render.
    const id = this.booking?._id;
    if (id !== undefined && id !== this.#focusedFor) {
      this.#focusedFor = id;
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  async #copy(): Promise<void> {
    const reference = this.booking?._id ?? '';
    const t = this.#ctx.strings;
    let copied = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(reference);
        copied = true;
      }
    } catch {
      // Permission denied or an insecure context: try the old way below.
    }
    if (!copied) copied = this.#legacyCopy(reference);
    if (!copied) {
      // Leave the reference selected so the guest can copy it by hand.
      const ref = this.renderRoot.querySelector('[part=reference]');
      if (ref) getSelection()?.selectAllChildren(ref);
    }
    this._copyStatus = { ok: copied, text: copied ? t.copied : t.copyFailed };
  }

  #legacyCopy(text: string): boolean {
    const button = this.renderRoot.querySelector<HTMLElement>('[part=copy]');
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    this.renderRoot.appendChild(area);
    try {
      area.select();
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
      button?.focus();
    }
  }

  #dates(booking: WireBooking): string {
    const checkIn = bookingDate(booking.checkIn);
    const checkOut = bookingDate(booking.checkOut);
    // An unreadable date is shown as sent rather than guessed at.
    if (!checkIn || !checkOut) return `${booking.checkIn} – ${booking.checkOut}`;
    const nights = nightsBetween(checkIn, checkOut);
    return fill(this.#ctx.strings.rangeSelected, {
      checkIn: formatDateKey(checkIn, this.#ctx.locale, DATE_FORMAT),
      checkOut: formatDateKey(checkOut, this.#ctx.locale, DATE_FORMAT),
      nights: plural(this.#ctx.strings, 'nights', Math.max(0, nights), this.#ctx.locale),
    });
  }

  protected override render(): TemplateResult | typeof nothing {
    const booking = this.booking;
    if (!booking) return nothing;
    const t = this.#ctx.strings;
    const number = numberFormat(this.#ctx.locale);
    const rooms = Object.entries(booking.rooms ?? {}).filter(([, r]) => r.quantity > 0);
    const guests = booking.numberOfGuests ?? this.guests;
    const extras = booking.selectedOptions ?? [];
    return html`
      <section part="base" aria-labelledby="heading">
        <div class="mark" aria-hidden="true">✓</div>
        <h2 id="heading" part="heading" tabindex="-1">${t.confirmedHeading}</h2>
        <dl part="details">
          <div>
            <dt>${t.reference}</dt>
            <dd class="reference-row">
              <code class="reference text" part="reference">${booking._id}</code>
              <button type="button" class="button" part="copy" @click=${this.#copy}>${t.copyReference}</button>
            </dd>
          </div>
          <div>
            <dt>${t.dates}</dt>
            <dd class="text">${this.#dates(booking)}</dd>
          </div>
          ${rooms.length
            ? html`<div>
                <dt>${t.rooms}</dt>
                <dd>
                  <ul role="list">
                    ${rooms.map(
                      ([id, r]) =>
                        html`<li class="text clamp" dir="auto">
                          ${fill(t.roomLine, { quantity: number.format(r.quantity), name: displayName(this.rooms?.find((room) => room.id === id)?.name ?? '', displayName(r.roomType, t.unnamedRoom)) })}
                        </li>`,
                    )}
                  </ul>
                </dd>
              </div>`
            : nothing}
          ${typeof guests === 'number' && guests > 0
            ? html`<div>
                <dt>${t.guests}</dt>
                <dd>${number.format(guests)}</dd>
              </div>`
            : nothing}
          ${extras.length
            ? html`<div>
                <dt>${t.extrasHeading}</dt>
                <dd class="text clamp" dir="auto">${extras.map((o) => displayName(o.name, t.unnamedExtra)).join(', ')}</dd>
              </div>`
            : nothing}
          ${typeof this.totalMinor === 'number' && Number.isFinite(this.totalMinor)
            ? html`<div class="total">
                <dt>${t.total}</dt>
                <dd>${formatMinor(this.totalMinor, this.#ctx.currency, this.#ctx.locale)}</dd>
              </div>`
            : nothing}
        </dl>
        <p class="copy-status ${this._copyStatus?.ok === false ? 'failed' : ''}" role="status">${this._copyStatus?.text ?? ''}</p>
        <p class="note" part="note">${t.pendingNote}</p>
        <button type="button" class="button primary" part="book-another" @click=${() => this.dispatchEvent(new StaymodBookAnotherEvent())}>
          ${t.bookAnother}
        </button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staymod-confirmation': StaymodConfirmation;
  }
}
