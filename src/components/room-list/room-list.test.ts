import { html } from 'lit';
import type { BookingOption, Room } from '../../domain/model.js';
import { quoteRoom, type Nights, type RoomQuote } from '../../domain/pricing.js';
import { defaultStrings } from '../../i18n/strings.js';
import { deepEqual, equal, match, ok } from '../../test-utils/assert.js';
import { cleanup, fixture, settled } from '../../test-utils/fixture.js';
import { a11yViolations } from '../shared/a11y-check.js';
import { StaymodRoomList } from './room-list.js';
import type { StaymodSelectionDetail } from './room-list.events.js';
import { normalizeSelection } from './selection.js';

if (!customElements.get('staymod-room-list')) customElements.define('staymod-room-list', StaymodRoomList);

const CHECK_IN = '2026-05-01';
const CHECK_OUT = '2026-05-03';
const IDS = { deluxe: 'a'.repeat(24), suite: 'b'.repeat(24), dorm: 'c'.repeat(24), cottage: 'd'.repeat(24) };

function room(id: string, name: string, extra: Partial<Room> = {}): Room {
  return { id, name, slug: name.toLowerCase(), type: 'double', maxGuests: 2, bedCount: 1, unitCount: 3, amenities: [], tags: [], images: [], sortOrder: 0, ...extra };
}

const ROOMS: Room[] = [
  room(IDS.dorm, 'Dorm bed', { type: 'dorm_bed', maxGuests: 1 }),
  room(IDS.deluxe, 'Deluxe', {
    tagline: 'Garden view',
    bedSize: 'King',
    amenities: ['Wi-Fi', 'AC'],
    tags: ['Sea view'],
    images: [
      { url: 'https://img.example/deluxe-1.jpg', tags: ['Bedroom'] },
      { url: 'https://img.example/deluxe-2.jpg', tags: [] },
    ],
  }),
  room(IDS.suite, 'Family suite', { maxGuests: 4, bedCount: 2, unitCount: 1 }),
  room(IDS.cottage, 'Cottage', { maxGuests: 3 }),
];

// Friday 1 May and Saturday 2 May. Dorm is full on Saturday; Cottage has no price.
const NIGHTS: Nights = {
  [IDS.deluxe]: { '2026-05-01': { unitsFree: 3, price: 4999.5 }, '2026-05-02': { unitsFree: 2, price: 5999 } },
  [IDS.suite]: { '2026-05-01': { unitsFree: 1, price: 9000 }, '2026-05-02': { unitsFree: 1, price: 9000 } },
  [IDS.dorm]: { '2026-05-01': { unitsFree: 4, price: 800 }, '2026-05-02': { unitsFree: 0, price: 800 } },
  [IDS.cottage]: { '2026-05-01': { unitsFree: 2, price: null }, '2026-05-02': { unitsFree: 2, price: 3000 } },
};

function quotes(currency = 'INR'): Record<string, RoomQuote> {
  return Object.fromEntries(ROOMS.map((r) => [r.id, quoteRoom(NIGHTS, r.id, CHECK_IN, CHECK_OUT, currency)]));
}

const BREAKFAST: BookingOption = { id: 'opt-breakfast', name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 350, sortOrder: 0 };
const AIRPORT: BookingOption = { id: 'opt-airport', name: 'Airport pick-up', appliesTo: 'room', frequency: 'booking', pricePerUnit: 1200.5, sortOrder: 1 };

interface Setup {
  rooms?: Room[];
  /** The currency the quotes were made in, when the element is told another one. */
  quoteCurrency?: string;
  currency?: string;
  locale?: string;
  selection?: Record<string, number>;
  guests?: number;
  options?: BookingOption[];
  selectedOptions?: string[];
  quotes?: Record<string, RoomQuote>;
}

