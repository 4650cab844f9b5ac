/**
 * The calendar's share of `npm run bench`, runnable alone (a minute instead of several):
 * range hover and month change with 20 rooms x 62 nights, and heap growth per mount/unmount cycle.
 *
 *   npm run build && node --import tsx bench/calendar.ts
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import { interaction, launch, memory, type HeapReading, type Interaction, type MemoryRun } from './lib/browser.js';
import { grownObjects, type HeapCensus } from './lib/heap.js';
import { startBenchStack, type BenchStack } from './lib/stack.js';
import { kB, markdownTable, MB, median, ms, ratio, type ResultRow } from './lib/stats.js';

export async function calendarRows(browser: Browser, stack: BenchStack, step: (what: string) => void = () => {}): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  step(`interaction (20 rooms x 62 nights, ${INTERACTION_PAGES} pages)`);
  const rooms = await stack.growRooms(20);
  // Fresh pages, each its own median: one page can fall in a slow minute of a shared machine.
  const pages: Interaction[] = [];
  for (let p = 0; p < INTERACTION_PAGES; p++) pages.push(await interaction(browser, stack, rooms));
  const section = `Interaction (${rooms} rooms, ${pages[0]!.nights} nights on screen; script + style + layout, median of ${INTERACTION_PAGES} pages' medians)`;
  const empty = median(pages.map((i) => i.emptyRerender));
  for (const [what, key] of [['range hover: re-render', 'hover'], ['month change: re-render', 'month']] as const) {
    const value = median(pages.map((i) => i[key]));
    const note = `pages: ${pages.map((i) => ms(i[key])).join(', ')}`;
    rows.push({ section, what, value: ms(value), baselineName: 'empty Lit element re-render', baseline: ms(empty), ratio: ratio(value, empty), note });
  }

  step(`memory (${MEMORY.pages} pages x ${MEMORY.warmup + MEMORY.block * MEMORY.blocks} mounts)`);
  rows.push(...memoryRows(await memory(browser, stack, MEMORY)));
  return rows;
}

const MEMORY = { warmup: 50, block: 200, blocks: 2, pages: 3 };
// Single pages spread 6.5-10.4 ms within one run (2026-12-03): a median of five moves less than one of three.
const INTERACTION_PAGES = 5;

/** Bytes per cycle, as the median and each page's figure: the spread is the noise. */
function perCycle(values: number[]): { value: string; spread: string } {
  const b = (n: number) => `${Math.round(n)} B`;
  return { value: b(median(values)), spread: values.map(b).join(', ') };
}

function memoryRows(runs: MemoryRun[]): ResultRow[] {
  const section = `Memory: <staymod-booking> mounted (until priced) and removed, ${runs.length} fresh pages (JS heap after forced GC)`;
  const { warmup, block, blocks } = MEMORY;
  const rows: ResultRow[] = [];
  const first = runs.map((r) => (r.afterWarmup.heap - r.after1.heap) / (warmup - 1));
  const warmGrowth = (get: (c: HeapCensus) => number) => get(runs[0]!.afterWarmup.census) - get(runs[0]!.after1.census);
  rows.push({
    section,
    what: `cycles 2-${warmup} (warm-up: compiled code, caches, the first Intl objects)`,
    value: `${perCycle(first).value} per cycle`,
    baselineName: 'after 1',
    baseline: MB(median(runs.map((r) => r.after1.heap))),
    ratio: ratio(median(runs.map((r) => r.afterWarmup.heap)), median(runs.map((r) => r.after1.heap))),
    note: `pages: ${perCycle(first).spread}; page 1 by snapshot: objects +${kB(warmGrowth((c) => c.objects))}, compiled code +${kB(warmGrowth((c) => c.code))}`,
  });
  const kinds: Array<[string, (c: HeapCensus) => number]> = [
    ['JS objects (heap snapshot)', (c) => c.objects],
    ['compiled code (heap snapshot)', (c) => c.code],
    ['DOM and Blink objects (heap snapshot, outside the JS heap)', (c) => c.native],
  ];
  for (let b = 0; b < blocks; b++) {
    const from = warmup + b * block;
    const before = (r: MemoryRun) => (b === 0 ? r.afterWarmup : r.blocks[b - 1]!);
    const growth = (get: (reading: HeapReading) => number) =>
      perCycle(runs.map((r) => (get(r.blocks[b]!) - get(before(r))) / block));
    const heap = growth((x) => x.heap);
    rows.push({
      section,
      what: `cycles ${from + 1}-${from + block}: JS heap growth`,
      value: `${heap.value} per cycle`,
      baselineName: `after ${from}`,
      baseline: MB(median(runs.map((r) => before(r).heap))),
      ratio: ratio(median(runs.map((r) => r.blocks[b]!.heap)), median(runs.map((r) => before(r).heap))),
      note: `pages: ${heap.spread}`,
    });
    for (const [name, get] of kinds) {
      const g = growth((x) => get(x.census));
      const grown = name.startsWith('JS objects') ? grownObjects(before(runs[0]!).census, runs[0]!.blocks[b]!.census) : [];
      rows.push({
        section,
        what: `… of which ${name}`,
        value: `${g.value} per cycle`,
        baselineName: `after ${from}`,
        baseline: MB(median(runs.map((r) => get(before(r).census)))),
        ratio: ratio(median(runs.map((r) => get(r.blocks[b]!.census))), median(runs.map((r) => get(before(r).census)))),
        note: `pages: ${g.spread}${grown.length ? `; most grown (page 1): ${grown.join(', ')}` : ''}`,
      });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stack = await startBenchStack();
  const browser = await launch();
  try {
    console.log(markdownTable(await calendarRows(browser, stack, (what) => console.error(`bench: ${what}…`))));
  } finally {
    await browser.close();
    await stack.close();
  }
}
