/**
 * The sandbox's state and the rules Staymod applies to it: which rooms are listed,
 * how units fill up night by night, prices, and booking creation. Everything is in
 * memory; with a data file, every change is also written to disk (atomically).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { addDays, eachDate, isWeekendNight, utcDateKey } from '../domain/dates.js';
import { InputError, type BookingInput } from './booking-input.js';
import { createDemoData } from './demo-data.js';
import { newObjectId } from './ids.js';
import type { BookingDoc, BookingOptionDoc, PropertyDoc, RoomDoc, SandboxData } from './types.js';

/** The longest stay the sandbox checks night by night (a guard against absurd ranges; Staymod has none). */
export const MAX_STAY_NIGHTS = 366;

interface Stay {
  first: string;
  end: string;
  quantity: number;
  numbers: string[];
}

interface OccupancyIndex {
  stays: Map<string, Stay[]>;
  blocked: Map<string, number>;
}

export interface UnitSlot {
  slotKey: string;
  unitLabel: string;
}

export interface AvailabilityCell {
  dateKey: string;
  isFull: boolean;
  price: number | null;
  priceIsOverride: boolean;
}

export interface AvailabilityRow {
  rowId: string;
  roomId: string;
  listingName: string;
  roomType: string;
  unitLabel: string;
  cells: AvailabilityCell[];
}

export interface AvailabilityAnswer {
  from: string;
  to: string;
  days: Array<{ dateKey: string; isWeekend: boolean }>;
  rows: AvailabilityRow[];
}

function trimmedNumbers(room: RoomDoc): string[] {
  return (room.roomNumbers ?? []).map((n) => n.trim()).filter(Boolean);
}

/** One slot per physical unit: the room numbers (sorted), else `Unit 1..unitCount`. */
export function unitSlots(room: RoomDoc): UnitSlot[] {
  const numbers = trimmedNumbers(room);
  if (numbers.length > 0) return [...numbers].sort().map((n) => ({ slotKey: n, unitLabel: n }));
  const count = Math.max(1, Math.floor(room.unitCount || 1));
  return Array.from({ length: count }, (_, i) => ({ slotKey: `__unit:${i}`, unitLabel: `Unit ${i + 1}` }));
}

function byOrderThenName(a: { sortOrder: number; name: string }, b: { sortOrder: number; name: string }): number {
  return a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The UTC nights `[first, end)` a booking covers, as date keys. */
function nightRange(booking: BookingDoc): { first: string; end: string } {
  return { first: utcDateKey(new Date(booking.checkIn)), end: utcDateKey(new Date(booking.checkOut)) };
}

function isSandboxData(value: unknown): value is SandboxData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    ['properties', 'rooms', 'bookingOptions', 'priceOverrides', 'blocks', 'bookings'].every((k) => Array.isArray(v[k]))
  );
}

export interface StoreOptions {
  /** Load from and save to this JSON file. */
  dataFile?: string;
  /** Freeze today (UTC `YYYY-MM-DD`); overrides a frozen today saved in the data file. */
  today?: string;
  /**
   * Milliseconds between the availability check and the insert of a booking. Staymod does
   * not make them one transaction, so simultaneous bookings can oversell; 0 makes the
   * sandbox atomic.
   */
  raceWindowMs?: number;
}

export class SandboxStore {
  data: SandboxData;
  readonly dataFile: string | undefined;
  raceWindowMs: number;

  constructor(options: StoreOptions = {}) {
    this.dataFile = options.dataFile;
    this.raceWindowMs = options.raceWindowMs ?? 5;
    const loaded = this.dataFile ? SandboxStore.readFile(this.dataFile) : undefined;
    if (loaded) {
      this.data = loaded;
      if (options.today) this.data.frozenToday = options.today;
    } else {
      const frozen = options.today ?? null;
      this.data = createDemoData(frozen ?? utcDateKey(Date.now()), frozen);
    }
    this.save();
  }