async function mount(setup: Setup = {}): Promise<StaymodRoomList> {
  const currency = setup.currency ?? 'INR';
  return fixture<StaymodRoomList>(html`<staymod-room-list
    .rooms=${setup.rooms ?? ROOMS}
    .quotes=${setup.quotes ?? quotes(setup.quoteCurrency ?? currency)}
    .nights=${2}
    .selection=${setup.selection ?? {}}
    .guests=${setup.guests ?? 2}
    .options=${setup.options ?? []}
    .selectedOptions=${setup.selectedOptions ?? []}
    .currency=${currency}
    .locale=${setup.locale ?? 'en-IN'}
  ></staymod-room-list>`);
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(selector)];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function card(el: Element, name: string): HTMLElement {
  const found = $$(el, 'article.room').find((a) => text(a.querySelector('h3')) === name);
  if (!found) throw new Error(`no card for ${name}`);
  return found;
}

function button(scope: Element | ShadowRoot, label: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label || text(b) === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

function record(el: Element, type: string): Array<CustomEvent<StaymodSelectionDetail>> {
  const seen: Array<CustomEvent<StaymodSelectionDetail>> = [];
  // Listen on document: the events must bubble and cross the shadow boundary.
  const listener = (e: Event) => {
    if (e.composedPath().includes(el)) seen.push(e as CustomEvent<StaymodSelectionDetail>);
  };
  document.addEventListener(type, listener);
  after(() => document.removeEventListener(type, listener));
  return seen;
}

describe('<staymod-room-list>', () => {
  afterEach(cleanup);

  it('lists bookable rooms first, and unbookable ones dimmed at the end with the reason and no stepper', async () => {
    const el = await mount();
    const names = $$(el, 'article.room h3').map(text);
    deepEqual(names, ['Deluxe', 'Family suite', 'Dorm bed', 'Cottage']);

    const dorm = card(el, 'Dorm bed');
    ok(dorm.classList.contains('unavailable'));
    match(text(dorm), /Sold out on Sat, 2 May,? 2026/);
    match(text(dorm), /Up to 1 guest\b(?!s)/);
    equal(dorm.querySelector('.stepper'), null, 'no stepper on a sold-out room');

    const cottage = card(el, 'Cottage');
    match(text(cottage), /Not bookable online/);
    equal(cottage.querySelector('.stepper'), null);

    const deluxe = card(el, 'Deluxe');
    ok(!deluxe.classList.contains('unavailable'));
    match(text(deluxe), /Garden view/);
    match(text(deluxe), /1 bed \(King\)/);
    match(text(deluxe), /Up to 2 guests/);
    match(text(deluxe), /Only 2 left|2 left/);
    deepEqual([...deluxe.querySelectorAll('.chip')].map(text), ['Sea view', 'Wi-Fi', 'AC']);
    match(text(card(el, 'Family suite')), /Only 1 left/);
    match(text($(el, '.stay')), /Fri, 1 May to Sun, 3 May, 2 nights/);
  });

  it('prices a stay of 4999.50 + 5999 correctly in INR, per night and in total', async () => {
    const el = await mount({ selection: { [IDS.deluxe]: 2 } });
    const deluxe = card(el, 'Deluxe');
    equal(text(deluxe.querySelector('.price strong')), '₹10,998.50');
    match(text(deluxe.querySelector('.price')), /Total for 2 nights/);
    const rows = [...deluxe.querySelectorAll('details.breakdown tr')].map(text);
    deepEqual(rows, ['Fri, 1 May ₹4,999.50', 'Sat, 2 May ₹5,999']);
    equal(text($(el, '[part=total]')), '₹21,997');
  });

  it('a room priced per stay says "Getting the price…" while its quote is asked for, then the quote; without one, "Price confirmed by the property"', async () => {
    const loft = room('e'.repeat(24), 'Loft');
    const perStay: Nights = { [loft.id]: { '2026-05-01': { unitsFree: 1, price: null, perStay: true }, '2026-05-02': { unitsFree: 1, price: null, perStay: true } } };
    const base = quoteRoom(perStay, loft.id, CHECK_IN, CHECK_OUT, 'EUR');
    ok(base.perStay, 'the stay is priced by the property');
    const show = async (quote: RoomQuote) => {
      const el = await mount({ rooms: [loft], quotes: { [loft.id]: quote }, currency: 'EUR', locale: 'en-IE', selection: { [loft.id]: 1 } });
      return [text(card(el, 'Loft').querySelector('.price strong')), text($(el, '[part=total]'))];
    };
    deepEqual(await show({ ...base, quoting: true }), ['Getting the price…', 'Getting the price…']);
    const { perStay: _, ...quoted } = base;
    deepEqual(await show({ ...quoted, totalMinor: 33500 }), ['€335', '€335']);
    deepEqual(await show(base), ['Price confirmed by the property', 'Price confirmed by the property']);
  });

  it('a room whose nightly prices are a guide (quoted) shows no total from them until the property quotes the stay', async () => {
    const loft = room('e'.repeat(24), 'Loft');
    const guide: Nights = { [loft.id]: { '2026-05-01': { unitsFree: 1, price: 150, perStay: true }, '2026-05-02': { unitsFree: 1, price: 150, perStay: true } } };
    const base = quoteRoom(guide, loft.id, CHECK_IN, CHECK_OUT, 'EUR');
    equal(base.totalMinor, 30000, 'the nights sum to a guide');
    const show = async (quote: RoomQuote) => {
      const el = await mount({ rooms: [loft], quotes: { [loft.id]: quote }, currency: 'EUR', locale: 'en-IE', selection: { [loft.id]: 1 } });
      return [text(card(el, 'Loft').querySelector('.price strong')), text($(el, '[part=total]'))];
    };
    deepEqual(await show(base), ['Price confirmed by the property', 'Price confirmed by the property']);
    deepEqual(await show({ ...base, quoting: true, totalMinor: null }), ['Getting the price…', 'Getting the price…']);
  });

  it("hides the nightly breakdown when the total is the property's quote, not the nights' sum", async () => {
    const loft = room('e'.repeat(24), 'Loft');
    const guide: Nights = { [loft.id]: { '2026-05-01': { unitsFree: 1, price: 150, perStay: true }, '2026-05-02': { unitsFree: 1, price: 150, perStay: true } } };
    const { perStay: _, ...base } = quoteRoom(guide, loft.id, CHECK_IN, CHECK_OUT, 'EUR');
    const el = await mount({ rooms: [loft], quotes: { [loft.id]: { ...base, totalMinor: 38250 } }, currency: 'EUR', locale: 'en-IE', selection: { [loft.id]: 1 } });
    equal(text(card(el, 'Loft').querySelector('.price strong')), '€382.50');
    equal(text($(el, '[part=total]')), '€382.50');
    equal($(el, 'details.breakdown'), null, 'no €150 + €150 under €382.50');
  });

  it('prices in JPY with no minor digits', async () => {
    const el = await mount({ currency: 'JPY', locale: 'ja-JP', selection: { [IDS.deluxe]: 1 } });
    // 4999.5 yen rounds to 5000 on the night it is quoted.
    const strong = text(card(el, 'Deluxe').querySelector('.price strong'));
    match(strong, /^[¥￥]10,999$/);
    match(text($(el, '[part=total]')), /^[¥￥]10,999$/);
  });

  it('bounds a room quantity by the units free and reports every change', async () => {
    const el = await mount();
    const events = record(el, 'staymod-selection-change');
    const suite = card(el, 'Family suite');
    const add = button(suite, 'Add one Family suite');
    const remove = button(suite, 'Remove one Family suite');
    equal(remove.getAttribute('aria-disabled'), 'true', 'cannot go below 0');

    add.click();
    await settled(el);
    equal(text(suite.querySelector('output')), '1');
    equal(add.getAttribute('aria-disabled'), 'true', 'only 1 unit free');
    add.click();
    await settled(el);
    equal(text(suite.querySelector('output')), '1', 'stays at the units free');
    equal(events.length, 1, 'a click at the bound changes nothing and sends nothing');
    deepEqual(events[0]!.detail, { selection: { [IDS.suite]: 1 }, guests: 2, selectedOptions: [] });

    remove.click();
    await settled(el);
    deepEqual(events[1]!.detail.selection, {});
    equal(text(suite.querySelector('output')), '0');
  });

  it('keeps the stepper keyboard friendly: real buttons, labelled group, focus stays at a bound', async () => {
    const el = await mount();
    const suite = card(el, 'Family suite');
    const group = suite.querySelector('[role=group]')!;
    equal(group.getAttribute('aria-label'), 'Number of Family suite rooms');
    const add = button(suite, 'Add one Family suite');
    add.focus();
    add.click();
    await settled(el);
    equal(el.shadowRoot!.activeElement, add, 'focus is not lost when the bound is reached');
    ok(!add.disabled);
  });

  it('has a guests stepper from 1 to 99', async () => {
    const el = await mount({ guests: 1 });
    const events = record(el, 'staymod-selection-change');
    const row = $(el, '[part=guests]')!;
    equal(button(row, 'Remove a guest').getAttribute('aria-disabled'), 'true');
    button(row, 'Add a guest').click();
    await settled(el);
    equal(text(row.querySelector('output')), '2');
    equal(events[0]!.detail.guests, 2);

    el.guests = 99;
    await settled(el);
    button(row, 'Add a guest').click();
    await settled(el);
    equal(text(row.querySelector('output')), '99');
    equal(events.length, 1);
  });

  it('opens without an error; the reason shows once Continue is pressed and stays until fixed', async () => {
    const el = await mount({ guests: 3 });
    const cont = $<HTMLButtonElement>(el, '[part=continue]')!;
    const reason = $(el, '[part=reason]')!;
    const continued = record(el, 'staymod-rooms-continue');
    equal(cont.getAttribute('aria-disabled'), 'true');
    equal(text(reason), '', 'no error before the guest has tried');
    equal(cont.getAttribute('aria-describedby'), null);
    equal(reason.getAttribute('role'), 'status');

    button(card(el, 'Deluxe'), 'Add one Deluxe').click();
    await settled(el);
    equal(text(reason), '', 'still not tried: capacity is not shouted either');

    cont.click();
    await settled(el);
    equal(continued.length, 0);
    equal(text(reason), 'The selected rooms sleep up to 2 guests: add a room or reduce guests.');
    equal(cont.getAttribute('aria-describedby'), 'reason');

    button(card(el, 'Deluxe'), 'Remove one Deluxe').click();
    await settled(el);
    equal(text(reason), 'Choose at least one room.', 'stays, naming the current problem');

    button(card(el, 'Deluxe'), 'Add one Deluxe').click();
    await settled(el);
    button(card(el, 'Deluxe'), 'Add one Deluxe').click();
    await settled(el);
    equal(cont.getAttribute('aria-disabled'), 'false', 'two Deluxe sleep 4');
    equal(text(reason), '');

    cont.click();
    equal(continued.length, 1);
    deepEqual(continued[0]!.detail, { selection: { [IDS.deluxe]: 2 }, guests: 3, selectedOptions: [] });
  });

  it('shows a per-room extra at its unit price, not ₹0, before any room is chosen', async () => {
    const el = await mount({ guests: 2, options: [BREAKFAST, AIRPORT] });
    const [breakfast, airport] = [...$(el, 'fieldset[part=extras]')!.querySelectorAll<HTMLElement>('.option')];
    match(text(airport!), /₹1,200.50 per room/);
    ok(!/₹0/.test(text(airport!)), text(airport!));
    match(text(breakfast!), /₹1,400 for your stay/, 'per-guest extras still have a stay price');
  });

  it('prices extras per guest per night and per room per stay, and adds them to the total', async () => {
    const el = await mount({ guests: 3, selection: { [IDS.deluxe]: 2 }, options: [BREAKFAST, AIRPORT] });
    const events = record(el, 'staymod-selection-change');
    const fieldset = $(el, 'fieldset[part=extras]')!;
    equal(text(fieldset.querySelector('legend')), 'Extras');
    const [breakfast, airport] = [...fieldset.querySelectorAll<HTMLElement>('.option')];
    // 350 x 3 guests x 2 nights; 1200.50 x 2 rooms once.
    match(text(breakfast!), /₹350 per guest per night/);
    match(text(breakfast!), /₹2,100 for your stay/);
    match(text(airport!), /₹1,200.50 per room/);
    match(text(airport!), /₹2,401 for your stay/);
    equal(text($(el, '[part=total]')), '₹21,997');

    const box = breakfast!.querySelector('input')!;
    equal(box.labels?.[0]?.textContent?.trim(), 'Breakfast', 'the checkbox has a real label');
    box.click();
    await settled(el);
    deepEqual(events[0]!.detail.selectedOptions, ['opt-breakfast']);
    equal(text($(el, '[part=total]')), '₹24,097');

    airport!.querySelector('input')!.click();
    await settled(el);
    deepEqual(events[1]!.detail.selectedOptions, ['opt-breakfast', 'opt-airport']);
    equal(text($(el, '[part=total]')), '₹26,498');
  });

  it('hides the extras section when there are no options', async () => {
    const el = await mount();
    equal($(el, 'fieldset'), null);
  });

  it('fires staymod-change-dates', async () => {
    const el = await mount();
    const seen = record(el, 'staymod-change-dates');
    button(el.shadowRoot!, 'Change dates').click();
    equal(seen.length, 1);
  });

  it('never counts more than the units free or an unbookable room, even when told to', async () => {
    const stale = { [IDS.deluxe]: 7, [IDS.dorm]: 1, [IDS.cottage]: 2, unknown: 3 };
    deepEqual(normalizeSelection(ROOMS, quotes(), stale), { [IDS.deluxe]: 2 });
    const el = await mount({ selection: stale, options: [BREAKFAST], selectedOptions: ['gone', 'opt-breakfast'] });
    equal(text(card(el, 'Deluxe').querySelector('output')), '2');
    equal(text($(el, '[part=total]')), '₹23,397', 'two Deluxe plus breakfast for 2 guests x 2 nights');
    const events = record(el, 'staymod-selection-change');
    button(el.shadowRoot!, 'Add a guest').click();
    deepEqual(events[0]!.detail, { selection: { [IDS.deluxe]: 2 }, guests: 3, selectedOptions: ['opt-breakfast'] });
  });

  it('shows one photo at a time with an accessible previous/next, lazy, with alt text', async () => {
    const el = await mount();
    const deluxe = card(el, 'Deluxe');
    const img = () => deluxe.querySelector('img')!;
    equal(img().getAttribute('src'), 'https://img.example/deluxe-1.jpg');
    equal(img().alt, 'Bedroom');
    equal(img().loading, 'lazy');
    match(text(deluxe.querySelector('.gallery')), /Photo 1 of 2/);
    button(deluxe, 'Next photo').click();
    await settled(el);
    equal(img().getAttribute('src'), 'https://img.example/deluxe-2.jpg');
    equal(img().alt, 'Deluxe', 'falls back to the room name');
    button(deluxe, 'Next photo').click();
    await settled(el);
    equal(img().getAttribute('src'), 'https://img.example/deluxe-1.jpg', 'wraps around');
    equal(card(el, 'Family suite').querySelector('img'), null, 'no image, no broken img');
  });

  it('renders hostile data as text, never markup or other URLs, without breaking the layout', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const long = 'W'.repeat(10_000);
    const rooms: Room[] = [
      room(IDS.deluxe, evil, {
        tagline: `\u202Eevil override ${long}`,
        description: `${long} 👨‍👩‍👧‍👦🏨`,
        amenities: [evil, long, ...Array.from({ length: 20 }, (_, i) => `amenity ${i}`)],
        images: [
          { url: 'javascript:alert(1)', tags: [evil] },
          { url: 'https://img.example/ok.jpg', tags: [evil] },
        ],
      }),
      room(IDS.suite, long, { maxGuests: 4, unitCount: 1 }),
    ];
    const wrapper = document.createElement('div');
    wrapper.style.inlineSize = '320px';
    document.body.append(wrapper);
    after(() => wrapper.remove());
    const el = await mount({ rooms, options: [{ ...BREAKFAST, name: evil, description: long }] });
    wrapper.append(el);
    await settled(el);

    equal($$(el, 'article.room h3').map((h) => h.textContent)[0], evil);
    ok(!$$(el, 'img').some((i) => i.getAttribute('src') === 'x'), 'no injected img');
    deepEqual($$<HTMLImageElement>(el, 'img').map((i) => i.getAttribute('src')), ['https://img.example/ok.jpg']);
    equal(($$<HTMLImageElement>(el, 'img')[0]!).alt, evil);
    equal((window as unknown as { __pwned?: number }).__pwned, undefined);
    match(text($(el, 'details.more-chips summary')), /\+14 more/);

    // Nothing sticks out of a 320px column, and the long name is clamped.
    for (const node of [el, ...$$(el, 'article.room, footer, fieldset')]) {
      ok(node.scrollWidth <= node.clientWidth + 1, `${node.localName}.${node.className} overflows: ${node.scrollWidth} > ${node.clientWidth}`);
    }
    const longName = card(el, long).querySelector('h3')!;
    ok(longName.getBoundingClientRect().height < 120, `long name clamped, got ${longName.getBoundingClientRect().height}px`);
  });

  it('names a room or extra the property left blank, so no heading or button label is empty', async () => {
    const rooms = [room(IDS.deluxe, ''), room(IDS.suite, '   ', { maxGuests: 4, unitCount: 1 })];
    const el = await mount({ rooms, options: [{ ...BREAKFAST, name: ' ' }] });
    deepEqual($$(el, 'article.room h3').map((h) => h.textContent), ['Room', 'Room']);
    ok(button(el.shadowRoot!, 'Add one Room'), 'stepper labels carry the fallback name');
    equal(text($(el, '.option-name')), 'Extra');
  });

  it('uses the strings it is given', async () => {
    const el = await mount();
    el.strings = { ...defaultStrings, continue: 'Weiter', roomsHeading: 'Zimmer wählen' };
    await settled(el);
    equal(text($(el, 'h2')), 'Zimmer wählen');
    equal(text($(el, '[part=continue]')), 'Weiter');
  });

  it('names a bad currency in the console instead of crashing', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const el = await mount({ currency: 'RUPEES', quoteCurrency: 'INR', selection: { [IDS.deluxe]: 1 } });
      match(errors.join('\n'), /currency "RUPEES" is not an ISO 4217 code/);
      ok(text($(el, '[part=total]')).length > 0);
    } finally {
      console.error = original;
    }
  });

  it('passes axe WCAG A/AA checks with rooms, extras, an open breakdown and a capacity message', async () => {
    const el = await mount({ guests: 5, selection: { [IDS.deluxe]: 1 }, options: [BREAKFAST, AIRPORT], selectedOptions: ['opt-breakfast'] });
    card(el, 'Deluxe').querySelector('details')!.open = true;
    deepEqual(await a11yViolations(el), []);
  });

  it('focuses Continue and Change dates on request (the booking moves focus through these, not selectors)', async () => {
    const el = await mount({ selection: { [IDS.deluxe]: 1 } });
    await el.focusContinue();
    equal(el.shadowRoot!.activeElement?.getAttribute('part'), 'continue');
    await el.focusChangeDates();
    equal(el.shadowRoot!.activeElement?.getAttribute('part'), 'change-dates');
  });
});
