import { sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { deepEqual, equal, match, ok } from '../../test-utils/assert.js';
import { cleanup, fixture, settled } from '../../test-utils/fixture.js';
import { a11yViolations } from '../shared/a11y-check.js';
import { StaymodGuestForm } from './guest-form.js';
import type { StaymodGuestInputDetail, StaymodGuestSubmitDetail } from './guest-form.events.js';
import { emptyGuestValue, type GuestField, type GuestFormValue } from './guest-schema.js';

if (!customElements.get('staymod-guest-form')) customElements.define('staymod-guest-form', StaymodGuestForm);

async function mount(value: Partial<GuestFormValue> = {}, contact?: string): Promise<StaymodGuestForm> {
  return fixture<StaymodGuestForm>(html`<staymod-guest-form
    contact=${contact ?? 'email'}
    .value=${{ ...emptyGuestValue(), ...value }}
    .totalLabel=${'₹21,997'}
  >
    <p slot="summary">2 × Deluxe, 1–3 May</p>
  </staymod-guest-form>`);
}

const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const control = (el: Element, field: GuestField) => $<HTMLInputElement>(el, `#${field}`);
const submitButton = (el: Element) => $<HTMLButtonElement>(el, 'button[type=submit]');
const errorOf = (el: Element, field: GuestField) => $<HTMLElement>(el, `#${field}-error`);

/** Types like a user: sets the text and fires input, as a keystroke or paste would. */
function type(el: Element, field: GuestField, text: string): void {
  const input = control(el, field);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function blur(el: Element, field: GuestField): void {
  control(el, field).dispatchEvent(new FocusEvent('blur'));
}

function listen<T>(type: string): Array<CustomEvent<T>> {
  const seen: Array<CustomEvent<T>> = [];
  const listener = (e: Event) => seen.push(e as CustomEvent<T>);
  document.addEventListener(type, listener);
  after(() => document.removeEventListener(type, listener));
  return seen;
}

describe('<staymod-guest-form>', () => {
  afterEach(cleanup);

  it('has real labels, autocomplete and input modes, and the summary slot above the fields', async () => {
    const el = await mount();
    const expect: Array<[GuestField, string, string, string | null]> = [
      ['guestName', 'Full name (required)', 'name', null],
      ['guestEmail', 'E-mail (required)', 'email', 'email'],
      ['guestPhone', 'Phone (optional)', 'tel', 'tel'],
      ['specialRequests', 'Special requests (optional)', 'off', null],
    ];
    for (const [field, label, autocomplete, inputmode] of expect) {
      const c = control(el, field);
      equal(c.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim(), label, field);
      equal(c.getAttribute('autocomplete'), autocomplete, field);
      equal(c.getAttribute('inputmode'), inputmode, field);
      equal(c.getAttribute('aria-invalid'), 'false', field);
    }
    ok(control(el, 'guestName').required);
    ok($<HTMLFormElement>(el, 'form').noValidate);
    const slot = $<HTMLSlotElement>(el, 'slot[name=summary]');
    equal(slot.assignedElements()[0]?.textContent, '2 × Deluxe, 1–3 May');
    ok(slot.compareDocumentPosition(control(el, 'guestName')) & Node.DOCUMENT_POSITION_FOLLOWING, 'summary comes before the fields');
    match($<HTMLElement>(el, '[part=total]').textContent!, /Total\s+₹21,997/);
  });

  it('reports every input, as typed, for the parent to persist', async () => {
    const el = await mount();
    const inputs = listen<StaymodGuestInputDetail>('staymod-guest-input');
    type(el, 'guestName', '  Asha ');
    type(el, 'specialRequests', 'Late\narrival');
    equal(inputs.length, 2);
    deepEqual(inputs[1]!.detail.value, { guestName: '  Asha ', guestEmail: '', guestPhone: '', specialRequests: 'Late\narrival' });
    deepEqual(el.value, inputs[1]!.detail.value);
  });

  it('validates a field on blur only once the guest typed in it', async () => {
    const el = await mount();
    control(el, 'guestEmail').focus();
    blur(el, 'guestEmail');
    blur(el, 'guestName');
    await settled(el);
    ok(errorOf(el, 'guestName').hidden, 'untouched field: no error on blur');

    type(el, 'guestEmail', 'asha@');
    await settled(el);
    ok(errorOf(el, 'guestEmail').hidden, 'no error while typing');
    blur(el, 'guestEmail');
    await settled(el);
    const email = control(el, 'guestEmail');
    equal(email.getAttribute('aria-invalid'), 'true');
    equal(email.getAttribute('aria-describedby'), 'contact-why guestEmail-error');
    equal(errorOf(el, 'guestEmail').textContent, 'Please enter a valid e-mail address, like name@example.com.');
    ok(!errorOf(el, 'guestEmail').hidden);

    type(el, 'guestEmail', 'asha@example.com');
    await settled(el);
    equal(email.getAttribute('aria-invalid'), 'false', 'a shown error clears as soon as it is fixed');
    equal(email.getAttribute('aria-describedby'), 'contact-why');
  });

  it('on a failed submit: shows every error, focuses the first invalid field, announces a summary, sends nothing', async () => {
    const el = await mount({ guestPhone: '12', guestEmail: 'asha@example.in' });
    const submits = listen<StaymodGuestSubmitDetail>('staymod-guest-submit');
    submitButton(el).click();
    await settled(el);
    await settled(el);
    equal(submits.length, 0);
    equal(el.shadowRoot!.activeElement, control(el, 'guestName'));
    equal(control(el, 'guestName').getAttribute('aria-invalid'), 'true');
    equal(errorOf(el, 'guestName').textContent, 'Please enter your name.');
    equal(control(el, 'guestPhone').getAttribute('aria-invalid'), 'true');
    const alert = $<HTMLElement>(el, '[part=error-summary]');
    equal(alert.getAttribute('role'), 'alert');
    equal(alert.getAttribute('aria-live'), 'assertive');
    equal(alert.textContent, 'Please correct 2 fields: Full name, Phone.');
    ok(!el.busy);

    // Only the phone is wrong now: focus goes there.
    type(el, 'guestName', 'Asha');
    submitButton(el).click();
    await settled(el);
    await settled(el);
    equal(el.shadowRoot!.activeElement, control(el, 'guestPhone'));
    equal(alert.textContent, 'Please correct 1 field: Phone.');
  });

  it('a real click on Submit straight from a field with a mistake is not lost to the error appearing', async () => {
    const el = await mount({ guestName: 'Asha' });
    type(el, 'guestEmail', 'asha@');
    await settled(el);
    submitButton(el).scrollIntoView({ block: 'center' });
    const box = submitButton(el).getBoundingClientRect();
    // A real pointer: press (the field blurs), then release where the button was.
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await settled(el);
    await settled(el);
    equal($<HTMLElement>(el, '[part=error-summary]').textContent, 'Please correct 1 field: E-mail.');
    equal(el.shadowRoot!.activeElement, control(el, 'guestEmail'));
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('where pressing a button does not focus it (Safari, Firefox on macOS), the press still is not lost', async () => {
    const el = await mount({ guestName: 'Asha' });
    type(el, 'guestEmail', 'asha@');
    await settled(el);
    // The blur such a browser fires: no relatedTarget, but a pointer is down on Submit.
    submitButton(el).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    control(el, 'guestEmail').dispatchEvent(new FocusEvent('blur', { relatedTarget: null }));
    await settled(el);
    ok(errorOf(el, 'guestEmail').hidden, 'no error line pushes the button away mid-press');
    dispatchEvent(new PointerEvent('pointerup'));
    // Released: blurs check again as usual.
    control(el, 'guestEmail').dispatchEvent(new FocusEvent('blur', { relatedTarget: null }));
    await settled(el);
    ok(!errorOf(el, 'guestEmail').hidden, 'the next blur shows the error');
  });

  /** Submits; returns the error keys shown (by field) and whether the form sent. */
  async function trySubmit(el: StaymodGuestForm): Promise<{ sent: boolean; errors: Partial<Record<GuestField, string>> }> {
    const submits = listen<StaymodGuestSubmitDetail>('staymod-guest-submit');
    submitButton(el).click();
    await settled(el);
    await settled(el);
    const errors: Partial<Record<GuestField, string>> = {};
    for (const field of ['guestName', 'guestEmail', 'guestPhone'] as const) {
      if (!errorOf(el, field).hidden) errors[field] = errorOf(el, field).textContent!;
    }
    el.busy = false;
    return { sent: submits.length > 0, errors };
  }
  const why = (el: Element) => $<HTMLElement>(el, '#contact-why').textContent;
  const hint = (el: Element, field: GuestField) => $<HTMLElement>(el, `label[for=${field}] .hint`).textContent;

  it('by default requires an e-mail, and says why; a name alone is not sent', async () => {
    const el = await mount({ guestName: 'Asha' });
    equal(why(el), 'The property needs your e-mail address to confirm your booking.');
    equal(hint(el, 'guestEmail'), '(required)');
    equal(hint(el, 'guestPhone'), '(optional)');
    ok(control(el, 'guestEmail').required);
    match(control(el, 'guestEmail').getAttribute('aria-describedby')!, /contact-why/);
    deepEqual(await trySubmit(el), { sent: false, errors: { guestEmail: 'Please enter your e-mail address so the property can confirm your booking.' } });
    equal(el.shadowRoot!.activeElement, control(el, 'guestEmail'));
    type(el, 'guestPhone', '+91 98765 43210');
    equal((await trySubmit(el)).sent, false, 'a phone does not replace the e-mail');
    type(el, 'guestEmail', 'asha@example.in');
    equal((await trySubmit(el)).sent, true);
  });

  it('an unknown contact value still requires the e-mail', async () => {
    const el = await mount({ guestName: 'Asha' }, 'fax');
    equal(why(el), 'The property needs your e-mail address to confirm your booking.');
    deepEqual((await trySubmit(el)).errors, { guestEmail: 'Please enter your e-mail address so the property can confirm your booking.' });
  });

  it('contact="phone" requires a phone, not an e-mail', async () => {
    const el = await mount({ guestName: 'Asha' }, 'phone');
    equal(why(el), 'The property needs your phone number to confirm your booking.');
    equal(hint(el, 'guestEmail'), '(optional)');
    equal(hint(el, 'guestPhone'), '(required)');
    deepEqual(await trySubmit(el), { sent: false, errors: { guestPhone: 'Please enter your phone number so the property can confirm your booking.' } });
    type(el, 'guestPhone', '+91 98765 43210');
    equal((await trySubmit(el)).sent, true);
  });

  it('contact="email-or-phone" takes either one, and names the missing pair once', async () => {
    const el = await mount({ guestName: 'Asha' }, 'email-or-phone');
    equal(why(el), 'The property needs an e-mail address or a phone number to confirm your booking.');
    equal(hint(el, 'guestEmail'), '(e-mail or phone required)');
    equal(hint(el, 'guestPhone'), '(e-mail or phone required)');
    deepEqual(await trySubmit(el), {
      sent: false,
      errors: { guestEmail: 'Please give an e-mail address or a phone number so the property can reach you.' },
    });
    type(el, 'guestPhone', '+91 98765 43210');
    await settled(el);
    ok(errorOf(el, 'guestEmail').hidden, 'a phone answers the missing pair at once');
    equal((await trySubmit(el)).sent, true);

    const other = await mount({ guestName: 'Asha', guestEmail: 'asha@example.in' }, 'email-or-phone');
    equal((await trySubmit(other)).sent, true);
  });

  it('contact="email-and-phone" requires both', async () => {
    const el = await mount({ guestName: 'Asha' }, 'email-and-phone');
    equal(why(el), 'The property needs your e-mail address and phone number to confirm your booking.');
    equal(hint(el, 'guestEmail'), '(required)');
    equal(hint(el, 'guestPhone'), '(required)');
    deepEqual(await trySubmit(el), {
      sent: false,
      errors: {
        guestEmail: 'Please enter your e-mail address so the property can confirm your booking.',
        guestPhone: 'Please enter your phone number so the property can confirm your booking.',
      },
    });
    type(el, 'guestEmail', 'asha@example.in');
    equal((await trySubmit(el)).sent, false);
    type(el, 'guestPhone', '+91 98765 43210');
    equal((await trySubmit(el)).sent, true);
  });

  it('sends a valid value once, with trimmed fields, and locks synchronously against a double click', async () => {
    const el = await mount();
    const submits = listen<StaymodGuestSubmitDetail>('staymod-guest-submit');
    type(el, 'guestName', ' Asha Rao ');
    type(el, 'guestEmail', 'asha@example.in ');
    await settled(el);
    const button = submitButton(el);
    button.click();
    // No await between the clicks: the lock must already be in the DOM.
    ok(button.disabled, 'disabled at once');
    equal(el.busy, true);
    button.click();
    $<HTMLFormElement>(el, 'form').requestSubmit();
    equal(submits.length, 1, 'exactly one submit event');
    deepEqual(submits[0]!.detail, {
      value: { guestName: ' Asha Rao ', guestEmail: 'asha@example.in ', guestPhone: '', specialRequests: '' },
      fields: { guestName: 'Asha Rao', guestEmail: 'asha@example.in' },
    });

    await settled(el);
    equal(button.getAttribute('aria-busy'), 'true');
    equal(button.textContent!.trim(), 'Sending your booking…');
    ok(control(el, 'guestName').readOnly);

    // The attempt ends: the parent releases the form, which can be sent again.
    el.busy = false;
    await settled(el);
    ok(!button.disabled);
    equal(button.textContent!.trim(), 'Request booking');
    button.click();
    equal(submits.length, 2);
  });

  it('unlocks when the parent releases it before the next render (a synchronous veto)', async () => {
    const el = await mount({ guestName: 'Asha' });
    el.addEventListener('staymod-guest-submit', () => {
      el.busy = false;
    });
    submitButton(el).click();
    await settled(el);
    ok(!submitButton(el).disabled, 'the button is usable again');
    equal(submitButton(el).getAttribute('aria-busy'), 'false');
  });

  it('never clears or rewrites what the guest typed', async () => {
    const el = await mount();
    type(el, 'guestName', '  Asha  ');
    type(el, 'guestEmail', 'not-an-email');
    type(el, 'specialRequests', `  ${'x'.repeat(2500)}\n`);
    blur(el, 'guestEmail');
    submitButton(el).click(); // invalid: requests too long and e-mail wrong
    await settled(el);
    await settled(el);
    equal(control(el, 'guestName').value, '  Asha  ');
    equal(control(el, 'guestEmail').value, 'not-an-email');
    equal(control(el, 'specialRequests').value, `  ${'x'.repeat(2500)}\n`);
    equal(errorOf(el, 'specialRequests').textContent, 'Please shorten your requests to 2,000 characters.');

    // A parent re-render with unrelated changes keeps the text, caret position included.
    const name = control(el, 'guestName');
    name.focus();
    name.setSelectionRange(3, 3);
    el.totalLabel = '₹1';
    el.summary = 'changed';
    await settled(el);
    equal(name.value, '  Asha  ');
    equal(name.selectionStart, 3);

    // Fix and submit: the busy form keeps the text, and so does the release.
    type(el, 'guestEmail', 'asha@example.com');
    type(el, 'specialRequests', 'Quiet room');
    submitButton(el).click();
    await settled(el);
    el.busy = false;
    await settled(el);
    equal(control(el, 'guestName').value, '  Asha  ');
    equal(control(el, 'specialRequests').value, 'Quiet room');
  });

  it('sends a phone pasted from iOS Contacts and a full-width or invisible-marked e-mail cleaned, showing them as typed', async () => {
    const el = await mount({}, 'email-and-phone');
    const submits = listen<StaymodGuestSubmitDetail>('staymod-guest-submit');
    const phone = '\u202d+91 98765 43210\u202c';
    type(el, 'guestName', 'Asha Patil');
    type(el, 'guestEmail', 'asha@example.com\u200b');
    type(el, 'guestPhone', phone);
    blur(el, 'guestPhone');
    await settled(el);
    ok(errorOf(el, 'guestPhone').hidden, 'no error under a number that looks valid');
    const result = await trySubmit(el);
    deepEqual(result, { sent: true, errors: {} });
    deepEqual(submits[0]!.detail.fields, { guestName: 'Asha Patil', guestEmail: 'asha@example.com', guestPhone: '+91 98765 43210' });
    equal(control(el, 'guestPhone').value, phone);
    equal(control(el, 'guestEmail').value, 'asha@example.com\u200b');

    await settled(el);
    type(el, 'guestEmail', 'ｎａｍｅ＠example.com');
    equal((await trySubmit(el)).sent, true);
    equal(submits[1]!.detail.fields.guestEmail, 'name@example.com');
    equal(control(el, 'guestEmail').value, 'ｎａｍｅ＠example.com');
  });

  it('writes the length limit in the locale\'s digits', async () => {
    const el = await fixture<StaymodGuestForm>(html`<staymod-guest-form locale="mr-IN"></staymod-guest-form>`);
    type(el, 'guestName', 'x'.repeat(201));
    await trySubmit(el);
    // The words come from the host's table (English here); the number from the locale.
    equal(errorOf(el, 'guestName').textContent, 'Please shorten your name to २०० characters.');
  });

  it('shows a restored draft, even a partial or odd one, without throwing', async () => {
    const el = await mount({ guestName: 'Asha', guestEmail: 42 as unknown as string });
    equal(control(el, 'guestName').value, 'Asha');
    equal(control(el, 'guestEmail').value, '');
  });

  it('renders hostile text as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const el = await mount({ guestName: evil });
    el.summary = evil;
    el.totalLabel = evil;
    await settled(el);
    equal(control(el, 'guestName').value, evil);
    equal(el.shadowRoot!.querySelectorAll('img').length, 0);
    equal((window as unknown as { __pwned?: number }).__pwned, undefined);
  });

  it('fires staymod-guest-back', async () => {
    const el = await mount();
    const backs = listen<unknown>('staymod-guest-back');
    $<HTMLButtonElement>(el, '[part=back]').click();
    equal(backs.length, 1);
  });

  it('passes axe WCAG A/AA checks, also while showing errors and while busy', async () => {
    const el = await mount({ guestEmail: 'x' });
    deepEqual(await a11yViolations(el), []);
    submitButton(el).click();
    await settled(el);
    await settled(el);
    deepEqual(await a11yViolations(el), []);
    el.busy = true;
    await settled(el);
    deepEqual(await a11yViolations(el), []);
  });

  it('focusFirstField() puts the guest in the name field', async () => {
    const el = await mount();
    await el.focusFirstField();
    equal(el.shadowRoot!.activeElement, control(el, 'guestName'));
  });
});
