/**
 * Bad input, end to end: what a guest types and what a host's link or attributes
 * say. Each bad value gets its own specific message, nothing typed is lost, and
 * no request carries it: no POST for an invalid form, no availability request
 * for impossible prefilled dates.
 */
import type { Page, Request } from '@playwright/test';
import { DEMO, E2E, Widget, day, expect, hostUrl, sandbox, test } from './fixtures.js';

/** Every request the widget makes to Staymod (or the proxy), as "METHOD path?query". */
function recordApi(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/public/v1/')) seen.push(`${r.method()} ${url.pathname.split('/').pop()}${url.search}`);
  });
  return seen;
}

/** Widgets made by the page itself (one page load for many cases), each with its own attributes. */
async function mountWidgets(page: Page, list: Array<Record<string, string>>): Promise<void> {
  await page.goto(hostUrl('direct', { count: 0 }));
  await page.evaluate(
    ({ list, base }) => {
      for (const attrs of list) {
        const el = document.createElement('staymod-booking');
        for (const [k, v] of Object.entries({ ...base, ...attrs })) el.setAttribute(k, v);
        document.getElementById('host')!.append(el);
      }
    },
    { list, base: { 'property-id': DEMO.propertyId, 'api-key': DEMO.keys.widget, 'api-base': E2E.sandboxUrl, months: '1' } },
  );
}

type Field = 'guestName' | 'guestEmail' | 'guestPhone' | 'specialRequests';
const LABEL: Record<Field, RegExp> = { guestName: /full name/i, guestEmail: /e-mail/i, guestPhone: /phone/i, specialRequests: /special requests/i };
const VALID: Record<Field, string> = { guestName: 'Asha Rao', guestEmail: 'asha@example.com', guestPhone: '+91 98765 43210', specialRequests: 'Late arrival, around 23:00.' };

const MESSAGES = {
  name: 'Please enter your name.',
  nameLong: 'Please shorten your name to 200 characters.',
  email: 'Please enter a valid e-mail address, like name@example.com.',
  emailLong: 'Please shorten your e-mail address to 254 characters.',
  phone: 'Please enter a valid phone number (digits, spaces, + - ( ) . / only).',
  requestsLong: 'Please shorten your requests to 2,000 characters.',
  control: 'Please remove the unusual characters from this field.',
};

const FORM_CASES: Array<{ name: string; field: Field; value: string; message: string }> = [
  { name: 'empty name', field: 'guestName', value: '', message: MESSAGES.name },
  { name: 'whitespace-only name', field: 'guestName', value: ' \u00a0\t  ', message: MESSAGES.name },
  { name: '10 000-character name', field: 'guestName', value: 'A'.repeat(10_000), message: MESSAGES.nameLong },
  { name: 'bell character in the name', field: 'guestName', value: 'Asha\u0007 Rao', message: MESSAGES.control },
  { name: 'terminal escape in the name', field: 'guestName', value: 'Asha \u001b[31mRao', message: MESSAGES.control },
  { name: 'NUL in the name', field: 'guestName', value: 'Asha\u0000Rao', message: MESSAGES.control },
  ...['plainaddress', 'asha@', '@example.com', 'asha@example', 'asha rao@example.com', 'asha@@example.com', 'asha@example..com', '<asha>@example.com'].map((value) => ({
    name: `e-mail "${value}"`,
    field: 'guestEmail' as const,
    value,
    message: MESSAGES.email,
  })),
  { name: '10 000-character e-mail', field: 'guestEmail', value: `${'a'.repeat(10_000)}@example.com`, message: MESSAGES.emailLong },
  { name: 'control character in the e-mail', field: 'guestEmail', value: 'asha\u0008@example.com', message: MESSAGES.control },
  { name: 'letters for a phone', field: 'guestPhone', value: 'call me maybe', message: MESSAGES.phone },
  { name: 'too few digits for a phone', field: 'guestPhone', value: '12-34', message: MESSAGES.phone },
  { name: 'too many digits for a phone', field: 'guestPhone', value: '1'.repeat(30), message: MESSAGES.phone },
  { name: '10 000-character requests', field: 'specialRequests', value: 'Please '.repeat(1_430), message: MESSAGES.requestsLong },
  { name: 'NUL in the requests', field: 'specialRequests', value: 'Quiet room\u0000 please', message: MESSAGES.control },
];

