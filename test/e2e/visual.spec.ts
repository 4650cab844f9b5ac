/**
 * The designer playground (demo/, built by visual.setup.ts and served at /demo/)
 * against the e2e sandbox: screenshots in light and dark at 375 px and 1280 px,
 * a few gallery states, and the controls doing what they say.
 * Update baselines after a deliberate visual change:
 *   npx playwright test --project visual --update-snapshots
 */
import type { Page } from '@playwright/test';
import { E2E, day, expect, sandbox, test } from './fixtures.js';

function playground(settings: Record<string, string> = {}): string {
  return `/demo/?${new URLSearchParams({ sandbox: E2E.sandboxUrl, proxy: E2E.proxyUrl, ...settings })}`;
}

/** Waits until the calendar shows prices (no loading shimmer left) and fonts are ready. */
async function settled(page: Page): Promise<void> {
  const widget = page.locator('staymod-booking');
  await expect(widget.locator(`button[data-date="${day(1)}"]`)).toBeVisible();
  await expect(widget.locator('.shimmer')).toHaveCount(0);
  await expect(widget.locator('.skeleton')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
}

const shot = { fullPage: true, animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.002 } as const;

for (const theme of ['light', 'dark'] as const) {
  for (const width of [375, 1280]) {
    test(`playground, ${theme}, ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(playground({ theme }));
      await settled(page);
      await expect(page).toHaveScreenshot(`playground-${theme}-${width}.png`, { ...shot, mask: [page.locator('#event-log')] });
    });
  }
}

/** Runs a gallery state (the page reloads) and waits until it is on screen. */
async function galleryState(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(page.locator('#state-status')).not.toHaveText(/…$|^$/, { timeout: 15_000 });
  // On failure, the playground's own status line says which step went wrong.
  await expect(page.locator('body'), (await page.locator('#state-status').textContent()) ?? '').toHaveAttribute('data-state', 'ready');
}

test('gallery: validation errors and a sold-out race, 375 px preview', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(playground({ width: '375' }));
  await settled(page);
  const preview = page.locator('#preview');

  await galleryState(page, 'Validation errors');
  const form = page.locator('staymod-guest-form');
  await expect(form.locator('[aria-invalid="true"]')).toHaveCount(2);
  await expect(preview).toHaveScreenshot('state-validation-375.png', shot);

  await galleryState(page, 'Next booking fails (sold out race)');
  await expect(page.locator('staymod-booking [role="alert"]').first()).toContainText(/sold out/i);
  await expect(preview).toHaveScreenshot('state-sold-out-race-375.png', shot);
  // The widget's own check before sending saw the night taken: nothing was booked.
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Asha Rao')).toHaveLength(0);

  await galleryState(page, 'Booking system refuses a free room');
  await expect(page.locator('staymod-booking [role="alert"]').first()).toContainText(/did not accept Deluxe/);
  await expect(preview).toHaveScreenshot('state-refused-375.png', shot);
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Asha Rao')).toHaveLength(0);
});

test('gallery: confirmation books for real; availability API down shows the retry notice', async ({ page }) => {
  await page.goto(playground());
  await settled(page);
  await galleryState(page, 'Confirmation');
  await expect(page.locator('staymod-confirmation')).toContainText(/Booking requested/i);
  expect((await sandbox.bookings()).filter((b) => b.guestName === 'Asha Rao')).toHaveLength(1);
  await expect(page.locator('#event-log')).toContainText('staymod-booking-confirmed');

  await page.getByRole('button', { name: 'Availability API down (500)', exact: true }).click();
  await expect(page.locator('staymod-booking [role="alert"]')).toContainText(/load|try again|retry/i, { timeout: 15_000 });
  await expect(page.locator('staymod-booking').getByRole('button', { name: /retry|try again/i })).toBeVisible();
});

test('controls change the live widget and the embed code together', async ({ page }) => {
  await page.goto(playground());
  await settled(page);
  const widget = page.locator('staymod-booking');
  const code = page.locator('#embed-code');

  await page.locator('input[name="colour-accent"]').fill('#7c3aed');
  await expect(code).toContainText('--staymod-accent: #7c3aed;');
  expect(await widget.evaluate((el) => getComputedStyle(el).getPropertyValue('--staymod-accent').trim())).toBe('#7c3aed');

  await page.getByLabel('Locale').selectOption('ar-EG');
  await expect(widget).toHaveAttribute('dir', 'rtl');
  await expect(code).toContainText('dir="rtl"');
  await expect(code).toContainText('locale="ar-EG"');

  await page.getByLabel('Currency').selectOption('JPY');
  await expect(widget).toHaveAttribute('currency', 'JPY');

  await page.getByLabel('Proxy (key stays on the server)').check();
  // The snippet is for a host to paste: a placeholder, never the local proxy the widget uses.
  await expect(code).toContainText('proxy-url="https://YOUR-SITE.example/api/staymod"');
  await expect(code).not.toContainText(E2E.proxyUrl);
  await expect(widget).toHaveAttribute('proxy-url', E2E.proxyUrl);
  await expect(code).not.toContainText('api-key');
  await expect(widget).not.toHaveAttribute('api-key', /.*/);
  // Proxy mode really loads: the calendar fills in again.
  await settled(page);

  await page.getByLabel('320').check();
  expect(await page.locator('#frame').evaluate((el) => el.getBoundingClientRect().width)).toBe(320);

  // Settings live in the URL: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel('Locale')).toHaveValue('ar-EG');
  await expect(page.locator('input[name="colour-accent"]')).toHaveValue('#7c3aed');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.locator('#copy-status')).toHaveText(/Copied|Selected/);
});
