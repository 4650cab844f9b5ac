/**
 * Validation of the guest's details, pure and separate from the element so it can
 * be tested (and reused) on its own. Errors are string keys, so the words stay in
 * the host's `strings` table.
 */
import { numberFormat } from '../../i18n/intl.js';
import { fill, type StringKey, type Strings } from '../../i18n/strings.js';

export interface GuestFormValue {
  guestName: string;
  guestEmail: string;
  guestPhone: string;
  specialRequests: string;
}

export type GuestField = keyof GuestFormValue;

/** How the property wants to reach the guest: which of e-mail and phone the form requires. */
export type ContactMode = 'email' | 'phone' | 'email-or-phone' | 'email-and-phone';
export const CONTACT_MODES: readonly ContactMode[] = ['email', 'phone', 'email-or-phone', 'email-and-phone'];

/** A known mode, else the default (`email`): a typo in the attribute must not let a booking go out unreachable. */
export const contactMode = (mode: unknown): ContactMode => (CONTACT_MODES.includes(mode as ContactMode) ? (mode as ContactMode) : 'email');

/** Whether `field` must be filled in under `mode`, on its own (`email-or-phone` needs one of the two). */
export function contactRequired(field: GuestField, mode: ContactMode): boolean {
  if (field === 'guestEmail') return mode === 'email' || mode === 'email-and-phone';
  if (field === 'guestPhone') return mode === 'phone' || mode === 'email-and-phone';
  return field === 'guestName';
}
export type GuestErrors = Partial<Record<GuestField, StringKey>>;

/** What gets sent: trimmed, with empty optionals left out. */
export interface GuestFields {
  guestName: string;
  guestEmail?: string;
  guestPhone?: string;
  specialRequests?: string;
}

/** Field order on screen: the first invalid one gets focus. */
export const GUEST_FIELDS: readonly GuestField[] = ['guestName', 'guestEmail', 'guestPhone', 'specialRequests'];

export const GUEST_LIMITS = { name: 200, email: 254, phoneDigitsMin: 6, phoneDigitsMax: 20, requests: 2000 } as const;

export const emptyGuestValue = (): GuestFormValue => ({ guestName: '', guestEmail: '', guestPhone: '', specialRequests: '' });

// C0 and C1 control characters. Requests may keep line breaks and tabs (\r arrives with pasted CRLF).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Unicode-friendly and forgiving: something@domain.tld, no spaces. The property checks the rest by writing.
const EMAIL = /^[^\s@"<>]{1,64}@[^\s@".<>]+(?:\.[^\s@".<>]+)+$/u;
const PHONE_CHARS = /^[\d\s+\-()./]+$/;
/** The zero of each script whose digits a phone may be typed in, besides ASCII and full-width (NFKC). */
const ZEROS = [0x660, 0x6f0, 0x966, 0x9e6];
// Invisible format characters NFKC keeps: iOS wraps a copied phone in U+202D…U+202C, and a paste
// can carry a zero-width space. The guest cannot see them, so they are dropped, not refused.
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A phone as it is checked and sent: digits typed in Arabic, Persian, Devanagari or Bengali, or
 * full-width by a Japanese keyboard, as ASCII digits, and any dash as '-'. French 06.12.34.56.78
 * keeps its dots.
 */
export function normalizePhone(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]/g, (d) => {
      const code = d.charCodeAt(0);
      return String(code - ZEROS.find((zero) => code >= zero && code <= zero + 9)!);
    })
    .replace(/[\u2010-\u2015\u2212\u30fc]/g, '-')
    .trim();
}

/**
 * An e-mail as it is checked and sent: full-width forms from a Japanese keyboard as ASCII (else
 * another mailbox), invisible characters dropped. Case is kept: the local part may depend on it.
 */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** A field as it is checked and sent. */
function clean(field: GuestField, raw: string): string {
  if (field === 'guestPhone') return normalizePhone(raw);
  return field === 'guestEmail' ? normalizeEmail(raw) : raw.trim();
}

