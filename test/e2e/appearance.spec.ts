/**
 * Look and feel of the built widget on a host page: theme custom properties and
 * ::part(), light and dark, 320 px wide, reduced motion, right-to-left, every
 * string overridable, and Intl formatting in the host's locale and currency.
 */
import { defaultStrings, fill } from '../../src/i18n/strings.js';
import '../../src/i18n/checkout-strings.js'; // the whole English table
import de from '../../src/i18n/locales/de.js';
import { day, expect, hostUrl, sandbox, test, type Widget } from './fixtures.js';
import { chooseStay, fillGuest, visibleTexts } from './widget-steps.js';

const PANELS = ['staymod-calendar', 'staymod-room-list', 'staymod-guest-form', 'staymod-confirmation'];

/** Part names inside the panels on screen that the top element does not forward. */
async function unexportedParts(widget: Widget): Promise<string[]> {
  return widget.root.evaluate((host, panels) => {
    const missing: string[] = [];
    for (const panel of host.shadowRoot!.querySelectorAll(panels.join(','))) {
      const exported = new Set((panel.getAttribute('exportparts') ?? '').split(',').map((p) => p.split(':')[0]!.trim()));
      for (const el of panel.shadowRoot!.querySelectorAll('[part]')) {
        for (const name of el.getAttribute('part')!.split(/\s+/)) if (!exported.has(name)) missing.push(`${panel.localName}: ${name}`);
      }
    }
    return [...new Set(missing)];
  }, PANELS);
}

test('theme custom properties and ::part() reach inside; every inner part is forwarded', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await page.addStyleTag({
    content: `
      staymod-booking { --staymod-accent: rgb(200, 0, 100); --staymod-radius: 0px; }
      staymod-booking::part(calendar__day) { outline: 1px dashed rgb(1, 2, 3); }
      staymod-booking::part(room-list__continue) { text-transform: uppercase; }
      staymod-booking::part(guest-form__submit) { letter-spacing: 3px; }
      staymod-booking::part(confirmation__reference) { color: rgb(4, 5, 6); }`,
  });
  await expect(widget.day(day(1))).toHaveCSS('outline-style', 'dashed');
  expect(await unexportedParts(widget)).toEqual([]);
  await widget.pickDates(day(20), day(23));
  await expect(widget.day(day(20))).toHaveCSS('background-color', 'rgb(200, 0, 100)');
  await widget.addRoom('Deluxe');
  await expect(widget.continueButton()).toHaveCSS('text-transform', 'uppercase');
  await expect(widget.continueButton()).toHaveCSS('border-radius', '0px');
  expect(await unexportedParts(widget)).toEqual([]);
  await widget.continueButton().click();
  await expect(widget.submitButton()).toHaveCSS('letter-spacing', '3px');
  expect(await unexportedParts(widget)).toEqual([]);
  await fillGuest(widget, { name: 'Styled Guest' });
  await widget.submitButton().click();
  await expect(widget.confirmation().locator('[part="reference"]')).toHaveCSS('color', 'rgb(4, 5, 6)');
  expect(await unexportedParts(widget)).toEqual([]);
});

test('light and dark follow the theme attribute, else the OS preference', async ({ page, widget }) => {
  const background = () => widget.root.locator('[part="base"]').first().evaluate((el) => getComputedStyle(el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host : el).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(1))).toBeVisible();
  expect(await background()).toBe('rgb(17, 24, 39)');
  await widget.root.evaluate((el) => el.setAttribute('theme', 'light'));
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'light' });
  await widget.root.evaluate((el) => el.setAttribute('theme', 'dark'));
  expect(await background()).toBe('rgb(17, 24, 39)');
  await widget.root.evaluate((el) => el.setAttribute('theme', 'auto'));
  expect(await background()).toBe('rgb(255, 255, 255)');
});

