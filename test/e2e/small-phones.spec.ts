/**
 * Small phones: a 280 or 320 px screen, with the host page's ordinary 16 px margins
 * (test/e2e/pages/host.css). On every step nothing scrolls sideways and nothing sticks
 * out of the widget (a cut-off calendar column, a clipped button).
 */
import type { Page } from '@playwright/test';
import { day, expect, hostUrl, test, type Widget } from './fixtures.js';
import { fillGuest } from './widget-steps.js';

/** Elements whose box leaves the widget or the page, with their right edges; and the page's sideways scroll. */
function overflow(page: Page): Promise<{ scroll: number; outside: string[] }> {
  return page.evaluate(() => {
    const host = document.querySelector('staymod-booking')!;
    const edge = host.getBoundingClientRect();
    const page = document.documentElement.clientWidth;
    const outside: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        // Screen-reader-only text is a 1 px box on purpose; anything else that shows counts.
        const hidden = box.width <= 1 || getComputedStyle(el).visibility === 'hidden';
        if (!hidden && (box.right > Math.min(edge.right, page) + 1 || box.left < Math.max(edge.left, 0) - 1)) {
          outside.push(`${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} ${Math.round(box.left)}–${Math.round(box.right)}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(host.shadowRoot!);
    return { scroll: document.documentElement.scrollWidth - page, outside: [...new Set(outside)].slice(0, 8) };
  });
}

async function fits(page: Page, step: string): Promise<void> {
  const found = await overflow(page);
  expect(found.scroll, `sideways scroll on the ${step} step`).toBeLessThanOrEqual(0);
  expect(found.outside, `cut off on the ${step} step`).toEqual([]);
}

async function bookThrough(page: Page, widget: Widget): Promise<void> {
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await fits(page, 'calendar');
  await widget.pickDates(day(11), day(14));
  await fits(page, 'calendar with a range');
  await widget.addRoom('Deluxe');
  await widget.room('Deluxe').getByText('Price per night').click();
  await fits(page, 'rooms');
  await widget.continueButton().click();
  await widget.submitButton().click();
  await fits(page, 'form with errors');
  await fillGuest(widget, { name: 'Small Phone' });
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  await fits(page, 'confirmation');
}

for (const width of [280, 320]) {
  test(`${width} px screen with 16 px page margins: every step fits, nothing is cut`, async ({ page, widget }) => {
    await page.setViewportSize({ width, height: 700 });
    await page.goto(hostUrl('direct'));
    await bookThrough(page, widget);
  });
}
