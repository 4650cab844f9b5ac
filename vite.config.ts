/**
 * `vite build` writes dist/staymod-booking.js: ONE self-contained, minified ES
 * module that registers <staymod-booking> when loaded by a script tag. The npm
 * entries (dist/lib) are compiled by tsc, so bundlers of host apps dedupe lit.
 */
import { defineConfig } from 'vite';
import { minifyLitTemplates } from './vite.lit-templates.js';

/** The lazy files that run as soon as they load (src/client/data-file.ts, the checkout's views). */
const EAGER_CHUNKS = new Set(['data-file', 'checkout-views']);

export default defineConfig({
  // Lit's css``/html`` text is invisible to the minifier: strip it ourselves (build only).
  plugins: [minifyLitTemplates()],
  // Library mode leaves process.env.NODE_ENV in; a script tag has no `process`.
  // __STAYMOD_SCRIPT_BUILD__: code only the script-tag build runs (src/define.ts).
  define: { 'process.env.NODE_ENV': JSON.stringify('production'), __STAYMOD_SCRIPT_BUILD__: 'true' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // `npm run build` empties dist/ first (old chunk names must not ship); tsc writes dist/lib after.
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'staymod-booking.js',
    },
    rolldownOptions: {
      // The entry may export more than src/define.ts does: that lets rolldown keep the code the
      // lazy files share with it (lit, the client...) IN the entry, not in a third file
      // fetched before the first frame.
      preserveEntrySignatures: 'allow-extension',
      // Bundled, the pure annotations have done their job: 220 of them cost ~3.5 kB raw.
      output: {
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
        // V8's explicit compile hint (Chrome 136+; a plain comment elsewhere): nearly every function
        // in the first load and the data file runs before the first priced frame (and the checkout's
        // when it opens), so V8 compiles them all as the file arrives instead of one by one on the
        // main thread at first call. At 4x CPU about 10% sooner to prices (docs/performance.md).
        // After minification, which would drop it; not on the language tables (data, few functions).
        postBanner: (chunk) => (chunk.isEntry || EAGER_CHUNKS.has(chunk.name) ? '//# allFunctionsCalledOnLoad' : ''),
      },
    },
  },
});
