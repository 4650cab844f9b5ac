/** Bench servers in their own processes (bench/proxy-child.ts), started and stopped by this one. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import type { NodeProxyOptions } from '../../src/proxy/node.js';

export interface Child {
  url: string;
  stop(): Promise<void>;
}

/**
 * `taskset` (util-linux) when there are two or more CPUs: pins a load generator and the server
 * it loads to different cores, so a throughput pair is not decided by where the scheduler put
 * them (unpinned, the same build measured 0.60-0.93x a bare server within one minute).
 */
export const PIN_CPUS = cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** `argv` run on CPU `cpu` when pinning is possible, else as it is. */
export function onCpu(cpu: number | undefined, argv: [string, ...string[]]): [string, ...string[]] {
  return cpu !== undefined && PIN_CPUS ? ['taskset', '-c', String(cpu), ...argv] : argv;
}

/** `nodeArgs`, e.g. ['--cpu-prof', '--cpu-prof-dir=...'], go to the child's node; `cpu` pins it (see PIN_CPUS). */
export function startChild(args: string[], nodeArgs: string[] = [], cpu?: number): Promise<Child> {
  const [command, ...argv] = onCpu(cpu, [process.execPath, ...nodeArgs, '--import', 'tsx', 'bench/proxy-child.ts', ...args]);
  const child: ChildProcess = spawn(command, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
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
export function startProxy(options: Omit<NodeProxyOptions, 'logger'>, nodeArgs: string[] = [], cpu?: number): Promise<Child> {
  return startChild(['proxy', JSON.stringify(options)], nodeArgs, cpu);
}

/** Empties a proxy child's state (cache, limits) while its process stays warm. */
export async function resetProxy(proxy: Child): Promise<void> {
  await (await fetch(`${proxy.url}/__bench/reset`, { method: 'POST' })).arrayBuffer();
}
