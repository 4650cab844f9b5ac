import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from '../shared/decorators.js';
import { live } from 'lit/directives/live.js';
import { defaultStrings, plural, type StringKey, type Strings } from '../../i18n/strings.js';
// The checkout's English texts join the table with this module.
import '../../i18n/checkout-strings.js';
import { baseStyles } from '../shared/panel.styles.js';
import { reportFor, resolveContext, type Context } from '../../i18n/context.js';
import { StaymodGuestBackEvent, StaymodGuestInputEvent, StaymodGuestSubmitEvent } from './guest-form.events.js';
import { guestFormStyles } from './guest-form.styles.js';
import {
  contactMode,
  contactRequired,
  emptyGuestValue,
  fieldError,
  GUEST_FIELDS,
  guestErrorText,
  toGuestFields,
  validateGuest,
  type ContactMode,
  type GuestErrors,
  type GuestField,
  type GuestFormValue,
} from './guest-schema.js';

interface FieldSpec {
  label: StringKey;
  autocomplete: string;
  inputmode?: string;
  type?: string;
  multiline?: boolean;
}

/** Why the form asks for a way to reach the guest, under each contact mode. */
const CONTACT_WHY: Record<ContactMode, StringKey> = {
  email: 'contactWhyEmail',
  phone: 'contactWhyPhone',
  'email-or-phone': 'contactWhyEither',
  'email-and-phone': 'contactWhyBoth',
};

const FIELDS: Record<GuestField, FieldSpec> = {
  guestName: { label: 'guestName', autocomplete: 'name' },
  guestEmail: { label: 'guestEmail', autocomplete: 'email', inputmode: 'email' },
  guestPhone: { label: 'guestPhone', autocomplete: 'tel', inputmode: 'tel', type: 'tel' },
  specialRequests: { label: 'specialRequests', autocomplete: 'off', multiline: true },
};

/**
 * @summary The guest's details: name, e-mail, phone and requests, validated locally, sent up once.
 *
 * The property must be able to reach the guest: `contact` says which of e-mail and
 * phone are required (`email` by default), and the form says which and why.
 *
 * The form never clears or rewrites what the guest typed. A valid submit sets
 * `busy` synchronously (the submit button is disabled in the DOM at once), so a
 * double click or a repeated Enter can never send twice; the parent sets
 * `busy = false` when the attempt is over.
 *
 * @slot summary - Above the fields: the stay summary (falls back to the `summary` text).
 *
 * @csspart form - The form.
 * @csspart heading - The heading.
 * @csspart error-summary - The assertive live region announcing errors after a failed submit.
 * @csspart field - Each label + control + error group.
 * @csspart error - Each field's error text.
 * @csspart total - The total line (when `totalLabel` is set).
 * @csspart back - The Back button.
 * @csspart submit - The submit button.
 *
 * @cssproperty --staymod-accent - Submit button and focus ring (#0f766e).
 * @cssproperty --staymod-accent-contrast - Text on the accent (#fff).
 * @cssproperty --staymod-surface - Field background (#fff).
 * @cssproperty --staymod-text - Text (#1f2937).
 * @cssproperty --staymod-muted - Hints (#6b7280).
 * @cssproperty --staymod-border - Field borders (#e5e7eb).
 * @cssproperty --staymod-radius - Corner radius (10px).
 * @cssproperty --staymod-font - Font family (inherit).
 * @cssproperty --staymod-spacing - Base spacing (1rem).
 * @cssproperty --staymod-danger - Errors (#b91c1c).
 * @cssproperty --staymod-success - Reserved (#15803d).
 *
 * @event staymod-guest-input - `{ value }` on every input, as typed (for persistence).
 * @event staymod-guest-submit - `{ value, fields }` once per valid submit.
 * @event staymod-guest-back - The guest pressed Back.
 */
export class StaymodGuestForm extends LitElement {
  static override styles = [baseStyles, guestFormStyles];

