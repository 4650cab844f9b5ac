import { defineConfig } from 'vite';

// Vite compiles JSX itself (Oxc); @vitejs/plugin-react only adds Fast Refresh.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
});
