/**
 * docs/api.md is generated from custom-elements.json (`npm run docs:api`, run by `npm run cem`
 * and so by `npm run build`): it must be what the committed manifest renders to, and say what a
 * developer looks for in it.
 */
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_DOCS, eventDetail, renderApiDocs } from '../../custom-elements-manifest.docs.mjs';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
  modules: Array<{ declarations?: Array<{ tagName?: string; customElement?: boolean }> }>;
};
const docs = readFileSync(API_DOCS, 'utf8');

/** The part of docs/api.md about one element. */
function section(tag: string): string {
  const start = docs.indexOf(`## \`<${tag}>\``);
  assert.ok(start >= 0, `docs/api.md has no section for <${tag}>`);
  const next = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, next < 0 ? undefined : next);
}

describe('docs/api.md', () => {
  it('is what custom-elements.json renders to (run `npm run docs:api` and commit it)', () => {
    assert.equal(docs, renderApiDocs(manifest), 'docs/api.md is stale relative to custom-elements.json');
  });

  it('has a section for every element in the manifest', () => {
    const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName!));
    assert.ok(tags.includes('staymod-booking'), 'the manifest lost <staymod-booking>');
    for (const tag of tags) section(tag);
  });

  it('gives attributes with their property, type and default, and events with their detail', () => {
    const booking = section('staymod-booking');
    assert.match(booking, /\| `property-id` \| `propertyId` \| `string` \| `''` \| Staymod property id/);
    assert.match(booking, /\| `theme` \| `theme` \| `'light' \\\| 'dark' \\\| 'auto'` \| `'auto'` \|/);
    assert.match(booking, /\| `staymod-booking-confirmed` \| `\{ booking, totalMinor, currency \}` \| Staymod accepted the booking\. \|/);
    assert.match(booking, /### CSS custom properties[\s\S]*\| `--staymod-accent` \|/);
    assert.match(booking, /### CSS parts[\s\S]*\| `base` \|/);
    const form = section('staymod-guest-form');
    assert.match(form, /### Slots[\s\S]*\| `summary` \| Above the fields/);
    assert.match(form, /\| `focusFirstField\(\)` \| `Promise<void>` \|/);
    assert.match(section('staymod-calendar'), /\| `staymod-calendar-select` \| `\{ checkIn, checkOut \}` \| a date was picked/);
  });

  it('reads an event detail in either way the JSDoc writes it', () => {
    assert.deepEqual(eventDetail('Loading failed. `detail: { error, stage }`.'), { detail: '{ error, stage }', text: 'Loading failed.' });
    assert.deepEqual(eventDetail('`{ value }` on every input.'), { detail: '{ value }', text: 'on every input.' });
    assert.deepEqual(eventDetail('The guest pressed Back.'), { detail: '', text: 'The guest pressed Back.' });
  });
});
