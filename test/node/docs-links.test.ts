/**
 * Every relative link in README.md and docs/*.md points at a file that exists, and a
 * `#anchor` at a heading of the Markdown file it names (GitHub's slugs).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks, for headings and links. */
function prose(markdown: string): string[] {
  let fence = false;
  return markdown.split('\n').filter((line) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    return !fence && !/^\s*(```|~~~)/.test(line);
  });
}

/** GitHub's anchor for each heading, numbered when repeated. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    if (!heading) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** Relative link targets, outside code. */
function links(markdown: string): string[] {
  const text = prose(markdown).join('\n').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('documentation links', () => {
  it('anchors follow GitHub: punctuation dropped, spaces to hyphens, repeats numbered', () => {
    const got = anchors('# What Staymod really does (and what to do about it)\n## `<staymod-booking>`\n## Tests\n```\n# not a heading\n```\n## Tests\n');
    assert.deepEqual([...got], ['what-staymod-really-does-and-what-to-do-about-it', 'staymod-booking', 'tests', 'tests-1']);
  });

  for (const page of pages) {
    it(`${page}: every relative link resolves`, () => {
      const broken: string[] = [];
      const found = links(readFileSync(join(root, page), 'utf8'));
      for (const target of found) {
        const [path = '', anchor] = target.split('#');
        const file = path ? join(root, dirname(page), decodeURIComponent(path)) : join(root, page);
        if (!existsSync(file)) broken.push(`${target} (no file ${relative(root, file)})`);
        else if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target} (no heading #${anchor} in ${relative(root, file)})`);
      }
      assert.deepEqual(broken, [], `${page} has broken links`);
    });
  }

  it('the README links every docs page', () => {
    const readme = links(readFileSync(join(root, 'README.md'), 'utf8')).map((t) => t.split('#')[0]);
    const missing = pages.filter((p) => p.startsWith('docs/') && !readme.includes(p));
    assert.deepEqual(missing, [], 'docs pages the README does not link');
  });
});
