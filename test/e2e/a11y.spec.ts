/**
 * Accessibility of the built widget in every state a guest meets: axe-core finds
 * no WCAG 2.1 A/AA violation (shadow roots included), the range and the total are
 * announced, and keyboard focus is always visible.
 */
import { day, DEMO_ROOMS, expect, hostUrl, sandbox, test } from './fixtures.js';
import { chooseStay, fillGuest, liveRegion, notice, violations } from './widget-steps.js';

test('no axe violations while loading, on the calendar and on the rooms', async ({ page, widget }) => {
  test.slow(); // three axe runs over two months of days: slow on a busy machine
  // Long enough for an axe run to finish before any answer lands.
  await sandbox.fault({ route: '*', latencyMs: 2000, times: 5 });
  await page.goto(hostUrl('direct'));
  await expect(widget.root.locator('[aria-busy="true"]')).toBeVisible();
  expect(await violations(page), 'loading').toEqual([]);

  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/, { timeout: 10_000 });
  await widget.day(day(20)).click();
  await widget.day(day(23)).hover();
  expect(await violations(page), 'calendar').toEqual([]);

  await widget.day(day(23)).click();
  await widget.addRoom('Deluxe');
  await widget.room('Deluxe').getByText('Price per night').click();
  await widget.addRoom('Family Suite');
  expect(await violations(page), 'rooms').toEqual([]);
});

test('no axe violations on the form with errors, a failure and the confirmation, in dark mode', async ({ page, widget }) => {
  test.slow(); // three axe runs
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, day(20), day(23));
  await widget.field(/e-mail/i).fill('not-an-email');
  await page.keyboard.press('Tab');
  await widget.submitButton().click();
  await expect(widget.root.locator('staymod-guest-form [part="error-summary"]')).not.toBeEmpty();
  expect(await violations(page), 'form with errors').toEqual([]);

  await fillGuest(widget, { name: 'Axe Guest' });
  await sandbox.fault({ route: 'bookings', status: 503, times: 1 });
  await widget.submitButton().click();
  await expect(notice(widget)).toBeVisible();
  expect(await violations(page), 'failure').toEqual([]);

  // A 503 never reached Staymod: the form's own button sends it again.
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText('Booking requested');
  expect(await violations(page), 'confirmation').toEqual([]);
});

test('no axe violations on an unconfirmed booking, light and dark; focus lands on its heading', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, day(20), day(23));
  await fillGuest(widget, { name: 'Axe Unconfirmed' });
  await sandbox.fault({ route: 'bookings', malformedJson: true, times: 1 });
  await widget.submitButton().click();
  const heading = widget.root.getByRole('heading', { name: 'Booking not confirmed' });
  await expect(heading).toBeFocused();
  expect(await violations(page), 'unconfirmed, light').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await violations(page), 'unconfirmed, dark').toEqual([]);
});

test('the chosen range and the total are announced', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await widget.pickDates(day(20), day(23));
  // Said once, by the calendar (with the lowest total), not a second time by the widget.
  await expect(widget.root.locator('staymod-calendar [role="status"]')).toContainText('4 Feb to 7 Feb, 3 nights. Total from');
  await expect(liveRegion(widget)).not.toContainText('3 nights');
  await widget.addRoom('Deluxe');
  await expect(liveRegion(widget)).toContainText('₹13,498');
  await widget.addRoom('Deluxe');
  await expect(liveRegion(widget)).toContainText('₹26,996');
});

test('keyboard focus is visible on days, room controls, fields, buttons and the confirmation', async ({ page, widget }) => {
  const outline = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return { what: 'nothing', width: 0, style: 'none' };
      const style = getComputedStyle(el);
      return { what: `${el.localName}${el.getAttribute('aria-label') ? ` "${el.getAttribute('aria-label')}"` : ''}`, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
  const expectVisibleFocus = async () => {
    const focus = await outline();
    expect(focus.style, `outline of ${focus.what}`).not.toBe('none');
    expect(focus.width, `outline of ${focus.what}`).toBeGreaterThanOrEqual(2);
  };
  await page.goto(hostUrl('direct'));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await widget.day(day(1)).focus();
  await page.keyboard.press('ArrowRight');
  await expectVisibleFocus();
  await widget.pickDates(day(20), day(23));
  await widget.room('Deluxe').getByRole('button', { name: /^Add one Deluxe/ }).focus();
  await page.keyboard.press('Enter');
  await expectVisibleFocus();
  await widget.continueButton().focus();
  await page.keyboard.press('Enter');
  await widget.field(/full name/i).focus();
  await page.keyboard.type('Focus Guest');
  await expectVisibleFocus();
  await page.keyboard.press('Tab');
  await page.keyboard.type('focus@example.com');
  await expectVisibleFocus();
  await widget.submitButton().focus();
  await expectVisibleFocus();
  await page.keyboard.press('Enter');
  await expect(widget.confirmation()).toContainText('Booking requested');
  await page.keyboard.press('Tab');
  await expectVisibleFocus();
});

test('a sold-out answer is an alert and is read out', async ({ page, widget }) => {
  await page.goto(hostUrl('direct'));
  await chooseStay(widget, day(20), day(22), 'Ocean Penthouse');
  await fillGuest(widget, { name: 'Announced' });
  // Another channel takes the night meanwhile: the widget's fresh check before sending sees it.
  await sandbox.importBooking({ guestName: 'OTA guest', checkIn: day(21), checkOut: day(22), rooms: [{ roomId: DEMO_ROOMS.penthouse, quantity: 1 }] });
  await widget.submitButton().click();
  await expect(notice(widget)).toHaveAttribute('role', 'alert');
  await expect(notice(widget)).toContainText('5 February 2027 has just sold out');
  // Said once: the alert reads it out; the polite status region does not repeat it.
  await expect(liveRegion(widget)).not.toContainText('sold out');
});
