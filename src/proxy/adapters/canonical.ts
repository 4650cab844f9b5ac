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
 * `isCanonicalAvailabilityText`, which reads the text itself.
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
  if (pricing !== undefined && pricing !== 'per-night' && pricing !== 'per-stay') return null;
  if (keyCount(json) !== (pricing === undefined ? 4 : 5) || !isDateKey(from) || !isDateKey(to)) return null;
  const daysText = listText(days, dayText);
  const rowsText = daysText === null ? null : listText(rows, rowText);
  if (rowsText === null) return null;
  return `{"from":"${from}","to":"${to}","days":${daysText},"rows":${rowsText}${pricing === undefined ? '' : `,"pricing":"${pricing}"`}}`;
}


// The grammar of the text canonicalAvailabilityText writes, as one anchored pattern.
// Each object's keys are fixed, in order, so none can appear twice. Strings have no
// escapes, no control characters and no lone surrogates (JSON.stringify escapes those).
// Prices take only forms String(number) writes back unchanged: no leading zero, no
// exponent, at most 9 + 6 digits (15 significant digits always round-trip).
const DATE = '"\\d{4}-\\d{2}-\\d{2}"';
const BOOL = '(?:true|false)';
const PLAIN_STRING = '"(?:[^"\\\\\\u0000-\\u001f\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*"';
const PRICE = '(?:null|(?:0|[1-9]\\d{0,8})(?:\\.\\d{0,5}[1-9])?)';
const list = (item: string) => `\\[(?:${item}(?:,${item})*)?\\]`;
const DAY = `\\{"dateKey":${DATE},"isWeekend":${BOOL}\\}`;
const CELL = `\\{"dateKey":${DATE},"isFull":${BOOL},"price":${PRICE},"priceIsOverride":${BOOL}\\}`;
const ROW = `\\{"rowId":${PLAIN_STRING},"roomId":${PLAIN_STRING},"listingName":${PLAIN_STRING},"roomType":${PLAIN_STRING},"unitLabel":${PLAIN_STRING},"cells":${list(CELL)}\\}`;
const CANONICAL_TEXT = new RegExp(`^\\{"from":${DATE},"to":${DATE},"days":${list(DAY)},"rows":${list(ROW)}(?:,"pricing":"per-(?:night|stay)")?\\}$`);

/**
 * Whether `text` is, character for character, what canonicalAvailabilityText writes for
 * its own parse: then it can be forwarded without parsing it (a month is ~20 µs here
 * against ~300 µs to parse and write it out). Narrower still (no escapes in names);
 * anything it refuses takes the parse. A test holds the equality over many variants.
 */
export function isCanonicalAvailabilityText(text: string): boolean {
  try {
    return CANONICAL_TEXT.test(text);
  } catch {
    return false; // a text so long the pattern's backtracking stack gives out: parse it instead
  }
}
