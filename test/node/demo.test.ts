/**
 * `npm run demo` boots the whole playground: sandbox, proxy and Vite dev server,
 * prints the URLs, and warns when its port is one the sandbox's widget key refuses.
 * Ports away from the defaults, so a developer's own `npm run demo` is not disturbed.
 */
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEMO } from '../../src/sandbox/demo-data.js';
import { parseArgs } from '../../demo/serve.js';

describe('demo/serve.ts arguments', () => {
  it('reads ports, --today and --open, and names what is wrong', () => {
    assert.deepEqual(parseArgs(['--port', '5174', '--sandbox-port=8797', '--proxy-port', '8798', '--today', '2027-01-15', '--open']), {
      port: 5174,
      sandboxPort: 8797,
      proxyPort: 8798,
      today: '2027-01-15',
      open: true,
    });
    assert.throws(() => parseArgs(['--port', 'abc']), /--port needs a port number/);
    assert.throws(() => parseArgs(['--today', '15/01/2027']), /--today needs a YYYY-MM-DD date/);
    assert.throws(() => parseArgs(['--bogus']), /Unknown argument "--bogus"/);
  });
});

describe('npm run demo', () => {
  const ports = { playground: 5391, sandbox: 8891, proxy: 8892 };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'demo/serve.ts', '--port', String(ports.playground), '--sandbox-port', String(ports.sandbox), '--proxy-port', String(ports.proxy), '--today', '2027-01-15'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  after(async () => {
    child.kill('SIGTERM');
    await exited;
  });

  it('serves the playground, the sandbox and a proxy that allows the playground origin', { timeout: 60_000 }, async () => {
    const started = Date.now();
    while (!output.includes('__sandbox/state') && Date.now() - started < 45_000) {
      if (child.exitCode !== null) assert.fail(`demo exited early:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(output, new RegExp(`Playground\\s+http://127\\.0\\.0\\.1:${ports.playground}/`));
    assert.match(output, new RegExp(`Sandbox\\s+http://127\\.0\\.0\\.1:${ports.sandbox}\\s+\\(today 2027-01-15, frozen\\)`));
    // 5391 is not one of the widget key's origins: the script says so.
    assert.match(output, /widget key only allows ports 5173, 4173, 4174, 8000: direct mode will answer 403 here/);

    const page = await fetch(`http://127.0.0.1:${ports.playground}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /playground/);

    const origin = `http://127.0.0.1:${ports.playground}`;
    const rooms = await fetch(`http://127.0.0.1:${ports.proxy}/api/public/v1/properties/${DEMO.propertyId}/rooms`, { headers: { origin } });
    assert.equal(rooms.status, 200);
    assert.equal(rooms.headers.get('access-control-allow-origin'), origin);
    assert.ok(((await rooms.json()) as { rooms: unknown[] }).rooms.length > 0);

    // What a newcomer needs to embed it on their own page: the property id and the keys.
    assert.match(output, new RegExp(`Property id ${DEMO.propertyId}`));
    assert.match(output, new RegExp(`Widget key  ${DEMO.keys.widget}`));
    assert.match(output, new RegExp(`<staymod-booking property-id="${DEMO.propertyId}" proxy-url="http://127\\.0\\.0\\.1:${ports.proxy}">`));
    assert.doesNotMatch(output, /error/i, 'a normal start prints no error');
    // Demo only: the proxy answers the newcomer's own localhost page, on any port.
    for (const own of ['http://localhost:3000', 'http://127.0.0.1:8080']) {
      const answer = await fetch(`http://127.0.0.1:${ports.proxy}/api/public/v1/properties/${DEMO.propertyId}/booking-options`, { headers: { origin: own } });
      assert.equal(answer.status, 200, own);
      assert.equal(answer.headers.get('access-control-allow-origin'), own);
    }
    const foreign = await fetch(`http://127.0.0.1:${ports.proxy}/api/public/v1/properties/${DEMO.propertyId}/booking-options`, { headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
  });
});
