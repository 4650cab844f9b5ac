/**
 * `npm run sandbox`: serves the Staymod sandbox for offline development.
 *
 *   npm run sandbox -- --port 8787 --host 127.0.0.1 --data .sandbox.json --today 2026-05-01
 *
 * PORT in the environment also sets the port. Ctrl-C stops it.
 */
import { pathToFileURL } from 'node:url';
import { isDateKey } from '../domain/dates.js';
import { FAKE_SYSTEMS, startFake, type FakeSystem } from '../fakes/cli.js';
import { checkTimeZone } from './booking-input.js';
import { DEMO_API_KEYS } from './demo-data.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from './server.js';

const USAGE = `Usage: npm run sandbox -- [--port N] [--host H] [--data FILE] [--today YYYY-MM-DD] [--race-window MS] [--tz ZONE] [--pms cloudbeds|guesty]

  --port N          port to listen on (default 8787, or $PORT; 0 = any free port)
  --host H          interface to listen on (default 127.0.0.1, loopback only)
  --data FILE       load the state from FILE and save every change to it
  --today DATE      freeze the sandbox's today (UTC)
  --race-window MS  delay between a booking's availability check and its insert (default 5)
  --tz ZONE         the simulated Staymod server's time zone: zone-less date-times are read in it
                    (IANA name, default UTC as on a cloud host; TZ in the environment does not change it)
  --pms SYSTEM      serve a fake of Cloudbeds or Guesty instead of Staymod (port, host and today apply)`;

/** Parses argv (without node and the script) and env into options; throws a message on bad input. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): SandboxOptions & { help?: boolean; pms?: FakeSystem } {
  const options: SandboxOptions & { help?: boolean; pms?: FakeSystem } = { port: 8787 };
  const port = (value: string | undefined, from: string) => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${from} must be a port number from 0 to 65535, got "${value ?? ''}".`);
    return n;
  };
  if (env.PORT) options.port = port(env.PORT, 'PORT');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = port(value(), '--port');
        break;
      case '--host':
        options.host = value();
        break;
      case '--data':
        options.dataFile = value();
        break;
      case '--today': {
        const today = value();
        if (!isDateKey(today)) throw new Error(`--today must be a YYYY-MM-DD date, got "${today}".`);
        options.today = today;
        break;
      }
      case '--race-window': {
        const ms = Number(value());
        if (!Number.isInteger(ms) || ms < 0) throw new Error('--race-window must be a whole number of milliseconds.');
        options.raceWindowMs = ms;
        break;
      }
      case '--pms': {
        const system = value();
        if (system === 'staymod') break;
        if (!(FAKE_SYSTEMS as readonly string[]).includes(system)) throw new Error(`--pms must be staymod, cloudbeds or guesty, got "${system}".`);
        options.pms = system as FakeSystem;
        break;
      }
      case '--tz': {
        const zone = value();
        try {
          checkTimeZone(zone);
        } catch {
          throw new Error(`--tz must be an IANA time zone such as Asia/Kolkata, got "${zone}".`);
        }
        options.timeZone = zone;
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`Unknown argument "${arg}".`);
    }
  }
  return options;
}

export function banner(sandbox: RunningSandbox, options: SandboxOptions): string {
  const { demo, url, store } = sandbox;
  const frozen = store.data.frozenToday;
  const width = Math.max(...DEMO_API_KEYS.map((k) => k.name.length));
  const lines = [
    `Staymod sandbox listening on ${url}`,
    '',
    `  today           ${store.today()} ${frozen ? '(frozen)' : '(UTC, follows the clock)'}`,
    `  server zone     ${store.timeZone} (zone-less date-times are read in it)`,
    `  property        ${demo.propertyId}  ${store.property(demo.propertyId)?.name ?? ''}`,
    `  other property  ${demo.otherPropertyId}  ${store.property(demo.otherPropertyId)?.name ?? ''}`,
    `  data file       ${options.dataFile ?? '(none: state is lost on exit; use --data FILE to keep it)'}`,
    '',
    'Demo API keys (send as "Authorization: Bearer <key>"):',
    ...DEMO_API_KEYS.map((k) => `  ${k.name.padEnd(width)}  ${k.key}  ${k.purpose}`),
    '',
    'Try:',
    `  curl -H "Authorization: Bearer ${demo.keys.full}" ${url}/api/public/v1/properties/${demo.propertyId}/rooms`,
    '',
    `Widget: <staymod-booking property-id="${demo.propertyId}" api-key="${demo.keys.widget}" api-base="${url}">`,
    `Admin:  GET ${url}/__sandbox/state · POST /__sandbox/reset · POST /__sandbox/today · POST|DELETE /__sandbox/faults · GET /__sandbox/stats`,
    `        POST /__sandbox/bookings/import · POST /__sandbox/rooms[/{id}] · POST /__sandbox/booking-options · GET /__sandbox/counters`,
    '',
    'Ctrl-C to stop.',
  ];
  return lines.join('\n');
}

export async function main(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv, env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.pms) {
    const { fake, banner: text } = await startFake(options.pms, options).catch((error: NodeJS.ErrnoException) => {
      console.error(`Could not start the ${options.pms} fake: ${error.code === 'EADDRINUSE' ? `port ${options.port} is already in use` : error.message}`);
      return { fake: undefined, banner: '' };
    });
    if (!fake) return 1;
    console.log(`${text}\n\nCtrl-C to stop.`);
    return new Promise<number>((resolve) => {
      const stop = () => void fake.close().then(() => resolve(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'EADDRINUSE' ? `port ${options.port} is already in use (try --port 0 or another port)` : e.message;
    console.error(`Could not start the sandbox: ${reason}`);
    return 1;
  }
  console.log(banner(sandbox, options));
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(130); // a second Ctrl-C: don't wait
      stopping = true;
      console.log(`\n${signal}: closing the sandbox...`);
      void sandbox.close().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
