/**
 * The booking element's data: which queries it needs, and what it derives from
 * their answers (rooms on offer, merged nights, the calendar's night lookup,
 * quotes, totals). Memoised on the query answers, so a render that changed
 * nothing else costs no recomputation.
 */
import type { ReactiveControllerHost } from 'lit';
import { StaymodError } from '../../contract/errors.js';
import { addMonths, monthOf, monthsBetween, type DateKey, type MonthKey } from '../../domain/dates.js';
import type { AvailabilityRange, BookingOption, Room } from '../../domain/model.js';
import { toMinor } from '../../domain/money.js';
import { cheapestNight, optionQuantity, quoteRoom, stayTotal, type RoomQuote } from '../../domain/pricing.js';
import { mergeListed, offeredRooms } from '../../domain/rooms.js';
import { QueriesController } from '../../data/query-controller.js';
import {
  monthQuery,
  optionsQuery,
  roomDetailsQuery,
  clientFor,
  stayQuoteQuery,
  type CatalogueInput,
  type RoomDetailsResult,
  type Source,
} from '../../data/queries.js';
import { roomCount, stayLength } from './stay.js';

/** What the element asks for: the source, the room catalogue, and the months on screen or in the stay. */
export interface DataRequest {
  source: Source;
  catalogue: CatalogueInput;
  propertyId: string;
  timeoutMs: number;
  visibleMonth: MonthKey;
  monthCount: number;
  range: { checkIn: DateKey | null; checkOut: DateKey | null };
  /** For a stay quote (Guesty prices by guest count). */
  guests?: number;
}

export type NightLookup = (date: DateKey) => ReturnType<typeof cheapestNight>;

/**
 * Months whose availability is on screen or part of the chosen stay. While the check-out is
 * being picked, the stay may end on any visible day: every night from the check-in to there.
 */
export function neededMonths(visibleMonth: MonthKey, monthCount: number, checkIn: DateKey | null, checkOut: DateKey | null): MonthKey[] {
  const months = new Set<MonthKey>();
  for (let i = 0; i < monthCount; i++) months.add(addMonths(visibleMonth, i));
  if (checkIn) {
    const last = checkOut ? monthOf(checkOut) : addMonths(visibleMonth, monthCount - 1);
    for (let m = monthOf(checkIn); monthsBetween(m, last) >= 0; m = addMonths(m, 1)) months.add(m);
  }
  return [...months].sort();
}

/**
 * Nights merged across month answers, as one object that stays the same while every answer on
 * hand is already in it: a month paged to joins the merged answers, which keep the months paged
 * away from, so paging back and forth keeps the calendar's lookup (and its cached days). A
 * refreshed answer for a month already in it, or another `scope` (property, API), starts again
 * from the answers on hand.
 */
export class MergedNights {
  #parts: AvailabilityRange[] = [];
  #nights: AvailabilityRange['nights'] = {};
  #scope = '';

  of(answers: ReadonlyArray<AvailabilityRange | undefined>, scope: string): AvailabilityRange['nights'] {
    if (scope !== this.#scope) {
      this.#scope = scope;
      this.#parts = [];
      this.#nights = {};
    }
    const onHand = answers.filter((part): part is AvailabilityRange => part !== undefined);
    const added = onHand.filter((part) => !this.#parts.includes(part));
    if (!added.length) return this.#nights;
    const apart = added.every((part) => this.#parts.every((old) => part.to < old.from || part.from > old.to));
    this.#parts = apart ? [...this.#parts, ...added] : onHand;
    const nights: AvailabilityRange['nights'] = {};
    for (const part of this.#parts) {
      for (const [roomId, byDate] of Object.entries(part.nights)) Object.assign((nights[roomId] ??= {}), byDate);
    }
    this.#nights = nights;
    return nights;
  }
}

export class BookingData {
  readonly #queries: QueriesController;
  readonly #merged = new MergedNights();
  /** The source the month queries read (its base URL and property). */
  #scope = '';
  #offered: { parts: unknown[]; details: unknown; rooms: Room[] } | undefined;
  #lookup: { key: string; nights: AvailabilityRange['nights']; fn: NightLookup } | undefined;
  /** How many month queries follow the first two; the stay quotes come after them. */
  #monthQueries = 0;
  /** The stay quotes asked for, in query order: rooms priced per stay, for the chosen dates. */
  #stayQuotes: { stay: string; roomIds: string[] } = { stay: '', roomIds: [] };

  constructor(host: ReactiveControllerHost, request: () => DataRequest | undefined) {
    this.#queries = new QueriesController(host, clientFor, () => {
      const r = request();
      if (!r || !r.visibleMonth) return [];
      const months = neededMonths(r.visibleMonth, r.monthCount, r.range.checkIn, r.range.checkOut);
      const { checkIn, checkOut } = r.range;
      const guests = Math.max(1, r.guests ?? 1);
      // Asked only once dates are chosen, and only for rooms the system prices per stay.
      const roomIds = checkIn && checkOut && this.#queries ? this.#perStayRooms(checkIn, checkOut) : [];
      this.#monthQueries = months.length;
      this.#scope = r.source.scope.join('\n');
      this.#stayQuotes = { stay: `${checkIn}|${checkOut}`, roomIds };
      return [
        roomDetailsQuery(r.source, r.catalogue, r.propertyId, r.timeoutMs),
        optionsQuery(r.source),
        ...months.map((m) => monthQuery(r.source, m)),
        ...roomIds.map((id) => stayQuoteQuery(r.source, id, checkIn!, checkOut!, guests)),
      ];
    });
  }

