/**
 * The keyboard alone: a guest books with Tab, arrows, Enter and typing, and the
 * calendar follows the APG date-grid keys, disabled days included.
 */
import type { Page } from '@playwright/test';
import { day, expect, hostUrl, sandbox, test } from './fixtures.js';

/** What has keyboard focus, through shadow roots. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el?.localName ?? '',
      date: (el as HTMLElement | null)?.dataset?.date ?? '',
      name: el?.getAttribute('aria-label') || el?.id || el?.textContent?.trim() || '',
    };
  });
}

/** Presses Tab until `match` has focus, like a guest would (at most `max` times). */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (match(await focused(page))) return i;
  }
  throw new Error(`Tab never reached the target; last focus: ${JSON.stringify(await focused(page))}`);
}

test('a guest books with the keyboard alone', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  // The calendar is one tab stop, on today.
  await tabTo(page, (f) => f.date !== '');
  expect((await focused(page)).date).toBe(day(0));
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  expect((await focused(page)).date).toBe(day(20));
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(widget.root.locator('staymod-room-list')).toContainText('3 nights');

  await tabTo(page, (f) => f.name.startsWith('Add one Deluxe'));
  await page.keyboard.press('Enter');
  await expect(widget.room('Deluxe').locator('output')).toHaveText('1');
  await tabTo(page, (f) => f.name === 'Continue');
  await page.keyboard.press('Enter');

  await tabTo(page, (f) => f.name === 'guestName', 10);
  await page.keyboard.type('Keyboard Guest');
  await page.keyboard.press('Tab');
  await page.keyboard.type('keys@example.com');
  await page.keyboard.press('Enter');
  await expect(widget.confirmation()).toContainText('Booking requested');
  // Focus lands on the confirmation, for screen readers too.
  expect((await focused(page)).tag).toBe('h2');
  const [booking] = (await sandbox.bookings()).filter((b) => b.guestName === 'Keyboard Guest');
  expect(booking).toMatchObject({ checkIn: `${day(20)}T14:00:00.000Z`, checkOut: `${day(23)}T11:00:00.000Z`, guestEmail: 'keys@example.com' });
});

test('after Continue and Back, focus goes where the guest goes next', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await widget.pickDates(day(20), day(23));
  await widget.addRoom('Deluxe');
  await widget.continueButton().focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await focused(page)).name).toBe('guestName');
  await widget.root.locator('staymod-guest-form').getByRole('button', { name: 'Back' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await focused(page)).name).toBe('Continue');
});

test('the date grid follows the APG keys, and disabled days can be reached and explain themselves', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await widget.day(day(8)).focus();
  const expectFocus = async (date: string) => expect.poll(async () => (await focused(page)).date).toBe(date);
  await page.keyboard.press('ArrowRight');
  await expectFocus(day(9));
  // day(10) is sold out: focusable all the same, and Enter says why instead of picking it.
  await page.keyboard.press('ArrowRight');
  await expectFocus(day(10));
  await expect(widget.day(day(10))).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(widget.root.locator('staymod-calendar [role="status"]')).toHaveText('Sold out');
  await expect(widget.day(day(10))).toHaveAttribute('aria-pressed', 'false');
  // Past days are reachable too (and say so).
  await widget.day(day(0)).focus();
  await page.keyboard.press('ArrowLeft');
  await expectFocus(day(-1));
  await expect(widget.day(day(-1))).toHaveAttribute('aria-label', /Date has passed/);
  await widget.day(day(10)).focus();
  await page.keyboard.press('ArrowUp');
  await expectFocus(day(3));
  await page.keyboard.press('ArrowLeft');
  await expectFocus(day(2));
  // en-IN weeks start on Sunday.
  await page.keyboard.press('Home');
  await expectFocus('2027-01-17');
  await page.keyboard.press('End');
  await expectFocus('2027-01-23');
  await page.keyboard.press('PageDown');
  await expectFocus('2027-02-23');
  await page.keyboard.press('PageDown');
  await expectFocus('2027-03-23');
  // A month that was not on screen loads and shows its prices.
  await expect(widget.day('2027-03-23')).toHaveAttribute('aria-label', /₹/);
  await page.keyboard.press('Shift+PageDown');
  await expectFocus('2028-03-23');
  await page.keyboard.press('PageUp');
  await expectFocus('2028-02-23');
  // One tab stop for the whole grid.
  expect(await widget.root.locator('staymod-calendar button[data-date][tabindex="0"]').count()).toBe(1);
});
