/**
 * `staymod-booking proxy`: runs the proxy on node:http from environment variables.
 *
 *   STAYMOD_API_KEY=sk_live_... STAYMOD_PROPERTY_IDS=<id> ALLOWED_ORIGINS=https://hotel.example \
 *     npx staymod-booking proxy --port 8788
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createNodeProxyServer, type NodeProxyOptions } from './node.js';
import { pmsFromEnv, PMS_USAGE } from './adapters/env.js';
import { listOf } from './options.js';

export const USAGE = `Usage: staymod-booking proxy [--port <n>] [--host <address>]

Runs the Staymod booking proxy. Configuration comes from the environment:
  STAYMOD_API_KEY        (required) the Staymod API key; never printed
  STAYMOD_PROPERTY_IDS   (required) comma-separated property ids the proxy serves
  ALLOWED_ORIGINS        comma-separated origins of the sites embedding the widget
  PORT                   port to listen on (default 8788; --port wins)
  HOST                   address to listen on (default 127.0.0.1; --host wins; 0.0.0.0 for all)
  STAYMOD_UPSTREAM       Staymod's origin (default https://app.staymod.in)
  STAYMOD_BASE_PATH      path prefix, e.g. /api/staymod (default none)
  STAYMOD_TIMEOUT_MS     upstream timeout in ms (default 10000)
  TRUSTED_PROXIES        number of reverse proxies in front (default 0: the socket address is the
                         client; N: the X-Forwarded-For entry N from the right). --trusted-proxies wins
  TRUST_FORWARDED_FOR    1: alias of TRUSTED_PROXIES=1
  STAYMOD_CURRENCY       ISO code of the property's prices, for the quote note (default INR)
  STAYMOD_TIME_ZONE      the property's time zone (Asia/Kolkata): check-ins before its today are
                         refused (default: only dates already past everywhere)
  REDIS_URL              redis://host:6379: share the booking lock, Idempotency-Key records, rate limits
                         and cache with every proxy on the same Redis (default: in memory, one instance only)
Another system than Staymod (then STAYMOD_API_KEY and STAYMOD_PROPERTY_IDS are not used):
${PMS_USAGE}`;

export interface CliIo {
  log(message: string): void;
  error(message: string): void;
}

export interface CliResult {
  /** 0 while the server runs; 1 when it refused to start. */
  exitCode: number;
  server?: Server;
  url?: string;
  close?: () => Promise<void>;
}

type Env = Record<string, string | undefined>;

