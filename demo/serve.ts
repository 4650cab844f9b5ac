/**
 * `npm run demo`: the designer playground. Starts the Staymod sandbox, a proxy
 * holding the sandbox's full key, and Vite's dev server for demo/ (the widget is
 * imported from src/, so edits hot-reload). Offline; opens nothing unless --open.
 *
 *   npm run demo -- [--port 5173] [--sandbox-port 8787] [--proxy-port 8788] [--today YYYY-MM-DD] [--pms cloudbeds|guesty] [--open]
 *
 * With --pms, a fake of that system starts too and the proxy speaks to it: the playground is then in proxy mode.
 */
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer, type Plugin } from 'vite';
import { snapshotRooms } from '../src/catalogue/snapshot.js';
import { isDateKey } from '../src/domain/dates.js';
import { cloudbedsPmsFor, guestyPmsFor } from '../src/fakes/pms.js';
import { startCloudbedsFake } from '../src/fakes/cloudbeds/server.js';
import { startGuestyFake } from '../src/fakes/guesty/server.js';
import { createNodeProxyServer } from '../src/proxy/node.js';
import { startSandbox } from '../src/sandbox/server.js';

/** Origins the sandbox's widget key accepts (src/sandbox/demo-data.ts). */
const WIDGET_KEY_PORTS = [5173, 4173, 4174, 8000];

const USAGE = `Usage: npm run demo -- [--port N] [--sandbox-port N] [--proxy-port N] [--today YYYY-MM-DD] [--pms cloudbeds|guesty] [--open]

  --port N          the playground (default 5173; the next free port if taken)
  --sandbox-port N  the Staymod sandbox (default 8787)
  --proxy-port N    the proxy, for proxy mode (default 8788)
  --today DATE      freeze the sandbox's today (UTC)
  --pms SYSTEM      back the proxy with a fake Cloudbeds or Guesty (the playground switches to proxy mode)
  --open            open the playground in the default browser`;

interface Options {
  port: number;
  sandboxPort: number;
  proxyPort: number;
  today?: string;
  pms?: 'cloudbeds' | 'guesty';
  open: boolean;
}

