import { html } from 'lit';
import type { WireBooking } from '../../contract/schemas.js';
import type { Room } from '../../domain/model.js';
import { deepEqual, equal, match, ok } from '../../test-utils/assert.js';
import { cleanup, fixture, settled } from '../../test-utils/fixture.js';
import { a11yViolations } from '../shared/a11y-check.js';
import { StaymodConfirmation } from './confirmation.js';

if (!customElements.get('staymod-confirmation')) customElements.define('staymod-confirmation', StaymodConfirmation);

const DELUXE = 'a'.repeat(24);
const SUITE = 'b'.repeat(24);

const ROOMS: Room[] = [
  { id: DELUXE, name: 'Deluxe', slug: 'deluxe', type: 'double', maxGuests: 2, bedCount: 1, unitCount: 3, amenities: [], tags: [], images: [], sortOrder: 0 },
  { id: SUITE, name: 'Family suite', slug: 'suite', type: 'family', maxGuests: 4, bedCount: 2, unitCount: 1, amenities: [], tags: [], images: [], sortOrder: 1 },
];

function booking(patch: Partial<WireBooking> = {}): WireBooking {
  return {
    _id: '6650f0c2a1b2c3d4e5f60718',
    guestName: 'Asha Rao',
    checkIn: '2026-05-01T14:00:00.000Z',
    checkOut: '2026-05-03T11:00:00.000Z',
    numberOfGuests: 5,
    selectedOptions: [{ bookingOptionId: 'o1', name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 350, quantity: 5 }],
    status: 'pending',
    rooms: { [DELUXE]: { roomType: 'double', quantity: 2 }, [SUITE]: { roomType: 'family', quantity: 1 } },
    ...patch,
  };
}

async function mount(b: WireBooking = booking(), totalMinor: number | null = 2_199_750, currency = 'INR'): Promise<StaymodConfirmation> {
  return fixture<StaymodConfirmation>(html`<staymod-confirmation
    .booking=${b}
    .rooms=${ROOMS}
    .totalMinor=${totalMinor}
    .guests=${3}
    .currency=${currency}
  ></staymod-confirmation>`);
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function row(el: Element, label: string): string {
  const div = [...el.shadowRoot!.querySelectorAll('dl > div')].find((d) => text(d.querySelector('dt')) === label);
  if (!div) throw new Error(`no row ${label}`);
  return text(div.querySelector('dd'));
}

describe('<staymod-confirmation>', () => {
  afterEach(cleanup);

  it('shows the reference, dates, nights, rooms with names, guests, extras, total and the pending note', async () => {
    const el = await mount();
    equal(text($(el, 'h2')), 'Booking requested');
    equal(text($(el, '[part=reference]')), '6650f0c2a1b2c3d4e5f60718');
    equal(row(el, 'Dates'), 'Fri, 1 May, 2026 to Sun, 3 May, 2026, 2 nights');
    equal(row(el, 'Rooms'), '2 × Deluxe 1 × Family suite');
    equal(row(el, 'Guests'), '5', 'from the booking, not the fallback');
    equal(row(el, 'Extras'), 'Breakfast');
    equal(row(el, 'Total'), '₹21,997.50');
    equal(text($(el, '[part=note]')), 'The property will confirm your booking shortly. Keep your reference for any questions.');
  });

  it('falls back to the guests property, the room type for an unknown room, and hides an unknown total', async () => {
    const el = await mount(booking({ numberOfGuests: undefined, rooms: { ['c'.repeat(24)]: { roomType: 'dorm_bed', quantity: 1 } } }), null);
    equal(row(el, 'Guests'), '3');
    equal(row(el, 'Rooms'), '1 × dorm_bed');
    equal([...el.shadowRoot!.querySelectorAll('dt')].some((dt) => text(dt) === 'Total'), false);
  });

  it('formats the total in a zero-digit currency', async () => {
    const el = await mount(booking(), 10_999, 'JPY');
    equal(row(el, 'Total'), 'JP¥10,999');
  });

  it('focuses the heading when it appears, so screen readers land there', async () => {
    const el = await mount();
    const heading = $(el, 'h2');
    equal(heading.getAttribute('tabindex'), '-1');
    equal(el.shadowRoot!.activeElement, heading);
    equal(document.activeElement, el);
  });

  it('copies the reference with the clipboard API and says so', async () => {
    const el = await mount();
    const written: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (s: string) => void written.push(s) } });
    try {
      $<HTMLButtonElement>(el, '[part=copy]').click();
      await settled(el);
      await settled(el);
      equal(written[0], '6650f0c2a1b2c3d4e5f60718');
      const status = $(el, '.copy-status');
      equal(status.getAttribute('role'), 'status');
      equal(text(status), 'Reference copied.');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('when no copy works, says so and leaves the reference selected for a manual copy', async () => {
    const el = await mount();
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } });
    const execCommand = document.execCommand;
    document.execCommand = () => false;
    try {
      $<HTMLButtonElement>(el, '[part=copy]').click();
      await settled(el);
      await settled(el);
      equal(text($(el, '.copy-status')), 'Could not copy: select the reference and copy it yourself.');
      equal(getSelection()?.toString(), '6650f0c2a1b2c3d4e5f60718');
    } finally {
      document.execCommand = execCommand;
      delete (navigator as unknown as Record<string, unknown>).clipboard;
    }
  });

  it('fires staymod-book-another', async () => {
    const el = await mount();
    let heard = 0;
    document.addEventListener('staymod-book-another', () => heard++, { once: true });
    $<HTMLButtonElement>(el, '[part=book-another]').click();
    equal(heard, 1);
  });

  it('shows an unreadable date as sent, and hostile text as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const el = await mount(booking({ _id: evil, checkIn: 'soon', rooms: { x: { roomType: evil, quantity: 1 } } }));
    equal(row(el, 'Dates'), 'soon – 2026-05-03T11:00:00.000Z');
    equal($(el, '[part=reference]').textContent, evil);
    equal(row(el, 'Rooms'), `1 × ${evil}`);
    equal(el.shadowRoot!.querySelectorAll('img').length, 0);
    ok(!(window as unknown as { __pwned?: number }).__pwned);
  });

  it('renders nothing without a booking', async () => {
    const el = await fixture<StaymodConfirmation>(html`<staymod-confirmation></staymod-confirmation>`);
    equal(el.shadowRoot!.querySelector('section'), null);
  });

  it('passes axe WCAG A/AA checks', async () => {
    const el = await mount();
    deepEqual(await a11yViolations(el), []);
  });
});
