/**
 * Built-in languages, in a real browser: for each one the locale alone (no `strings`)
 * turns every screen of a booking into that language. A guest walks the calendar, the
 * rooms, the form with an error, a failed submit and the confirmation, and no English
 * sentence of the widget's own may be left anywhere (text, labels, titles).
 */
import type { Locator } from '@playwright/test';
import { LANGUAGES } from '../../src/i18n/locales/index.js';
import { defaultStrings, fill, type StringKey } from '../../src/i18n/strings.js';
import '../../src/i18n/checkout-strings.js'; // the whole English table
import { day, expect, hostUrl, sandbox, test } from './fixtures.js';

const LOCALES: Record<keyof typeof LANGUAGES, string> = {
  hi: 'hi-IN',
  ta: 'ta-IN',
  bn: 'bn-IN',
  mr: 'mr-IN',
  ar: 'ar-EG',
  fr: 'fr-FR',
  de: 'de-DE',
  es: 'es-ES',
  ja: 'ja-JP',
};

/** The English fragments a screen must not show: each string's longest fixed part, where the language changed it. */
function englishFragments(table: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [key, english] of Object.entries(defaultStrings) as Array<[StringKey, string]>) {
    if (table[key] === english) continue; // the same in this language (e.g. "Total" in French)
    const longest = english.split(/\{\w+\}/).map((part) => part.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
    if (longest.length >= 6 && /[a-z]{3}/i.test(longest)) out.push(longest);
  }
  return out;
}

/** The widget's own visible words: text and labels, but not the property's data (rendered `dir="auto"`). */
function ownTexts(root: Locator): Promise<string> {
  return root.evaluate((host) => {
    const out: string[] = [];
    const visit = (node: Node) => {
      if (node instanceof Element && node.getAttribute('dir') === 'auto') return;
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent?.replace(/\s+/g, ' ').trim();
        if (text && node.parentElement?.checkVisibility()) out.push(text);
        return;
      }
      if (node instanceof Element) {
        if (node.localName === 'style') return;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = node.getAttribute(attr);
          if (value) out.push(value.trim());
        }
        if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
      }
      node.childNodes.forEach(visit);
    };
    visit(host);
    return out.join('\n');
  });
}

async function expectNoEnglish(root: Locator, fragments: string[], where: string): Promise<void> {
  const texts = await ownTexts(root);
  // Whole words only: the French "Continuer" is not the English "Continue".
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const left = fragments.filter((fragment) => new RegExp(`(?<!\\p{L})${escape(fragment)}(?!\\p{L})`, 'u').test(texts));
  expect(left, `${where}: English left`).toEqual([]);
}

for (const [language, locale] of Object.entries(LOCALES) as Array<[keyof typeof LANGUAGES, string]>) {
  test(`${language} (${locale}): calendar, rooms, form, errors and confirmation have no English left`, async ({ page, widget }) => {
    const table = (await LANGUAGES[language]()).default as Record<string, string>;
    const fragments = englishFragments(table);
    // Direct mode: the refused booking below is sent again as it was (a proxy would replay its refusal).
    await page.goto(hostUrl('direct', { locale }));
    const root = widget.root;
    // The language file arrives after the first paint: wait for one of its words.
    await expect(root.locator('staymod-calendar').getByRole('button', { name: table['nextMonth'] })).toBeVisible();
    await expect(widget.day(day(20))).toBeVisible();
    await expectNoEnglish(root, fragments, 'calendar');

    await widget.pickDates(day(20), day(22));
    const deluxe = widget.room('Deluxe');
    await expectNoEnglish(root, fragments, 'rooms');
    // Right-to-left languages isolate the values inside their sentences (FSI ... PDI).
    const template = language === 'ar' ? table['addRoomNamed']!.replace(/\{\w+\}/g, '\u2068$&\u2069') : table['addRoomNamed']!;
    await deluxe.getByRole('button', { name: fill(template, { name: 'Deluxe' }) }).click();
    await root.locator('staymod-room-list').getByRole('button', { name: table['continue'] }).click();

    const form = root.locator('staymod-guest-form');
    await form.locator('[part="submit"]').click();
    await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
    await expectNoEnglish(root, fragments, 'form with errors');

    await form.locator('input[autocomplete="name"]').fill('Asha Rao');
    await form.locator('input[autocomplete="email"]').fill('asha@example.com');
    await sandbox.fault({ route: 'bookings', status: 400, body: { error: 'Room number "9" is not valid for "Deluxe".' }, times: 1 });
    await form.locator('[part="submit"]').click();
    await expect(root.locator('[part="notice"][role="alert"]')).toBeVisible();
    // Staymod's own words (the server's reason) are quoted as they came; everything around them is translated.
    await expectNoEnglish(root, fragments, 'refused submit');

    await form.locator('[part="submit"]').click();
    await expect(root.locator('staymod-confirmation')).toBeVisible({ timeout: 15_000 });
    await expect(root.locator('staymod-confirmation')).toContainText(table['confirmedHeading']!);
    await expectNoEnglish(root, fragments, 'confirmation');
  });
}