/** The URL without its password, for the start-up line. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'REDIS_URL';
  }
}

type Args = { port?: string; host?: string; trustedProxies?: string; help: boolean };
const FLAGS: Record<string, 'port' | 'host' | 'trustedProxies'> = { '--port': 'port', '--host': 'host', '--trusted-proxies': 'trustedProxies' };

function parseArgs(argv: readonly string[]): Args | string {
  const args = argv[0] === 'proxy' ? argv.slice(1) : [...argv];
  const out: Args = { help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (FLAGS[flag]) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) return `${flag} needs a value.`;
      out[FLAGS[flag]] = value;
    } else return `Unknown argument "${arg}".`;
  }
  return out;
}

/** Starts the proxy; resolves once it listens (or with exitCode 1 and a message on stderr). */
export async function main(argv: readonly string[] = process.argv.slice(2), env: Env = process.env, io: CliIo = console): Promise<CliResult> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.error(`staymod-booking proxy: ${args}\n\n${USAGE}`);
    return { exitCode: 1 };
  }
  if (args.help) {
    io.log(USAGE);
    return { exitCode: 0 };
  }
  let pms: ReturnType<typeof pmsFromEnv>;
  try {
    pms = pmsFromEnv(env);
  } catch (error) {
    pms = error instanceof Error ? error.message.replace('createStaymodProxy: ', '') : String(error);
  }
  if (typeof pms === 'string') {
    io.error(`staymod-booking proxy: ${pms}\n\n${USAGE}`);
    return { exitCode: 1 };
  }
  const missing = pms ? [] : [
    !env['STAYMOD_API_KEY']?.trim() && 'STAYMOD_API_KEY (your Staymod API key)',
    !listOf(env['STAYMOD_PROPERTY_IDS']).length && 'STAYMOD_PROPERTY_IDS (comma-separated property ids)',
  ].filter(Boolean);
  if (missing.length) {
    io.error(`staymod-booking proxy: refusing to start without ${missing.join(' and ')}.\n\n${USAGE}`);
    return { exitCode: 1 };
  }
  const portText = args.port ?? env['PORT'] ?? '8788';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    io.error(`staymod-booking proxy: port "${portText}" is not a port number (0-65535).`);
    return { exitCode: 1 };
  }
  const host = args.host ?? env['HOST'] ?? '127.0.0.1';

  const options: NodeProxyOptions = {
    apiKey: env['STAYMOD_API_KEY'] ?? '',
    propertyIds: pms ? pms.propertyIds : env['STAYMOD_PROPERTY_IDS']!,
    ...(pms ? { pms: pms.pms } : {}),
    allowedOrigins: env['ALLOWED_ORIGINS'] ?? '',
    trustForwardedFor: /^(1|true|yes)$/i.test(env['TRUST_FORWARDED_FOR'] ?? ''),
    logger: { info: (m) => io.log(m), warn: (m) => io.error(m), error: (m) => io.error(m) },
  };
  if (env['STAYMOD_UPSTREAM']) options.upstream = env['STAYMOD_UPSTREAM'];
  if (env['STAYMOD_BASE_PATH']) options.basePath = env['STAYMOD_BASE_PATH'];
  if (env['STAYMOD_TIMEOUT_MS']) options.timeoutMs = Number(env['STAYMOD_TIMEOUT_MS']);
  if (env['STAYMOD_CURRENCY']) options.currency = env['STAYMOD_CURRENCY'];
  if (env['STAYMOD_TIME_ZONE']) options.timeZone = env['STAYMOD_TIME_ZONE'];
  const redisUrl = env['REDIS_URL']?.trim();
  if (redisUrl) {
    if (!/^rediss?:\/\//.test(redisUrl)) {
      io.error('staymod-booking proxy: REDIS_URL must start with redis:// or rediss://.');
      return { exitCode: 1 };
    }
    options.redis = redisUrl;
  }
  const hops = args.trustedProxies ?? env['TRUSTED_PROXIES'];
  if (hops !== undefined && hops !== '') {
    if (!/^\d{1,2}$/.test(hops)) {
      io.error(`staymod-booking proxy: TRUSTED_PROXIES "${hops}" must be a whole number of proxies (0, 1, 2...).`);
      return { exitCode: 1 };
    }
    options.trustedProxies = Number(hops);
  }

  let server: Server;
  try {
    server = createNodeProxyServer(options);
  } catch (error) {
    io.error(`staymod-booking proxy: ${error instanceof Error ? error.message.replace('createStaymodProxy: ', '') : String(error)}`);
    return { exitCode: 1 };
  }
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.error(`staymod-booking proxy: cannot listen on ${host}:${port}${code ? ` (${code})` : ''}.`);
    return { exitCode: 1 };
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}${options.basePath ?? ''}`;
  const origins = listOf(options.allowedOrigins);
  io.log(`Staymod booking proxy listening on ${url}`);
  io.log(`  properties: ${listOf(options.propertyIds).join(', ')}`);
  io.log(`  allowed origins: ${origins.length ? origins.join(', ') : '(none: only same-origin and server-side calls)'}`);
  io.log(`  upstream: ${pms ? pms.pms.name : (options.upstream ?? 'https://app.staymod.in')}`);
  io.log(
    redisUrl
      ? `  state: Redis at ${redactUrl(redisUrl)} (shared: run as many instances as you like)`
      : '  state: in memory (single instance only: set REDIS_URL to run more than one)',
  );
  io.log(`  widget: <staymod-booking proxy-url="${url}" ...>`);
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { exitCode: 0, server, url, close };
}

/** For the bin wrapper: runs main, sets the exit code, stops cleanly on SIGINT/SIGTERM. */
export async function run(argv: readonly string[] = process.argv.slice(2), env: Env = process.env): Promise<void> {
  const result = await main(argv, env);
  if (result.exitCode !== 0 || !result.close) {
    process.exitCode = result.exitCode;
    return;
  }
  const stop = () => void result.close!().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
