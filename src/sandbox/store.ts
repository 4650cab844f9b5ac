/**
 * The sandbox's state and the rules Staymod applies to it: which rooms are listed,
 * how units fill up night by night, prices, and booking creation. Everything is in
 * memory; with a data file, every change is also written to disk (atomically).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { eachDate, isWeekendNight, utcDateKey } from '../domain/dates.js';
import { InputError, type BookingInput } from './booking-input.js';
import { createDemoData } from './demo-data.js';
import { newObjectId } from './ids.js';
import { deductBooking, defaultInventory, nightKeys, unitsLeft, utcDay } from './inventory.js';
import type { BookingDoc, BookingOptionDoc, InventoryRow, PropertyDoc, RoomDoc, SandboxData } from './types.js';

/** The longest stay the sandbox checks night by night (a guard against absurd ranges; Staymod has none). */
export const MAX_STAY_NIGHTS = 366;

interface Stay {
  /** UTC day numbers (see inventory.ts): nights are [first, end). */
  first: number;
  end: number;
  quantity: number;
  numbers: string[];
}

type OccupancyIndex = Map<string, Stay[]>;

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

/** Staymod's availability view orders its rows by sortOrder, then createdAt (not by name). */
function byOrderThenCreated(a: RoomDoc, b: RoomDoc): number {
  return a.sortOrder - b.sortOrder || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
}

function isSandboxData(value: unknown): value is SandboxData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    ['properties', 'rooms', 'bookingOptions', 'priceOverrides', 'bookings'].every((k) => Array.isArray(v[k]))
  );
}

/** A file saved before the counters existed has host blocks instead: start with no counters. */
function upgrade(data: SandboxData): SandboxData {
  const legacy = data as SandboxData & { blocks?: unknown };
  delete legacy.blocks;
  if (!Array.isArray(data.inventory)) data.inventory = [];
  return data;
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
  /** IANA zone in which zone-less date-times are read (Staymod reads them in its process's zone). Default UTC. */
  timeZone?: string;
}

/** What a booking creation may be told by a fault: fail after the insert with this driver message. */
export interface CreateOptions {
  failAfterInsert?: string;
}

export class SandboxStore {
  data: SandboxData;
  readonly dataFile: string | undefined;
  raceWindowMs: number;
  readonly timeZone: string;

