/**
 * The playground's settings, their URL form (so a reload or a shared link keeps
 * them) and the embed snippet a host pastes for them. No DOM: unit-tested.
 */

export const LOCALES = ['en-IN', 'en-US', 'de-DE', 'fr-FR', 'ar-EG', 'ja-JP'] as const;
export const CURRENCIES = ['INR', 'USD', 'EUR', 'JPY', 'AED'] as const;
export const WIDTHS = ['320', '375', '768', '1024', 'full'] as const;
export const FONTS = {
  inherit: 'inherit',
  system: 'system-ui, sans-serif',
  serif: 'Georgia, "Times New Roman", serif',
  rounded: '"Trebuchet MS", "Segoe UI", sans-serif',
  mono: 'ui-monospace, "DejaVu Sans Mono", monospace',
} as const;
/** Right-to-left locales: the element gets dir="rtl". */
export const RTL = new Set(['ar-EG']);

/** Theme custom properties the playground edits, with the widget's defaults (light). */
export const COLOURS = {
  accent: '#0f766e',
  surface: '#ffffff',
  text: '#1f2937',
  muted: '#6b7280',
  border: '#e5e7eb',
  danger: '#b91c1c',
} as const;
export type Colour = keyof typeof COLOURS;

export interface Settings {
  mode: 'direct' | 'proxy';
  theme: 'light' | 'dark' | 'auto';
  locale: (typeof LOCALES)[number];
  currency: (typeof CURRENCIES)[number];
  months: 'auto' | '1' | '2';
  minNights: number;
  maxNights: number;
  width: (typeof WIDTHS)[number];
  colours: Partial<Record<Colour, string>>;
  /** px */
  radius: number;
  font: keyof typeof FONTS;
  density: number;
  /** px */
  fontSize: number;
}

export const DEFAULTS: Settings = {
  mode: 'direct',
  theme: 'light',
  locale: 'en-IN',
  currency: 'INR',
  months: 'auto',
  minNights: 1,
  maxNights: 365,
  width: 'full',
  colours: {},
  radius: 10,
  font: 'inherit',
  density: 1,
  fontSize: 16,
};

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;

