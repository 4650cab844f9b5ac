// Starts the sandbox for the browser tests on its own port (another origin than
// the test page, so CORS is real) and serves its URL as a module:
//   import { SANDBOX_URL, DEMO } from '/__sandbox.js';
export function sandboxPlugin() {
  let sandbox;
  return {
    name: 'staymod-sandbox',
    async serverStart() {
      if (process.env.WTR_NO_SANDBOX) return; // for pure unit runs while developing
      const { startSandbox } = await import('../src/sandbox/server.ts');
      sandbox = await startSandbox({ port: 0, today: process.env.SANDBOX_TODAY });
    },
    async serverStop() {
      await sandbox?.close();
    },
    serve(context) {
      if (context.path === '/__sandbox.js' && sandbox) {
        return {
          type: 'js',
          body: `export const SANDBOX_URL = ${JSON.stringify(sandbox.url)};\nexport const DEMO = ${JSON.stringify(sandbox.demo)};\n`,
        };
      }
    },
  };
}