  constructor(options: StoreOptions = {}) {
    this.dataFile = options.dataFile;
    this.raceWindowMs = options.raceWindowMs ?? 5;
    this.timeZone = options.timeZone ?? 'UTC';
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
    return upgrade(parsed);
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

  /**
   * Whether a key of `orgId` sees anything of this property. Staymod never checks that the
   * property exists: its queries filter by org and property id, so an unknown, foreign or
   * deactivated property simply has no rooms, options or bookings.
   */
  visible(propertyId: string, orgId: string): boolean {
    const property = this.property(propertyId);
    return !!property && property.orgId === orgId && property.isActive !== false;
  }

  /** Active rooms in stored order. */
  private listedRooms(propertyId: string): RoomDoc[] {
    return this.data.rooms.filter((r) => r.propertyId === propertyId && r.isActive && r.status === 'active');
  }

  /** GET rooms: sorted by sortOrder, then name. */
  activeRooms(propertyId: string): RoomDoc[] {
    return this.listedRooms(propertyId).sort(byOrderThenName);
  }

  /** Sorted by sortOrder, name, then createdAt, as Staymod's query does. */
  activeOptions(propertyId: string): BookingOptionDoc[] {
    return this.data.bookingOptions
      .filter((o) => o.propertyId === propertyId && o.isActive)
      .sort((a, b) => byOrderThenName(a, b) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  /** Every booking whose status is not `cancelled` (OTA imports included), per room. */
  private occupancyIndex(): OccupancyIndex {
    const stays: OccupancyIndex = new Map();
    for (const booking of this.data.bookings) {
      if (booking.status === 'cancelled') continue;
      const first = utcDay(booking.checkIn);
      const end = utcDay(booking.checkOut);
      for (const [roomId, line] of Object.entries(booking.rooms)) {
        const list = stays.get(roomId) ?? [];
        list.push({ first, end, quantity: line.quantity, numbers: (line.roomNumbers ?? []).map((n) => n.trim()) });
        stays.set(roomId, list);
      }
    }
    return stays;
  }

  /** Units taken on a night and the room numbers named by bookings. */
  private occupancy(index: OccupancyIndex, roomId: string, dateKey: string): { taken: number; numbers: Set<string> } {
    const day = utcDay(`${dateKey}T00:00:00Z`);
    let taken = 0;
    const numbers = new Set<string>();
    for (const stay of index.get(roomId) ?? []) {
      if (day < stay.first || day >= stay.end) continue;
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
    for (const room of this.listedRooms(propertyId).sort(byOrderThenCreated)) {
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
   * Staymod's booking creation, traps included: per line (in order) the room must be an
   * active room of this org's property, quantity within its unit count, room numbers
   * configured; then every night is checked against the TYPE counter, untouched by the
   * earlier lines. Room numbers already taken are not refused, and the bookings are never
   * looked at. Duplicate lines for a room collapse to the last. Throws InputError (400).
   */
  async createBooking(propertyId: string, orgId: string, input: BookingInput, options: CreateOptions = {}): Promise<BookingDoc> {
    const visible = this.visible(propertyId, orgId);
    const nights = nightKeys(input.checkIn, input.checkOut, MAX_STAY_NIGHTS);
    const rooms: BookingDoc['rooms'] = {};

    for (const line of input.rooms) {
      const room = visible
        ? this.listedRooms(propertyId).find((r) => r._id === line.roomId)
        : undefined;
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
        for (const night of nights) {
          const left = unitsLeft(this.data, propertyId, night, room.type);
          if (left < line.quantity) {
            throw new InputError(`Not enough availability on ${night} (need ${line.quantity} unit(s), ${left} left).`);
          }
        }
      }
      rooms[room._id] = {
        roomType: room.type,
        quantity: line.quantity,
        ...(line.roomNumbers ? { roomNumbers: line.roomNumbers } : {}),
      };
    }

    // Like Staymod, the check above and the insert below are not one transaction.
    if (this.raceWindowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.raceWindowMs));

    const booking = this.newBooking(propertyId, orgId, input, rooms, 'api');
    this.data.bookings.push(booking);
    this.save();
    // Staymod's insert and counter update share one try block: a driver error here is a 400
    // although the booking is stored (and the counter never decremented).
    if (options.failAfterInsert !== undefined) throw new Error(options.failAfterInsert);
    deductBooking(this.data, booking);
    this.save();
    return booking;
  }

  /**
   * A booking imported from an OTA e-mail (sandbox admin): stored like any other, so it fills
   * the availability view, but it never touches the counters, so POST still sells the night.
   * Rooms may be any room of the property (even inactive); no availability check.
   */
  importBooking(propertyId: string, input: BookingInput): BookingDoc {
    const property = this.property(propertyId);
    if (!property) throw new InputError('Property not found.');
    const rooms: BookingDoc['rooms'] = {};
    for (const line of input.rooms) {
      const room = this.data.rooms.find((r) => r._id === line.roomId && r.propertyId === propertyId);
      if (!room) throw new InputError(`Room ${line.roomId} is not a room of property ${propertyId}.`);
      rooms[room._id] = { roomType: room.type, quantity: line.quantity, ...(line.roomNumbers ? { roomNumbers: line.roomNumbers } : {}) };
    }
    const booking = this.newBooking(propertyId, property.orgId, input, rooms, 'ota-email');
    this.data.bookings.push(booking);
    this.save();
    return booking;
  }

  /** One Staymod customer per property and normalised e-mail; null without an e-mail. */
  private customerId(propertyId: string, email: string | undefined): string | null {
    const normalized = email?.trim().toLowerCase();
    if (!normalized) return null;
    const known = this.data.bookings.find(
      (b) => b.propertyId === propertyId && b.customerId && b.guestEmail?.trim().toLowerCase() === normalized,
    );
    return known?.customerId ?? newObjectId();
  }

  private newBooking(propertyId: string, orgId: string, input: BookingInput, rooms: BookingDoc['rooms'], source: BookingDoc['source']): BookingDoc {
    const now = new Date().toISOString();
    return {
      _id: newObjectId(),
      orgId,
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
      customerId: this.customerId(propertyId, input.guestEmail),
      source,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Counters stored for a property (what Staymod's roomAvailability collection holds), by night then type. */
  counters(propertyId: string): InventoryRow[] {
    return this.data.inventory
      .filter((r) => r.propertyId === propertyId)
      .sort((a, b) => (a.dateKey < b.dateKey ? -1 : a.dateKey > b.dateKey ? 1 : a.roomType < b.roomType ? -1 : 1));
  }

  /** What a night without a counter starts from, per room type: the active rooms' unit counts. */
  defaultCounters(propertyId: string): Record<string, number> {
    const types = new Set(this.data.rooms.filter((r) => r.propertyId === propertyId).map((r) => r.type));
    return Object.fromEntries([...types].sort().map((t) => [t, defaultInventory(this.data.rooms, propertyId, t)]));
  }

  /** Adds a room (sandbox admin). Existing counters are NOT recomputed, as on Staymod. */
  addRoom(room: RoomDoc): RoomDoc {
    this.data.rooms.push(room);
    this.save();
    return room;
  }

  /** Changes a room's unit count or active flag (sandbox admin), leaving the counters stale. */
  updateRoom(roomId: string, change: { unitCount?: number; isActive?: boolean }): RoomDoc | undefined {
    const room = this.data.rooms.find((r) => r._id === roomId);
    if (!room) return undefined;
    if (change.unitCount !== undefined) room.unitCount = change.unitCount;
    if (change.isActive !== undefined) {
      room.isActive = change.isActive;
      room.status = change.isActive ? 'active' : 'inactive';
    }
    room.updatedAt = new Date().toISOString();
    this.save();
    return room;
  }

  addOption(option: BookingOptionDoc): BookingOptionDoc {
    this.data.bookingOptions.push(option);
    this.save();
    return option;
  }

  bookings(propertyId: string, orgId: string, guestEmail?: string): BookingDoc[] {
    const email = guestEmail?.trim().toLowerCase();
    return this.data.bookings.filter(
      (b) => b.propertyId === propertyId && b.orgId === orgId && (email === undefined || b.guestEmail?.toLowerCase() === email),
    );
  }

  booking(propertyId: string, orgId: string, id: string): BookingDoc | undefined {
    return this.data.bookings.find((b) => b.propertyId === propertyId && b.orgId === orgId && b._id === id);
  }
}
