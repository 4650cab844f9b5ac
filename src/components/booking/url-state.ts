/**
 * Opt-in deep links (`url-state` attribute): the stay in the page's query string, so
 * a guest can share or bookmark it. Dates, guests and rooms only, never anything the
 * guest typed. The page's own parameters are left as they are.
 */
import { isDateKey, type DateKey } from '../../domain/dates.js';

const KEYS = { checkIn: 'staymod-check-in', checkOut: 'staymod-check-out', guests: 'staymod-guests', rooms: 'staymod-rooms' } as const;

export interface UrlStay {
  checkIn?: DateKey;
  checkOut?: DateKey;
  guests?: number;
  /** `roomId -> quantity`. */
  rooms?: Record<string, number>;
}

/** What the page's URL says of the stay; anything malformed is left out. */
export function readUrlStay(search: string): UrlStay {
  const q = new URLSearchParams(search);
  const out: UrlStay = {};
  const checkIn = q.get(KEYS.checkIn);
  const checkOut = q.get(KEYS.checkOut);
  if (checkIn && isDateKey(checkIn)) out.checkIn = checkIn;
  if (checkOut && isDateKey(checkOut)) out.checkOut = checkOut;
  const guests = Number(q.get(KEYS.guests));
  if (Number.isInteger(guests) && guests >= 1 && guests <= 99) out.guests = guests;
  const rooms: Record<string, number> = {};
  for (const part of (q.get(KEYS.rooms) ?? '').split(',')) {
    const [id, n] = part.split(':');
    const quantity = Number(n);
    if (id && /^[A-Za-z0-9_-]{1,64}$/.test(id) && Number.isInteger(quantity) && quantity >= 1 && quantity <= 99) rooms[id] = quantity;
  }
  if (Object.keys(rooms).length) out.rooms = rooms;
  return out;
}

/** The URL with the stay written in (or removed when unset); other parameters and the hash kept. */
export function writeUrlStay(href: string, stay: UrlStay): string {
  const url = new URL(href);
  const set = (key: string, value: string | undefined) => (value ? url.searchParams.set(key, value) : url.searchParams.delete(key));
  set(KEYS.checkIn, stay.checkIn);
  set(KEYS.checkOut, stay.checkIn ? stay.checkOut : undefined);
  set(KEYS.guests, stay.guests ? String(stay.guests) : undefined);
  const rooms = Object.entries(stay.rooms ?? {}).filter(([, n]) => n > 0);
  set(KEYS.rooms, rooms.length ? rooms.map(([id, n]) => `${id}:${n}`).join(',') : undefined);
  return url.href;
}
