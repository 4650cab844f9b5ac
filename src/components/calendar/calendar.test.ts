import { emulateMedia, resetMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import type { DateKey } from '../../domain/dates.js';
import { defaultStrings } from '../../i18n/strings.js';
import { deepEqual, equal, match, ok, waitFor } from '../../test-utils/assert.js';
import { cleanup, fixture } from '../../test-utils/fixture.js';
import { a11yViolations } from '../shared/a11y-check.js';
import type { StaymodCalendar } from './calendar.js';
import type { StaymodCalendarMonthDetail, StaymodCalendarSelectDetail } from './calendar.events.js';
import { CalendarPage } from './calendar.page.js';
import { type CalendarInput, resolveView } from './calendar.view.js';
import './define.js';
import type { NightLookup, NightResult } from './month-grid.js';

// Thursday 3 December 2026.
const TODAY = '2026-12-03';

/** ₹2,500 a night, except the listed nights. */
function nights(blocked: Record<DateKey, 'sold-out' | 'no-price' | 'unknown'> = {}, priceMinor = 250_000): NightLookup {
  return (date) => (blocked[date] ? { unbookable: blocked[date] } : { priceMinor });
}

interface Setup {
  night?: NightLookup | ReadonlyMap<DateKey, NightResult>;
  months?: number;
  minNights?: number;
  maxNights?: number;
  locale?: string;
  currency?: string;
  checkIn?: DateKey | null;
  checkOut?: DateKey | null;
  month?: string;
  maxMonth?: string;
  width?: string;
  dir?: string;
  stayFrom?: (checkIn: DateKey, checkOut: DateKey) => number | null;
}

async function mount(setup: Setup = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${setup.dir ?? 'ltr'} style="width: ${setup.width ?? '360px'}">
    <staymod-calendar
      .today=${TODAY}
      .night=${setup.night ?? nights()}
      .months=${setup.months ?? 1}
      .minNights=${setup.minNights ?? 1}
      .maxNights=${setup.maxNights ?? 365}
      .locale=${setup.locale ?? 'en-IN'}
      .currency=${setup.currency ?? 'INR'}
      .checkIn=${setup.checkIn ?? null}
      .checkOut=${setup.checkOut ?? null}
      .month=${setup.month}
      .maxMonth=${setup.maxMonth}
      .stayFrom=${setup.stayFrom}
    ></staymod-calendar>
  </div>`);
  const element = wrapper.querySelector('staymod-calendar') as StaymodCalendar;
  await element.updateComplete;
  // The cells' price budget is measured after the first layout (a ResizeObserver).
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await element.updateComplete;
  const selects: StaymodCalendarSelectDetail[] = [];
  const monthEvents: StaymodCalendarMonthDetail[] = [];
  // Listen above the element: the events bubble.
  wrapper.addEventListener('staymod-calendar-select', (e) => selects.push(e.detail));
  wrapper.addEventListener('staymod-calendar-month', (e) => monthEvents.push(e.detail));
  return { element, page: new CalendarPage(element), selects, monthEvents };
}

afterEach(async () => {
  cleanup();
  // A mouse left over a day would hover the next test's calendar.
  await resetMouse();
});

describe('<staymod-calendar> rendering', () => {
  it("shows today's month with a price on every bookable day", async () => {
    const { page } = await mount();
    deepEqual(page.visibleMonths(), ['2026-12']);
    deepEqual(page.monthTitles(), ['December 2026']);
    equal(page.label('2026-12-10'), 'Thursday, 10 December 2026, from ₹2,500');
    equal(page.mark('2026-12-10'), '₹2,500', 'the full amount fits a 360 px cell');
    equal(page.priceNote(), 'Prices are per night, from the lowest available room.');
    equal(page.dayButton('2026-12-10').tagName, 'BUTTON');
    // Voice control: what a day button shows is part of its name (WCAG 2.5.3).
    equal(page.dayButton('2026-12-10').textContent?.trim(), '10');
    equal(page.dayButton('2026-12-10').closest('[role="gridcell"]')?.getAttribute('role'), 'gridcell');
    // en-IN weeks start on Sunday (CLDR).
    equal(page.weekdayHeaders()[0], 'Sunday');
  });

  it('marks today and disables past dates, saying why', async () => {
    const { page, selects } = await mount();
    equal(page.dayButton(TODAY).getAttribute('aria-current'), 'date');
    equal(page.dayButton('2026-12-04').hasAttribute('aria-current'), false);
    ok(page.isDisabled('2026-12-02'));
    equal(page.label('2026-12-02'), 'Wednesday, 2 December 2026, Date has passed');
    await page.click('2026-12-02');
    equal(selects.length, 0, 'a past date selects nothing');
    ok(!page.isSelected('2026-12-02'));
  });

  it('shows sold out, unpriced and loading nights, and refuses them as check-in', async () => {
    const { page, selects } = await mount({ night: nights({ '2026-12-06': 'sold-out', '2026-12-07': 'no-price', '2026-12-08': 'unknown' }) });
    equal(page.label('2026-12-06'), 'Sunday, 6 December 2026, Sold out');
    equal(page.mark('2026-12-06'), '×');
    equal(page.label('2026-12-07'), 'Monday, 7 December 2026, Not bookable online');
    equal(page.mark('2026-12-07'), '—');
    equal(page.label('2026-12-08'), `Tuesday, 8 December 2026, ${defaultStrings.loading}`);
    ok(page.dayButton('2026-12-08').parentElement?.querySelector('.shimmer'), 'a loading night shows a shimmer');
    for (const date of ['2026-12-06', '2026-12-07', '2026-12-08']) {
      ok(page.isDisabled(date), `${date} is aria-disabled`);
      equal(page.dayButton(date).disabled, false, `${date} stays focusable`);
      await page.click(date);
    }
    equal(selects.length, 0);
    match(page.announcement(), /Sold out|Not bookable|Loading/, 'a refused click says why');
    // The same refusal again is said again: a live region reads out only text that changed.
    const region = page.root.querySelector('[aria-live="polite"]')!;
    let changes = 0;
    const watch = new MutationObserver(() => changes++);
    watch.observe(region, { subtree: true, childList: true, characterData: true });
    await page.click('2026-12-06');
    const first = changes;
    await page.click('2026-12-06');
    watch.disconnect();
    ok(first > 0 && changes > first, `each refused click changes the live region (${first}, then ${changes})`);
    equal(page.announcement(), 'Sold out');
  });

  it('accepts a Map of nights and re-renders when the lookup changes', async () => {
    const { element, page } = await mount({ night: new Map([['2026-12-10', { priceMinor: 199_900 }]]) });
    equal(page.label('2026-12-10'), 'Thursday, 10 December 2026, from ₹1,999');
    ok(page.isDisabled('2026-12-11'), 'a night missing from the map is still loading');
    element.night = nights({}, 300_000);
    await page.settled();
    equal(page.label('2026-12-11'), 'Friday, 11 December 2026, from ₹3,000');
    ok(!page.isDisabled('2026-12-11'));
  });

  it('renders de-DE and ar-EG labels', async () => {
    const de = await mount({ locale: 'de-DE', currency: 'EUR' });
    deepEqual(de.page.monthTitles(), ['Dezember 2026']);
    equal(de.page.label('2026-12-10'), 'Donnerstag, 10. Dezember 2026, from 2.500\u00a0€');
    equal(de.page.weekdayHeaders()[0], 'Montag');
    equal(de.page.label('2026-12-01'), 'Dienstag, 1. Dezember 2026, Date has passed');
    cleanup();
    const ar = await mount({ locale: 'ar-EG', currency: 'EGP' });
    equal(ar.page.weekdayHeaders()[0], 'السبت', 'Egyptian weeks start on Saturday');
    match(ar.page.monthTitles()[0]!, /ديسمبر/);
    match(ar.page.label('2026-12-10'), /^الخميس/);
    match(ar.page.label('2026-12-10'), /ج\.م\.‏|EGP|ج\.م/);
    equal(ar.page.dayButton('2026-12-10').querySelector('.number')?.textContent, '١٠', 'Arabic-Indic digits');
  });

  it('shows two months side by side, stacked when narrow, or one', async () => {
    const wide = await mount({ months: 2, width: '720px' });
    deepEqual(wide.page.visibleMonths(), ['2026-12', '2027-01']);
    const [a, b] = [...wide.page.root.querySelectorAll('[part="month"]')].map((m) => m.getBoundingClientRect());
    equal(Math.round(a!.top), Math.round(b!.top), 'side by side at 720px');
    ok(!wide.page.root.querySelector('[part="month"]:first-child button.next'), 'next sits on the last month');
    cleanup();
    const narrow = await mount({ months: 2, width: '400px' });
    const [c, d] = [...narrow.page.root.querySelectorAll('[part="month"]')].map((m) => m.getBoundingClientRect());
    ok(d!.top >= c!.bottom, 'stacked below 480px');
    cleanup();
    const one = await mount({ months: 1, width: '320px' });
    deepEqual(one.page.visibleMonths(), ['2026-12']);
    const root = one.page.root.querySelector('[part="calendar"]')!;
    ok(root.scrollWidth <= root.clientWidth, 'fits 320px without horizontal scrolling');
    ok(one.page.dayButton('2026-12-10').getBoundingClientRect().width >= 40, 'day targets are at least 40px');
    ok(one.page.dayButton('2026-12-10').getBoundingClientRect().height >= 40);
  });
});

describe('<staymod-calendar> prices', () => {
  it('says the prices are "from" prices, visibly and in each name, and only once prices show', async () => {
    const loading = await mount({ night: () => ({ unbookable: 'unknown' }) });
    equal(loading.page.priceNote(), '', 'no note over a calendar still loading');
    ok(loading.page.root.querySelector('[part="price-note"]')!.getBoundingClientRect().height > 0, 'but its place is kept');
    cleanup();
    const { page } = await mount({ night: nights({}, 456_000) });
    equal(page.priceNote(), 'Prices are per night, from the lowest available room.');
    equal(page.label('2026-12-10'), 'Thursday, 10 December 2026, from ₹4,560');
  });

  it('shows the full amount where it fits, compact and rounded down in a narrow cell', async () => {
    const wide = await mount({ night: nights({}, 456_000), width: '420px' });
    equal(wide.page.mark('2026-12-10'), '₹4,560');
    cleanup();
    const narrow = await mount({ night: nights({}, 456_000), width: '280px' });
    equal(narrow.page.mark('2026-12-10'), '₹4.5K', 'never ₹4.6K: it is the lowest price');
    cleanup();
    const eur = await mount({ night: nights({}, 8_950), locale: 'de-DE', currency: 'EUR', width: '420px' });
    equal(eur.page.mark('2026-12-10'), '89,50\u00a0€');
  });

  it('a calendar that replaces another renders its prices right the first time', async () => {
    await mount({ night: () => ({ unbookable: 'unknown' }), width: '420px' });
    cleanup();
    // As <staymod-booking> swaps its loading calendar for a priced one: no layout has run yet.
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px">
      <staymod-calendar .today=${TODAY} .night=${nights({}, 456_000)}></staymod-calendar>
    </div>`);
    const element = wrapper.querySelector('staymod-calendar') as StaymodCalendar;
    await element.updateComplete;
    equal(new CalendarPage(element).mark('2026-12-10'), '₹4,560');
  });

  it('keeps a currency mark where the compact form is too long (ar-EG)', async () => {
    const { page } = await mount({ night: nights({}, 250_000), locale: 'ar-EG', currency: 'EGP', width: '280px' });
    match(page.mark('2026-12-10'), /E£|ج\.م/);
  });

  it('shows the total of the cheapest fitting rooms with the chosen or previewed range', async () => {
    const asked: string[] = [];
    const { page } = await mount({
      stayFrom: (checkIn, checkOut) => {
        asked.push(`${checkIn}/${checkOut}`);
        return checkOut === '2026-12-13' ? 1_368_000 : null;
      },
    });
    await page.click('2026-12-10');
    await page.hover('2026-12-13');
    await waitFor(() => page.isPreviewed('2026-12-13'));
    match(page.status(), /3 nights\. Total from ₹13,680$/);
    await page.click('2026-12-13');
    match(page.status(), /^10 Dec to 13 Dec, 3 nights\. Total from ₹13,680$/);
    match(page.announcement(), /Total from ₹13,680/);
    await page.click('2026-12-20');
    await page.click('2026-12-22');
    equal(page.status(), '20 Dec to 22 Dec, 2 nights', 'no total when no rooms fit');
    ok(asked.includes('2026-12-20/2026-12-22'));
  });
});