  /** The saved state, or undefined when the file does not exist yet. Throws on a corrupt file. */
  static readFile(file: string): SandboxData | undefined {
    if (!existsSync(file)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Sandbox data file ${file} is not valid JSON (${(error as Error).message}). Fix or delete it.`);
    }
    if (!isSandboxData(parsed)) {
      throw new Error(`Sandbox data file ${file} is not a sandbox state (version 1). Fix or delete it.`);
    }
    return parsed;
  }

  save(): void {
    if (!this.dataFile) return;
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(tmp, this.dataFile);
  }

  today(): string {
    return this.data.frozenToday ?? utcDateKey(Date.now());
  }

  /** Back to the demo data, laid out around today (the frozen one, if any). */
  reset(): void {
    this.data = createDemoData(this.today(), this.data.frozenToday);
    this.save();
  }

  /** Freezes today (or follows the clock with null); by default regenerates the demo around it. */
  setToday(today: string | null, reset = true): void {
    this.data.frozenToday = today;
    if (reset) this.reset();
    else this.save();
  }

  property(id: string): PropertyDoc | undefined {
    return this.data.properties.find((p) => p._id === id);
  }

  activeRooms(propertyId: string): RoomDoc[] {
    return this.data.rooms
      .filter((r) => r.propertyId === propertyId && r.isActive && r.status === 'active')
      .sort(byOrderThenName);
  }

  activeOptions(propertyId: string): BookingOptionDoc[] {
    return this.data.bookingOptions.filter((o) => o.propertyId === propertyId && o.isActive).sort(byOrderThenName);
  }

  /** Bookings and blocks per room, with each booking's nights computed once. */
  private occupancyIndex(): OccupancyIndex {
    const stays = new Map<string, Stay[]>();
    for (const booking of this.data.bookings) {
      if (booking.status === 'cancelled') continue;
      const { first, end } = nightRange(booking);
      for (const [roomId, line] of Object.entries(booking.rooms)) {
        const list = stays.get(roomId) ?? [];
        list.push({ first, end, quantity: line.quantity, numbers: (line.roomNumbers ?? []).map((n) => n.trim()) });
        stays.set(roomId, list);
      }
    }
    const blocked = new Map<string, number>();
    for (const block of this.data.blocks) {
      const key = `${block.roomId}|${block.dateKey}`;
      blocked.set(key, (blocked.get(key) ?? 0) + block.units);
    }
    return { stays, blocked };
  }

  /** Units taken on a night (bookings + host blocks) and the room numbers named by bookings. */
  private occupancy(index: OccupancyIndex, roomId: string, dateKey: string): { taken: number; numbers: Set<string> } {
    let taken = index.blocked.get(`${roomId}|${dateKey}`) ?? 0;
    const numbers = new Set<string>();
    for (const stay of index.stays.get(roomId) ?? []) {
      if (dateKey < stay.first || dateKey >= stay.end) continue;
      taken += stay.quantity;
      for (const n of stay.numbers) numbers.add(n);
    }
    return { taken, numbers };
  }

  /** Which slots are full on a night: named numbers first, then the rest fill in slot order. */
  private fullSlots(index: OccupancyIndex, room: RoomDoc, slots: UnitSlot[], dateKey: string): Set<string> {
    const { taken, numbers } = this.occupancy(index, room._id, dateKey);
    let remaining = Math.max(0, slots.length - taken);
    const full = new Set<string>();
    for (const slot of slots) {
      if (numbers.has(slot.slotKey)) full.add(slot.slotKey);
      else if (remaining > 0) remaining -= 1;
      else full.add(slot.slotKey);
    }
    return full;
  }

  /** A per-night override, else the weekend (Fri/Sat UTC) or weekday price, else null. */
  price(room: RoomDoc, dateKey: string, weekend = isWeekendNight(dateKey)): { price: number | null; priceIsOverride: boolean } {
    const override = this.data.priceOverrides.find((o) => o.roomId === room._id && o.dateKey === dateKey);
    if (override) return { price: override.price, priceIsOverride: true };
    const base = weekend ? room.priceWeekend : room.priceWeekday;
    return { price: base ?? null, priceIsOverride: false };
  }

  availability(propertyId: string, from: string, to: string): AvailabilityAnswer {
    const dates = eachDate(from, to);
    const weekend = dates.map((d) => isWeekendNight(d));
    const index = this.occupancyIndex();
    const rows: AvailabilityRow[] = [];
    for (const room of this.activeRooms(propertyId)) {
      const slots = unitSlots(room);
      const full = dates.map((d) => this.fullSlots(index, room, slots, d));
      const prices = dates.map((d, i) => this.price(room, d, weekend[i]!));
      for (const slot of slots) {
        rows.push({
          rowId: `${room._id}:${slot.slotKey}`,
          roomId: room._id,
          listingName: room.name,
          roomType: room.type,
          unitLabel: slot.unitLabel,
          cells: dates.map((dateKey, i) => ({ dateKey, isFull: full[i]!.has(slot.slotKey), ...prices[i]! })),
        });
      }
    }
    return { from, to, days: dates.map((dateKey, i) => ({ dateKey, isWeekend: weekend[i]! })), rows };
  }

  /**
   * Staymod's booking creation: per room line, the room must be active in this property,
   * quantity within its unit count, room numbers configured, and every night available.
   * Throws InputError (answered 400) on the first failure.
   */
  async createBooking(propertyId: string, input: BookingInput): Promise<BookingDoc> {
    const property = this.property(propertyId);
    if (!property) throw new InputError('Property not found.');
    const rooms: BookingDoc['rooms'] = {};
    const first = utcDateKey(input.checkIn);
    const end = utcDateKey(input.checkOut);
    const nights = end > first ? eachDateCapped(first, addDays(end, -1)) : [];
    const claimed = new Map<string, number>();
    const index = this.occupancyIndex();

    for (const line of input.rooms) {
      const room = this.data.rooms.find(
        (r) => r._id === line.roomId && r.propertyId === propertyId && r.isActive && r.status === 'active',
      );
      if (!room) throw new InputError('Room not found or not available for booking.');
      if (line.quantity > room.unitCount) {
        throw new InputError(
          `quantity cannot exceed this room listing's unit count (${room.unitCount}) for "${room.name}".`,
        );
      }
      if (line.roomNumbers && line.roomNumbers.length > 0) {
        const allowed = new Set(trimmedNumbers(room));
        if (allowed.size === 0) throw new InputError(`Room "${room.name}" does not have configured room numbers.`);
        for (const n of line.roomNumbers) {
          if (!allowed.has(n)) throw new InputError(`Room number "${n}" is not valid for "${room.name}".`);
        }
      }
      if (input.status !== 'cancelled') {
        if (nights === null) throw new InputError(`A stay cannot exceed ${MAX_STAY_NIGHTS} nights in the sandbox.`);
        const already = claimed.get(room._id) ?? 0;
        const capacity = unitSlots(room).length;
        for (const night of nights) {
          const { taken, numbers: named } = this.occupancy(index, room._id, night);
          const left = Math.max(0, capacity - taken - already);
          if (left < line.quantity) {
            throw new InputError(`Not enough availability on ${night} (need ${line.quantity} unit(s), ${left} left).`);
          }
          const clash = line.roomNumbers?.find((n) => named.has(n));
          if (clash) throw new InputError(`Room number "${clash}" is not available on ${night}.`);
        }
        claimed.set(room._id, already + line.quantity);
      }
      const previous = rooms[room._id];
      rooms[room._id] = {
        roomType: room.type,
        quantity: (previous?.quantity ?? 0) + line.quantity,
        ...(line.roomNumbers || previous?.roomNumbers
          ? { roomNumbers: [...(previous?.roomNumbers ?? []), ...(line.roomNumbers ?? [])] }
          : {}),
      };
    }

    // Like Staymod, the check above and the insert below are not one transaction.
    if (this.raceWindowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.raceWindowMs));

    const now = new Date().toISOString();
    const booking: BookingDoc = {
      _id: newObjectId(),
      orgId: property.orgId,
      propertyId,
      guestName: input.guestName,
      ...(input.guestEmail !== undefined ? { guestEmail: input.guestEmail } : {}),
      ...(input.guestPhone !== undefined ? { guestPhone: input.guestPhone } : {}),
      ...(input.specialRequests !== undefined ? { specialRequests: input.specialRequests } : {}),
      checkIn: input.checkIn.toISOString(),
      checkOut: input.checkOut.toISOString(),
      ...(input.numberOfGuests !== undefined ? { numberOfGuests: input.numberOfGuests } : {}),
      ...(input.selectedOptions ? { selectedOptions: input.selectedOptions } : {}),
      ...(input.customItems ? { customItems: input.customItems } : {}),
      ...(input.discount !== undefined ? { discount: input.discount } : {}),
      ...(input.advanceAmount !== undefined ? { advanceAmount: input.advanceAmount } : {}),
      status: input.status,
      rooms,
      createdAt: now,
      updatedAt: now,
    };
    this.data.bookings.push(booking);
    this.save();
    return booking;
  }

  bookings(propertyId: string, guestEmail?: string): BookingDoc[] {
    const email = guestEmail?.trim().toLowerCase();
    return this.data.bookings.filter(
      (b) => b.propertyId === propertyId && (email === undefined || b.guestEmail?.toLowerCase() === email),
    );
  }

  booking(propertyId: string, id: string): BookingDoc | undefined {
    return this.data.bookings.find((b) => b.propertyId === propertyId && b._id === id);
  }
}

/** The nights of a stay, or null when there are more than MAX_STAY_NIGHTS. */
function eachDateCapped(from: string, to: string): string[] | null {
  const nights = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return nights > MAX_STAY_NIGHTS ? null : eachDate(from, to);
}
