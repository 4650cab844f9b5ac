/**
 * The script-tag build as hosts embed it: a pasted snippet, two widgets, the
 * script loaded twice, a page that owns the tag already, a strict CSP, and no JS.
 */
import type { Page } from '@playwright/test';
import { DEMO, DEMO_ROOMS, E2E, Widget, day, expect, hostUrl, sandbox, test, type Mode } from './fixtures.js';

/** Uncaught errors, console errors and failed requests of a page, collected from the start. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is reported below with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname !== '/favicon.ico') errors.push(`${response.status()} ${url.pathname}`);
  });
  page.on('requestfailed', (request) => errors.push(`failed ${request.url()}: ${request.failure()?.errorText}`));
  return errors;
}

async function book(widget: Widget, guestName: string, checkIn = day(20), checkOut = day(22)): Promise<void> {
  await widget.pickDates(checkIn, checkOut);
  await widget.addRoom('Deluxe');
  await widget.continueButton().click();
  await widget.field(/full name/i).fill(guestName);
  await widget.field(/e-mail/i).fill('guest@example.com');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText(/Booking requested/i);
}

async function bookedBy(guestName: string) {
  return (await sandbox.bookings()).filter((b) => b.guestName === guestName);
}

test('the pasted snippet (one module script, one element) books a room', async ({ page, widget }) => {
  // The page hard-codes the demo ids: fail loudly if the demo or the ports change.
  const html = await (await page.request.get('/embed-plain.html')).text();
  expect(html).toContain(DEMO.propertyId);
  expect(html).toContain(DEMO.keys.widget);
  expect(html).toContain(E2E.sandboxUrl);

  const errors = watchErrors(page);
  await page.goto('/embed-plain.html');
  await expect(page.locator('script')).toHaveCount(1);
  // The host's CSS variable reaches inside the shadow root.
  await widget.pickDates(day(20), day(22));
  await widget.addRoom('Deluxe');
  await expect(widget.continueButton()).toHaveCSS('background-color', 'rgb(124, 58, 237)');
  await widget.continueButton().click();
  await widget.field(/full name/i).fill('Snippet Guest');
  await widget.field(/e-mail/i).fill('guest@example.com');
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText(/Booking requested/i);
  const booked = await bookedBy('Snippet Guest');
  expect(booked).toHaveLength(1);
  expect(Object.keys(booked[0]!.rooms)).toEqual([DEMO_ROOMS.deluxe]);
  expect(errors).toEqual([]);
});

test('two widgets on one page work independently', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(hostUrl('direct', { count: 2 }));
  const first = new Widget(page, 0);
  const second = new Widget(page, 1);
  await expect(first.day(day(20))).toBeVisible();
  await first.pickDates(day(3), day(5));
  await book(second, 'Second Widget Guest', day(30), day(32));
  // The first widget kept its own state while the second booked.
  await expect(first.room('Deluxe')).toBeVisible();
  await expect(first.confirmation()).toHaveCount(0);
  const booked = await bookedBy('Second Widget Guest');
  expect(booked).toHaveLength(1);
  expect(booked[0]!.checkIn).toBe(`${day(30)}T14:00:00.000Z`);
  expect(errors).toEqual([]);
});

test('the script loaded twice (two module instances) does not throw and the widget books', async ({ page, widget }) => {
  const errors = watchErrors(page);
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/dist/staymod-booking.js')) scripts.push(new URL(response.url()).search);
  });
  const plainUrlAdvice: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('Load it by its plain URL')) plainUrlAdvice.push(message.text());
  });
  await page.goto('/embed-twice.html');
  await book(widget, 'Twice Loaded Guest');
  // The checkout file imports the script by its plain name: a page that adds a query string
  // to the script's URL makes the browser fetch (and run, harmlessly) one more copy.
  expect(scripts.sort()).toEqual(['', '?copy=1', '?copy=2']);
  // And a third copy through dynamic import, after the page is up.
  for (const url of ['/dist/staymod-booking.js?copy=3', '/dist/staymod-booking.js?copy=4']) await page.evaluate((src) => import(src), url);
  await expect(widget.confirmation()).toBeVisible();
  expect(await bookedBy('Twice Loaded Guest')).toHaveLength(1);
  expect(errors).toEqual([]);
  // The host is told, once per page, to load the script by its plain URL.
  expect(plainUrlAdvice).toHaveLength(1);
  expect(plainUrlAdvice[0]).toMatch(/loaded as http:\/\/\S+\/dist\/staymod-booking\.js\?copy=\d/);
});

test('a page that defined <staymod-booking> itself first does not crash', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/embed-predefined.html');
  await expect(page.locator('staymod-booking')).toHaveText('The page’s own staymod-booking');
  // The widget's other tag still registers; nothing threw. (The checkout's tags come with
  // the checkout file, which only a widget of ours asks for.)
  await page.waitForFunction(() => customElements.get('staymod-calendar') !== undefined);
  expect(errors).toEqual([]);
});

for (const mode of ['direct', 'proxy'] as const satisfies readonly Mode[]) {
  test(`a strict-CSP page books with no CSP violation (${mode})`, async ({ page, widget }) => {
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(hostUrl(mode, {}, '/csp.html'));
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    // Room photos load too (img-src).
    await widget.pickDates(day(20), day(22));
    const photo = widget.room('Deluxe').locator('img').first();
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await widget.addRoom('Deluxe');
    await widget.continueButton().click();
    await widget.field(/full name/i).fill(`CSP Guest ${mode}`);
    await widget.field(/e-mail/i).fill('guest@example.com');
    await widget.submitButton().click();
    await expect(widget.confirmation()).toContainText(/Booking requested/i);
    expect(await bookedBy(`CSP Guest ${mode}`)).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('without JavaScript the <noscript> fallback tells the guest how to book', async ({ browser }) => {
  // A context of its own: the shared page fixture installs a fake clock, a script.
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${E2E.hostUrl}/embed-plain.html`);
    // innerText is what is rendered: with scripting on, <noscript> text is not part of it.
    // (getByText skips <noscript> elements, so read the rendered text directly.)
    expect(await page.locator('body').innerText()).toContain('Online booking needs JavaScript. Please call us');
    await expect(page.locator('staymod-booking')).toBeEmpty();
  } finally {
    await context.close();
  }
});
