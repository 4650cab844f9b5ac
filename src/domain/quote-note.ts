/**
 * The quote a guest was shown, as a short text block for Staymod's
 * `specialRequests`. Staymod stores no total and re-prices differently (Sunday
 * weekend rates, no per-night overrides), so this block is the only record of
 * the price staff can see. Pure and import-free: the proxy and the widget's
 * direct mode write the same block.
 *
 * Format (pinned by a test; amounts in the currency's major units, ISO code only,
 * so the block is plain ASCII whatever the currency):
 *
 *   [Quote by booking proxy from Staymod availability]
 *   Deluxe, 3 nights: 2 x 4,500 + 1 x 5,200 = 14,200
 *   Suite x 2 rooms, 3 nights: (3 x 9,000) x 2 = 54,000
 *   Breakfast: 1,800
 *   Total: INR 70,000
 *   ---
 *   <the guest's own text>
 */

export interface QuoteNoteRoom {
  name: string;
  quantity: number;
  /** Price of one unit for each night of the stay, in minor units, in stay order. */
  nightlyMinor: readonly number[];
}

export interface QuoteNoteExtra {
  name: string;
  /** The extra's computed amount for the whole stay, minor units. */
  amountMinor: number;
}

export interface QuoteNoteInput {
  /** Who computed the quote: the booking proxy, or the website (widget in direct mode). */
  source: 'proxy' | 'website';
  /** ISO 4217 code, e.g. INR. */
  currency: string;
  rooms: readonly QuoteNoteRoom[];
  extras: readonly QuoteNoteExtra[];
  totalMinor: number;
}

/** Longest `specialRequests` written (Staymod has no limit): the quote stays whole, the guest text is cut. */
export const SPECIAL_REQUESTS_MAX = 2000;

const HEADERS: Record<QuoteNoteInput['source'], string> = {
  proxy: '[Quote by booking proxy from Staymod availability]',
  website: '[Quote shown by the website from Staymod availability]',
};

const NAME_MAX = 60;
const SEPARATOR = '---';
const ELLIPSIS = '...';

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `452500` minor INR -> `4,525`; a non-whole amount keeps every minor digit (`4,525.50`). */
function amount(minor: number, digits: number): string {
  const negative = minor < 0;
  const abs = Math.abs(Math.round(minor));
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = abs % scale;
  const text = fraction === 0 || digits === 0 ? whole : `${whole}.${String(fraction).padStart(digits, '0')}`;
  return negative ? `-${text}` : text;
}

/** One line, no control characters, bounded: names come from the property's data. */
function cleanName(name: string, fallback: string): string {
  const flat = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...(flat || fallback)];
  return chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX - ELLIPSIS.length).join('')}${ELLIPSIS}` : chars.join('');
}

/** Equal consecutive prices grouped: `2 x 4,500 + 1 x 5,200`. */
function nightGroups(nightly: readonly number[], digits: number): string {
  const groups: Array<{ count: number; price: number }> = [];
  for (const price of nightly) {
    const last = groups[groups.length - 1];
    if (last && last.price === price) last.count += 1;
    else groups.push({ count: 1, price });
  }
  return groups.map((g) => `${g.count} x ${amount(g.price, digits)}`).join(' + ');
}

/** The quote block alone (no guest text). */
export function formatQuoteNote(input: QuoteNoteInput): string {
  const digits = fractionDigits(input.currency);
  const lines = [HEADERS[input.source]];
  for (const room of input.rooms) {
    const name = cleanName(room.name, 'Room');
    const nights = room.nightlyMinor.length;
    const perUnit = room.nightlyMinor.reduce((sum, price) => sum + price, 0);
    const groups = nightGroups(room.nightlyMinor, digits);
    const stay = `${nights} night${nights === 1 ? '' : 's'}`;
    lines.push(
      room.quantity === 1
        ? `${name}, ${stay}: ${groups} = ${amount(perUnit, digits)}`
        : `${name} x ${room.quantity} rooms, ${stay}: (${groups}) x ${room.quantity} = ${amount(perUnit * room.quantity, digits)}`,
    );
  }
  for (const extra of input.extras) lines.push(`${cleanName(extra.name, 'Extra')}: ${amount(extra.amountMinor, digits)}`);
  lines.push(`Total: ${input.currency.toUpperCase()} ${amount(input.totalMinor, digits)}`);
  return lines.join('\n');
}

/**
 * `specialRequests` with the quote above the guest's text. The quote is kept whole;
 * the guest's text is cut (with `...`) only when the whole would exceed `max` characters.
 */
export function withQuoteNote(input: QuoteNoteInput, guestText?: string | null, max = SPECIAL_REQUESTS_MAX): string {
  const quote = formatQuoteNote(input);
  const guest = (guestText ?? '').trim();
  if (!guest) return quote;
  const head = `${quote}\n${SEPARATOR}\n`;
  const room = max - [...head].length;
  const chars = [...guest];
  if (chars.length <= room) return head + guest;
  if (room <= ELLIPSIS.length) return quote;
  return head + chars.slice(0, room - ELLIPSIS.length).join('') + ELLIPSIS;
}
