/**
 * Hostile data from the API: every text field of the rooms (and extras) carries an
 * XSS corpus, image URLs carry javascript:, data: and other schemes, some fields
 * are huge, empty, null or of the wrong type. Injected as the sandbox's rooms
 * answer (a 200 fault body), so the widget reads it through the contract schemas
 * as it would read Staymod.
 *
 * A guest on a 375 px phone goes from the calendar to the confirmation: nothing
 * runs (no dialog, no canary, no page error), text stays text, only http(s)
 * images are requested, the page never scrolls sideways and Continue is reachable.
 */
import { DEMO, DEMO_OPTIONS, E2E, day, expect, hostUrl, sandbox, test } from './fixtures.js';

/** Every payload sets `window.__pwned` or opens a dialog if it ever runs. */
const XSS = [
  '<script>window.__pwned="script"</script>',
  '<img src=x onerror="window.__pwned=\'onerror\';alert(1)">',
  '"><svg onload="window.__pwned=\'svg\'">',
  "'><iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
  '<a href="javascript:window.__pwned=\'link\'" id="pwn">click me</a>',
  'javascript:window.__pwned="scheme"',
  '</style><style>:host,*{display:none!important}</style>',
  'x" style="position:fixed;inset:0;width:9999px;background:red" data-x="',
  '<details open ontoggle="window.__pwned=\'toggle\'">',
  '${window.__pwned="template"}{{constructor.constructor("window.__pwned=\'angular\'")()}}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned="mxss">',
];
const RTL = '\u202Egnp.exe\u202C \u2067evil\u2069 \u200F\u200B';
const EMOJI = '🏖️🌴👨‍👩‍👧‍👦🇮🇳'.repeat(40);
const LONG_WORD = 'W'.repeat(3_000);
const LONG_TEXT = 'Sea view and breakfast. '.repeat(250);

const IMAGE = (name: string) => `${E2E.sandboxUrl}/__sandbox/images/${name}.svg`;
/** Only the http(s) ones may ever be requested. */
const IMAGE_URLS = [
  "javascript:window.__pwned='img-src'",
  ' JaVaScRiPt:window.__pwned="img-case"',
  'java\tscript:window.__pwned="img-tab"',
  'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=\'data-svg\'"/>',
  'data:text/html,<script>window.__pwned="data-html"</script>',
  'vbscript:msgbox(1)',
  'blob:https://evil.example/0b8c',
  'file:///etc/passwd',
  '//evil.example/protocol-relative.png',
  '/relative/path.png',
  'x" onerror="window.__pwned=\'attr\'',
  `${IMAGE('deluxe')}" onerror="window.__pwned='quote'`,
  IMAGE('deluxe'),
];

/** `n` items of `list` from `start` on, wrapping around. */
const pick = <T>(list: T[], start: number, n: number): T[] => Array.from({ length: n }, (_, k) => list[(start + k) % list.length]!);

const canary = () => (window as unknown as { __pwned?: unknown }).__pwned;

/** What the widget's shadow trees hold that could run: elements, handler attributes, image sources. */
function audit() {
  const found = { elements: [] as string[], handlers: [] as string[], srcs: [] as string[], markup: '' };
  const walk = (root: Document | ShadowRoot) => {
    if (root instanceof ShadowRoot) found.markup += root.innerHTML;
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'math', 'foreignobject'].includes(tag)) found.elements.push(tag);
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) found.handlers.push(`${tag}[${attr}]`);
      if (el instanceof HTMLImageElement) found.srcs.push(el.getAttribute('src') ?? '');
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  for (const host of document.querySelectorAll('staymod-booking')) if (host.shadowRoot) walk(host.shadowRoot);
  return found;
}

