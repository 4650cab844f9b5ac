/**
 * A host's colours under the guest's light or dark OS setting: whatever the host set
 * (a light or dark surface, a light or dark accent), text stays readable (axe
 * color-contrast, WCAG AA) on the calendar, the rooms and the form, and the photo
 * buttons are never blank.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { day, expect, hostUrl, test, type Widget } from './fixtures.js';

const HOST_COLOURS: Record<string, string> = {
  'light surface': '--staymod-surface: #fef3c7;',
  'dark surface': '--staymod-surface: #1e293b;',
  'light accent': '--staymod-accent: #fde68a;',
  'dark accent': '--staymod-accent: #1e3a8a;',
  'light text only': '--staymod-text: #3f3f46;',
};

async function contrastFailures(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('staymod-booking').withRules(['color-contrast']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').pop()}`));
}

/** WCAG contrast of a photo button's text on its own background (both resolved by a canvas). */
function photoButtonContrast(widget: Widget): Promise<number> {
  return widget.root.locator('staymod-room-list .gallery .step').first().evaluate((el) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgb = (colour: string, under: string) => {
      ctx.fillStyle = under;
      ctx.fillRect(0, 0, 1, 1);
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    // Over the darkest or lightest photo, whichever is worse for it.
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    return Math.min(
      ...['#000', '#fff'].map((photo) => {
        const background = rgb(style.backgroundColor, photo);
        return ratio(luminance(rgb(style.color, `rgb(${background.join(',')})`)), luminance(background));
      }),
    );
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`host colours stay readable in ${scheme} mode: calendar, rooms, form, photo buttons`, async ({ page, widget }) => {
    test.slow(); // many axe runs
    // Reduced motion: the buttons' 120 ms colour transition is off, so axe reads the colours a guest
    // is left with, not a blend caught mid-transition after each change of the host's colours.
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(hostUrl('direct'));
    await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
    await widget.pickDates(day(20), day(23));
    await widget.addRoom('Deluxe');
    expect(await photoButtonContrast(widget), 'photo button, default colours').toBeGreaterThanOrEqual(4.5);
    const style = await page.addStyleTag({ content: '/* host colours */' });
    for (const [name, declarations] of Object.entries(HOST_COLOURS)) {
      await style.evaluate((el, css) => (el.textContent = `staymod-booking { ${css} }`), declarations);
      expect(await contrastFailures(page), `${name}, calendar and rooms`).toEqual([]);
      expect(await photoButtonContrast(widget), `${name}, photo button`).toBeGreaterThanOrEqual(4.5);
    }
    await widget.continueButton().click();
    await widget.submitButton().click();
    await expect(widget.root.locator('staymod-guest-form [part="error-summary"]')).not.toBeEmpty();
    for (const [name, declarations] of Object.entries(HOST_COLOURS)) {
      await style.evaluate((el, css) => (el.textContent = `staymod-booking { ${css} }`), declarations);
      expect(await contrastFailures(page), `${name}, form with errors`).toEqual([]);
    }
  });
}

test('theme="light" keeps the light palette for a guest in dark mode', async ({ page, widget }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(hostUrl('direct', { theme: 'light' }));
  await expect(widget.day(day(1))).toBeVisible();
  expect(await widget.root.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  expect(await contrastFailures(page)).toEqual([]);
});
