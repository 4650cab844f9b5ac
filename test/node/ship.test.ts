/**
 * Packaging: the tarball's contents, and the build-time template minifier
 * (it rewrites production CSS/HTML, so it must never change their meaning).
 * The pack test needs `npm run build` (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCss, minifyHtml } from '../../vite.lit-templates.js';

describe('template minifier', () => {
  it('drops comments and indentation and keeps every declaration', () => {
    const css = `
      /* theme */
      :host([theme='dark']) .a :hover,
      .b > .c {
        color: var(--x, #fff);
        margin: 0 calc(1rem + 2px);
      }
      @media (prefers-reduced-motion: reduce) {
        * { transition: none !important; }
      }`;
    // A fragment's edges keep one space: it may sit next to a ${} value.
    assert.equal(
      minifyCss(css),
      " :host([theme='dark']) .a :hover,.b > .c{color:var(--x,#fff);margin:0 calc(1rem + 2px)}@media (prefers-reduced-motion:reduce){*{transition:none !important}}",
    );
  });

  it('leaves strings alone (content, font names)', () => {
    assert.equal(minifyCss(`a::before { content: ' ;  { } : ' ; font-family: "Segoe  UI", serif; }`), `a::before{content:' ;  { } : ';font-family:"Segoe  UI",serif}`);
  });

  it("drops comments that hold quotes, and keeps a '/*' inside a string", () => {
    assert.equal(minifyCss(`a {\n  /* the host's column, not the page's */\n  color: red;\n}`), 'a{color:red}');
    assert.equal(minifyCss(`a::before { content: "/* not a comment */"; }`), 'a::before{content:"/* not a comment */"}');
  });

  it('collapses line breaks in HTML to one space and keeps spaces between inline text', () => {
    assert.equal(minifyHtml('<p>\n      <strong>a</strong> <em>b</em>\n    </p>'), '<p> <strong>a</strong> <em>b</em> </p>');
    assert.equal(minifyHtml('<b>x</b>'), '<b>x</b>');
  });
});

describe('npm pack', () => {
  it('ships the entries, typings and manifest, and no tests or test utilities', { skip: !existsSync('dist/lib/index.js') && 'run npm run build first' }, () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    const files = pack!.files.map((f) => f.path);
    for (const needed of [
      'dist/staymod-booking.js',
      'dist/lib/index.js',
      'dist/lib/define.js',
      'dist/lib/react/index.js',
      'dist/lib/react/index.d.ts',
      'dist/lib/jsx.d.ts',
      'dist/lib/proxy/worker.js',
      'custom-elements.json',
      'package.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} is missing from the tarball`);
    }
    const leaked = files.filter((f) => /\.test\.|test-utils|\.page\.|a11y-check|^test\/|^demo\/|^bench\//.test(f));
    assert.deepEqual(leaked, []);
  });
});

describe('built npm entries', () => {
  const notBuilt = !existsSync('dist/lib/index.js') && 'run npm run build first';

  it("staymod-booking/react opens with 'use client' (a client component in React Server Components)", { skip: notBuilt }, () => {
    const first = readFileSync('dist/lib/react/index.js', 'utf8').split('\n', 1)[0];
    assert.match(first!, /^(['"])use client\1;?$/, 'the directive must be the first line of the built file, or Next.js runs the wrapper on the server');
  });

  it('type-check as an installed app: /define alone types the events, moduleResolution "node" finds every entry', { skip: notBuilt, timeout: 120_000 }, () => {
    execFileSync(process.execPath, ['test/types/installed/check.mjs', '--require-build'], { stdio: 'inherit' });
  });
});
