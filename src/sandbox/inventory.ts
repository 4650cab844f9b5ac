/**
 * Staymod's inventory counters, as its POST bookings route keeps them: one number per
 * (property, night, room TYPE), not per listing, and never derived from the bookings.
 * Pure functions over the stored data (no Node imports: demo-data.ts uses them).
 */
import { utcDateKey } from '../domain/dates.js';
import type { BookingDoc, InventoryRow, RoomDoc, SandboxData } from './types.js';

const DAY_MS = 86_400_000;

/** Days since the epoch of an instant's UTC date: compares correctly in any year. */
export function utcDay(instant: Date | string | number): number {
  return Math.floor(new Date(instant).getTime() / DAY_MS);
}

/** The night keys of a stay: the UTC dates in [checkIn, checkOut); `max` guards absurd ranges. */
export function nightKeys(checkIn: Date | string, checkOut: Date | string, max = Infinity): string[] | null {
  const first = utcDay(checkIn);
  const end = utcDay(checkOut);
  if (end - first > max) return null;
  const out: string[] = [];
  for (let d = first; d < end; d++) out.push(utcDateKey(d * DAY_MS));
  return out;
}

/** What Staymod counts as capacity: the active rooms of that type in the property. */
export function defaultInventory(rooms: readonly RoomDoc[], propertyId: string, roomType: string): number {
  return rooms
    .filter((r) => r.propertyId === propertyId && r.type === roomType && r.isActive && r.status === 'active')
    .reduce((sum, r) => sum + r.unitCount, 0);
}

function findRow(data: SandboxData, propertyId: string, dateKey: string, roomType: string): InventoryRow | undefined {
  return data.inventory.find((r) => r.propertyId === propertyId && r.dateKey === dateKey && r.roomType === roomType);
}

/** Units left: the stored counter if one exists (however stale), else the default from the rooms. */
export function unitsLeft(data: SandboxData, propertyId: string, dateKey: string, roomType: string): number {
  return findRow(data, propertyId, dateKey, roomType)?.noOfRooms ?? defaultInventory(data.rooms, propertyId, roomType);
}

/** After the insert: each line, each night, writes max(0, left - quantity). Cancelled bookings take nothing. */
export function deductBooking(data: SandboxData, booking: BookingDoc): void {
  if (booking.status === 'cancelled') return;
  const nights = nightKeys(booking.checkIn, booking.checkOut) ?? [];
  for (const line of Object.values(booking.rooms)) {
    for (const dateKey of nights) {
      const next = Math.max(0, unitsLeft(data, booking.propertyId, dateKey, line.roomType) - line.quantity);
      const row = findRow(data, booking.propertyId, dateKey, line.roomType);
      if (row) row.noOfRooms = next;
      else data.inventory.push({ propertyId: booking.propertyId, dateKey, roomType: line.roomType, noOfRooms: next });
    }
  }
}
