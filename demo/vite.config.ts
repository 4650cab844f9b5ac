/**
 * The playground's Vite config: `npm run demo` serves it (demo/serve.ts, Vite's JS
 * API) and the visual tests build it into demo/dist (relative base, so the e2e host
 * can serve it at /demo/).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  clearScreen: false,
});
