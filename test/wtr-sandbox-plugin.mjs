// Starts two sandboxes for the browser tests, each on its own port (another origin than
// the test page, so CORS is real), and serves their URLs as a module:
//   import { SANDBOX_URL, FAULT_SANDBOX_URL, DEMO } from '/__sandbox.js';
// Test files run side by side. The shared sandbox is never reset or faulted; the fault
// sandbox belongs to the one file that resets it, injects faults and counts requests
// (src/client/client.test.ts), so its hangs and resets cannot reach another file's widget.
export function sandboxPlugin() {
  let shared;
  let faults;
  return {
    name: 'staymod-sandbox',
    async serverStart() {
      if (process.env.WTR_NO_SANDBOX) return; // for pure unit runs while developing
      const { startSandbox } = await import('../src/sandbox/server.ts');
      const started = await Promise.allSettled([0, 1].map(() => startSandbox({ port: 0, today: process.env.SANDBOX_TODAY })));
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) {
        // One started, one did not: close the one listening, so the runner can exit.
        await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
        throw failed.reason;
      }
      [shared, faults] = started.map((s) => s.value);
    },
    async serverStop() {
      await Promise.all([shared?.close(), faults?.close()]);
    },
    serve(context) {
      if (context.path === '/__sandbox.js' && shared) {
        const body = [
          `export const SANDBOX_URL = ${JSON.stringify(shared.url)};`,
          `export const FAULT_SANDBOX_URL = ${JSON.stringify(faults.url)};`,
          `export const DEMO = ${JSON.stringify(shared.demo)};`,
        ];
        return { type: 'js', body: body.join('\n') + '\n' };
      }
    },
  };
}
