/**
 * The booking element's data: which queries it needs, and what it derives from
 * their answers (rooms on offer, merged nights, the calendar's night lookup,
 * quotes, totals). Memoised on the query answers, so a render that changed
 * nothing else costs no recomputation.
 */
import type { ReactiveControllerHost } from 'lit';
import { StaymodError } from '../../contract/errors.js';
import { addDays, addMonths, monthOf, monthsBetween, type DateKey, type MonthKey } from '../../domain/dates.js';
import type { AvailabilityRange, BookingOption, Room } from '../../domain/model.js';
import { cheapestNight, optionQuantity, quoteRoom, stayTotal, type RoomQuote } from '../../domain/pricing.js';
import { mergeListed, offeredRooms } from '../../domain/rooms.js';
import { QueriesController } from '../../data/query-controller.js';
import {
  freshStayQuery,
  monthQuery,
  optionsQuery,
  roomDetailsQuery,
  sharedQueryClient,
  type CatalogueInput,
  type RoomDetailsResult,
  type Source,
} from '../../data/queries.js';
import { roomCount, stayLength } from './booking-request.js';

/** What the element asks for: the source, the room catalogue, and the months on screen or in the stay. */
export interface DataRequest {
  source: Source;
  catalogue: CatalogueInput;
  propertyId: string;
  timeoutMs: number;
  visibleMonth: MonthKey;
  monthCount: number;
  range: { checkIn: DateKey | null; checkOut: DateKey | null };
}

export type NightLookup = (date: DateKey) => ReturnType<typeof cheapestNight>;

/** Months whose availability is on screen or part of the chosen stay. */
export function neededMonths(visibleMonth: MonthKey, monthCount: number, checkIn: DateKey | null, checkOut: DateKey | null): MonthKey[] {
  const months = new Set<MonthKey>();
  for (let i = 0; i < monthCount; i++) months.add(addMonths(visibleMonth, i));
  if (checkIn && checkOut) {
    const last = monthOf(checkOut);
    for (let m = monthOf(checkIn); monthsBetween(m, last) >= 0; m = addMonths(m, 1)) months.add(m);
  }
  return [...months].sort();
}

export class BookingData {
  private readonly queries: QueriesController;
  private merged: { parts: unknown[]; nights: AvailabilityRange['nights'] } | undefined;
  private offered: { parts: unknown[]; details: unknown; rooms: Room[] } | undefined;
  private lookup: { key: string; nights: AvailabilityRange['nights']; fn: NightLookup } | undefined;

  constructor(host: ReactiveControllerHost, request: () => DataRequest | undefined) {
    this.queries = new QueriesController(host, sharedQueryClient, () => {
      const r = request();
      if (!r || !r.visibleMonth) return [];
      const months = neededMonths(r.visibleMonth, r.monthCount, r.range.checkIn, r.range.checkOut);
      return [
        roomDetailsQuery(r.source, r.catalogue, r.propertyId, r.timeoutMs),
        optionsQuery(r.source),
        ...months.map((m) => monthQuery(r.source, m)),
      ];
    });
  }

  get results() {
    return this.queries.results;
  }

  refetch(): Promise<unknown> {
    return this.queries.refetch();
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
    return this.results.slice(2);
  }

  private get monthParts(): Array<AvailabilityRange | undefined> {
    return this.monthResults.map((r) => r.data as AvailabilityRange | undefined);
  }

  /** True once some month answered: the rows have said which rooms exist. */
  get anyMonthLoaded(): boolean {
    return this.monthParts.some(Boolean);
  }

  /** The rooms to offer: the rooms answer, or the rows enriched by the catalogue. */
  get rooms(): Room[] {
    const parts = this.monthParts;
    const details = this.details?.details ?? null;
    const cache = this.offered;
    if (cache && cache.details === details && same(cache.parts, parts)) return cache.rooms;
    const rooms = offeredRooms(details?.from === 'api' ? undefined : mergeListed(parts), details);
    this.offered = { parts, details, rooms };
    return rooms;
  }

  /** All loaded nights, merged across months; the same object while nothing changed. */
  get nights(): AvailabilityRange['nights'] {
    const parts = this.monthParts;
    if (this.merged && same(this.merged.parts, parts)) return this.merged.nights;
    const nights: AvailabilityRange['nights'] = {};
    for (const part of parts) {
      if (!part) continue;
      for (const [roomId, byDate] of Object.entries(part.nights)) Object.assign((nights[roomId] ??= {}), byDate);
    }
    this.merged = { parts, nights };
    return nights;
  }

  /** The calendar's per-night lookup: lowest free price among `roomIds` (all rooms when empty). */
  nightLookup(chosen: string[], currency: string): NightLookup {
    const nights = this.nights;
    const roomIds = chosen.length ? chosen : this.rooms.map((r) => r.id);
    const key = `${roomIds.join(',')}|${currency}`;
    if (this.lookup?.key === key && this.lookup.nights === nights) return this.lookup.fn;
    const fn: NightLookup = (date) => cheapestNight(nights, roomIds, date, currency);
    this.lookup = { key, nights, fn };
    return fn;
  }

  quotes(checkIn: DateKey | null, checkOut: DateKey | null, currency: string): Record<string, RoomQuote> {
    const out: Record<string, RoomQuote> = {};
    if (!checkIn || !checkOut) return out;
    for (const room of this.rooms) out[room.id] = quoteRoom(this.nights, room.id, checkIn, checkOut, currency);
    return out;
  }

  /** The stay's total in minor units, or null while nothing priced is chosen. */
  total(
    stay: { checkIn: DateKey | null; checkOut: DateKey | null; selection: Record<string, number>; guests: number; options: BookingOption[] },
    currency: string,
  ): number | null {
    const quotes = this.quotes(stay.checkIn, stay.checkOut, currency);
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

/** The first night on which the chosen rooms no longer fit, per Staymod's availability view, or undefined. */
export function firstMisfit(nights: AvailabilityRange['nights'], checkIn: DateKey, checkOut: DateKey, selection: Record<string, number>, currency: string): DateKey | undefined {
  let first: DateKey | undefined;
  for (const [roomId, quantity] of Object.entries(selection)) {
    if (quantity <= 0) continue;
    const quote = quoteRoom(nights, roomId, checkIn, checkOut, currency);
    const night = quote.blockingDate ?? quote.nights.find((n) => n.unitsFree < quantity)?.date;
    if (night && (!first || night < first)) first = night;
  }
  return first;
}

/** The stay's nights read now, past every cache: what Staymod's view says at this moment. */
export async function freshStay(source: Source, checkIn: DateKey, checkOut: DateKey): Promise<AvailabilityRange['nights']> {
  return (await sharedQueryClient().fetchQuery(freshStayQuery(source, checkIn, addDays(checkOut, -1)))).nights;
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
