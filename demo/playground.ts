/**
 * The designer playground (`npm run demo`): the live widget (from ../src, so edits
 * hot-reload), a control for every theme property and option, a states gallery
 * driven through the sandbox's fault injection, the embed code and an event log.
 * Settings live in the URL, so a reload (which the gallery uses for a cold start)
 * or a shared link keeps them.
 */
import '../src/define.js';
import { addDays, todayKey } from '../src/domain/dates.js';
import { DEMO, DEMO_ROOMS } from '../src/sandbox/demo-data.js';
import type { StaymodBooking } from '../src/components/booking/booking.js';
import { WidgetDriver } from './drive.js';
import {
  COLOURS,
  CURRENCIES,
  DEFAULTS,
  FONTS,
  LOCALES,
  RTL,
  WIDTHS,
  cssVariables,
  embedCode,
  readSettings,
  widgetAttributes,
  writeSettings,
  type Colour,
  type Connection,
  type Settings,
} from './embed-code.js';

declare const __STAYMOD_SANDBOX__: string | undefined;
declare const __STAYMOD_PROXY__: string | undefined;
/** Set by `npm run demo -- --pms cloudbeds|guesty`: the proxy fronts that system's fake. */
declare const __STAYMOD_PMS__: { name: string; propertyId: string } | null | undefined;
const PMS = typeof __STAYMOD_PMS__ === 'object' && __STAYMOD_PMS__ ? __STAYMOD_PMS__ : undefined;

// Where the sandbox and the proxy run: ?sandbox= / ?proxy= (the e2e host), else
// what demo/serve.ts started, else the CLI defaults.
const query = new URLSearchParams(location.search);
const SANDBOX = query.get('sandbox') ?? (typeof __STAYMOD_SANDBOX__ === 'string' ? __STAYMOD_SANDBOX__ : 'http://127.0.0.1:8787');
const PROXY = query.get('proxy') ?? (typeof __STAYMOD_PROXY__ === 'string' ? __STAYMOD_PROXY__ : 'http://127.0.0.1:8788');
/** Query parameters that are not settings and survive every change. */
const KEEP = Object.fromEntries([...query].filter(([name]) => name === 'sandbox' || name === 'proxy'));

const connection: Connection = { propertyId: PMS?.propertyId ?? DEMO.propertyId, apiKey: DEMO.keys.widget, apiBase: SANDBOX, roomsSrc: '/rooms.json', proxyUrl: PROXY };

let settings: Settings = readSettings(location.search);
// Only the proxy speaks Cloudbeds or Guesty.
if (PMS) settings = { ...settings, mode: 'proxy' };

const $ = <T extends Element>(selector: string) => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`playground: ${selector} is missing from index.html`);
  return found;
};

const form = $<HTMLFormElement>('#controls');
const frame = $<HTMLDivElement>('#frame');
const preview = $<HTMLDivElement>('#preview');
const log = $<HTMLOListElement>('#event-log');
const stateStatus = $<HTMLParagraphElement>('#state-status');

// ---- the widget ------------------------------------------------------------

const widget = document.createElement('staymod-booking') as StaymodBooking;
frame.append(widget);
const driver = new WidgetDriver(widget);

function applyToWidget(): void {
  const wanted = new Map(widgetAttributes(settings, connection));
  for (const name of ['api-key', 'api-base', 'rooms-src', 'proxy-url', 'months', 'min-nights', 'theme', 'dir']) {
    if (!wanted.has(name)) widget.removeAttribute(name);
  }
  for (const [name, value] of wanted) if (widget.getAttribute(name) !== value) widget.setAttribute(name, value);
  // CSSOM, not a style attribute: works under a strict CSP too.
  for (const name of [...widget.style].filter((n) => n.startsWith('--staymod-'))) widget.style.removeProperty(name);
  for (const [name, value] of cssVariables(settings)) widget.style.setProperty(name, value);
  frame.style.inlineSize = settings.width === 'full' ? '100%' : `${settings.width}px`;
  $('#preview-size').textContent = settings.width === 'full' ? '(full width)' : `(${settings.width} px)`;
  const dark = settings.theme === 'dark' || (settings.theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  preview.classList.toggle('dark', dark);
  $('#embed-code').textContent = embedCode(settings, connection);
}

// ---- controls --------------------------------------------------------------

function fillSelect(name: string, values: readonly string[], label: (v: string) => string = (v) => v): void {
  const select = form.elements.namedItem(name) as HTMLSelectElement;
  select.replaceChildren(...values.map((v) => new Option(label(v), v)));
}

fillSelect('locale', LOCALES, (v) => (RTL.has(v) ? `${v} (right to left)` : v));
fillSelect('currency', CURRENCIES);
fillSelect('font', Object.keys(FONTS));

$('#widths').replaceChildren(
  ...WIDTHS.map((w) => {
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'width', value: w });
    label.append(input, w === 'full' ? 'full' : `${w}`);
    return label;
  }),
);

