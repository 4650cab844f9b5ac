/**
 * The example apps (demo/examples: plain HTML, React, Vue), each built by Vite
 * from the PACKED tarball as a user would install it, driven to a confirmed
 * booking on the sandbox. Build them first: `npm run build && npm run examples:build`.
 */
import { existsSync } from 'node:fs';
import { DEMO_ROOMS, E2E, day, expect, sandbox, test } from './fixtures.js';

const EXAMPLES = ['plain', 'react', 'vue'] as const;

function exampleUrl(name: string): string {
  return `/examples/${name}/?${new URLSearchParams({ 'api-base': E2E.sandboxUrl })}`;
}

for (const name of EXAMPLES) {
  test(`the ${name} example books a room through the installed package`, async ({ page, widget }) => {
    expect(existsSync(`demo/examples/${name}/dist/index.html`), `demo/examples/${name} is not built: run \`npm run examples:build\``).toBe(true);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(exampleUrl(name));
    await widget.pickDates(day(20), day(23));
    if (name === 'vue') await expect(page.getByText('3 nights selected')).toBeVisible();
    await widget.addRoom('Deluxe');
    await widget.continueButton().click();
    await widget.field(/full name/i).fill(`Example ${name}`);
    await widget.field(/e-mail/i).fill('guest@example.com');
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText(/Booking requested/i);

    const booked = (await sandbox.bookings()).filter((b) => b.guestName === `Example ${name}`);
    expect(booked).toHaveLength(1);
    expect(Object.keys(booked[0]!.rooms)).toEqual([DEMO_ROOMS.deluxe]);
    // The app heard the confirmation event (React: the onStaymodBookingConfirmed prop).
    await expect(page.getByRole('status').filter({ hasText: 'Thank you!' })).toHaveText(`Thank you! Booking reference ${booked[0]!._id}.`);
    expect(errors).toEqual([]);
  });
}

test('the React wrapper maps every widget event to its onStaymod* prop, in order', async ({ page, widget }) => {
  await page.goto(exampleUrl('react'));
  await widget.pickDates(day(20), day(22));
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await widget.field(/full name/i).fill('React Events');
  await widget.field(/e-mail/i).fill('guest@example.com');
  // The next booking fails once (a 503: it never reached Staymod): onStaymodBookingError, then a retry confirms.
  await sandbox.fault({ route: 'bookings', status: 503, times: 1 });
  await widget.submitButton().click();
  await expect(widget.alert()).toBeVisible();
  const log = page.getByRole('list', { name: 'Widget events' }).getByRole('listitem');
  await expect(log.last()).toHaveText(/^error /);
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText(/Booking requested/i);
  const booking = (await sandbox.bookings()).find((b) => b.guestName === 'React Events');
  expect(booking).toBeTruthy();
  await expect(log).toHaveText([
    `dates ${day(20)} → – (0 nights)`,
    `dates ${day(20)} → ${day(22)} (2 nights)`,
    `rooms 1×${DEMO_ROOMS.deluxe}`,
    'submit React Events',
    /^error /,
    'submit React Events',
    `confirmed ${booking!._id}`,
  ]);
});
