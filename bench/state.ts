/**
 * Only the Redis-versus-memory rows of `npm run bench` (bench/lib/proxy.ts,
 * stateCost), printed as markdown: `node --import tsx bench/state.ts [n]`.
 * Needs redis-server (Debian's, at /usr/bin/redis-server).
 */
import { stateCost, stateRows } from './lib/proxy.js';
import { startBenchStack } from './lib/stack.js';
import { markdownTable } from './lib/stats.js';

const stack = await startBenchStack();
try {
  const n = Number(process.argv[2] ?? 400);
  console.log(markdownTable(stateRows(await stateCost(stack, n), 'Proxy state (both proxies in the bench process)')));
} finally {
  await stack.close();
}
