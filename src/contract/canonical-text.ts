/**
 * Availability text already in the contract's exact shape, recognised without parsing
 * it: shared by the proxy (src/proxy/adapters/staymod.ts) and the widget's reader
 * (./read.ts).
 *
 * The pattern is the grammar of what the proxy's canonicalAvailabilityText
 * (src/proxy/adapters/canonical.ts) writes. Each object's keys are fixed, in order, so
 * none can appear twice. Strings have no escapes, no control characters and no lone
 * surrogates (JSON.stringify escapes those). Prices take only forms String(number)
 * writes back unchanged: no leading zero, no exponent, at most 9 + 6 digits (15
 * significant digits always round-trip).
 */
const DATE = '"\\d{4}-\\d{2}-\\d{2}"';
const BOOL = '(?:true|false)';
const PLAIN_STRING = '"(?:[^"\\\\\\u0000-\\u001f\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*"';
const PRICE = '(?:null|(?:0|[1-9]\\d{0,8})(?:\\.\\d{0,5}[1-9])?)';
const list = (item: string) => `\\[(?:${item}(?:,${item})*)?\\]`;
const DAY = `\\{"dateKey":${DATE},"isWeekend":${BOOL}\\}`;
const CELL = `\\{"dateKey":${DATE},"isFull":${BOOL},"price":${PRICE},"priceIsOverride":${BOOL}\\}`;
const ROW = `\\{"rowId":${PLAIN_STRING},"roomId":${PLAIN_STRING},"listingName":${PLAIN_STRING},"roomType":${PLAIN_STRING},"unitLabel":${PLAIN_STRING},"cells":${list(CELL)}\\}`;
const MAX_TEXT = 4_000_000;
const CANONICAL_TEXT = new RegExp(`^\\{"from":${DATE},"to":${DATE},"days":${list(DAY)},"rows":${list(ROW)}(?:,"pricing":"per-(?:night|stay)")?\\}$`);

/**
 * Whether `text` is, character for character, what canonicalAvailabilityText writes for
 * its own parse, which is also what availabilityResponseSchema returns for it. Then the
 * proxy forwards it unparsed (a month: ~20 µs against ~300 µs to parse and write it
 * out), and the widget takes JSON.parse's value without the schema (a page's first
 * months: ~1 ms against ~20 ms of zod warming up). Narrower than the schema (no escapes
 * in names): anything it refuses takes the schema. test/node/proxy-compression.test.ts
 * holds the equality over many variants.
 */
export function isCanonicalAvailabilityText(text: string): boolean {
  // Past this the pattern costs as much as the parse it would spare (a month of a 16-unit
  // property is about 40 kB). Engines' backtracking stacks give out at sizes of their own:
  // a text that overflows one is parsed instead.
  if (text.length > MAX_TEXT) return false;
  try {
    return CANONICAL_TEXT.test(text);
  } catch {
    return false;
  }
}
