// `npm run sandbox`: argument parsing, the banner, and a real process that serves
// and closes cleanly on Ctrl-C (SIGINT).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main, parseCliArgs } from '../../src/sandbox/cli.js';
import { DEMO } from '../../src/sandbox/demo-data.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('sandbox CLI arguments', () => {
  it('defaults to port 8787; PORT and --port override it', () => {
    assert.equal(parseCliArgs([]).port, 8787);
    assert.equal(parseCliArgs([], { PORT: '9000' }).port, 9000);
    assert.equal(parseCliArgs(['--port', '9100'], { PORT: '9000' }).port, 9100);
    assert.equal(parseCliArgs(['--port=0']).port, 0);
  });

  it('reads --host, --data, --today, --race-window and --tz', () => {
    assert.deepEqual(parseCliArgs(['--host', '0.0.0.0', '--data', 'x.json', '--today', '2026-05-01', '--race-window', '0', '--tz', 'Asia/Kolkata']), {
      port: 8787,
      host: '0.0.0.0',
      dataFile: 'x.json',
      today: '2026-05-01',
      raceWindowMs: 0,
      timeZone: 'Asia/Kolkata',
    });
    assert.equal(parseCliArgs([]).timeZone, undefined, 'UTC unless told');
  });

  it('refuses bad input with a clear message', () => {
    assert.throws(() => parseCliArgs(['--port', 'eighty']), /--port must be a port number/);
    assert.throws(() => parseCliArgs([], { PORT: '70000' }), /PORT must be a port number/);
    assert.throws(() => parseCliArgs(['--today', '01/05/2026']), /--today must be a YYYY-MM-DD date/);
    assert.throws(() => parseCliArgs(['--data']), /--data needs a value/);
    assert.throws(() => parseCliArgs(['--verbose']), /Unknown argument "--verbose"/);
    assert.throws(() => parseCliArgs(['--tz', 'Mars/Olympus']), /--tz must be an IANA time zone/);
  });
});

describe('sandbox CLI process', () => {
  it('prints its URL, property and keys, serves, and exits 0 on SIGINT', { timeout: 15_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0', '--today', '2026-05-01'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A failed assertion must not leave the sandbox running (it would keep the test file alive).
    after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (out += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match && out.includes('Ctrl-C')) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    assert.ok(out.includes(DEMO.propertyId));
    for (const key of Object.values(DEMO.keys)) assert.ok(out.includes(key), `banner lacks ${key}`);
    assert.match(out, /2026-05-01 \(frozen\)/);

    const res = await fetch(`${url}/api/public/v1/properties/${DEMO.propertyId}/rooms`, {
      headers: { authorization: `Bearer ${DEMO.keys.full}` },
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).rooms.length, 7);

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, out);
    await assert.rejects(fetch(`${url}/__sandbox/state`));
  });

  it('returns exit code 1 with a message and the usage on a bad argument', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      assert.equal(await main(['--today', 'soon'], {}), 1);
    } finally {
      console.error = original;
    }
    assert.match(errors.join('\n'), /--today must be a YYYY-MM-DD date, got "soon"/);
    assert.match(errors.join('\n'), /Usage: npm run sandbox/);
  });
});
