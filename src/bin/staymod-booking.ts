#!/usr/bin/env node
/**
 * `npx staymod-booking proxy` runs the proxy; `npx staymod-booking sandbox` runs the
 * offline Staymod sandbox; `npx staymod-booking rooms-snapshot` writes a room
 * catalogue for direct mode. Each subcommand prints its own help with --help.
 */
const [command, ...rest] = process.argv.slice(2);

if (command === 'proxy') {
  const { run } = await import('../proxy/cli.js');
  await run(rest, process.env);
} else if (command === 'sandbox') {
  const { main } = await import('../sandbox/cli.js');
  process.exitCode = await main(rest, process.env);
} else if (command === 'rooms-snapshot') {
  const { main } = await import('../catalogue/snapshot.js');
  process.exitCode = await main(rest, process.env);
} else {
  console.error('Usage: staymod-booking <proxy|sandbox|rooms-snapshot> [options]   (add --help for the options of each)');
  process.exitCode = command === undefined || command === '--help' ? 0 : 1;
}

export {};
