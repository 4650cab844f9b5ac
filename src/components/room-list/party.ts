/** The room list's rules for the party and its extras (the booking element needs ./selection.ts only). */
import type { BookingOption, Room } from '../../domain/model.js';
import { MAX_GUESTS, MIN_GUESTS } from './selection.js';

/** Ids of selected extras that are still offered, in the host's order. */
export function normalizeOptions(options: readonly BookingOption[], selected: readonly string[]): string[] {
  const chosen = new Set(selected);
  return options.filter((o) => chosen.has(o.id)).map((o) => o.id);
}

export function clampGuests(guests: number): number {
  return Number.isFinite(guests) ? Math.min(Math.max(Math.trunc(guests), MIN_GUESTS), MAX_GUESTS) : MIN_GUESTS;
}

/** Guests the selected rooms sleep: maxGuests x quantity, summed. */
export function capacity(rooms: readonly Room[], selection: Readonly<Record<string, number>>): number {
  return rooms.reduce((sum, room) => sum + room.maxGuests * (selection[room.id] ?? 0), 0);
}

export function totalRooms(selection: Readonly<Record<string, number>>): number {
  return Object.values(selection).reduce((sum, n) => sum + n, 0);
}