/** One field's checks in order; the first that fails names the problem. Input arrives cleaned. */
type Check = (value: string) => StringKey | undefined;
const maxLength = (max: number, key: StringKey): Check => (v) => (v.length > max ? key : undefined);
const noControl = (pattern: RegExp): Check => (v) => (pattern.test(v) ? 'controlCharacters' : undefined);
const pattern = (re: RegExp, key: StringKey): Check => (v) => (re.test(v) ? undefined : key);

// Plain functions, not zod: the script-tag bundle then carries none of zod's string checks.
const CHECKS: Record<GuestField, readonly Check[]> = {
  guestName: [(v) => (v ? undefined : 'nameRequired'), noControl(CONTROL), maxLength(GUEST_LIMITS.name, 'nameTooLong')],
  guestEmail: [noControl(CONTROL), maxLength(GUEST_LIMITS.email, 'emailTooLong'), pattern(EMAIL, 'emailInvalid')],
  guestPhone: [
    noControl(CONTROL),
    pattern(PHONE_CHARS, 'phoneInvalid'),
    (v) => {
      const digits = v.replace(/\D/g, '').length;
      return digits >= GUEST_LIMITS.phoneDigitsMin && digits <= GUEST_LIMITS.phoneDigitsMax ? undefined : 'phoneInvalid';
    },
  ],
  specialRequests: [noControl(CONTROL_EXCEPT_BREAKS), maxLength(GUEST_LIMITS.requests, 'requestsTooLong')],
};

const OPTIONAL: ReadonlySet<GuestField> = new Set(['guestEmail', 'guestPhone', 'specialRequests']);

/** Reads a field defensively: a restored draft may hold anything. */
function text(value: Partial<GuestFormValue> | undefined, field: GuestField): string {
  const v = value?.[field];
  return typeof v === 'string' ? v : '';
}

const MISSING: Partial<Record<GuestField, StringKey>> = { guestEmail: 'emailRequired', guestPhone: 'phoneRequired' };

/** The first problem with one field, as a string key; `undefined` when it is fine. */
export function validateField(field: GuestField, raw: string, required = false): StringKey | undefined {
  const value = clean(field, raw);
  if (value === '' && required && MISSING[field]) return MISSING[field];
  if (OPTIONAL.has(field) && value === '') return undefined;
  for (const check of CHECKS[field]) {
    const problem = check(value);
    if (problem) return problem;
  }
  return undefined;
}

/** One field's first problem in the context of the whole form (`email-or-phone` looks at both). */
export function fieldError(field: GuestField, value: Partial<GuestFormValue> | undefined, mode: ContactMode = 'email'): StringKey | undefined {
  const error = validateField(field, text(value, field), contactRequired(field, mode));
  if (error || mode !== 'email-or-phone' || field !== 'guestEmail') return error;
  // Neither given: the problem is named once, on the e-mail field (the first of the two).
  return clean('guestEmail', text(value, 'guestEmail')) || clean('guestPhone', text(value, 'guestPhone')) ? undefined : 'emailOrPhone';
}

/** Every field's first problem; an empty object means the value can be sent. */
export function validateGuest(value: Partial<GuestFormValue> | undefined, mode: ContactMode = 'email'): GuestErrors {
  const errors: GuestErrors = {};
  for (const field of GUEST_FIELDS) {
    const error = fieldError(field, value, mode);
    if (error) errors[field] = error;
  }
  return errors;
}

/** The fields as sent to Staymod: cleaned, empty optionals omitted. Does not validate. */
export function toGuestFields(value: Partial<GuestFormValue> | undefined): GuestFields {
  const fields: GuestFields = { guestName: clean('guestName', text(value, 'guestName')) };
  for (const field of ['guestEmail', 'guestPhone', 'specialRequests'] as const) {
    const v = clean(field, text(value, field));
    if (v) fields[field] = v;
  }
  return fields;
}

const COUNTS: Partial<Record<StringKey, number>> = {
  nameTooLong: GUEST_LIMITS.name,
  emailTooLong: GUEST_LIMITS.email,
  requestsTooLong: GUEST_LIMITS.requests,
};

/** The sentence for an error key, with its limit filled in, in the locale's digits. */
export function guestErrorText(strings: Strings, key: StringKey, locale: string): string {
  const count = COUNTS[key];
  return count === undefined ? strings[key] : fill(strings[key], { count: numberFormat(locale).format(count) });
}