$('#colours').replaceChildren(
  ...(Object.keys(COLOURS) as Colour[]).map((name) => {
    const label = document.createElement('label');
    const input = Object.assign(document.createElement('input'), { type: 'color', name: `colour-${name}` });
    label.append(input, name);
    return label;
  }),
);

function field(name: string): HTMLInputElement | HTMLSelectElement | RadioNodeList {
  const el = form.elements.namedItem(name);
  if (!el) throw new Error(`playground: no control named ${name}`);
  return el as HTMLInputElement | HTMLSelectElement | RadioNodeList;
}

/** Settings -> controls. */
function showSettings(): void {
  (field('mode') as RadioNodeList).value = settings.mode;
  (field('width') as RadioNodeList).value = settings.width;
  for (const name of ['locale', 'currency', 'months', 'theme', 'font'] as const) (field(name) as HTMLSelectElement).value = settings[name];
  (field('minNights') as HTMLInputElement).value = String(settings.minNights);
  (field('maxNights') as HTMLInputElement).value = String(settings.maxNights);
  for (const name of ['radius', 'density', 'fontSize'] as const) {
    (field(name) as HTMLInputElement).value = String(settings[name]);
    const unit = name === 'density' ? '×' : 'px';
    form.querySelector(`output[data-for="${name}"]`)!.textContent = `${settings[name]}${unit}`;
  }
  for (const name of Object.keys(COLOURS) as Colour[]) (field(`colour-${name}`) as HTMLInputElement).value = settings.colours[name] ?? COLOURS[name];
}

/** Controls -> settings (validated the same way as the URL). */
function readControls(): Settings {
  const q = new URLSearchParams();
  const value = (name: string) => (field(name) as HTMLInputElement).value;
  q.set('mode', value('mode'));
  q.set('width', value('width'));
  for (const name of ['locale', 'currency', 'months', 'theme', 'font', 'radius', 'density', 'fontSize']) q.set(name, value(name));
  q.set('min', value('minNights'));
  q.set('max', value('maxNights'));
  for (const name of Object.keys(COLOURS)) q.set(name, value(`colour-${name}`));
  return readSettings(q.toString());
}

function commit(next: Settings): void {
  settings = next;
  const search = writeSettings(settings, KEEP);
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
  showSettings();
  applyToWidget();
}

form.addEventListener('input', () => commit(readControls()));
form.addEventListener('change', () => commit(readControls()));
form.addEventListener('submit', (e) => e.preventDefault());
$('#reset-theme').addEventListener('click', () =>
  commit({ ...settings, colours: {}, radius: DEFAULTS.radius, font: DEFAULTS.font, density: DEFAULTS.density, fontSize: DEFAULTS.fontSize }),
);

// ---- embed code ------------------------------------------------------------

$('#copy-embed').addEventListener('click', async () => {
  const status = $('#copy-status');
  const text = embedCode(settings, connection);
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    // No clipboard permission (http, iframe): select the text so Ctrl/Cmd+C works.
    const range = document.createRange();
    range.selectNodeContents($('#embed-code'));
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
});

// ---- event log -------------------------------------------------------------

