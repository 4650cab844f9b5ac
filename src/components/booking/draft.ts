/**
 * The guest's work in progress, kept in sessionStorage per property so a reload in
 * the same tab loses nothing. Read defensively: storage may hold anything.
 */
import { isDateKey, type DateKey } from '../../domain/dates.js';
import { emptyGuest, type GuestValue } from './stay.js';

/** What an unconfirmed send contained, display-ready, so the guest can quote it to the property. */
export interface SentBooking {
  guestName: string;
  guestEmail: string;
  checkIn: DateKey;
  checkOut: DateKey;
  guests: number;
  /** Rooms as `[name, quantity]`. */
  rooms: Array<[name: string, quantity: number]>;
  extras: string[];
  totalMinor: number | null;
  currency: string;
}

/** The summary's content: the stay being chosen (dates may be missing) or the one sent. */
export type StaySummary = Omit<SentBooking, 'checkIn' | 'checkOut'> & { checkIn: DateKey | null; checkOut: DateKey | null };

export interface Draft {
  guest: GuestValue;
  checkIn: DateKey | null;
  checkOut: DateKey | null;
  guests: number;
  selection: Record<string, number>;
  options: string[];
  /**
   * The idempotency key of the pending attempt and the body it was made for; `unsettled` once
   * its outcome was never told (an edited booking then asks about this one first).
   */
  attempt?: { key: string; body: string; unsettled?: boolean; sent?: SentBooking };
  /** The attempt ended unconfirmed: a reload shows that again (and what was sent) instead of a form. */
  unconfirmed?: SentBooking;
  /** Saved while a booking was on its way: reloaded before its answer, the outcome is unknown. */
  sending?: true;
}

const storageKey = (propertyId: string) => `staymod-booking:v1:${propertyId}`;

/**
 * How long a tab keeps what the guest typed after their last change: enough for a
 * reload or a break, not for the next person at a shared computer.
 */
export const DRAFT_TTL_MS = 3 * 60 * 60_000;

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The strings of a list (each cut to `max`); anything else is an empty list. */
function textList(value: unknown, max: number): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, max)) : [];
}

export function loadDraft(propertyId: string): Draft | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(propertyId));
    if (!raw) return undefined;
    const data = JSON.parse(raw) as Record<string, unknown>;
    const age = Date.now() - (typeof data.savedAt === 'number' ? data.savedAt : 0);
    // Either way: a test or a changed clock may put the save a little in the future.
    if (!(Math.abs(age) < DRAFT_TTL_MS)) {
      clearDraft(propertyId);
      return undefined;
    }
    const guest = (data.guest ?? {}) as Record<string, unknown>;
    const selection: Record<string, number> = {};
    for (const [id, n] of Object.entries((data.selection ?? {}) as Record<string, unknown>)) {
      if (typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 100) selection[id] = n;
    }
    const attempt = data.attempt as Draft['attempt'] | undefined;
    const draft: Draft = {
      guest: {
        guestName: text(guest.guestName, 10_000),
        guestEmail: text(guest.guestEmail, 10_000),
        guestPhone: text(guest.guestPhone, 10_000),
        specialRequests: text(guest.specialRequests, 10_000),
      },
      checkIn: isDateKey(data.checkIn) ? data.checkIn : null,
      checkOut: isDateKey(data.checkOut) ? data.checkOut : null,
      guests: typeof data.guests === 'number' && Number.isInteger(data.guests) && data.guests > 0 ? data.guests : 0,
      selection,
      options: textList(data.options, 100),
    };
    if (attempt && typeof attempt.key === 'string' && typeof attempt.body === 'string') {
      draft.attempt = { key: attempt.key, body: attempt.body };
      if (attempt.unsettled === true) draft.attempt.unsettled = true;
      const sent = readSent(attempt.sent);
      if (sent) draft.attempt.sent = sent;
    }
    const sent = readSent(data.unconfirmed);
    if (sent) draft.unconfirmed = sent;
    if (data.sending === true) draft.sending = true;
    return draft;
  } catch {
    return undefined;
  }
}

function readSent(value: unknown): SentBooking | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!isDateKey(v.checkIn) || !isDateKey(v.checkOut) || typeof v.currency !== 'string') return undefined;
  const rooms = Array.isArray(v.rooms)
    ? v.rooms.filter((r): r is [string, number] => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number').map(([name, n]): [string, number] => [name.slice(0, 500), n])
    : [];
  return {
    guestName: text(v.guestName, 10_000),
    guestEmail: text(v.guestEmail, 10_000),
    checkIn: v.checkIn,
    checkOut: v.checkOut,
    guests: typeof v.guests === 'number' && Number.isInteger(v.guests) && v.guests > 0 ? v.guests : 1,
    rooms,
    extras: textList(v.extras, 500),
    totalMinor: typeof v.totalMinor === 'number' && Number.isFinite(v.totalMinor) ? v.totalMinor : null,
    currency: v.currency.slice(0, 10),
  };
}

export function saveDraft(propertyId: string, draft: Draft): void {
  try {
    sessionStorage.setItem(storageKey(propertyId), JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch {
    // Storage full or blocked (private mode, sandboxed iframe): keeping state in memory is enough.
  }
}

export function clearDraft(propertyId: string): void {
  try {
    sessionStorage.removeItem(storageKey(propertyId));
  } catch {
    // As above.
  }
}

export const emptyDraft = (): Draft => ({
  guest: { ...emptyGuest },
  checkIn: null,
  checkOut: null,
  guests: 0,
  selection: {},
  options: [],
});
