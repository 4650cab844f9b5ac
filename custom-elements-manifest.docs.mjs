// `npm run docs:api [-- staymod-booking]`: prints the API reference of the elements as
// Markdown (attributes, properties, events, CSS parts, CSS custom properties, slots),
// from custom-elements.json, so the README never drifts from the JSDoc.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('./custom-elements.json', import.meta.url), 'utf8'));
const only = process.argv.slice(2);

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const code = (text) => (text ? '`' + String(text).replace(/\s*\n\s*/g, ' ').trim() + '`' : '');

function table(head, rows) {
  if (!rows.length) return '';
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

const out = [];
for (const mod of manifest.modules) {
  for (const el of mod.declarations ?? []) {
    if (!el.customElement || !el.tagName) continue;
    if (only.length && !only.includes(el.tagName)) continue;
    out.push(`### \`<${el.tagName}>\``, '');
    if (el.summary || el.description) out.push(cell(el.summary || el.description), '');
    const attrs = new Map((el.attributes ?? []).map((a) => [a.fieldName ?? a.name, a]));
    const props = (el.members ?? []).filter((m) => m.kind === 'field');
    const section = (title, body) => body && out.push(`**${title}**`, '', body);
    section(
      'Attributes and properties',
      table(
        ['Attribute', 'Property', 'Type', 'Default', 'Description'],
        props.map((p) => [code(attrs.get(p.name)?.name), code(p.name), code(p.type?.text), code(p.default), p.description ?? '']),
      ),
    );
    section('Events', table(['Event', 'Description'], (el.events ?? []).map((e) => [code(e.name), e.description ?? ''])));
    section('CSS custom properties', table(['Property', 'Description'], (el.cssProperties ?? []).map((p) => [code(p.name), p.description ?? ''])));
    section('CSS parts', table(['Part', 'Description'], (el.cssParts ?? []).map((p) => [code(p.name), p.description ?? ''])));
    section('Slots', table(['Slot', 'Description'], (el.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description ?? ''])));
  }
}
if (!out.length) {
  console.error(only.length ? `No element ${only.join(', ')} in custom-elements.json.` : 'custom-elements.json has no elements: run `npm run cem`.');
  process.exit(1);
}
console.log(out.join('\n'));