function summary(event: Event): string {
  const detail = (event as CustomEvent).detail ?? {};
  switch (event.type) {
    case 'staymod-dates-change':
      return `${detail.checkIn ?? '–'} → ${detail.checkOut ?? '–'} (${detail.nights} nights)`;
    case 'staymod-rooms-change':
      return `${detail.rooms.map((r: { roomId: string; quantity: number }) => `${r.quantity}× ${r.roomId.slice(-6)}`).join(', ') || 'no rooms'}, ${detail.guests} guests, total ${detail.totalMinor ?? '—'} (minor ${detail.currency})`;
    case 'staymod-booking-submit':
      return `${detail.request.guestName}, ${detail.request.checkIn} → ${detail.request.checkOut}`;
    case 'staymod-booking-confirmed':
      return `booking ${detail.booking._id} (${detail.booking.status})`;
    case 'staymod-booking-error':
      return `${detail.stage}: ${detail.error.code}: ${detail.error.message}`;
    default:
      return '';
  }
}

const EVENTS = ['staymod-dates-change', 'staymod-rooms-change', 'staymod-booking-submit', 'staymod-booking-confirmed', 'staymod-booking-error'];
for (const type of EVENTS) {
  widget.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.className = 'time';
    time.textContent = new Date().toISOString().slice(11, 19);
    const name = document.createElement('span');
    name.className = 'type';
    name.textContent = type;
    item.append(time, ' ', name, ' ', summary(event));
    log.append(item);
    log.scrollTop = log.scrollHeight;
  });
}
$('#clear-log').addEventListener('click', () => log.replaceChildren());

// ---- states gallery --------------------------------------------------------

interface Fault {
  route: 'rooms' | 'room-availability' | 'booking-options' | 'bookings' | '*';
  latencyMs?: number;
  status?: number;
  body?: unknown;
  drop?: boolean;
  times?: number;
}

async function admin(path: string, method: string, body?: unknown): Promise<void> {
  const response = await fetch(`${SANDBOX}/__sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} /__sandbox/${path}: ${response.status} ${await response.text()}`);
}

const fault = (f: Fault) => admin('faults', 'POST', f);
/** The sandbox's demo world is laid out from ITS today: read it, so the states hit the right nights. */
async function sandboxToday(): Promise<string> {
  try {
    const response = await fetch(`${SANDBOX}/__sandbox/state`);
    const state = (await response.json()) as { today?: string };
    if (state.today) return state.today;
  } catch {
    // fall through: the browser's date
  }
  return todayKey();
}

/**
 * Every state starts from a fresh page load: empty query cache, no saved draft,
 * the widget cold. `prepare` runs before the reload (sandbox faults), `drive`
 * after it (a guest's clicks and typing).
 */
interface State {
  label: string;
  prepare?: () => Promise<void>;
  drive?: (today: string) => Promise<void>;
  /** What the designer is looking at. */
  note: string;
}

async function book(today: string, from = 20): Promise<void> {
  await driver.toDetails(addDays(today, from), addDays(today, from + 2));
  await driver.fill('guestName', 'Asha Rao');
  await driver.fill('guestEmail', 'asha@example.com');
  await driver.submit();
}

