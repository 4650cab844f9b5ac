// <staymod-booking> as a component, against the sandbox over real HTTP from another
// origin: its attributes and properties, first render, events (with a host veto),
// the draft that survives a reload, and how it treats bad configuration.
//
// The sandbox is shared with other test files running at the same time, so these
// tests never reset it or inject faults, and use their own nights and guest names.
// They use the sandbox's full key (no origin list): the test page's port may vary.
import { UNCONFIRMED_BOOKING_MESSAGE } from '../../contract/errors.js';
import { addDays, type DateKey } from '../../domain/dates.js';
import { deepEqual, equal, match, ok, waitFor } from '../../test-utils/assert.js';
import { DEMO, SANDBOX_URL } from '../../test-utils/sandbox.js';
import '../../define.js';
import type { StaymodBooking } from './booking.js';

type Shadowed = HTMLElement & { shadowRoot: ShadowRoot; updateComplete: Promise<unknown> };

// query-core reads process.env.NODE_ENV (every build defines it); this unbundled test page has no `process`.
(globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };
// Opt-in test hook: the widget's shared query client, to make it read availability again now.
const hooks = ((globalThis as { __staymodTestHooks?: { queryClient?: { invalidateQueries(): Promise<void>; clear(): void } } }).__staymodTestHooks ??= {});

const mounted: HTMLElement[] = [];
const TODAY = (DEMO.today ?? new Date().toISOString().slice(0, 10)) as DateKey;
const day = (n: number) => addDays(TODAY, n);

function mount(attrs: Record<string, string | number> = {}, width = 720): StaymodBooking {
  const el = document.createElement('staymod-booking');
  const all = { 'property-id': DEMO.propertyId, 'api-key': DEMO.keys.full, 'api-base': SANDBOX_URL, today: TODAY, ...attrs };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, String(value));
  el.style.display = 'block';
  el.style.width = `${width}px`;
  document.body.append(el);
  mounted.push(el);
  return el;
}

function panel(el: Element, tag: string): Shadowed | null {
  return el.shadowRoot!.querySelector(tag) as Shadowed | null;
}

