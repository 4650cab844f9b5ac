/**
 * Validation of the guest's details, pure and separate from the element so it can
 * be tested (and reused) on its own. Errors are string keys, so the words stay in
 * the host's `strings` table.
 */
import * as z from 'zod/mini';
import { fill, type StringKey, type Strings } from '../../i18n/strings.js';

export interface GuestFormValue {
  guestName: string;
  guestEmail: string;
  guestPhone: string;
  specialRequests: string;
}

export type GuestField = keyof GuestFormValue;
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
const PHONE_CHARS = /^[\d\s+\-()]+$/;

const noControl = (pattern: RegExp) => z.refine<string>((v) => !pattern.test(v), { error: 'controlCharacters' });

const nameSchema = z.string().check(
  z.trim(),
  z.minLength(1, { error: 'nameRequired', abort: true }),
  noControl(CONTROL),
  z.maxLength(GUEST_LIMITS.name, { error: 'nameTooLong' }),
);

const emailSchema = z.string().check(
  z.trim(),
  noControl(CONTROL),
  z.maxLength(GUEST_LIMITS.email, { error: 'emailTooLong' }),
  z.regex(EMAIL, { error: 'emailInvalid' }),
);

const phoneSchema = z.string().check(
  z.trim(),
  noControl(CONTROL),
  z.regex(PHONE_CHARS, { error: 'phoneInvalid' }),
  z.refine<string>(
    (v) => {
      const digits = v.replace(/\D/g, '').length;
      return digits >= GUEST_LIMITS.phoneDigitsMin && digits <= GUEST_LIMITS.phoneDigitsMax;
    },
    { error: 'phoneInvalid' },
  ),
);

const requestsSchema = z.string().check(
  z.trim(),
  noControl(CONTROL_EXCEPT_BREAKS),
  z.maxLength(GUEST_LIMITS.requests, { error: 'requestsTooLong' }),
);

const SCHEMAS: Record<GuestField, z.ZodMiniType<string, string>> = {
  guestName: nameSchema,
  guestEmail: emailSchema,
  guestPhone: phoneSchema,
  specialRequests: requestsSchema,
};

const OPTIONAL: ReadonlySet<GuestField> = new Set(['guestEmail', 'guestPhone', 'specialRequests']);

/** Reads a field defensively: a restored draft may hold anything. */
function text(value: Partial<GuestFormValue> | undefined, field: GuestField): string {
  const v = value?.[field];
  return typeof v === 'string' ? v : '';
}

/** The first problem with one field, as a string key; `undefined` when it is fine. */
export function validateField(field: GuestField, raw: string): StringKey | undefined {
  if (OPTIONAL.has(field) && raw.trim() === '') return undefined;
  const result = z.safeParse(SCHEMAS[field], raw);
  if (result.success) return undefined;
  const key = result.error.issues[0]?.message;
  // Every check above names its key; anything unexpected falls back to the field's general message.
  return key && KNOWN_KEYS.has(key) ? (key as StringKey) : GENERAL[field];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set<StringKey>([
  'nameRequired', 'nameTooLong', 'emailInvalid', 'emailTooLong', 'phoneInvalid', 'requestsTooLong', 'controlCharacters',
]);

const GENERAL: Record<GuestField, StringKey> = {
  guestName: 'nameRequired',
  guestEmail: 'emailInvalid',
  guestPhone: 'phoneInvalid',
  specialRequests: 'requestsTooLong',
};

/** Every field's first problem; an empty object means the value can be sent. */
export function validateGuest(value: Partial<GuestFormValue> | undefined): GuestErrors {
  const errors: GuestErrors = {};
  for (const field of GUEST_FIELDS) {
    const error = validateField(field, text(value, field));
    if (error) errors[field] = error;
  }
  return errors;
}

/** The fields as sent to Staymod: trimmed, empty optionals omitted. Does not validate. */
export function toGuestFields(value: Partial<GuestFormValue> | undefined): GuestFields {
  const fields: GuestFields = { guestName: text(value, 'guestName').trim() };
  for (const field of ['guestEmail', 'guestPhone', 'specialRequests'] as const) {
    const v = text(value, field).trim();
    if (v) fields[field] = v;
  }
  return fields;
}

const COUNTS: Partial<Record<StringKey, number>> = {
  nameTooLong: GUEST_LIMITS.name,
  emailTooLong: GUEST_LIMITS.email,
  requestsTooLong: GUEST_LIMITS.requests,
};

/** The sentence for an error key, with its limit filled in. */
export function guestErrorText(strings: Strings, key: StringKey): string {
  const count = COUNTS[key];
  return count === undefined ? strings[key] : fill(strings[key], { count });
}