describe('<staymod-calendar> rendering cost', () => {
  it('renders once per month change when the parent answers with new nights', async () => {
    const { element, page } = await mount({ months: 2 });
    let renders = 0;
    const render = (element as unknown as { render(): unknown }).render;
    (element as unknown as { render(): unknown }).render = function (this: StaymodCalendar) {
      renders++;
      return render.call(this);
    };
    // As <staymod-booking> does: a month event, then its own update hands over a new lookup.
    element.addEventListener('staymod-calendar-month', () => {
      void Promise.resolve().then(() => {
        element.night = nights();
      });
    });
    await page.nextMonth();
    await page.settled();
    deepEqual(page.visibleMonths(), ['2027-01', '2027-02']);
    equal(renders, 1);
  });

  it('animates the loading shimmer with compositor properties only', async () => {
    const { page } = await mount({ night: nights({ '2026-12-10': 'unknown' }) });
    const shimmer = page.dayButton('2026-12-10').parentElement!.querySelector('.shimmer')!;
    const animations = shimmer.getAnimations();
    ok(animations.length > 0, 'it animates');
    for (const animation of animations) {
      for (const frame of (animation.effect as KeyframeEffect).getKeyframes()) {
        for (const property of Object.keys(frame)) {
          if (['offset', 'easing', 'composite', 'computedOffset'].includes(property)) continue;
          ok(['opacity', 'transform'].includes(property), `animates ${property}`);
        }
      }
    }
  });
});