export function parseArgs(argv: readonly string[]): Options | { help: true } {
  const options: Options = { port: 5173, sandboxPort: 8787, proxyPort: 8788, open: false };
  const port = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} needs a port number from 0 to 65535, got "${value ?? ''}".`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = port(flag, value());
        break;
      case '--sandbox-port':
        options.sandboxPort = port(flag, value());
        break;
      case '--proxy-port':
        options.proxyPort = port(flag, value());
        break;
      case '--today': {
        const today = value();
        if (!today || !isDateKey(today)) throw new Error(`--today needs a YYYY-MM-DD date, got "${today ?? ''}".`);
        options.today = today;
        break;
      }
      case '--pms': {
        const system = value();
        if (system === 'cloudbeds' || system === 'guesty') options.pms = system;
        else if (system !== 'staymod') throw new Error(`--pms needs staymod, cloudbeds or guesty, got "${system ?? ''}".`);
        break;
      }
      case '--open':
        options.open = true;
        break;
      case '--help':
      case '-h':
        return { help: true };
      default:
        throw new Error(`Unknown argument "${arg}".\n\n${USAGE}`);
    }
  }
  return options;
}

/**
 * `/rooms.json` on the playground's origin: the room catalogue a host would publish
 * (`npx staymod-booking rooms-snapshot`), made fresh from the sandbox on each request.
 */
function roomCatalogue(upstream: string, apiKey: string, propertyId: string): Plugin {
  return {
    name: 'staymod-room-catalogue',
    configureServer(server) {
      server.middlewares.use('/rooms.json', (_req, res) => {
        snapshotRooms({ upstream, apiKey, propertyId }).then(
          (catalogue) => {
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify(catalogue));
          },
          (error: unknown) => {
            res.statusCode = 502;
            res.end(String(error));
          },
        );
      });
    },
  };
}

/** A fake Cloudbeds or Guesty on a free port and the proxy's adapter for it. */
async function startBackend(system: 'cloudbeds' | 'guesty', today: string | undefined) {
  if (system === 'cloudbeds') {
    const fake = await startCloudbedsFake({ today });
    const pms = cloudbedsPmsFor(fake);
    return { pms, propertyId: fake.demo.propertyId, currency: fake.demo.currency, url: fake.url, close: fake.close };
  }
  const fake = await startGuestyFake({ today });
  const pms = guestyPmsFor(fake, { withOpenApi: true });
  return { pms, propertyId: fake.demo.propertyId, currency: fake.demo.currency, url: fake.url, close: fake.close };
}

function listen(server: Server, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} for the ${what} is taken (choose another with --${what}-port).` : error.message)),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(USAGE);
    return;
  }
  const options = parsed;
  const sandbox = await startSandbox({ port: options.sandboxPort, today: options.today }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'EADDRINUSE' ? `port ${options.sandboxPort} for the sandbox is taken (choose another with --sandbox-port).` : error.message);
  });
  const proxyUrl = `http://127.0.0.1:${options.proxyPort}`;
  const backend = options.pms ? await startBackend(options.pms, options.today) : undefined;

  const vite = await createViteServer({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    plugins: [roomCatalogue(sandbox.url, sandbox.demo.keys.full, sandbox.demo.propertyId)],
    server: { port: options.port, open: options.open },
    define: {
      __STAYMOD_SANDBOX__: JSON.stringify(sandbox.url),
      __STAYMOD_PROXY__: JSON.stringify(proxyUrl),
      __STAYMOD_PMS__: JSON.stringify(backend ? { name: backend.pms.name, propertyId: backend.propertyId } : null),
    },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const proxy = createNodeProxyServer(
    backend
      ? { pms: backend.pms, propertyIds: [backend.propertyId], allowedOrigins: origins, allowLocalhost: true, currency: backend.currency }
      : { apiKey: sandbox.demo.keys.full, propertyIds: [sandbox.demo.propertyId], allowedOrigins: origins, allowLocalhost: true, upstream: sandbox.url },
  );
  await listen(proxy, options.proxyPort, 'proxy');

  console.log(`\n  Playground  http://127.0.0.1:${port}/`);
  console.log(`  Sandbox     ${sandbox.url}  (today ${sandbox.demo.today}${options.today ? ', frozen' : ''})`);
  if (backend) console.log(`  ${backend.pms.name} fake  ${backend.url}  (property ${backend.propertyId}; the playground is in proxy mode)`);
  console.log(`  Proxy       ${proxyUrl}  (${backend ? `speaks to the ${backend.pms.name} fake` : "holds the sandbox's full key"}; demo only: allows any http://localhost:* and http://127.0.0.1:* page)`);
  console.log(`\n  Property id ${sandbox.demo.propertyId}`);
  console.log(`  Widget key  ${sandbox.demo.keys.widget}  (direct mode from localhost ports ${WIDGET_KEY_PORTS.join(', ')}; no rooms:read)`);
  console.log(`  Full key    ${sandbox.demo.keys.full}  (server side only: scripts, the proxy, rooms-snapshot)`);
  console.log(`  Catalogue   http://127.0.0.1:${port}/rooms.json  (rooms-src for direct mode)`);
  console.log(`\n  Your own page: <staymod-booking property-id="${sandbox.demo.propertyId}" proxy-url="${proxyUrl}"></staymod-booking>`);
  console.log(`  Every demo key and what it shows: ${sandbox.url}/__sandbox/state\n`);
  if (port !== options.port) console.warn(`  Port ${options.port} was taken; the playground is on ${port}.`);
  if (!WIDGET_KEY_PORTS.includes(port)) {
    console.warn(`  The sandbox's widget key only allows ports ${WIDGET_KEY_PORTS.join(', ')}: direct mode will answer 403 here. Use proxy mode, or free port 5173.`);
  }

  const stop = async () => {
    await vite.close();
    proxy.close();
    await backend?.close();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
