/**
 * Staymod refuses availability ranges over 62 dates, so a long range is fetched as
 * calendar-month windows (at most 31 dates each, both ends inclusive). Month
 * alignment also makes windows stable cache keys: the same month is the same
 * request whichever range asked for it.
 */
import { addMonths, firstOfMonth, lastOfMonth, maxDate, minDate, monthOf, type DateKey } from '../domain/dates.js';
import type { WireAvailability, WireAvailabilityRow } from '../contract/schemas.js';

export interface DateWindow {
  from: DateKey;
  to: DateKey;
}

/** The month-aligned windows covering `[from, to]` (both inclusive); empty when `from > to`. */
export function splitWindows(from: DateKey, to: DateKey): DateWindow[] {
  const windows: DateWindow[] = [];
  for (let month = monthOf(from); firstOfMonth(month) <= to; month = addMonths(month, 1)) {
    windows.push({ from: maxDate(from, firstOfMonth(month)), to: minDate(to, lastOfMonth(month)) });
  }
  return from <= to ? windows : [];
}

/** Joins window answers into one, as if Staymod had answered the whole range. */
export function mergeAvailability(parts: WireAvailability[]): WireAvailability {
  const sorted = [...parts].sort((a, b) => (a.from < b.from ? -1 : 1));
  const rows = new Map<string, WireAvailabilityRow>();
  const days: WireAvailability['days'] = [];
  for (const part of sorted) {
    days.push(...part.days);
    for (const row of part.rows) {
      const existing = rows.get(row.rowId);
      if (existing) existing.cells.push(...row.cells);
      else rows.set(row.rowId, { ...row, cells: [...row.cells] });
    }
  }
  // A proxy's word on how its system prices (per stay, quoted) holds for the whole range.
  const pricing = sorted.find((part) => part.pricing)?.pricing;
  return {
    from: sorted[0]?.from ?? '',
    to: sorted.at(-1)?.to ?? '',
    days,
    rows: [...rows.values()],
    ...(pricing ? { pricing } : {}),
  };
}
