// `npm run cem` -> custom-elements.json (committed; `npm run cem:check` fails when it is stale).
// Read by IDEs (VS Code custom data, JetBrains), Storybook and docs tools, from the JSDoc
// on each element class (@summary @slot @csspart @cssproperty @event).
import { readFileSync } from 'node:fs';

// Tags are registered from two maps of tag -> class (src/define.ts, and the lazily loaded
// checkout's src/components/booking/checkout-views.ts), which the analyzer cannot follow:
// read them so each element gets its tagName.
const defineSource = ['./src/define.ts', './src/components/booking/checkout-views.ts']
  .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
  .join('\n');
const tagOf = new Map([...defineSource.matchAll(/'(staymod-[a-z-]+)':\s*(\w+)/g)].map(([, tag, name]) => [name, tag]));

/** The public surface only, with paths of the files the npm package ships. */
function publicSurface() {
  return {
    name: 'staymod-public-surface',
    packageLinkPhase({ customElementsManifest }) {
      const shipped = (path) => path.replace(/^src\//, 'dist/lib/').replace(/\.ts$/, '.js');
      for (const mod of customElementsManifest.modules) {
        mod.path = shipped(mod.path);
        for (const exp of mod.exports ?? []) if (exp.declaration?.module) exp.declaration.module = shipped(exp.declaration.module);
        for (const decl of mod.declarations ?? []) {
          if (decl.superclass?.module) decl.superclass.module = shipped(decl.superclass.module);
          if (!decl.customElement) continue;
          const hidden = new Set((decl.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected' || m.name.startsWith('_')).map((m) => m.name));
          decl.members = (decl.members ?? []).filter((m) => !hidden.has(m.name) && !m.static);
          decl.attributes = (decl.attributes ?? []).filter((a) => !hidden.has(a.fieldName ?? a.name));
          // `dispatchEvent(new XEvent(...))` yields a nameless duplicate of a documented @event.
          decl.events = (decl.events ?? []).filter((e) => e.name);
          const tag = tagOf.get(decl.name);
          if (tag && !decl.tagName) {
            decl.tagName = tag;
            mod.exports = [...(mod.exports ?? []), { kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: mod.path } }];
          }
        }
        // One definition per tag, whichever file registered it.
        const seen = new Set();
        mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || (!seen.has(e.name) && seen.add(e.name)));
      }
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.page.ts', 'src/**/*.styles.ts', 'src/**/define.ts', 'src/components/shared/a11y-check.ts', 'src/components/shared/decorators.ts'],
  // cem:check writes elsewhere to compare.
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [publicSurface()],
};
