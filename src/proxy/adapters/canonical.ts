/**
 * Whether Staymod's availability JSON is already exactly what the contract schema
 * (availabilityResponseSchema) would rebuild from it: every field present with a
 * valid value, no field the schema would drop or replace. Then the proxy forwards
 * Staymod's text as it came instead of parsing it through zod and serialising it
 * again (most of its CPU per availability request). Anything else, even valid,
 * goes through the schema. Narrower than the schema on purpose; a test holds that
 * whatever passes here, the schema returns unchanged.
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

const isDateKey = (value: unknown) => typeof value === 'string' && DATE_KEY.test(value);

function isCell(cell: unknown): boolean {
  if (!isObject(cell) || keyCount(cell) !== 4) return false;
  const price = cell['price'];
  return isDateKey(cell['dateKey']) && typeof cell['isFull'] === 'boolean' && typeof cell['priceIsOverride'] === 'boolean' && (price === null || (typeof price === 'number' && price >= 0));
}

function isRow(row: unknown): boolean {
  if (!isObject(row) || keyCount(row) !== 6) return false;
  for (const key of ['rowId', 'roomId', 'listingName', 'roomType', 'unitLabel']) if (typeof row[key] !== 'string') return false;
  const cells = row['cells'];
  return Array.isArray(cells) && cells.every(isCell);
}

const isDay = (day: unknown) => isObject(day) && keyCount(day) === 2 && isDateKey(day['dateKey']) && typeof day['isWeekend'] === 'boolean';

export function isCanonicalAvailability(json: unknown): boolean {
  if (!isObject(json)) return false;
  const pricing = json['pricing'];
  if (pricing !== undefined && pricing !== 'per-night' && pricing !== 'per-stay') return false;
  if (keyCount(json) !== (pricing === undefined ? 4 : 5)) return false;
  const { days, rows } = json;
  return isDateKey(json['from']) && isDateKey(json['to']) && Array.isArray(days) && days.every(isDay) && Array.isArray(rows) && rows.every(isRow);
}