test('320 px wide: every step fits without horizontal scrolling', async ({ page, widget }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(hostUrl('direct'));
  const fits = async (step: string) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on the ${step} step`).toBeLessThanOrEqual(0);
    const box = await widget.root.boundingBox();
    expect(box!.x + box!.width, `widget edge on the ${step} step`).toBeLessThanOrEqual(320);
  };
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await fits('calendar');
  // One month fits: stay in January.
  await widget.pickDates(day(11), day(14));
  await widget.addRoom('Deluxe');
  await widget.room('Deluxe').getByText('Price per night').click();
  await fits('rooms');
  await widget.continueButton().click();
  await widget.submitButton().click();
  await fits('form');
  await fillGuest(widget, { name: 'Narrow Screen' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  await fits('confirmation');
});

test('reduced motion: no shimmer, no animated transitions', async ({ page, widget }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await sandbox.fault({ route: '*', latencyMs: 1500, times: 4 });
  await page.goto(hostUrl('direct'));
  await expect(widget.root.locator('[aria-busy="true"]')).toBeVisible();
  const moving = () =>
    widget.root.evaluate((host) => {
      const found: string[] = [];
      const visit = (root: ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          const style = getComputedStyle(el);
          if (style.animationName !== 'none' && style.animationPlayState === 'running') found.push(`${el.localName}.${el.className}: animation ${style.animationName}`);
          const durations = style.transitionDuration.split(',').map((d) => parseFloat(d));
          if (durations.some((d) => d > 0)) found.push(`${el.localName}.${el.className}: transition ${style.transitionDuration}`);
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(host.shadowRoot!);
      return found;
    });
  expect(await moving()).toEqual([]);
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await widget.pickDates(day(20), day(23));
  expect(await moving()).toEqual([]);
});

test('right to left: the widget mirrors, arrows follow the reading direction', async ({ page, widget }) => {
  await page.goto(hostUrl('direct', { dir: 'rtl' }));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  const calendar = widget.root.locator('staymod-calendar');
  const prev = await calendar.getByRole('button', { name: 'Previous month' }).boundingBox();
  const next = await calendar.getByRole('button', { name: 'Next month' }).boundingBox();
  expect(next!.x).toBeLessThan(prev!.x);
  const first = await widget.day(day(1)).boundingBox();
  const second = await widget.day(day(2)).boundingBox();
  if (first!.y === second!.y) expect(second!.x).toBeLessThan(first!.x);
  await widget.day(day(2)).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(widget.day(day(3))).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(widget.day(day(2))).toBeFocused();
});

test('every piece of text can be replaced through the strings property', async ({ page, widget }) => {
  // Each string becomes «key» plus its placeholders, so nothing of the default text survives.
  const overrides = Object.fromEntries(
    Object.entries(defaultStrings).map(([key, value]) => [key, `«${key}» ${(value.match(/\{\w+\}/g) ?? []).join(' ')}`.trim()]),
  );
  // A default text with its placeholders filled (numbers for counts), as a whole text node.
  const templates = Object.values(defaultStrings).map((value) => {
    const pattern = value
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, (_, name: string) => (['count', 'index', 'quantity', 'seconds'].includes(name) ? '[\\p{N}.,٬\\s]+' : '.+?'));
    return new RegExp(`^${pattern}$`, 'u');
  });
  const leaks = async () => (await visibleTexts(widget)).filter((text) => templates.some((t) => t.test(text)));
  await page.goto(hostUrl('direct'));
  await widget.root.evaluate((el: any, strings) => (el.strings = strings), overrides);
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  expect(await leaks()).toEqual([]);
  await widget.day(day(20)).click();
  await widget.day(day(23)).click();
  const plus = widget.room('Deluxe').getByRole('button', { name: '«addRoomNamed» Deluxe' });
  await plus.click();
  await widget.room('Deluxe').locator('details summary').first().click();
  expect(await leaks()).toEqual([]);
  await widget.root.locator('staymod-room-list [part="continue"]').click();
  await widget.root.locator('staymod-guest-form [part="submit"]').click();
  await expect(widget.root.locator('staymod-guest-form [part="error-summary"]')).toContainText('«formErrorsOther»');
  expect(await leaks()).toEqual([]);
  await widget.root.locator('staymod-guest-form #guestName').fill('Strings Guest');
  await widget.root.locator('staymod-guest-form #guestEmail').fill('strings@example.com');
  // One of Staymod's own refusals (any other 400 may hide a stored booking).
  await sandbox.fault({ route: 'bookings', status: 400, body: { error: 'guestName is required.' }, times: 1 });
  await widget.root.locator('staymod-guest-form [part="submit"]').click();
  await expect(widget.root.locator('[part="notice"]')).toContainText('«submitFailed»');
  expect(await leaks()).toEqual([]);
  await widget.root.locator('staymod-guest-form [part="submit"]').click();
  await expect(widget.confirmation()).toContainText('«confirmedHeading»');
  expect(await leaks()).toEqual([]);
});

test('dates, numbers and money follow the locale and currency (de-DE, ar-EG, ja-JP with JPY)', async ({ page, widget }) => {
  await page.goto(hostUrl('direct', { locale: 'de-DE', currency: 'EUR' }));
  const title = widget.root.locator('staymod-calendar .title').first();
  await expect(title).toHaveText('Januar 2027');
  await expect(widget.day(day(3))).toHaveAttribute('aria-label', /^Montag, 18\. Januar 2027, ab 899\s€$/);
  // The German words come from the built-in translation.
  await widget.pickDates(day(20), day(23));
  await widget.room('Deluxe').getByRole('button', { name: fill(de.addRoomNamed, { name: 'Deluxe' }) }).click();
  await widget.root.locator('staymod-room-list').getByRole('button', { name: de.continue }).click();
  await expect(widget.root.locator('[part="summary"]')).toContainText(/13\.498\s€/);
  await widget.root.locator('staymod-guest-form').getByRole('button', { name: de.back }).click();

  await widget.root.evaluate((el: any) => Object.assign(el, { locale: 'ar-EG', currency: 'EGP' }));
  await expect(widget.root.locator('staymod-room-list [part="total"]')).toContainText('١٣٬٤٩٨');
  await expect(widget.day(day(3))).toHaveAttribute('aria-label', /الاثنين، ١٨ يناير ٢٠٢٧.*٣٬٤٩٩/);

  await widget.root.evaluate((el: any) => Object.assign(el, { locale: 'ja-JP', currency: 'JPY' }));
  // JPY has no minor unit: Staymod's 4999.5 is ¥5,000 a night.
  await expect(widget.root.locator('staymod-room-list [part="total"]')).toHaveText('￥13,499');
  await expect(widget.day(day(3))).toHaveAttribute('aria-label', /2027年1月18日.*￥3,499/);
  await expect(title).toHaveText('2027年1月');
});
