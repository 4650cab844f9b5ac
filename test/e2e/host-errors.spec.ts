/**
 * Mistakes only the host can fix: the guest sees a polite "unavailable", the
 * console gets ONE line saying exactly what to change, and the host's page hears
 * a typed staymod-booking-error. Direct mode also warns once to use the proxy.
 */
import { DEMO, E2E, day, expect, hostUrl, sandbox, test } from './fixtures.js';
import { DEMO_BOOKINGS } from '../../src/sandbox/demo-data.js';
import { bookingPosts, chooseStay, fillGuest, hostMessages, notice, recordedEvents, recordEvents, violations } from './widget-steps.js';

const UNAVAILABLE = 'Online booking is unavailable right now. Please contact the property directly.';

const LOAD_CASES = [
  { name: 'an unknown or revoked key', key: DEMO.keys.inactive, code: 'invalid-key', advice: "create a new key under the property's Integrations page" },
  { name: 'an expired key', key: DEMO.keys.expired, code: 'expired-key', advice: 'The API key has expired: create a new key (or extend it) under Integrations.' },
  { name: 'a key for another origin', key: DEMO.keys.foreignOrigin, code: 'origin-not-allowed', advice: `Add ${E2E.hostUrl} to the key's allowed origins` },
  { name: 'an IP-restricted key', key: DEMO.keys.ipRestricted, code: 'ip-not-allowed', advice: 'remove the IP rule for a browser key, or use proxy mode' },
  { name: 'a key for another property', key: DEMO.keys.otherProperty, code: 'wrong-property', advice: `The key is not allowed for property ${DEMO.propertyId}: add the property to the key` },
];

test('a host-fixable key problem: the guest is told politely, the host exactly what to change, once', async ({ page, widget }) => {
  const messages = hostMessages(page);
  await recordEvents(page);
  for (const c of LOAD_CASES) {
    messages.length = 0;
    // Two widgets on the page: still one line per problem.
    await page.goto(hostUrl('direct', { 'api-key': c.key, count: 2 }));
    for (const i of [0, 1]) await expect(page.locator('staymod-booking').nth(i).locator('[role="alert"]'), c.name).toHaveText(UNAVAILABLE);
    await expect(widget.root.locator('staymod-calendar')).toHaveCount(0);
    await expect.poll(() => messages.filter((m) => m.type === 'error').length, c.name).toBeGreaterThan(0);
    await page.waitForTimeout(150);
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors, `${c.name}: ${JSON.stringify(errors)}`).toHaveLength(1);
    expect(errors[0]!.text, c.name).toContain(c.advice);
    expect(errors[0]!.text, c.name).not.toContain(c.key);
    const events = (await recordedEvents(page)).filter((e) => e.type === 'staymod-booking-error');
    expect(events.length, c.name).toBeGreaterThan(0);
    expect(events[0]!.detail, c.name).toMatchObject({ stage: 'load', error: { name: 'StaymodError', code: c.code, hostFixable: true, isError: true } });
  }
  // The last page (a key for another property) has no accessibility problem either.
  expect(await violations(page)).toEqual([]);
});

test('a key without bookings:write fails at submit: polite to the guest, one precise line for the host', async ({ page, widget }) => {
  const messages = hostMessages(page);
  await recordEvents(page);
  await page.goto(hostUrl('direct', { 'api-key': DEMO.keys.readOnly }));
  await chooseStay(widget, day(20), day(23));
  await fillGuest(widget, { name: 'Read Only' });
  await widget.submitButton().click();
  await expect(notice(widget)).toContainText(UNAVAILABLE);
  await expect(widget.field(/full name/i)).toHaveValue('Read Only');
  // The host's line comes from a chunk loaded only when something is wrong: it may follow the notice.
  await expect.poll(() => messages.filter((m) => m.type === 'error').length).toBeGreaterThan(0);
  await page.waitForTimeout(150);
  const errors = messages.filter((m) => m.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.text).toContain('give it rooms:read, availability:read and bookings:write');
  const [event] = (await recordedEvents(page)).filter((e) => e.type === 'staymod-booking-error');
  expect(event!.detail).toMatchObject({ stage: 'submit', error: { code: 'missing-scope', hostFixable: true } });
  expect(await sandbox.bookings()).toHaveLength(Object.keys(DEMO_BOOKINGS).length); // only the demo's own
});

test('a malformed property id never reaches the network and names the attribute', async ({ page, widget }) => {
  const messages = hostMessages(page);
  const requests: string[] = [];
  page.on('request', (r) => r.url().startsWith(E2E.sandboxUrl) && requests.push(r.url()));
  await page.goto(hostUrl('direct', { 'property-id': 'sea-breeze' }));
  await expect(widget.root.locator('[role="alert"]')).toHaveText(UNAVAILABLE);
  await expect.poll(() => messages.filter((m) => m.type === 'error').length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  expect(requests).toEqual([]);
  const errors = messages.filter((m) => m.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.text).toContain('property-id "sea-breeze" is not a Staymod property id');
});

test('direct mode warns the host once to use the proxy; proxy mode does not', async ({ page, widget }) => {
  const messages = hostMessages(page);
  await page.goto(hostUrl('direct', { count: 2 }));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  // Said from the host console's chunk, loaded once the page is idle: it may follow the prices.
  await expect.poll(() => messages.filter((m) => m.type === 'warning' && /proxy/.test(m.text)).length).toBeGreaterThan(0);
  await page.waitForTimeout(150);
  expect(messages.filter((m) => m.type === 'warning' && /proxy/.test(m.text))).toHaveLength(1);
  expect(messages.filter((m) => m.type === 'error')).toEqual([]);

  messages.length = 0;
  await page.goto(hostUrl('proxy', { count: 2 }));
  await expect(widget.day(day(1))).toHaveAttribute('aria-label', /₹/);
  await page.waitForTimeout(300);
  expect(messages).toEqual([]);
});

test('the guest never sees the key or Staymod\'s own words for a host problem', async ({ page, widget }) => {
  const posts = bookingPosts(page);
  await page.goto(hostUrl('direct', { 'api-key': DEMO.keys.foreignOrigin }));
  await expect(widget.root.locator('[role="alert"]')).toHaveText(UNAVAILABLE);
  const text = await widget.root.evaluate((el) => {
    const all: string[] = [];
    const walk = (root: Node) => {
      root.childNodes.forEach((n) => {
        if (n.nodeType === Node.TEXT_NODE) all.push(n.textContent ?? '');
        if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
        walk(n);
      });
    };
    walk(el.shadowRoot!);
    return all.join(' ');
  });
  expect(text).not.toContain('Origin not allowed');
  expect(text).not.toContain('sk_live_');
  expect(posts).toEqual([]);
});
