import { defineConfig } from 'vite';

// base './': the build works from any folder (the e2e host serves it at /examples/plain/).
export default defineConfig({ base: './' });