const STATES: State[] = [
  {
    label: 'Slow network (3 s)',
    prepare: () => fault({ route: '*', latencyMs: 3000, times: 4 }),
    note: 'Slow network: each request of this load takes 3 s (the loading skeleton).',
  },
  {
    label: 'Availability API down (500)',
    prepare: () => fault({ route: 'room-availability', status: 500, body: { error: 'Internal server error' } }),
    note: 'Availability API down: every availability request answers 500 until "Reset sandbox".',
  },
  {
    label: 'Availability unreachable',
    prepare: () => fault({ route: 'room-availability', drop: true }),
    note: 'Availability unreachable: the connection drops until "Reset sandbox".',
  },
  {
    label: 'Sold-out dates',
    drive: (today) => driver.clickDay(addDays(today, 10)),
    note: 'Every room is full 10 days from today; Garden Twin is sold out 3 and 4 days from today.',
  },
  {
    label: 'No-price nights',
    drive: (today) => driver.pickDates(addDays(today, 20), addDays(today, 22)),
    note: 'The Studio has no price set in Staymod: it shows no price and cannot be booked online.',
  },
  {
    label: 'Validation errors',
    drive: async (today) => {
      await driver.toDetails(addDays(today, 20), addDays(today, 22));
      await driver.fill('guestEmail', 'not-an-email');
      await driver.submit();
    },
    note: 'Submitted with a missing name and a malformed e-mail.',
  },
  {
    label: 'Next booking fails (sold out race)',
    drive: async (today) => {
      await driver.toDetails(addDays(today, 20), addDays(today, 22));
      await driver.fill('guestName', 'Asha Rao');
      await driver.fill('guestEmail', 'asha@example.com');
      // Meanwhile an OTA booking takes every Deluxe room on the first night.
      await admin('bookings/import', 'POST', {
        guestName: 'OTA guest',
        checkIn: addDays(today, 20),
        checkOut: addDays(today, 21),
        rooms: [{ roomId: DEMO_ROOMS.deluxe, quantity: 3 }],
      });
      await driver.submit();
    },
    note: 'Another channel took the last room between the choice and the booking: the widget checks again before sending.',
  },
  {
    label: 'Booking system refuses a free room',
    // Other nights than the race's, which may have left Deluxe full on day 20.
    prepare: async () => {
      const checkIn = addDays(await sandboxToday(), 24);
      await fault({ route: 'bookings', status: 400, body: { error: `Not enough availability on ${checkIn} (need 1 unit(s), 0 left).` }, times: 1 });
    },
    drive: (today) => book(today, 24),
    note: "Staymod's inventory counter for this room type is stale: it refused a room its own calendar shows free.",
  },
  {
    label: 'Booking error (server 500)',
    prepare: () => fault({ route: 'bookings', status: 500, body: { error: 'Internal server error' }, times: 1 }),
    drive: book,
    note: 'Staymod answered 500 to the booking.',
  },
  {
    label: 'Connection drops on booking',
    // Chromium silently resends a request whose reused connection closed before any answer,
    // and the CORS preflight counts too: drop every try of this one booking.
    prepare: () => fault({ route: 'bookings', drop: true, times: 6 }),
    drive: book,
    note: 'The connection dropped while booking: the widget cannot know whether Staymod saved it.',
  },
  {
    label: 'Confirmation',
    drive: book,
    note: 'A real booking in the sandbox.',
  },
  {
    label: 'Reset sandbox',
    prepare: () => admin('reset', 'POST'),
    note: 'Sandbox reset: demo data restored, faults cleared.',
  },
];

const PENDING = 'staymod-playground-state';

$('#states').replaceChildren(
  ...STATES.map((state) => {
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: state.label });
    if (state.label === 'Reset sandbox') button.className = 'secondary';
    button.addEventListener('click', async () => {
      stateStatus.textContent = `${state.label}…`;
      try {
        // Each state starts from a clean slate: no fault left over from the last one.
        await admin('faults', 'DELETE');
        await state.prepare?.();
        // The widget's saved draft would bring the last dates back: start clean.
        localStorage.clear();
        sessionStorage.clear();
        sessionStorage.setItem(PENDING, state.label);
        location.reload();
      } catch (error) {
        stateStatus.textContent = `${state.label}: ${error instanceof Error ? error.message : String(error)} (is the sandbox running at ${SANDBOX}?)`;
      }
    });
    return button;
  }),
);

async function resumeState(): Promise<void> {
  const label = sessionStorage.getItem(PENDING);
  if (!label) return;
  sessionStorage.removeItem(PENDING);
  const state = STATES.find((s) => s.label === label);
  if (!state) return;
  stateStatus.textContent = `${state.label}…`;
  try {
    await state.drive?.(await sandboxToday());
    stateStatus.textContent = state.note;
    document.body.dataset.state = 'ready';
  } catch (error) {
    stateStatus.textContent = `${state.label}: ${error instanceof Error ? error.message : String(error)}`;
    document.body.dataset.state = 'failed';
  }
}

showSettings();
applyToWidget();
void resumeState();