function int(value: string | null, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value !== null && value !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

function num(value: string | null, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value !== null && value !== '' && Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** Settings from a query string; anything invalid falls back to its default. */
export function readSettings(query: string): Settings {
  const q = new URLSearchParams(query);
  const colours: Settings['colours'] = {};
  for (const name of Object.keys(COLOURS) as Colour[]) {
    const value = q.get(name);
    if (value && HEX.test(value) && value.toLowerCase() !== COLOURS[name]) colours[name] = value.toLowerCase();
  }
  const minNights = int(q.get('min'), DEFAULTS.minNights, 1, 60);
  return {
    mode: oneOf(['direct', 'proxy'], q.get('mode'), DEFAULTS.mode),
    theme: oneOf(['light', 'dark', 'auto'], q.get('theme'), DEFAULTS.theme),
    locale: oneOf(LOCALES, q.get('locale'), DEFAULTS.locale),
    currency: oneOf(CURRENCIES, q.get('currency'), DEFAULTS.currency),
    months: oneOf(['auto', '1', '2'], q.get('months'), DEFAULTS.months),
    minNights,
    maxNights: Math.max(minNights, int(q.get('max'), DEFAULTS.maxNights, 1, 365)),
    width: oneOf(WIDTHS, q.get('width'), DEFAULTS.width),
    colours,
    radius: int(q.get('radius'), DEFAULTS.radius, 0, 32),
    font: oneOf(Object.keys(FONTS) as Array<keyof typeof FONTS>, q.get('font'), DEFAULTS.font),
    density: num(q.get('density'), DEFAULTS.density, 0.5, 1.5),
    fontSize: int(q.get('fontSize'), DEFAULTS.fontSize, 12, 24),
  };
}

/** The query string for settings: only what differs from the defaults. */
export function writeSettings(s: Settings, keep: Record<string, string> = {}): string {
  const q = new URLSearchParams(keep);
  const put = (name: string, value: string | number, fallback: string | number) => {
    if (value !== fallback) q.set(name, String(value));
    else q.delete(name);
  };
  put('mode', s.mode, DEFAULTS.mode);
  put('theme', s.theme, DEFAULTS.theme);
  put('locale', s.locale, DEFAULTS.locale);
  put('currency', s.currency, DEFAULTS.currency);
  put('months', s.months, DEFAULTS.months);
  put('min', s.minNights, DEFAULTS.minNights);
  put('max', s.maxNights, DEFAULTS.maxNights);
  put('width', s.width, DEFAULTS.width);
  for (const name of Object.keys(COLOURS) as Colour[]) put(name, s.colours[name] ?? COLOURS[name], COLOURS[name]);
  put('radius', s.radius, DEFAULTS.radius);
  put('font', s.font, DEFAULTS.font);
  put('density', s.density, DEFAULTS.density);
  put('fontSize', s.fontSize, DEFAULTS.fontSize);
  return q.toString();
}

/** The `--staymod-*` custom properties for settings that differ from the widget's defaults. */
export function cssVariables(s: Settings): Array<[string, string]> {
  const vars: Array<[string, string]> = [];
  for (const name of Object.keys(COLOURS) as Colour[]) {
    const value = s.colours[name];
    if (value && value !== COLOURS[name]) vars.push([`--staymod-${name}`, value]);
  }
  if (s.radius !== DEFAULTS.radius) vars.push(['--staymod-radius', `${s.radius}px`]);
  if (s.font !== DEFAULTS.font) vars.push(['--staymod-font', FONTS[s.font]]);
  if (s.density !== DEFAULTS.density) vars.push(['--staymod-density', String(s.density)]);
  if (s.fontSize !== DEFAULTS.fontSize) vars.push(['--staymod-font-size', `${s.fontSize / 16}rem`]);
  return vars;
}

export interface Connection {
  propertyId: string;
  /** Direct mode: the widget key and Staymod's origin (omitted when it is the default). */
  apiKey: string;
  apiBase?: string;
  /** Direct mode: the host's room catalogue (so the key needs no `rooms:read`). */
  roomsSrc?: string;
  /** Proxy mode. */
  proxyUrl: string;
  /** The property's phone, for the widget's "contact the property" advice and the snippet's `<noscript>`. */
  propertyPhone?: string;
}

/** The element's attributes for settings, in a stable order. */
export function widgetAttributes(s: Settings, c: Connection): Array<[string, string]> {
  const attrs: Array<[string, string]> = [['property-id', c.propertyId]];
  if (s.mode === 'direct') {
    attrs.push(['api-key', c.apiKey]);
    if (c.apiBase) attrs.push(['api-base', c.apiBase]);
    if (c.roomsSrc) attrs.push(['rooms-src', c.roomsSrc]);
  } else {
    attrs.push(['proxy-url', c.proxyUrl]);
  }
  if (c.propertyPhone) attrs.push(['property-phone', c.propertyPhone]);
  attrs.push(['locale', s.locale], ['currency', s.currency]);
  if (s.months !== 'auto') attrs.push(['months', s.months]);
  if (s.minNights !== 1) attrs.push(['min-nights', String(s.minNights)]);
  if (s.maxNights !== 365) attrs.push(['max-nights', String(s.maxNights)]);
  if (s.theme !== 'auto') attrs.push(['theme', s.theme]);
  if (RTL.has(s.locale)) attrs.push(['dir', 'rtl']);
  return attrs;
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Self-hosted: the host copies the file next to their pages (the CDN build is not published yet). */
export const SCRIPT_SRC = '/staymod-booking.js';

/**
 * What the snippet says in place of the playground's own connection: a host who pastes it
 * must fill in their own values, and it must never silently point at the local sandbox.
 */
export const PLACEHOLDERS = {
  propertyId: 'YOUR-PROPERTY-ID',
  apiKey: 'YOUR-BROWSER-KEY',
  proxyUrl: 'https://YOUR-SITE.example/api/staymod',
  phone: '+91 XXXXX XXXXX',
} as const;

/** The connection the snippet shows: placeholders, plus what the host publishes themselves (rooms.json, phone). */
export function snippetConnection(c: Connection): Connection {
  return {
    propertyId: PLACEHOLDERS.propertyId,
    apiKey: PLACEHOLDERS.apiKey,
    roomsSrc: c.roomsSrc,
    proxyUrl: PLACEHOLDERS.proxyUrl,
    propertyPhone: c.propertyPhone,
  };
}

/** The snippet a host pastes: script tag, element with attributes, CSS variables. */
export function embedCode(s: Settings, c: Connection, scriptSrc = SCRIPT_SRC): string {
  const lines = [
    '<!-- Copy dist/staymod-booking.js from the staymod-booking package (with the language files next',
    '     to it: publish the whole dist/ folder) to your site, then fix this path if needed. -->',
    `<script type="module" src="${escapeAttr(scriptSrc)}"></script>`,
    '',
  ];
  const vars = cssVariables(s);
  if (vars.length) {
    lines.push('<style>', '  staymod-booking {', ...vars.map(([name, value]) => `    ${name}: ${value};`), '  }', '</style>', '');
  }
  const host = snippetConnection(c);
  const replace = s.mode === 'direct' ? 'YOUR-PROPERTY-ID and YOUR-BROWSER-KEY' : 'YOUR-PROPERTY-ID and YOUR-SITE.example';
  lines.push(`<!-- REPLACE ${replace} with your own values`, "     (the property id is in your Staymod dashboard's URL). -->");
  if (s.mode === 'direct') {
    // Said where the host copies the key: a wider key in a page reveals guests or bookings.
    lines.push(
      '<!-- Direct mode: anyone can copy this key from the page. Give it ONLY availability:read,',
      '     booking-options:read and bookings:write, never rooms:read (Staymod\'s rooms answer carries',
      "     iCal feed tokens that list your guests) or bookings:read. Make rooms.json with",
      '     `npx staymod-booking rooms-snapshot --property <id> --out rooms.json` and publish it. -->',
    );
  }
  lines.push('<staymod-booking');
  for (const [name, value] of widgetAttributes(s, host)) lines.push(`  ${name}="${escapeAttr(value)}"`);
  lines.push('></staymod-booking>');
  if (!c.propertyPhone) lines.push('<!-- REPLACE the phone number with yours. -->');
  const phone = c.propertyPhone ?? PLACEHOLDERS.phone;
  lines.push(`<noscript>Online booking needs JavaScript. Please call us on ${escapeAttr(phone)} to book.</noscript>`);
  return lines.join('\n');
}
