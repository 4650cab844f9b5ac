/**
 * A build-only Vite plugin that minifies the static text of Lit's tagged
 * templates in our sources: CSS inside css`` (comments, indentation, spaces
 * around punctuation) and the indentation inside html`` and svg``. The minifier
 * cannot touch template text; gzip squeezes whitespace well, so the win is
 * mostly in parse time and raw bytes, but every byte is paid on every page.
 *
 * Only the literal parts (quasis) change; `${...}` expressions and nested
 * templates are found by the parser, not by a regex. Conservative on purpose:
 * - CSS: strings are left alone; a space is removed only next to `{ } ; , :`
 *   where CSS ignores it (never before `:`, so `.a :hover` keeps its meaning);
 * - HTML: a whitespace run that contains a line break becomes one space (the
 *   same rendering in HTML), except in templates with <pre> or <textarea> text.
 */
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** Minifies one CSS fragment (the text between two `${}` of a css`` template). */
export function minifyCss(text: string): string {
  // Comments first, read left to right with strings, so an apostrophe in a comment
  // is not taken for a string and a `/*` inside a string is not taken for a comment.
  const uncommented = text
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\/)/)
    .map((part, i) => (i % 2 === 1 && part.startsWith('/*') ? ' ' : part))
    .join('');
  // Then split out quoted strings so they stay byte for byte.
  const parts = uncommented.split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,]) ?/g, '$1')
        .replace(/: /g, ':')
        .replace(/;}/g, '}');
    })
    .join('');
}

/** Collapses indentation in one HTML fragment of an html`` / svg`` template. */
export function minifyHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  const n = node as Node;
  if (typeof n.type === 'string') visit(n);
  for (const key in n) {
    if (key === 'parent') continue;
    const value = n[key];
    if (value && typeof value === 'object') walk(value, visit);
  }
}

function tagName(tag: Node): string | undefined {
  if (tag.type === 'Identifier') return tag.name as string;
  return undefined;
}

export function minifyLitTemplates(options: { include?: RegExp } = {}): Plugin {
  const include = options.include ?? /\/src\/.*\.ts$/;
  return {
    name: 'staymod:minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const ast = this.parse(code) as unknown;
      const out = new MagicString(code);
      let changed = false;
      walk(ast, (node) => {
        if (node.type !== 'TaggedTemplateExpression') return;
        const tag = tagName(node.tag as Node);
        if (tag !== 'css' && tag !== 'html' && tag !== 'svg') return;
        const quasi = node.quasi as { quasis: Array<Node & { value: { raw: string } }> };
        const raws = quasi.quasis.map((q) => q.value.raw);
        if (tag !== 'css' && raws.some((r) => /<pre\b|<textarea[^>]*>[^<]/i.test(r))) return;
        for (const q of quasi.quasis) {
          const raw = q.value.raw;
          const next = tag === 'css' ? minifyCss(raw) : minifyHtml(raw);
          if (next === raw) continue;
          // A quasi's span may include its delimiters (` } ${): locate the raw text inside it.
          const span = code.slice(q.start, q.end);
          const at = span.indexOf(raw);
          if (at < 0) continue;
          out.overwrite(q.start + at, q.start + at + raw.length, next || ' ');
          changed = true;
        }
      });
      if (!changed) return null;
      return { code: out.toString(), map: out.generateMap({ hires: 'boundary', source: id }) };
    },
  };
}