test('hostile room and extras data renders as inert text in a usable 375 px layout, only http(s) images load', async ({ page, widget }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 375, height: 800 });
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const images: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // A broken picture URL (404) is the only error a browser may log here.
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('request', (r) => {
    if (r.resourceType() === 'image') images.push(r.url());
  });

  // The real rooms (ids, units, prices), each with hostile text; plus rooms that are broken on purpose.
  const response = await fetch(`${E2E.sandboxUrl}/api/public/v1/properties/${DEMO.propertyId}/rooms`, {
    headers: { authorization: `Bearer ${DEMO.keys.full}` },
  });
  const real = ((await response.json()) as { rooms: Array<Record<string, unknown>> }).rooms;
  const rooms: unknown[] = real.map((room, i) => ({
    ...room,
    name: `${XSS[i % XSS.length]} ${i === 1 ? RTL : ''}`,
    tagline: i === 0 ? LONG_WORD : XSS[(i + 3) % XSS.length],
    description: i === 0 ? LONG_TEXT : `${XSS[(i + 5) % XSS.length]} ${EMOJI}`,
    bedSize: XSS[(i + 7) % XSS.length],
    // The corpus is spread over the rooms (the sandbox's admin API takes up to 64 kB per fault).
    amenities: [...pick(XSS, i, 4), i === 0 ? LONG_WORD : 'Wi-Fi', i === 1 ? EMOJI : RTL, '', null, 42],
    tags: [...pick(XSS, i + 4, 3).map((name, j) => ({ _id: `t${j}`, name, slug: 'x' })), { name: null }, null, 'tag'],
    imageUrls: i === 0 ? IMAGE_URLS : [],
    roomImages: pick(IMAGE_URLS, i * 3, 3).map((url, j) => ({ url, sortOrder: j, tagIds: [], tags: [{ _id: 'a', name: XSS[(i + j) % XSS.length], slug: 'a' }] })),
    icalToken: 'ICAL-SECRET-1234',
  }));
  rooms.push(
    { _id: 'aaaaaaaaaaaaaaaaaaaaaaa1', name: '', tagline: null, description: null, amenities: null, tags: null, imageUrls: null, roomImages: null, maxGuests: null, unitCount: 'many', isActive: true },
    { _id: 'aaaaaaaaaaaaaaaaaaaaaaa2', name: LONG_WORD, tagline: EMOJI, amenities: [], tags: [], imageUrls: [], roomImages: [], isActive: true },
    { _id: null, name: 'no id: dropped' },
    'not a room',
    null,
  );
  // (The sandbox's admin API takes up to 64 kB per fault.)
  await sandbox.fault({ route: 'rooms', status: 200, body: { rooms } });
  await sandbox.fault({
    route: 'booking-options',
    status: 200,
    body: {
      bookingOptions: [
        { _id: DEMO_OPTIONS.breakfast, name: XSS[1], description: XSS[0], appliesTo: 'user', frequency: 'day', pricePerUnit: 350, isActive: true, sortOrder: 1 },
        { _id: 'opt-long', name: LONG_WORD, description: LONG_TEXT, appliesTo: 'room', frequency: 'booking', pricePerUnit: 100, isActive: true, sortOrder: 2 },
        { _id: 'opt-bad', name: XSS[2], appliesTo: 'everyone', frequency: 'day', pricePerUnit: -5 },
      ],
    },
  });

  // A key that can read rooms (the old advice), so the hostile rooms answer reaches the widget.
  await page.goto(hostUrl('direct', { 'api-key': DEMO.keys.roomsReader, 'rooms-src': '' }));
  await widget.pickDates(day(2), day(4));
  const list = widget.root.locator('staymod-room-list');
  const cards = list.locator('article');
  await expect(cards.first()).toBeVisible();

  // Text stays text: the payload is the heading's words, not markup.
  await expect(list.locator('h3').first()).toHaveText(XSS[0]!.trim());
  await expect(list.getByText(XSS[1]!).first()).toBeAttached();

  // One room, the first extra, then Continue: reachable, on screen, and it works.
  await cards.first().getByRole('button', { name: /^Add one/ }).click();
  await list.getByRole('checkbox').first().check();
  const next = widget.continueButton();
  await next.scrollIntoViewIfNeeded();
  await expect(next).toBeInViewport();
  await expect(next).toBeEnabled();

  const onList = await page.evaluate(audit);
  expect(onList.elements, 'no script-capable element was created').toEqual([]);
  expect(onList.handlers, 'no event-handler attribute was created').toEqual([]);
  expect(onList.srcs.length, 'the real picture is shown').toBeGreaterThan(0);
  for (const src of onList.srcs) expect(src, '<img src>').toMatch(/^https?:\/\//);
  expect(onList.markup, 'the leaked calendar-feed secret is never rendered').not.toContain('ICAL-SECRET-1234');

  const layout = async () =>
    page.evaluate(() => {
      const widths: Array<[string, number]> = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          const box = el.getBoundingClientRect();
          // Visible boxes only; an element clipped by an ancestor's overflow cannot push the page.
          if (box.width && box.right > document.documentElement.clientWidth + 1) widths.push([el.tagName.toLowerCase(), Math.round(box.right)]);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, wide: widths.slice(0, 5) };
    });
  const roomsLayout = await layout();
  expect(roomsLayout.scrollWidth, `no sideways scroll: ${JSON.stringify(roomsLayout.wide)}`).toBeLessThanOrEqual(roomsLayout.clientWidth);

  await next.click();
  await widget.field(/full name/i).fill('Hostile Data Guest');
  await widget.field(/e-mail/i).fill('guest@example.com');
  const summary = widget.root.locator('[part="summary"]');
  await expect(summary).toContainText(XSS[0]!.trim());
  const formLayout = await layout();
  expect(formLayout.scrollWidth, `no sideways scroll: ${JSON.stringify(formLayout.wide)}`).toBeLessThanOrEqual(formLayout.clientWidth);
  await widget.submitButton().click();
  await expect(widget.confirmation()).toContainText(/Booking requested/i);
  await expect(widget.confirmation()).toContainText(XSS[0]!.trim());
  const doneLayout = await layout();
  expect(doneLayout.scrollWidth, `no sideways scroll: ${JSON.stringify(doneLayout.wide)}`).toBeLessThanOrEqual(doneLayout.clientWidth);

  // Nothing ran, nothing broke.
  await page.waitForTimeout(300);
  expect(dialogs, 'no dialog opened').toEqual([]);
  expect(await page.evaluate(canary), 'the canary was never set').toBeUndefined();
  expect(pageErrors, 'no uncaught error').toEqual([]);
  // The one console error is the widget telling the host that this key leaks feed tokens.
  expect(consoleErrors.length, consoleErrors.join('\n')).toBe(1);
  expect(consoleErrors[0]).toMatch(/\[staymod-booking\] This page's Staymod key can read rooms.*rotate the rooms' feed tokens/);
  expect(await page.locator('#pwn').count(), 'no injected element in the page').toBe(0);

  // Only http(s) images were requested (a data: or javascript: image would show up here or in the audit).
  expect(images.length, 'the one real picture did load').toBeGreaterThan(0);
  for (const url of images) expect(url, 'image request').toMatch(/^https?:\/\//);
  const atEnd = await page.evaluate(audit);
  expect(atEnd.elements).toEqual([]);
  expect(atEnd.handlers).toEqual([]);
  expect(atEnd.markup).not.toContain('ICAL-SECRET-1234');
  await sandbox.clearFaults();
  const booked = (await sandbox.bookings()).filter((b) => b.guestName === 'Hostile Data Guest');
  expect(booked).toHaveLength(1);
});
