/** Bench servers in their own processes (bench/proxy-child.ts), started and stopped by this one. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { NodeProxyOptions } from '../../src/proxy/node.js';

export interface Child {
  url: string;
  stop(): Promise<void>;
}

/** `nodeArgs`, e.g. ['--cpu-prof', '--cpu-prof-dir=...'], go to the child's node. */
export function startChild(args: string[], nodeArgs: string[] = []): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/proxy-child.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, stop }));
    child.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited (${code})`)));
  });
}

/** A proxy in its own process; JSON-able options only (no logger: the child silences it). */
export function startProxy(options: Omit<NodeProxyOptions, 'logger'>, nodeArgs: string[] = []): Promise<Child> {
  return startChild(['proxy', JSON.stringify(options)], nodeArgs);
}

/** Empties a proxy child's state (cache, limits) while its process stays warm. */
export async function resetProxy(proxy: Child): Promise<void> {
  await (await fetch(`${proxy.url}/__bench/reset`, { method: 'POST' })).arrayBuffer();
}
