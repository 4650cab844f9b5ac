/**
 * WCAG 2.2 (2.4.11, focus not obscured): on the rooms step the total bar sticks to the
 * bottom of the screen; tabbing through every control of the step, none is ever under it.
 */
import { day, expect, hostUrl, test } from './fixtures.js';

for (const size of [{ width: 390, height: 600 }, { width: 320, height: 480 }]) {
  test(`tabbing through the rooms step at ${size.width}×${size.height}: the sticky total bar never covers the focused control`, async ({ page, widget }) => {
    await page.setViewportSize(size);
    await page.goto(hostUrl('direct'));
    await widget.pickDates(day(11), day(14));
    await widget.addRoom('Deluxe');
    const list = widget.root.locator('staymod-room-list');
    await expect(list.locator('[part="summary"]')).toBeVisible();
    // Start at the top of the step: the bar is stuck over the rooms below.
    await page.evaluate(() => window.scrollTo(0, 0));
    await list.locator('[part="change-dates"]').focus();

    const seen: string[] = [];
    const covered: string[] = [];
    let barCovering = false;
    for (let i = 0; i < 150; i++) {
      const state = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const root = el?.getRootNode();
        if (!el || !(root instanceof ShadowRoot) || root.host.localName !== 'staymod-room-list') return null;
        const box = el.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        // The topmost element at the centre, through the shadow roots.
        let hit: Element | null = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        const bar = root.querySelector('[part="summary"]')!.getBoundingClientRect();
        const label = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 30) ?? '';
        return {
          name: `${el.localName} "${label}" at ${Math.round(box.top)}-${Math.round(box.bottom)} of ${innerHeight}, hit ${hit?.localName}.${hit?.className}`,
          ok: box.bottom > 0 && box.top < innerHeight && !!hit && (hit === el || el.contains(hit)),
          inBar: !!el.closest('[part="summary"]'),
          continue: el.getAttribute('part') === 'continue',
          // The bar is stuck over content (not at its natural place at the end of the list).
          barStuck: bar.bottom >= innerHeight - 1 && bar.top > 0,
        };
      });
      if (!state) break;
      seen.push(state.name);
      if (!state.ok) covered.push(state.name);
      if (!state.inBar && state.barStuck) barCovering = true;
      if (state.continue) break;
      await page.keyboard.press('Tab');
    }
    expect(seen.at(-1), `reached Continue: ${seen.join(' | ')}`).toMatch(/^button "Continue"/);
    expect(seen.length, 'controls reached').toBeGreaterThan(8);
    expect(barCovering, 'the bar was stuck over the list while tabbing (the case under test)').toBe(true);
    expect(covered, 'focused but covered').toEqual([]);
  });
}
