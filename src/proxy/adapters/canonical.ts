/**
 * Staymod's availability JSON, when it is already exactly what the contract schema
 * (availabilityResponseSchema) would rebuild from it: every field present with a
 * valid value, no field the schema would drop or replace. Then the proxy skips the
 * zod pass (most of its CPU per availability request) and writes the answer out
 * while checking it, in one pass over the parsed value, in the schema's key order.
 * Anything else, even valid, goes through the schema. Narrower than the schema on
 * purpose; a test holds that whatever passes here, the schema returns unchanged.
 * Written from the checked value, not Staymod's own text: a key written twice
 * parses to its last value, and the first would ride along. The one exception is
 * `isCanonicalAvailabilityText` (src/contract/canonical-text.ts), which reads the text itself.
 */
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Exactly `count` own keys (each checked by the caller): nothing the schema would drop. */
function keyCount(value: Json): number {
  let n = 0;
  for (const key in value) if (Object.hasOwn(value, key)) n++;
  return n;
}

/** Digits and dashes only, so written between quotes without escaping. */
const isDateKey = (value: unknown): value is string => typeof value === 'string' && DATE_KEY.test(value);

// Each returns the item's JSON text, or null when it is not canonical. Strings are the
// checked values written by JSON.stringify.

function cellText(cell: unknown): string | null {
  if (!isObject(cell) || keyCount(cell) !== 4) return null;
  const { dateKey, isFull, price, priceIsOverride } = cell;
  if (!isDateKey(dateKey) || typeof isFull !== 'boolean' || typeof priceIsOverride !== 'boolean') return null;
  if (price !== null && (typeof price !== 'number' || !(price >= 0))) return null;
  // null or a finite number (JSON has no other): its template text is what JSON.stringify writes.
  return `{"dateKey":"${dateKey}","isFull":${isFull},"price":${price},"priceIsOverride":${priceIsOverride}}`;
}

const str = JSON.stringify;

function rowText(row: unknown): string | null {
  if (!isObject(row) || keyCount(row) !== 6) return null;
  const { rowId, roomId, listingName, roomType, unitLabel, cells } = row;
  if (typeof rowId !== 'string' || typeof roomId !== 'string' || typeof listingName !== 'string' || typeof roomType !== 'string' || typeof unitLabel !== 'string') return null;
  const cellsText = listText(cells, cellText);
  if (cellsText === null) return null;
  return `{"rowId":${str(rowId)},"roomId":${str(roomId)},"listingName":${str(listingName)},"roomType":${str(roomType)},"unitLabel":${str(unitLabel)},"cells":${cellsText}}`;
}

function dayText(day: unknown): string | null {
  if (!isObject(day) || keyCount(day) !== 2) return null;
  const { dateKey, isWeekend } = day;
  if (!isDateKey(dateKey) || typeof isWeekend !== 'boolean') return null;
  return `{"dateKey":"${dateKey}","isWeekend":${isWeekend}}`;
}

function listText(items: unknown, itemText: (item: unknown) => string | null): string | null {
  if (!Array.isArray(items)) return null;
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const text = itemText(items[i]);
    if (text === null) return null;
    out += i === 0 ? text : `,${text}`;
  }
  return `${out}]`;
}

/** The answer's JSON text when `json` is canonical availability, else null. */
export function canonicalAvailabilityText(json: unknown): string | null {
  if (!isObject(json)) return null;
  const { from, to, days, rows, pricing } = json;
  if (pricing !== undefined && pricing !== 'per-night' && pricing !== 'per-stay' && pricing !== 'quoted') return null;
  if (keyCount(json) !== (pricing === undefined ? 4 : 5) || !isDateKey(from) || !isDateKey(to)) return null;
  const daysText = listText(days, dayText);
  const rowsText = daysText === null ? null : listText(rows, rowText);
  if (rowsText === null) return null;
  return `{"from":"${from}","to":"${to}","days":${daysText},"rows":${rowsText}${pricing === undefined ? '' : `,"pricing":"${pricing}"`}}`;
}