  @property({ attribute: false }) value: GuestFormValue = emptyGuestValue();
  /** True while a submitted booking is in flight: the submit button is disabled and says so. */
  @property({ type: Boolean, reflect: true }) busy = false;
  /** Plain-text fallback for the `summary` slot. */
  @property({ type: String }) summary: string | undefined = undefined;
  /** The total, already formatted by the parent. */
  @property({ attribute: 'total-label' }) totalLabel: string | undefined = undefined;
  @property({ type: String }) locale = 'en-IN';
  /** What the guest must give to be reachable: `email` (default), `phone`, `email-or-phone` or `email-and-phone`. */
  @property({ type: String }) contact: 'email' | 'phone' | 'email-or-phone' | 'email-and-phone' = 'email';
  /** Unused here; accepted so every panel takes the same shared properties. */
  @property({ type: String }) currency = 'INR';
  @property({ attribute: false }) strings: Strings = defaultStrings;
  @state() private _errors: GuestErrors = {};
  @state() private _alert = '';

  /** Locale, currency and strings as resolved in one place (src/i18n/context.ts). */
  #ctx!: Context;
  /** Fields the guest typed in: only these are checked on blur. */
  #touched = new Set<GuestField>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings') || changed.has('locale') || changed.has('currency')) {
      this.#ctx = resolveContext(this.locale, this.currency, this.strings, reportFor(this.localName));
    }
  }

  /** The value with every field a string, whatever the parent or a restored draft passed. */
  get #value(): GuestFormValue {
    const out = emptyGuestValue();
    for (const field of GUEST_FIELDS) {
      const v = this.value?.[field];
      if (typeof v === 'string') out[field] = v;
    }
    return out;
  }

  /** Focuses the first field, once rendered (the guest has just arrived at the form). */
  async focusFirstField(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  #control(field: GuestField): HTMLInputElement | HTMLTextAreaElement | null {
    return this.renderRoot.querySelector(`#${field}`);
  }

  #onInput(field: GuestField, e: Event): void {
    const typed = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.value = { ...this.#value, [field]: typed };
    this.#touched.add(field);
    // An error already shown follows the fix as the guest types; a new one waits for blur.
    if (this._errors[field]) this.#setFieldError(field);
    // Either of the two will do: typing a phone answers the e-mail field's "neither" error.
    if (field === 'guestPhone' && this._errors.guestEmail === 'emailOrPhone') this.#setFieldError('guestEmail');
    this.dispatchEvent(new StaymodGuestInputEvent({ value: { ...this.value } }));
  }

  /** A pointer is down on Back or Submit (Safari and Firefox on macOS do not focus a pressed button). */
  #pressing = false;

  #onActionsPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || !(e.target as Element | null)?.closest?.('button')) return;
    this.#pressing = true;
    // Whatever ends the press: release, cancel (touch scroll), a context menu, the window losing
    // focus. Capture for the pointer events; not for blur, or the field's own blur would count.
    const ends = [['pointerup', true], ['pointercancel', true], ['contextmenu', true], ['blur', false]] as const;
    const release = () => {
      this.#pressing = false;
      for (const [type, capture] of ends) removeEventListener(type, release, capture);
    };
    for (const [type, capture] of ends) addEventListener(type, release, capture);
  }

  #onBlur(field: GuestField, e: FocusEvent): void {
    // Leaving for Back or Submit (pressed, or focused): an error appearing now would push the
    // button away under the pointer and lose the click. Submit checks every field anyway.
    const next = e.relatedTarget;
    if (this.#pressing || (next instanceof HTMLButtonElement && next.form === this.#control(field)?.form)) return;
    if (this.#touched.has(field)) this.#setFieldError(field);
  }

  get #contact(): ContactMode {
    return contactMode(this.contact);
  }

  #setFieldError(field: GuestField): void {
    const error = fieldError(field, this.#value, this.#contact);
    const next = { ...this._errors };
    if (error) next[field] = error;
    else delete next[field];
    this._errors = next;
    if (!Object.keys(next).length) this._alert = '';
  }

  async #onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const value = this.#value;
    const errors = validateGuest(value, this.#contact);
    const invalid = GUEST_FIELDS.filter((f) => errors[f]);
    if (invalid.length) {
      for (const field of GUEST_FIELDS) this.#touched.add(field);
      this._errors = errors;
      // Empty the live region first, so the same message is announced again on a second try.
      this._alert = '';
      await this.updateComplete;
      const names = invalid.map((f) => this.#ctx.strings[FIELDS[f].label]).join(', ');
      this._alert = plural(this.#ctx.strings, 'formErrors', invalid.length, this.#ctx.locale, { fields: names });
      await this.updateComplete;
      this.#control(invalid[0]!)?.focus();
      return;
    }
    // Lock before anyone hears about it: the DOM button is disabled right now, not on the next render.
    this.busy = true;
    const button = this.renderRoot.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
    }
    this._alert = '';
    this.dispatchEvent(new StaymodGuestSubmitEvent({ value, fields: toGuestFields(value) }));
  }

  protected override render(): TemplateResult {
    const t = this.#ctx.strings;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <h2 part="heading">${t.detailsHeading}</h2>
        <div class="summary"><slot name="summary">${this.summary ? html`<p class="text">${this.summary}</p>` : nothing}</slot></div>
        <div class="error-summary" part="error-summary" role="alert" aria-live="assertive" aria-atomic="true">${this._alert}</div>
        <p id="contact-why" class="hint why">${t[CONTACT_WHY[this.#contact]]}</p>
        ${GUEST_FIELDS.map((field) => this.#field(field))}
        ${this.totalLabel
          ? html`<p class="total" part="total"><span>${t.total}</span> <strong class="text">${this.totalLabel}</strong></p>`
          : nothing}
        <div class="actions" @pointerdown=${this.#onActionsPointerDown}>
          <button type="button" class="button" part="back" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new StaymodGuestBackEvent())}>
            ${t.back}
          </button>
          <button type="submit" class="button primary" part="submit" ?disabled=${live(this.busy)} aria-busy=${live(this.busy ? 'true' : 'false')}>
            ${this.busy ? t.submitting : t.submit}
          </button>
        </div>
      </form>
    `;
  }

  #field(field: GuestField): TemplateResult {
    const t = this.#ctx.strings;
    const spec = FIELDS[field];
    const error = this._errors[field];
    const errorId = `${field}-error`;
    const contactField = field === 'guestEmail' || field === 'guestPhone';
    const required = contactRequired(field, this.#contact);
    const describedby = [contactField ? 'contact-why' : '', error ? errorId : ''].filter(Boolean).join(' ');
    const common = {
      invalid: error ? 'true' : 'false',
      describedby: describedby || nothing,
    };
    const value = this.#value[field];
    const control = spec.multiline
      ? html`<textarea
          id=${field}
          name=${field}
          rows="4"
          autocomplete=${spec.autocomplete}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedby}
          ?readonly=${this.busy}
          .value=${live(value)}
          @input=${(e: Event) => this.#onInput(field, e)}
          @blur=${(e: FocusEvent) => this.#onBlur(field, e)}
        ></textarea>`
      : html`<input
          id=${field}
          name=${field}
          type=${spec.type ?? 'text'}
          autocomplete=${spec.autocomplete}
          inputmode=${spec.inputmode ?? nothing}
          spellcheck=${spec.inputmode ? 'false' : nothing}
          autocapitalize=${spec.inputmode ? 'off' : nothing}
          ?required=${required}
          aria-invalid=${common.invalid}
          aria-describedby=${common.describedby}
          ?readonly=${this.busy}
          .value=${live(value)}
          @input=${(e: Event) => this.#onInput(field, e)}
          @blur=${(e: FocusEvent) => this.#onBlur(field, e)}
        />`;
    return html`
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label for=${field}>
          ${t[spec.label]}
          <span class="hint">(${required ? t.required : contactField && this.#contact === 'email-or-phone' ? t.eitherRequired : t.optional})</span>
        </label>
        ${control}
        <p id=${errorId} class="error" part="error" ?hidden=${!error}>${error ? guestErrorText(t, error, this.#ctx.locale) : ''}</p>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staymod-guest-form': StaymodGuestForm;
  }
}