describe('<staymod-calendar> accessibility', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('passes axe (WCAG 2.1 AA) with a range, blocked, loading and past days', async function (this: { timeout(ms: number): void }) {
    // Two full axe runs: slow on a busy machine.
    this.timeout(40_000);
    // Without motion, axe measures final colours, not a transition's middle.
    const { element, page } = await mount({
      months: 2,
      width: '720px',
      night: nights({ '2026-12-13': 'sold-out', '2026-12-20': 'no-price', '2027-01-10': 'unknown' }),
    });
    await page.click('2026-12-10');
    await page.hover('2026-12-12');
    deepEqual(await a11yViolations(element), []);
    await page.click('2026-12-12');
    deepEqual(await a11yViolations(element), []);
  });
});

describe('<staymod-calendar> motion', () => {
  it('has no transitions or animations under prefers-reduced-motion', async () => {
    const { page } = await mount({ night: nights({ '2026-12-10': 'unknown' }) });
    const shimmer = page.dayButton('2026-12-10').parentElement!.querySelector('.shimmer')!;
    equal(getComputedStyle(shimmer).animationName, 'shimmer');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      equal(getComputedStyle(shimmer).animationName, 'none');
      equal(getComputedStyle(page.dayButton('2026-12-11')).transitionDuration, '0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});

describe('<staymod-calendar> choosing a stay', () => {
  it('selects a range with two clicks and fires select events', async () => {
    const { element, page, selects } = await mount();
    await page.click('2026-12-10');
    deepEqual(selects, [{ checkIn: '2026-12-10', checkOut: null }]);
    ok(page.isSelected('2026-12-10'));
    match(page.status(), /Check-in 10 Dec/);
    await page.click('2026-12-13');
    deepEqual(selects[1], { checkIn: '2026-12-10', checkOut: '2026-12-13' });
    equal(element.checkIn, '2026-12-10');
    equal(element.checkOut, '2026-12-13');
    for (const date of ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']) ok(page.isSelected(date), `${date} in range`);
    ok(!page.isSelected('2026-12-14'));
    equal(page.status(), '10 Dec to 13 Dec, 3 nights');
    equal(page.announcement(), '10 Dec to 13 Dec, 3 nights');
  });

  it('forgets the announcement and the focused day when its prices go (another property)', async () => {
    const { element, page } = await mount();
    await page.click('2026-12-10');
    match(page.announcement(), /Check-in 10 Dec/);
    page.dayButton('2026-12-18').focus();
    await element.updateComplete;
    deepEqual(page.tabbableDates(), ['2026-12-18']);
    // What <staymod-booking> does when its property changes: the stay cleared, every night loading.
    element.checkIn = null;
    element.night = undefined;
    await element.updateComplete;
    equal(page.announcement(), '', 'the old announcement is not left in the live region');
    deepEqual(page.tabbableDates(), [TODAY], 'the tab stop back on today');
  });

  it('starts again on a click before the check-in, or after a full range', async () => {
    const { page, selects } = await mount();
    await page.click('2026-12-10');
    await page.click('2026-12-05');
    deepEqual(selects[1], { checkIn: '2026-12-05', checkOut: null });
    await page.click('2026-12-07');
    await page.click('2026-12-20');
    deepEqual(selects[3], { checkIn: '2026-12-20', checkOut: null });
    ok(!page.isSelected('2026-12-06'));
  });

  it('allows check-out on a sold-out morning and refuses to cross it', async () => {
    const { page, selects } = await mount({ night: nights({ '2026-12-13': 'sold-out' }) });
    await page.click('2026-12-10');
    ok(!page.isDisabled('2026-12-13'), 'the sold-out night is a valid check-out');
    equal(page.label('2026-12-13'), 'Sunday, 13 December 2026, Sold out, Check-out only');
    ok(page.isDisabled('2026-12-14'));
    equal(page.label('2026-12-14'), 'Monday, 14 December 2026, from ₹2,500, Stay cannot cross an unavailable night');
    await page.click('2026-12-14');
    equal(selects.length, 1, 'crossing the sold-out night is refused');
    equal(page.announcement(), 'Stay cannot cross an unavailable night');
    await page.click('2026-12-13');
    deepEqual(selects[1], { checkIn: '2026-12-10', checkOut: '2026-12-13' });
  });

  it('hints at minimum and maximum stays, and previews the range on hover', async () => {
    const { page, selects } = await mount({ minNights: 3, maxNights: 5 });
    await page.click('2026-12-10');
    ok(page.isDisabled('2026-12-11'));
    match(page.label('2026-12-11'), /Minimum stay is 3 nights$/);
    match(page.label('2026-12-16'), /Maximum stay is 5 nights$/);
    await page.hover('2026-12-12');
    equal(page.status(), 'Minimum stay is 3 nights');
    ok(!page.isPreviewed('2026-12-11'), 'no preview for a refused range');
    await page.hover('2026-12-14');
    equal(page.status(), '10 Dec to 14 Dec, 4 nights');
    ok(page.isPreviewed('2026-12-11') && page.isPreviewed('2026-12-14'));
    ok(!page.isPreviewed('2026-12-15'));
    await page.click('2026-12-12');
    equal(selects.length, 1);
    await page.click('2026-12-15');
    deepEqual(selects[1], { checkIn: '2026-12-10', checkOut: '2026-12-15' });
  });

  it('clears the dates', async () => {
    const { page, selects } = await mount({ checkIn: '2026-12-10', checkOut: '2026-12-12' });
    ok(page.isSelected('2026-12-11'));
    await page.clear();
    deepEqual(selects, [{ checkIn: null, checkOut: null }]);
    ok(!page.isSelected('2026-12-11'));
    equal(page.status(), defaultStrings.checkInPrompt);
    await page.element.updateComplete;
    ok(page.focusedDate(), 'focus moves to a day, not to the page (the button is gone)');
  });

  it('reports bad inputs and keeps working', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const { page } = await mount({
        checkIn: '2026-12-10',
        checkOut: '2026-12-08',
        night: (date) => {
          if (date === '2026-12-20') throw new Error('boom');
          return { priceMinor: 100_000 };
        },
      });
      ok(errors.some((e) => /checkOut 2026-12-08 must come after checkIn 2026-12-10/.test(e)), errors.join('\n'));
      ok(errors.some((e) => /night\(2026-12-20\) threw: boom/.test(e)), errors.join('\n'));
      ok(page.isSelected('2026-12-10'), 'the valid check-in is kept');
      match(page.label('2026-12-20'), /Loading availability/, 'a throwing night is shown as unknown');
      ok(page.isDisabled('2026-12-21'), 'and the stay cannot cross it');
      ok(!page.isDisabled('2026-12-15'));
    } finally {
      console.error = original;
    }
  });
});

describe('resolveView: bad inputs', () => {
  const good: CalendarInput = {
    month: undefined,
    months: 1,
    today: TODAY,
    checkIn: null,
    checkOut: null,
    minNights: 1,
    maxNights: 365,
    night: undefined,
    locale: 'en-IN',
    currency: 'INR',
    strings: defaultStrings,
    minMonth: undefined,
    maxMonth: undefined,
  };

  function resolve(over: Partial<CalendarInput>) {
    const errors: string[] = [];
    const view = resolveView({ ...good, ...over }, (m) => errors.push(m));
    return { view, errors };
  }

  it('accepts good inputs silently', () => {
    const { view, errors } = resolve({ checkIn: '2027-02-10' });
    deepEqual(errors, []);
    equal(view.month, '2027-02', "opens on the check-in's month");
  });

  it('replaces each bad input with a safe value and says which and why', () => {
    const cases: Array<[Partial<CalendarInput>, RegExp, (v: ReturnType<typeof resolve>['view']) => boolean]> = [
      [{ month: '2026-13' }, /month "2026-13" is not a YYYY-MM month/, (v) => v.month === '2026-12'],
      [{ month: '2026-10' }, /^$/, (v) => v.month === '2026-12'],
      [{ today: '03/12/2026' }, /today "03\/12\/2026" is not a YYYY-MM-DD date/, (v) => /^\d{4}-\d{2}-\d{2}$/.test(v.today)],
      [{ checkIn: '2026-02-30' }, /checkIn "2026-02-30" is not a YYYY-MM-DD date/, (v) => v.checkIn === null],
      [{ minNights: 0 }, /minNights must be a whole number of at least 1, got 0/, (v) => v.minNights === 1],
      [{ minNights: 3, maxNights: 2 }, /maxNights must be a whole number of at least minNights \(3\), got 2/, (v) => v.maxNights === 365],
      [{ months: 3 }, /months must be 1 or 2, got 3/, (v) => v.months === 2],
      [{ currency: 'RUPEES' }, /currency "RUPEES" is not an ISO 4217 code/, (v) => v.currency === 'INR'],
      [{ locale: 'en_IN!' }, /locale "en_IN!" is not a valid language tag/, (v) => v.locale === 'en-IN'],
      [{ maxMonth: '2026-11' }, /maxMonth 2026-11 is before the first month 2026-12/, (v) => v.maxMonth === undefined],
      [{ night: 42 as unknown as CalendarInput['night'] }, /night must be a function/, (v) => 'unbookable' in v.ctx.night('2026-12-10')],
    ];
    for (const [input, message, check] of cases) {
      const { view, errors } = resolve(input);
      match(errors.join('\n'), message, JSON.stringify(input));
      ok(check(view), `safe value for ${JSON.stringify(input)}`);
    }
  });

  it('reports a night lookup that returns a wrong shape', () => {
    const { view, errors } = resolve({ night: () => ({ price: 2500 }) as unknown as NightResult });
    deepEqual(view.ctx.night('2026-12-10'), { unbookable: 'unknown' });
    match(errors[0]!, /night\(2026-12-10\) returned \{"price":2500\}/);
  });
});

describe('<staymod-calendar> keyboard and navigation', () => {
  it('focusActiveDay() focuses the one tabbable day: the check-in when there is one', async () => {
    const { element, page } = await mount({ checkIn: '2026-12-12' });
    await element.focusActiveDay();
    equal(page.focusedDate(), '2026-12-12');
  });

  it('has exactly one tabbable day, which follows focus (roving tabindex)', async () => {
    const { page } = await mount();
    deepEqual(page.tabbableDates(), [TODAY]);
    await page.focus(TODAY);
    await page.press('ArrowDown');
    equal(page.focusedDate(), '2026-12-10');
    deepEqual(page.tabbableDates(), ['2026-12-10']);
  });

  it('selects a stay with the keyboard alone: arrows, PageDown, Enter', async () => {
    const { page, selects, monthEvents } = await mount();
    await page.focus(TODAY);
    await page.press('ArrowRight');
    await page.press('ArrowRight');
    equal(page.focusedDate(), '2026-12-05');
    await page.press('Enter');
    deepEqual(selects, [{ checkIn: '2026-12-05', checkOut: null }]);
    await page.press('PageDown');
    equal(page.focusedDate(), '2027-01-05');
    deepEqual(page.visibleMonths(), ['2027-01']);
    deepEqual(monthEvents, [{ month: '2027-01', months: 1, visible: ['2027-01'] }]);
    await page.press('Space');
    deepEqual(selects[1], { checkIn: '2026-12-05', checkOut: '2027-01-05' });
    equal(page.announcement(), '5 Dec to 5 Jan, 31 nights');
  });

  it('does not offer a check-in from which no minimum stay fits, and says why', async () => {
    // Minimum 3 nights; the 12th is sold out, two days after the free 10th.
    const { page, selects } = await mount({ minNights: 3, night: nights({ '2026-12-12': 'sold-out' }) });
    for (const date of ['2026-12-10', '2026-12-11']) {
      ok(page.isDisabled(date), `${date}: every check-out crosses the 12th or is too short`);
      equal(page.label(date).endsWith(', No stay of the minimum length starts here'), true, page.label(date));
      await page.click(date);
    }
    equal(selects.length, 0);
    equal(page.announcement(), 'No stay of the minimum length starts here');
    ok(!page.isDisabled('2026-12-09'), 'the 9th still fits 9-12');
    ok(!page.isDisabled('2026-12-13'));
    await page.click('2026-12-09');
    await page.click('2026-12-12');
    deepEqual(selects[1], { checkIn: '2026-12-09', checkOut: '2026-12-12' });
  });

  it('reaches aria-disabled days and announces why, without selecting them', async () => {
    const { page, selects } = await mount({ night: nights({ '2026-12-04': 'sold-out' }) });
    await page.focus(TODAY);
    await page.press('ArrowLeft');
    equal(page.focusedDate(), '2026-12-02', 'a past day is reachable');
    await page.press('ArrowRight');
    await page.press('ArrowRight');
    equal(page.focusedDate(), '2026-12-04');
    await page.press('Enter');
    equal(selects.length, 0);
    equal(page.announcement(), 'Sold out');
  });

  it('pages when focus moves past the visible months, and by year with Shift', async () => {
    const { page, monthEvents } = await mount({ months: 2, width: '720px' });
    await page.focus('2026-12-31');
    await page.press('ArrowDown');
    equal(page.focusedDate(), '2027-01-07');
    deepEqual(page.visibleMonths(), ['2026-12', '2027-01'], 'January was already visible');
    equal(monthEvents.length, 0);
    await page.press('PageDown');
    equal(page.focusedDate(), '2027-02-07');
    deepEqual(page.visibleMonths(), ['2027-01', '2027-02']);
    await page.press('Shift+PageDown');
    equal(page.focusedDate(), '2028-02-07');
    deepEqual(page.visibleMonths(), ['2028-01', '2028-02']);
    await page.press('End');
    equal(page.focusedDate(), '2028-02-12', 'end of the en-IN (Sunday) week');
    await page.press('Home');
    equal(page.focusedDate(), '2028-02-06');
    deepEqual(
      monthEvents.map((e) => e.month),
      ['2027-01', '2028-01'],
    );
  });

  it('never pages before the month of today', async () => {
    const { page, monthEvents } = await mount();
    ok(page.navDisabled('prev'));
    await page.prev();
    deepEqual(page.visibleMonths(), ['2026-12']);
    await page.focus('2026-12-05');
    await page.press('PageUp');
    equal(page.focusedDate(), '2026-12-01', 'focus stops at the first allowed day');
    equal(monthEvents.length, 0);
  });

  it('fires month events from the next and previous buttons, stopping at maxMonth', async () => {
    const { page, monthEvents } = await mount({ months: 2, width: '720px', maxMonth: '2027-02' });
    equal(page.navButton('next').getAttribute('aria-label'), 'Next month');
    await page.next();
    deepEqual(monthEvents, [{ month: '2027-01', months: 2, visible: ['2027-01', '2027-02'] }]);
    ok(page.navDisabled('next'), 'February 2027 is the last month');
    await page.next();
    equal(monthEvents.length, 1);
    ok(!page.navDisabled('prev'));
    await page.prev();
    deepEqual(monthEvents[1], { month: '2026-12', months: 2, visible: ['2026-12', '2027-01'] });
  });

  it('a check-in on the last days of maxMonth can still get its check-out in the month after', async () => {
    const { page, selects } = await mount({ maxMonth: '2027-01', month: '2027-01' });
    ok(page.navDisabled('next'), 'January 2027 is the last month to start a stay');
    await page.click('2027-01-31');
    ok(!page.navDisabled('next'), 'picking the check-out, February opens');
    await page.next();
    await page.click('2027-02-02');
    deepEqual(selects.at(-1), { checkIn: '2027-01-31', checkOut: '2027-02-02' });
    ok(page.navDisabled('next'), 'and no further');
  });

  it('flips arrows in right-to-left layouts', async () => {
    const { page } = await mount({ dir: 'rtl', locale: 'ar-EG', currency: 'EGP' });
    await page.focus('2026-12-10');
    await page.press('ArrowLeft');
    equal(page.focusedDate(), '2026-12-11', 'left is the next day');
    await page.press('ArrowRight');
    await page.press('ArrowRight');
    equal(page.focusedDate(), '2026-12-09');
    const ten = page.dayButton('2026-12-10').getBoundingClientRect();
    const eleven = page.dayButton('2026-12-11').getBoundingClientRect();
    ok(eleven.left < ten.left, 'the next day sits to the left');
  });

  it('keeps day state across hover without recomputing labels', async () => {
    let calls = 0;
    const { page } = await mount({
      night: (date) => {
        calls++;
        return date === '2026-12-20' ? { unbookable: 'sold-out' } : { priceMinor: 250_000 };
      },
    });
    await page.click('2026-12-10');
    const before = calls;
    await page.hover('2026-12-14');
    await page.hover('2026-12-15');
    await waitFor(() => page.isPreviewed('2026-12-15'));
    equal(calls, before, 'hovering asks for no prices');
  });
});