function dayButton(el: Element, date: DateKey): HTMLButtonElement | null {
  return panel(el, 'staymod-calendar')?.shadowRoot.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`) ?? null;
}

/** Waits until a day shows a price, then clicks it (as a guest would). */
async function pick(el: Element, date: DateKey): Promise<void> {
  const priced = () => {
    const button = dayButton(el, date);
    return button?.getAttribute('aria-label')?.includes('₹') ? button : null;
  };
  (await waitFor(priced, 8000, `a price on ${date}`))!.click();
}

function byLabel(root: ShadowRoot | undefined, label: string): HTMLButtonElement {
  const button = root?.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  if (!button) throw new Error(`no button "${label}"`);
  return button;
}

function text(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(el.shadowRoot!);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Dates (within the two months on screen: at most 28 days ahead), the dorm (a bed sleeps one), Continue: the form as it opens. */
async function openForm(el: StaymodBooking, from: number, to: number): Promise<Shadowed> {
  await pick(el, day(from));
  await pick(el, day(to));
  const rooms = (await waitFor(() => panel(el, 'staymod-room-list'), 5000, 'the room list'))!;
  await rooms.updateComplete;
  byLabel(rooms.shadowRoot, 'Add one Backpacker Dorm Bed').click();
  await rooms.updateComplete;
  rooms.shadowRoot.querySelector<HTMLButtonElement>('[part="continue"]')!.click();
  const form = (await waitFor(() => panel(el, 'staymod-guest-form'), 5000, 'the guest form'))!;
  await form.updateComplete;
  return form;
}

/** The same, then a name and an e-mail typed in. */
async function toForm(el: StaymodBooking, from: number, to: number, name: string): Promise<Shadowed> {
  const form = await openForm(el, from, to);
  const input = form.shadowRoot.querySelector<HTMLInputElement>('#guestName')!;
  input.value = name;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  const email = form.shadowRoot.querySelector<HTMLInputElement>('#guestEmail')!;
  email.value = 'component@example.com';
  email.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await form.updateComplete;
  return form;
}

function submit(form: Shadowed): void {
  form.shadowRoot.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

/** Counts the POSTs to Staymod that leave the page. */
function countPosts(): { count: number; restore: () => void } {
  const original = window.fetch;
  const counter = { count: 0, restore: () => (window.fetch = original) };
  window.fetch = (input, init) => {
    if (init?.method === 'POST') counter.count++;
    return original(input, init);
  };
  return counter;
}

describe('<staymod-booking> against the sandbox', () => {
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
    sessionStorage.clear();
  });

  it('maps every attribute to its camelCase property, with the documented defaults', async () => {
    const plain = document.createElement('staymod-booking');
    equal(plain.locale, 'en-IN');
    equal(plain.currency, 'INR');
    equal(plain.checkInTime, '14:00');
    equal(plain.checkOutTime, '11:00');
    equal(plain.months, undefined);
    const el = mount({
      locale: 'de-DE',
      currency: 'EUR',
      months: 1,
      'min-nights': 2,
      'max-nights': 9,
      'check-in-time': '15:00',
      'check-out-time': '10:30',
      guests: 3,
      'proxy-url': '',
      theme: 'dark',
    });
    await el.updateComplete;
    deepEqual(
      [el.propertyId, el.apiKey, el.apiBase, el.locale, el.currency, el.months, el.minNights, el.maxNights, el.checkInTime, el.checkOutTime, el.guests, el.theme],
      [DEMO.propertyId, DEMO.keys.full, SANDBOX_URL, 'de-DE', 'EUR', 1, 2, 9, '15:00', '10:30', 3, 'dark'],
    );
    el.theme = 'light';
    await el.updateComplete;
    equal(el.getAttribute('theme'), 'light', 'theme reflects');
  });

  it('analytics="false" and url-state="false" (React 18 writes booleans so) leave both off; present or "" turns them on', async () => {
    const el = document.createElement('staymod-booking');
    el.setAttribute('analytics', 'false');
    el.setAttribute('url-state', 'false');
    deepEqual([el.analytics, el.urlState], [false, false]);
    el.setAttribute('analytics', '');
    el.setAttribute('url-state', 'true');
    deepEqual([el.analytics, el.urlState], [true, true]);
    el.removeAttribute('analytics');
    equal(el.analytics, false);
  });

  it('paints the calendar at once while loading, then prices every night', async () => {
    const el = mount();
    await el.updateComplete;
    // Before any answer: the calendar is there, busy, its nights loading.
    const busy = el.shadowRoot!.querySelector('[aria-busy="true"]');
    ok(busy, 'a busy placeholder on the first render');
    const loadingCalendar = busy.querySelector('staymod-calendar');
    ok(loadingCalendar, 'the placeholder is the calendar itself');
    await waitFor(() => dayButton(el, day(3))?.getAttribute('aria-label')?.includes('₹'), 8000, 'a priced night');
    equal(el.shadowRoot!.querySelector('[aria-busy="true"]'), null);
    // The same calendar, now priced: nothing rebuilt under a guest who already reached for a day.
    equal<Element | null>(panel(el, 'staymod-calendar'), loadingCalendar, 'the loading calendar is the one that shows the prices');
    equal(panel(el, 'staymod-calendar')!.shadowRoot.querySelector('button[aria-current="date"]')?.getAttribute('data-date'), TODAY);
  });

  it('shows two months from 640 px, one below, unless months is set', async () => {
    const wide = mount({}, 700);
    const narrow = mount({}, 500);
    const forced = mount({ months: 2 }, 500);
    await Promise.all([wide.updateComplete, narrow.updateComplete, forced.updateComplete]);
    const count = (el: Element) => panel(el, 'staymod-calendar')!.shadowRoot.querySelectorAll('[part="month"]').length;
    await waitFor(() => panel(forced, 'staymod-calendar'), 5000, 'calendars');
    equal(count(wide), 2);
    equal(count(narrow), 1);
    equal(count(forced), 2);
  });

  it('opens on the rooms with valid prefilled dates, and says why it ignores bad ones', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const good = mount({ 'check-in': day(24), 'check-out': day(26) });
      await waitFor(() => panel(good, 'staymod-room-list'), 8000, 'the room list');
      match(text(good), /2 nights/);
      const past = mount({ 'check-in': day(-3), 'check-out': day(-1) });
      await waitFor(() => text(past).includes('could not be used'), 8000, 'the prefill notice');
      match(text(past), /check-in .* is in the past/);
      ok(!panel(past, 'staymod-room-list'), 'no rooms for ignored dates');
      // The host's console module loads on demand: the line follows shortly.
      await waitFor(() => warnings.some((w) => w.includes('Ignoring prefill dates')), 3000, 'the host is told');
    } finally {
      console.warn = warn;
    }
  });

  it('says why it ignores a link\'s dates in the page\'s language, once that language has loaded', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const past = mount({ locale: 'hi-IN', 'check-in': day(-3), 'check-out': day(-1) });
      const short = mount({ locale: 'fr-FR', 'min-nights': 3, 'check-in': day(24), 'check-out': day(25) });
      // The notice follows the language file: Hindi's sentence with Hindi's reason, no English left in it.
      await waitFor(() => text(past).includes('इस लिंक की तारीखें इस्तेमाल नहीं की जा सकीं (यह तारीख बीत चुकी है)'), 8000, 'the Hindi notice');
      ok(!text(past).includes('is in the past'), 'no English reason');
      await waitFor(() => /Les dates de ce lien ne peuvent pas être utilisées \(Séjour minimum\s:\s3 nuits\)/.test(text(short)), 8000, 'the French notice');
      // A problem no built-in language words (a malformed date): the sentence without a reason.
      const malformed = mount({ locale: 'ja-JP', 'check-in': '2027-13-40', 'check-out': day(26) });
      await waitFor(() => text(malformed).includes('このリンクの日付は使用できませんでした。日付を選択してください。'), 8000, 'the Japanese notice');
      ok(!/YYYY|not a/.test(text(malformed)), 'no English reason');
    } finally {
      console.warn = warn;
    }
  });

  it('fires typed, composed events; a host veto sends nothing; the booking then goes through once', async () => {
    const el = mount({ guests: 1 });
    const seen: CustomEvent[] = [];
    const names = ['staymod-dates-change', 'staymod-rooms-change', 'staymod-booking-submit', 'staymod-booking-confirmed', 'staymod-booking-error'];
    const listener = (e: Event) => seen.push(e as CustomEvent);
    for (const name of names) document.addEventListener(name, listener);
    let veto = true;
    const vetoer = (e: Event) => veto && e.preventDefault();
    el.addEventListener('staymod-booking-submit', vetoer);
    const posts = countPosts();
    try {
      const form = await toForm(el, 12, 14, 'Component Veto');
      submit(form);
      await form.updateComplete;
      await new Promise((r) => setTimeout(r, 200));
      equal(posts.count, 0, 'a vetoed submit sends nothing');
      equal(form.shadowRoot.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled, false, 'the form is usable again');

      veto = false;
      submit(form);
      await waitFor(() => panel(el, 'staymod-confirmation'), 8000, 'the confirmation');
      equal(posts.count, 1);

      for (const e of seen) ok(e.bubbles && e.composed, `${e.type} bubbles out of the shadow root`);
      const of = (type: string) => seen.filter((e) => e.type === type);
      deepEqual(of('staymod-dates-change').at(-1)!.detail, { checkIn: day(12), checkOut: day(14), nights: 2 });
      const rooms = of('staymod-rooms-change').at(-1)!.detail;
      equal(rooms.rooms[0].quantity, 1);
      equal(rooms.currency, 'INR');
      ok(Number.isInteger(rooms.totalMinor) && rooms.totalMinor > 0, 'a total in minor units');
      const submits = of('staymod-booking-submit');
      equal(submits.length, 2);
      ok(submits[0]!.cancelable, 'submit is cancelable');
      equal(submits[1]!.detail.request.checkIn, `${day(12)}T14:00:00.000Z`);
      const confirmed = of('staymod-booking-confirmed');
      equal(confirmed.length, 1);
      const id = confirmed[0]!.detail.booking._id as string;
      match(id, /^[a-f\d]{24}$/);
      // The reference shown is the one Staymod returned (the e2e suite checks the sandbox's own list).
      match(text(el), new RegExp(id));
      equal(confirmed[0]!.detail.booking.guestName, 'Component Veto');
    } finally {
      posts.restore();
      for (const name of names) document.removeEventListener(name, listener);
    }
  });

  it('books on a plain-http page, where the browser has no crypto.randomUUID (secure pages only): one POST, a v4 attempt key', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID');
    delete (Crypto.prototype as { randomUUID?: unknown }).randomUUID;
    const original = window.fetch;
    let posts = 0;
    let keyAtPost: unknown;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') {
        posts++;
        // The attempt is saved with the draft before it is sent.
        keyAtPost = JSON.parse(sessionStorage.getItem(`staymod-booking:v1:${DEMO.propertyId}`) ?? '{}').attempt?.key;
      }
      return original(input, init);
    };
    try {
      ok(typeof crypto.randomUUID !== 'function', 'randomUUID is gone, as on an http page');
      const el = mount({ guests: 1 });
      const form = await toForm(el, 20, 21, 'Plain Http');
      submit(form);
      await waitFor(() => panel(el, 'staymod-confirmation'), 8000, 'the confirmation (the form never stays on "Sending")');
      equal(posts, 1);
      match(String(keyAtPost), /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
      // "Book another": the confirmation goes, and focus goes to the calendar, not to the page.
      const confirmation = panel(el, 'staymod-confirmation')!;
      await confirmation.updateComplete;
      confirmation.shadowRoot.querySelector<HTMLButtonElement>('[part="book-another"]')!.click();
      const calendar = (await waitFor(() => panel(el, 'staymod-calendar'), 5000, 'the calendar again'))!;
      await waitFor(() => calendar.shadowRoot.activeElement?.matches('button[data-date]'), 5000, 'focus on a day of the calendar');
    } finally {
      window.fetch = original;
      if (descriptor) Object.defineProperty(Crypto.prototype, 'randomUUID', descriptor);
    }
  });

  it('a refused submit fires a typed staymod-booking-error and keeps what was typed', async () => {
    const el = mount({ guests: 1, 'api-key': DEMO.keys.readOnly });
    const errors: CustomEvent[] = [];
    el.addEventListener('staymod-booking-error', (e) => errors.push(e));
    const error = console.error;
    console.error = () => {};
    try {
      const form = await toForm(el, 16, 17, 'Component Refused');
      submit(form);
      await waitFor(() => errors.length, 8000, 'the error event');
      const { error: typed, stage } = errors[0]!.detail;
      equal(stage, 'submit');
      equal(typed.name, 'StaymodError');
      equal(typed.code, 'missing-scope');
      ok(typed.hostFixable, 'host-fixable');
      await form.updateComplete;
      equal(form.shadowRoot.querySelector<HTMLInputElement>('#guestName')!.value, 'Component Refused');
      match(text(el), /Online booking is unavailable/);
      // A definite refusal ends the attempt: sent again later, it is a new request (a new key).
      const draft = JSON.parse(sessionStorage.getItem(`staymod-booking:v1:${DEMO.propertyId}`) ?? '{}');
      equal(draft.attempt, undefined, 'no attempt kept after a refusal');
      equal(draft.guest?.guestName, 'Component Refused', 'what was typed is kept');
    } finally {
      console.error = error;
    }
  });

  it('a chosen room that sells out while the guest is on the form is said there at once; nothing is sent, not even an empty booking', async () => {
    const rooms = (await (await fetch(`${SANDBOX_URL}/api/public/v1/properties/${DEMO.propertyId}/rooms`, { headers: { Authorization: `Bearer ${DEMO.keys.full}` } })).json()) as {
      rooms: { _id: string; name: string }[];
    };
    const dorm = rooms.rooms.find((r) => r.name === 'Backpacker Dorm Bed')!._id;
    const original = window.fetch;
    let full = false;
    const posted: string[] = [];
    // Another guest takes the last bed: Staymod's view now shows the dorm full.
    window.fetch = async (input, init) => {
      if (init?.method === 'POST') posted.push(String(init.body));
      const response = await original(input, init);
      if (!full || !String(input).includes('/room-availability') || !response.ok) return response;
      const json = (await response.json()) as { rows: { roomId: string; cells: { isFull: boolean }[] }[] };
      for (const row of json.rows) if (row.roomId === dorm) for (const cell of row.cells) cell.isFull = true;
      return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const el = mount({ guests: 1 });
      const errors: CustomEvent[] = [];
      el.addEventListener('staymod-booking-error', (e) => errors.push(e));
      const form = await toForm(el, 24, 25, 'Component Sold Under');
      full = true;
      await hooks.queryClient!.invalidateQueries();
      // Before any click: the form says the bed went, and offers other dates.
      await waitFor(() => /just sold out/i.test(el.shadowRoot!.querySelector('[part="notice"]')?.textContent ?? ''), 8000, 'the sold-out notice on the form');
      ok(panel(el, 'staymod-guest-form'), 'still on the form');
      equal(form.shadowRoot.querySelector<HTMLInputElement>('#guestName')!.value, 'Component Sold Under', 'what was typed stays');
      ok(el.shadowRoot!.querySelector('[part="notice"] button'), 'a way on (Change dates)');
      // A submit now sends nothing: no room is left to book, so back to the rooms.
      submit((await waitFor(() => panel(el, 'staymod-guest-form'), 5000, 'the form'))!);
      await waitFor(() => panel(el, 'staymod-room-list') && !panel(el, 'staymod-guest-form'), 8000, 'back to the rooms');
      await new Promise((r) => setTimeout(r, 300));
      equal(posted.length, 0, 'no booking sent');
      equal(errors.length, 0, 'nothing was submitted, so no submit error for the host');
    } finally {
      window.fetch = original;
      // The faked full dorm must not outlive this test in the shared cache.
      for (const el of mounted.splice(0)) el.remove();
      hooks.queryClient?.clear();
    }
  });

  it("a stale counter's refusal of two beds sets aside the dorm only: the twin, another room type, stays chosen and bookable", async () => {
    const original = window.fetch;
    const posted: string[] = [];
    // Staymod's counter for dorm beds is stale on the first night: its view shows them free, its POST
    // refuses the line of 2 beds. The message names the night and the quantity, not the room.
    window.fetch = async (input, init) => {
      if (init?.method !== 'POST') return original(input, init);
      posted.push(String(init.body));
      const error = `Not enough availability on ${day(27)} (need 2 unit(s), 0 left).`;
      return new Response(JSON.stringify({ error }), { status: 400, headers: { 'content-type': 'application/json' } });
    };
    try {
      const el = mount({ guests: 3 });
      await pick(el, day(27));
      await pick(el, day(28));
      const rooms = (await waitFor(() => panel(el, 'staymod-room-list'), 5000, 'the room list'))!;
      await rooms.updateComplete;
      for (const label of ['Add one Backpacker Dorm Bed', 'Add one Backpacker Dorm Bed', 'Add one Garden Twin']) {
        byLabel(rooms.shadowRoot, label).click();
        await rooms.updateComplete;
      }
      rooms.shadowRoot.querySelector<HTMLButtonElement>('[part="continue"]')!.click();
      const form = (await waitFor(() => panel(el, 'staymod-guest-form'), 5000, 'the guest form'))!;
      await form.updateComplete;
      const name = form.shadowRoot.querySelector<HTMLInputElement>('#guestName')!;
      name.value = 'Component Stale Dorm';
      name.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      const email = form.shadowRoot.querySelector<HTMLInputElement>('#guestEmail')!;
      email.value = 'component@example.com';
      email.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await form.updateComplete;
      submit(form);
      const notice = await waitFor(() => el.shadowRoot!.querySelector('#refused-notice'), 8000, 'the refused notice').catch((e) => {
        throw new Error(`${e.message}; posted ${posted.length}; page: ${text(el)}`);
      });
      equal(posted.length, 1, 'sent once');
      match(notice!.textContent ?? '', /did not accept Backpacker Dorm Bed for these dates/);
      ok(!/Garden Twin/.test(notice!.textContent ?? ''), 'the twin is not named: Staymod did not refuse it');
      const list = (await waitFor(() => panel(el, 'staymod-room-list'), 5000, 'back on the rooms'))!;
      await list.updateComplete;
      const card = (name: string) => [...list.shadowRoot.querySelectorAll('article')].find((a) => a.querySelector('h3')?.textContent === name)!;
      match(card('Backpacker Dorm Bed').textContent ?? '', /Not accepted by the property's booking system for these dates/);
      ok(!card('Backpacker Dorm Bed').querySelector('[part~="stepper"]'), 'the dorm is not offered again for this stay (no loop)');
      equal(card('Garden Twin').querySelector('output')?.textContent, '1', 'the twin stays chosen');
      equal(byLabel(list.shadowRoot, 'Add one Garden Twin').getAttribute('aria-disabled'), 'false', 'another twin can be added');
    } finally {
      window.fetch = original;
    }
  });

  it('a property switch while a booking is on its way waits for its outcome: the confirmation shows, each property keeps its own draft', async () => {
    const other = 'f'.repeat(24);
    const key = (id: string) => `staymod-booking:v1:${id}`;
    // A guest's details typed earlier in this tab for the other property.
    sessionStorage.setItem(key(other), JSON.stringify({ guest: { guestName: 'Typed For Other', guestEmail: 'other@example.com', guestPhone: '', specialRequests: 'late arrival' }, checkIn: null, checkOut: null, guests: 2, selection: {}, options: [], savedAt: Date.now() }));
    const original = window.fetch;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input, init) => {
      if (init?.method === 'POST') await held;
      return original(input, init);
    };
    try {
      const el = mount({ guests: 1 });
      const confirmed: CustomEvent[] = [];
      el.addEventListener('staymod-booking-confirmed', (e) => confirmed.push(e));
      const form = await toForm(el, 22, 23, 'Component Switch');
      submit(form);
      await waitFor(() => JSON.parse(sessionStorage.getItem(key(DEMO.propertyId)) ?? '{}').sending, 5000, 'the booking on its way');
      el.propertyId = other;
      await el.updateComplete;
      release();
      await waitFor(() => confirmed.length, 8000, 'the booking confirmed');
      const confirmation = (await waitFor(() => panel(el, 'staymod-confirmation'), 8000, 'the confirmation, still shown'))!;
      await confirmation.updateComplete;
      match(text(el), /Backpacker Dorm Bed/, "the booked room's name, from the property it was sent to");
      const first = JSON.parse(sessionStorage.getItem(key(DEMO.propertyId)) ?? '{}');
      ok(!first.sending && !first.attempt, 'the sent property\'s draft knows the booking ended');
      equal(JSON.parse(sessionStorage.getItem(key(other)) ?? '{}').guest?.guestName, 'Typed For Other', "the other property's draft is untouched");
      // "Book another": now the switch happens, with the other property's own draft.
      confirmation.shadowRoot.querySelector<HTMLButtonElement>('[part="book-another"]')!.click();
      await waitFor(() => !panel(el, 'staymod-confirmation'), 5000, 'the confirmation gone');
      equal(JSON.parse(sessionStorage.getItem(key(other)) ?? '{}').guest?.guestName, 'Typed For Other', 'restored, not overwritten');
    } finally {
      window.fetch = original;
      release();
    }
  });

  it('a reload while the booking is on its way (direct mode: no key to ask under): the unconfirmed end with what was sent, never a fresh form', async () => {
    const el = mount({ guests: 1 });
    const original = window.fetch;
    let posts = 0;
    // The first POST never answers: the guest reloads while it is on its way.
    window.fetch = (input, init) => {
      if (init?.method !== 'POST') return original(input, init);
      posts++;
      return new Promise<Response>(() => {});
    };
    try {
      const form = await toForm(el, 22, 23, 'Component Reloaded');
      submit(form);
      await waitFor(() => posts === 1, 8000, 'the POST on its way');
      el.remove();
      const again = mount({ guests: 1 });
      await waitFor(() => again.shadowRoot?.querySelector('#unconfirmed-heading'), 8000, 'the unconfirmed end after the reload');
      match(again.shadowRoot!.querySelector('[part="summary"]')!.textContent ?? '', /Component Reloaded/);
      equal(panel(again, 'staymod-guest-form'), null, 'no form to send it again');
      deepEqual([...again.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim()), ['Start a new booking']);
      equal(posts, 1, 'nothing sent again');
    } finally {
      window.fetch = original;
    }
  });

  it("an unconfirmed booking ends the flow: what was sent, contact the property, no way to send it again, even after a reload", async () => {
    const el = mount({ guests: 1 });
    const other = mount({ guests: 1 });
    const errors: CustomEvent[] = [];
    el.addEventListener('staymod-booking-error', (e) => errors.push(e));
    const original = window.fetch;
    let posts = 0;
    // What the proxy answers (and replays for the same Idempotency-Key) when Staymod's outcome is unknown.
    window.fetch = (input, init) => {
      if (init?.method !== 'POST') return original(input, init);
      posts++;
      const body = JSON.stringify({ error: UNCONFIRMED_BOOKING_MESSAGE });
      return Promise.resolve(new Response(body, { status: 502, headers: { 'content-type': 'application/json' } }));
    };
    try {
      const form = await toForm(el, 18, 19, 'Component Unconfirmed');
      submit(form);
      await waitFor(() => errors.length, 8000, 'the error event');
      equal(posts, 1);
      equal(errors[0]!.detail.error.code, 'unconfirmed');
      await el.updateComplete;
      const ended = async (widget: StaymodBooking) => {
        const notice = widget.shadowRoot!.querySelector('[part="notice"]')!;
        match((notice.textContent ?? '').replace(/\s+/g, ' '), /Booking not confirmed.*may have reached the property.*do not send it again.*contact the property/);
        equal(panel(widget, 'staymod-guest-form'), null, 'no form to send it again');
        deepEqual([...widget.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim()), ['Start a new booking']);
        match(widget.shadowRoot!.querySelector('[part="summary"]')!.textContent ?? '', /Component Unconfirmed/);
      };
      await ended(el);
      equal(el.shadowRoot!.activeElement?.id, 'unconfirmed-heading', 'focus moves to the heading');
      equal(el.shadowRoot!.querySelector('[role="status"]')!.textContent?.trim(), '', 'said once, by the alert, not again by the status region');
      const sent = el.shadowRoot!.querySelector('[part="summary"]')!.textContent!.replace(/\s+/g, ' ');
      match(sent, /1 × Backpacker Dorm Bed/);

      // The page changing the prefill afterwards does not rewrite what was sent.
      el.setAttribute('check-in', day(20));
      el.setAttribute('check-out', day(23));
      el.setAttribute('guests', '3');
      await el.updateComplete;
      equal(el.shadowRoot!.querySelector('[part="summary"]')!.textContent!.replace(/\s+/g, ' '), sent);

      // A second widget for the same property, opened before, saving its own draft afterwards
      // (the guest picks a date there) does not erase the end.
      await pick(other, day(5));
      match(sessionStorage.getItem(`staymod-booking:v1:${DEMO.propertyId}`) ?? '', /"unconfirmed"/);
      other.remove();

      // A reload in the same tab shows the same end, not a fresh form.
      el.remove();
      const again = mount({ guests: 1 });
      await waitFor(() => again.shadowRoot?.querySelector('#unconfirmed-heading'), 8000, 'the unconfirmed end after a reload');
      await ended(again);
      equal(again.shadowRoot!.querySelector('[part="summary"]')!.textContent!.replace(/\s+/g, ' '), sent, 'what was sent, after a reload');
      equal(posts, 1, 'nothing was sent again');

      // Another property: nothing of this end carries over.
      again.setAttribute('property-id', 'f'.repeat(24));
      await again.updateComplete;
      equal(again.shadowRoot!.querySelector('#unconfirmed-heading'), null, 'another property starts fresh');
      again.setAttribute('property-id', DEMO.propertyId);
      await waitFor(() => again.shadowRoot?.querySelector('#unconfirmed-heading'), 8000, 'back to this property: its end again');

      // Only the guest's explicit choice starts over: the calendar, with no dates.
      again.shadowRoot!.querySelector<HTMLButtonElement>('.actions button')!.click();
      await waitFor(() => panel(again, 'staymod-calendar'), 5000, 'the calendar');
      equal(again.shadowRoot!.querySelector('#unconfirmed-heading'), null);
      ok(!/"unconfirmed"/.test(JSON.stringify({ ...sessionStorage })), 'the draft forgot the unconfirmed end');
      equal(posts, 1);
    } finally {
      window.fetch = original;
    }
  });

  it("books the rooms the room list shows: a link's 99 dorm beds become the beds still free, in the list and in what is sent", async () => {
    const rooms = (await (await fetch(`${SANDBOX_URL}/api/public/v1/properties/${DEMO.propertyId}/rooms`, { headers: { Authorization: `Bearer ${DEMO.keys.full}` } })).json()) as {
      rooms: { _id: string; name: string }[];
    };
    const dorm = rooms.rooms.find((r) => r.name === 'Backpacker Dorm Bed')!._id;
    const start = location.href;
    history.replaceState(null, '', `?staymod-check-in=${day(25)}&staymod-check-out=${day(26)}&staymod-rooms=${dorm}:99&staymod-guests=1`);
    const original = window.fetch;
    const posted: string[] = [];
    window.fetch = (input, init) => {
      if (init?.method === 'POST') posted.push(String(init.body));
      return original(input, init);
    };
    try {
      const el = mount({ 'url-state': '', guests: 1 });
      const list = (await waitFor(() => panel(el, 'staymod-room-list'), 8000, 'the room list from the link'))!;
      const count = () => Number(byLabel(list.shadowRoot, 'Add one Backpacker Dorm Bed').closest('.stepper')?.querySelector('output')?.textContent?.trim());
      await waitFor(() => count() > 0, 8000, 'the dorm beds shown');
      const shown = count();
      ok(shown < 99, `the list caps the link's 99 at the beds free (shows ${shown})`);
      list.shadowRoot.querySelector<HTMLButtonElement>('[part="continue"]')!.click();
      const form = (await waitFor(() => panel(el, 'staymod-guest-form'), 5000, 'the guest form'))!;
      await form.updateComplete;
      // Typed in full-width forms, with a zero-width space a paste left behind: sent as the mailbox it means.
      for (const [id, value] of [['#guestName', 'Component Link'], ['#guestEmail', 'ｃｏｍｐｏｎｅｎｔ@example.com\u200b']] as const) {
        const input = form.shadowRoot.querySelector<HTMLInputElement>(id)!;
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      }
      await form.updateComplete;
      submit(form);
      await waitFor(() => posted.length === 1, 8000, 'the booking sent');
      deepEqual((JSON.parse(posted[0]!) as { rooms: unknown }).rooms, [{ roomId: dorm, quantity: shown }]);
      equal((JSON.parse(posted[0]!) as { guestEmail: string }).guestEmail, 'component@example.com');
    } finally {
      window.fetch = original;
      history.replaceState(null, '', start);
    }
  });

  it('a page open past midnight drops a check-in now in the past, says so and keeps the details; a submit at that moment sends nothing', async () => {
    const posts = countPosts();
    try {
      // The day turns while the guest fills in the form (a later `today` is what the midnight timer's update sees).
      const el = mount({ guests: 1 });
      const dates: Array<string | null> = [];
      el.addEventListener('staymod-dates-change', (e) => dates.push(e.detail.checkIn));
      await toForm(el, 14, 15, 'Past Midnight');
      el.today = day(15);
      await el.updateComplete;
      ok(!panel(el, 'staymod-guest-form'), 'back on the calendar');
      match(text(el), /Your check-in date, .+, has passed\. Please choose new dates; your details are kept\./);
      equal(panel(el, 'staymod-calendar')!.shadowRoot.querySelector('button[aria-current="date"]')?.getAttribute('data-date'), day(15));
      match(dayButton(el, day(14))!.getAttribute('aria-label') ?? '', /Date has passed/);
      equal(dates.at(-1), null, 'the host hears the dates were cleared');
      // New dates: the notice goes, and the form still has what was typed (read before anything is typed again).
      const form = await openForm(el, 15, 16);
      ok(!text(el).includes('has passed'), 'the notice goes with new dates');
      equal(form.shadowRoot.querySelector<HTMLInputElement>('#guestName')!.value, 'Past Midnight');
      equal(form.shadowRoot.querySelector<HTMLInputElement>('#guestEmail')!.value, 'component@example.com');

      // The day turns between the update and the click on "Request booking": the submit itself checks.
      el.today = day(16);
      submit(form);
      await el.updateComplete;
      ok(!panel(el, 'staymod-guest-form'), 'the submit went back to the calendar');
      match(text(el), /has passed/);
      // Direct mode reads the stay again before it posts: time for that, then still no POST.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      equal(posts.count, 0, 'nothing was sent');
    } finally {
      posts.restore();
    }
  });

  it('past midnight on the 1st, the month shown is the new one, with its prices', async () => {
    const el = mount({ months: 1 });
    await waitFor(() => dayButton(el, day(3))?.getAttribute('aria-label')?.includes('₹'), 8000, 'a priced night');
    const [y, m] = TODAY.split('-').map(Number) as [number, number];
    const firstOfNext = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01` as DateKey;
    el.today = firstOfNext;
    await waitFor(() => dayButton(el, addDays(firstOfNext, 2))?.getAttribute('aria-label')?.includes('₹'), 8000, `a price in the month of ${firstOfNext}`);
  });

  it('keeps dates, rooms and details across a reload in the same tab', async () => {
    const first = mount({ guests: 1 });
    await toForm(first, 20, 23, 'Component Draft');
    first.remove();
    const again = mount({ guests: 1 });
    const rooms = (await waitFor(() => panel(again, 'staymod-room-list'), 8000, 'the restored room list'))!;
    await rooms.updateComplete;
    match(text(again), /3 nights/);
    equal(byLabel(rooms.shadowRoot, 'Add one Backpacker Dorm Bed').closest('.stepper')?.querySelector('output')?.textContent?.trim(), '1');
    rooms.shadowRoot.querySelector<HTMLButtonElement>('[part="continue"]')!.click();
    const form = (await waitFor(() => panel(again, 'staymod-guest-form'), 5000, 'the guest form'))!;
    await form.updateComplete;
    equal(form.shadowRoot.querySelector<HTMLInputElement>('#guestName')!.value, 'Component Draft');
    equal(form.shadowRoot.querySelector<HTMLInputElement>('#guestEmail')!.value, 'component@example.com');
  });

  it('re-renders with new strings and locale set as properties', async () => {
    const el = mount();
    await waitFor(() => dayButton(el, day(3))?.getAttribute('aria-label')?.includes('₹'), 8000, 'a priced night');
    el.strings = { checkInPrompt: 'Wann kommen Sie an?' };
    el.locale = 'de-DE';
    await el.updateComplete;
    const calendar = panel(el, 'staymod-calendar')!;
    await calendar.updateComplete;
    match(text(el), /Wann kommen Sie an\?/);
    match(dayButton(el, day(3))!.getAttribute('aria-label')!, /^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d+\. /);
    ok(!/Select a check-in date/.test(text(el)), 'the default prompt is gone');
  });

  it('without a property id it asks nothing of the network and tells the host once', async () => {
    const error = console.error;
    const said: string[] = [];
    console.error = (...args: unknown[]) => said.push(args.join(' '));
    const original = window.fetch;
    let requests = 0;
    window.fetch = (input, init) => {
      requests++;
      return original(input, init);
    };
    try {
      const el = mount({ 'property-id': '' });
      const other = mount({ 'property-id': '' });
      await Promise.all([el.updateComplete, other.updateComplete]);
      match(text(el), /Online booking is unavailable/);
      // The host's console file loads once the page is idle: the line follows shortly, once for both.
      await waitFor(() => said.some((s) => s.includes('property-id attribute is missing')), 3000, 'the host is told');
      await new Promise((r) => setTimeout(r, 100));
      equal(requests, 0);
      equal(said.filter((s) => s.includes('property-id attribute is missing')).length, 1);
    } finally {
      window.fetch = original;
      console.error = error;
    }
  });
});
