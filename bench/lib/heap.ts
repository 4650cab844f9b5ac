/**
 * A heap snapshot (CDP HeapProfiler) summed by what it is: V8's compiled code, the
 * page's JS objects, and native (DOM/Blink) objects, plus counts per constructor so
 * growth between two snapshots can be named. Compiled code grows while V8 optimises
 * functions that became hot and stops when they all are: not something a page keeps.
 */
import type { CDPSession } from '@playwright/test';

export interface HeapCensus {
  /** Bytes of type `code`: bytecode, optimised machine code and their metadata. */
  code: number;
  /** Bytes of JS values: objects, closures, arrays, strings, numbers, shapes. */
  objects: number;
  /** Bytes of native objects (DOM nodes, Blink's tables); not in Runtime.getHeapUsage. */
  native: number;
  /** Count and bytes per `type:name` (constructor or class name for objects). */
  byName: Map<string, { count: number; size: number }>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export async function heapCensus(cdp: CDPSession): Promise<HeapCensus> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return summarize(JSON.parse(chunks.join('')) as RawSnapshot);
}

function summarize(raw: RawSnapshot): HeapCensus {
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const census: HeapCensus = { code: 0, objects: 0, native: 0, byName: new Map() };
  for (let i = 0; i < raw.nodes.length; i += fields.length) {
    const type = types[raw.nodes[i + typeAt]!]!;
    const size = raw.nodes[i + sizeAt]!;
    if (type === 'synthetic') continue;
    if (type === 'code') census.code += size;
    else if (type === 'native') census.native += size;
    else census.objects += size;
    // Strings are named by their text: one bucket per kind is enough.
    const name = type.includes('string') || type === 'number' ? '' : raw.strings[raw.nodes[i + nameAt]!]!.slice(0, 80);
    const key = `${type}:${name}`;
    const entry = census.byName.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += size;
    census.byName.set(key, entry);
  }
  return census;
}

/** The JS object kinds whose count grew most from `before` to `after`, as "name +count". */
export function grownObjects(before: HeapCensus, after: HeapCensus, top = 3): string[] {
  const grown: Array<[string, number]> = [];
  for (const [key, { count }] of after.byName) {
    if (key.startsWith('code:') || key.startsWith('native:')) continue;
    const delta = count - (before.byName.get(key)?.count ?? 0);
    if (delta > 0) grown.push([key, delta]);
  }
  return grown.sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, delta]) => `${key} +${delta}`);
}