  /** Rooms free for the stay whose nights have no price: the property prices the stay. */
  #perStayRooms(checkIn: DateKey, checkOut: DateKey): string[] {
    // The currency does not decide whether a room is priced per stay.
    return this.rooms.map((room) => quoteRoom(this.nights, room.id, checkIn, checkOut, 'EUR')).filter((q) => q.perStay && !q.unbookable).map((q) => q.roomId);
  }

  /** The stay quote asked for this room and stay, if any (its data: the price in major units). */
  #quoteResult(roomId: string, checkIn: DateKey, checkOut: DateKey) {
    const { stay, roomIds } = this.#stayQuotes;
    const index = roomIds.indexOf(roomId);
    return stay === `${checkIn}|${checkOut}` && index >= 0 ? this.results[2 + this.#monthQueries + index] : undefined;
  }

  get results() {
    return this.#queries.results;
  }

  refetch(): Promise<unknown> {
    return this.#queries.refetch();
  }

  /** Room details (or the knowledge that there are none), once known. */
  get details(): RoomDetailsResult | undefined {
    return this.results[0]?.data as RoomDetailsResult | undefined;
  }

  get detailsError(): unknown {
    return this.results[0]?.error;
  }

  get options(): BookingOption[] {
    return (this.results[1]?.data as BookingOption[] | undefined) ?? [];
  }

  get optionsFailed(): boolean {
    return Boolean(this.results[1]?.error && !this.results[1]?.data);
  }

  get monthResults() {
    return this.results.slice(2, 2 + this.#monthQueries);
  }

  get #monthParts(): Array<AvailabilityRange | undefined> {
    return this.monthResults.map((r) => r.data as AvailabilityRange | undefined);
  }

  /** True once some month answered: the rows have said which rooms exist. */
  get anyMonthLoaded(): boolean {
    return this.#monthParts.some(Boolean);
  }

  /** The rooms to offer: the rooms answer, or the rows enriched by the catalogue. */
  get rooms(): Room[] {
    const parts = this.#monthParts;
    const details = this.details?.details ?? null;
    const cache = this.#offered;
    if (cache && cache.details === details && same(cache.parts, parts)) return cache.rooms;
    const rooms = offeredRooms(details?.from === 'api' ? undefined : mergeListed(parts), details);
    this.#offered = { parts, details, rooms };
    return rooms;
  }

  /** All loaded nights, merged across months (see `MergedNights`). */
  get nights(): AvailabilityRange['nights'] {
    return this.#merged.of(this.#monthParts, this.#scope);
  }

  /** The calendar's per-night lookup: lowest free price among `roomIds` (all rooms when empty). */
  nightLookup(chosen: string[], currency: string): NightLookup {
    const nights = this.nights;
    const roomIds = chosen.length ? chosen : this.rooms.map((r) => r.id);
    const key = `${roomIds.join(',')}|${currency}`;
    if (this.#lookup?.key === key && this.#lookup.nights === nights) return this.#lookup.fn;
    const fn: NightLookup = (date) => cheapestNight(nights, roomIds, date, currency);
    this.#lookup = { key, nights, fn };
    return fn;
  }

  quotes(checkIn: DateKey | null, checkOut: DateKey | null, currency: string): Record<string, RoomQuote> {
    const out: Record<string, RoomQuote> = {};
    if (!checkIn || !checkOut) return out;
    // Rooms whose unitCount is Staymod's (rooms answer or catalogue), not a count of rows.
    const counted = new Set(this.details?.details?.rooms.map((room) => room.id));
    for (const room of this.rooms) {
      const quote = quoteRoom(this.nights, room.id, checkIn, checkOut, currency);
      if (counted.has(room.id) && quote.unitsFree > room.unitCount) {
        // Staymod refuses a quantity above unitCount, which may be below its view's rows (one per room number).
        quote.unitsFree = room.unitCount;
        if (!room.unitCount && !quote.unbookable) Object.assign(quote, { unbookable: 'sold-out', blockingDate: checkIn });
      }
      const asked = quote.perStay && !quote.unbookable ? this.#quoteResult(room.id, checkIn, checkOut) : undefined;
      const total = asked?.data;
      if (typeof total === 'number') {
        // The system's quote prices the stay: it is the room's total (and so the booking's).
        delete quote.perStay;
        quote.totalMinor = toMinor(total, currency);
      } else if (asked?.fetchStatus === 'fetching') {
        // Not "confirmed by the property" yet: a price may be a moment away (a guide's sum is not shown as the total).
        quote.quoting = true;
        quote.totalMinor = null;
      }
      out[room.id] = quote;
    }
    return out;
  }

  /** The stay's total in minor units from the stay's `quotes`, or null while nothing priced is chosen. */
  total(
    stay: { checkIn: DateKey | null; checkOut: DateKey | null; selection: Record<string, number>; guests: number; options: BookingOption[] },
    quotes: Readonly<Record<string, RoomQuote>>,
    currency: string,
  ): number | null {
    const lines = Object.entries(stay.selection)
      .filter(([id, n]) => n > 0 && quotes[id])
      .map(([id, quantity]) => ({ quote: quotes[id]!, quantity }));
    if (!lines.length) return null;
    const rooms = roomCount(stay.selection);
    const options = stay.options.map((option) => ({ option, quantity: optionQuantity(option, stay.guests, rooms) }));
    return stayTotal(lines, options, stayLength(stay.checkIn, stay.checkOut), currency).totalMinor;
  }

  /** A load failure only the host can fix (bad key, scope, origin...), if any. */
  get hostProblem(): StaymodError | undefined {
    return this.results.map((r) => r.error).find((e): e is StaymodError => e instanceof StaymodError && e.hostFixable);
  }
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