test('guest form: every bad value gets its own message under its field, nothing is sent, nothing typed is lost', async ({ page, widget }) => {
  test.setTimeout(60_000);
  const api = recordApi(page);
  await page.goto(hostUrl('direct'));
  await widget.pickDates(day(20), day(23));
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  const form = widget.root.locator('staymod-guest-form');
  const summary = form.locator('[part="error-summary"]');

  for (const field of Object.keys(VALID) as Field[]) await widget.field(LABEL[field]).fill(VALID[field]);
  let previous: Field | undefined;
  for (const c of FORM_CASES) {
    // Only the field under test is bad; the one bad before is made good again.
    if (previous && previous !== c.field) await widget.field(LABEL[previous]).fill(VALID[previous]);
    await widget.field(LABEL[c.field]).fill(c.value);
    previous = c.field;
    // Leave the field first: its message appears on blur, and a click that blur moves the button under would be lost.
    await widget.field(LABEL[c.field]).blur();
    await widget.submitButton().click();
    const error = form.locator(`#${c.field}-error`);
    await expect(error, c.name).toHaveText(c.message);
    await expect(error, `${c.name}: the only field flagged`).toBeVisible();
    await expect(form.locator('[part="error"]:visible'), `${c.name}: the only message`).toHaveCount(1);
    await expect(widget.field(LABEL[c.field]), `${c.name}: flagged for assistive tech`).toHaveAttribute('aria-invalid', 'true');
    await expect(summary, c.name).toContainText(/Please correct 1 field/);
    // What the guest typed is still there, to fix rather than retype.
    expect(await widget.field(LABEL[c.field]).inputValue(), `${c.name}: kept`).toBe(c.value);
    await expect(widget.submitButton(), `${c.name}: the form stays usable`).toBeEnabled();
  }
  expect(api.filter((r) => r.startsWith('POST')), 'no booking request for any invalid form').toEqual([]);

  for (const field of Object.keys(VALID) as Field[]) await widget.field(LABEL[field]).fill(`  ${VALID[field]}  `);
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText(/Booking requested/i);
  expect(api.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  const booked = (await sandbox.bookings()).filter((b) => b.guestName === VALID.guestName);
  expect(booked, 'one booking, with the values trimmed').toHaveLength(1);
  expect(booked[0]!.guestEmail).toBe(VALID.guestEmail);
  expect(booked[0]!.specialRequests, "the guest's text, trimmed, below the website's quote").toMatch(
    new RegExp(`\\n---\\n${VALID.specialRequests.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  );
});

test('prefilled dates: each impossible link says why, selects nothing and fetches nothing for those dates', async ({ page }) => {
  const api = recordApi(page);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Ignoring prefill')) warnings.push(m.text());
  });
  const CASES: Array<{ attrs: Record<string, string>; reason: string }> = [
    { attrs: { 'check-in': day(10), 'check-out': day(8) }, reason: `check-out ${day(8)} is not after check-in ${day(10)}` },
    { attrs: { 'check-in': day(10), 'check-out': day(10) }, reason: `check-out ${day(10)} is not after check-in ${day(10)}` },
    { attrs: { 'check-in': day(-5), 'check-out': day(-2) }, reason: `check-in ${day(-5)} is in the past` },
    { attrs: { 'check-in': day(5), 'check-out': day(405) }, reason: 'the stay is longer than 365 nights' },
    { attrs: { 'check-in': '2099-01-01', 'check-out': '2099-01-03' }, reason: 'check-in 2099-01-01 is more than 730 days ahead' },
    { attrs: { 'check-in': '2027-02-30', 'check-out': '2027-03-02' }, reason: 'check-in "2027-02-30" is not a YYYY-MM-DD date' },
    { attrs: { 'check-in': 'tomorrow' }, reason: 'check-in "tomorrow" is not a YYYY-MM-DD date' },
    { attrs: { 'check-in': day(10), 'check-out': '10/02/2027' }, reason: 'check-out "10/02/2027" is not a YYYY-MM-DD date' },
    { attrs: { 'check-in': day(10), 'check-out': day(11), 'min-nights': '3' }, reason: 'the stay is shorter than 3 nights' },
  ];
  await mountWidgets(page, CASES.map((c) => c.attrs));
  for (const [i, c] of CASES.entries()) {
    const widget = new Widget(page, i);
    const notice = widget.root.locator('[part="notice"][role="alert"]');
    await expect(notice, c.reason).toHaveText(`The dates in this link could not be used (${c.reason}). Please choose your dates.`);
    // Nothing selected: no room list, and the calendar is on this month.
    await expect(widget.root.locator('staymod-room-list'), c.reason).toHaveCount(0);
    await expect(widget.day(day(1)), c.reason).toBeVisible();
    // The host's console line comes from a chunk loaded only when something is wrong: it may follow the notice.
    await expect.poll(() => warnings.some((w) => w.includes(c.reason)), `${c.reason}: told in the host's console`).toBe(true);
  }
  // Only this month and the next (shown, prefetched) were fetched: no request for any bad date.
  await expect.poll(() => api.filter((r) => r.includes('room-availability')).length).toBeGreaterThan(0);
  const months = new Set(api.filter((r) => r.includes('room-availability')).map((r) => /from=(\d{4}-\d{2})/.exec(r)?.[1]));
  expect([...months].sort()).toEqual(['2027-01', '2027-02']);
  expect(api.filter((r) => r.startsWith('POST'))).toEqual([]);
});

test('guests: bad attributes are named in the console and clamped; more guests than beds blocks Continue with a reason', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('guests=')) warnings.push(m.text());
  });
  const api = recordApi(page);
  const CASES = [
    { guests: '0', shown: '2', says: 'guests="0" is not a whole number from 1 to 99; starting with 2.' },
    { guests: '-3', shown: '2', says: 'guests="-3" is not a whole number from 1 to 99; starting with 2.' },
    { guests: '2.5', shown: '2', says: 'guests="2.5" is not a whole number from 1 to 99; starting with 2.' },
    { guests: 'many', shown: '2', says: 'guests="many" is not a whole number from 1 to 99; starting with 2.' },
    { guests: '500', shown: '99', says: 'guests="500" is more than 99; starting with 99.' },
  ];
  await mountWidgets(page, CASES.map((c) => ({ guests: c.guests, 'check-in': day(2), 'check-out': day(4) })));
  for (const [i, c] of CASES.entries()) {
    const guests = new Widget(page, i).root.locator('staymod-room-list [part="guests"] output');
    await expect(guests, `guests="${c.guests}"`).toHaveText(c.shown);
    // The host's console line comes from a chunk loaded only when something is wrong: it may follow the render.
    await expect.poll(() => warnings, `guests="${c.guests}"`).toContainEqual(`[staymod-booking] ${c.says}`);
  }

  // One Deluxe sleeps 2: a third guest blocks Continue, says why, and sends nothing.
  const widget = new Widget(page, 0);
  const list = widget.root.locator('staymod-room-list');
  await widget.addRoom('Deluxe');
  await list.getByRole('button', { name: 'Add a guest' }).click();
  await expect(widget.continueButton()).toBeDisabled();
  // The reason shows once the guest tries Continue (aria-disabled: it can be pressed).
  await widget.continueButton().click({ force: true });
  await expect(list.locator('[part="reason"]')).toHaveText('The selected rooms sleep up to 2 guests: add a room or reduce guests.');
  await expect(widget.root.locator('staymod-guest-form')).toHaveCount(0);
  // Fewer than one guest is not possible: the stepper stops at 1 (and stays focusable, aria-disabled).
  const fewer = list.getByRole('button', { name: 'Remove a guest' });
  await fewer.click();
  await fewer.click();
  await expect(list.locator('[part="guests"] output')).toHaveText('1');
  await expect(fewer).toHaveAttribute('aria-disabled', 'true');
  await fewer.click({ force: true });
  await expect(list.locator('[part="guests"] output')).toHaveText('1');
  await expect(widget.continueButton()).toBeEnabled();
  expect(api.filter((r) => r.startsWith('POST'))).toEqual([]);
});
