/**
 * The calendar's share of `npm run bench`, runnable alone (a minute instead of several):
 * range hover and month change with 20 rooms x 62 nights, and heap over 200 mounts.
 *
 *   npm run build && node --import tsx bench/calendar.ts
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import { interaction, launch, memory } from './lib/browser.js';
import { startBenchStack, type BenchStack } from './lib/stack.js';
import { markdownTable, MB, ms, ratio, type ResultRow } from './lib/stats.js';

export async function calendarRows(browser: Browser, stack: BenchStack, step: (what: string) => void = () => {}): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  step('interaction (20 rooms x 62 nights)');
  const rooms = await stack.growRooms(20);
  const i = await interaction(browser, stack, rooms);
  const section = `Interaction (${i.rooms} rooms, ${i.nights} nights on screen; script + style + layout, median)`;
  rows.push({ section, what: 'range hover: re-render', value: ms(i.hover), baselineName: 'empty Lit element re-render', baseline: ms(i.emptyRerender), ratio: ratio(i.hover, i.emptyRerender) });
  rows.push({ section, what: 'month change: re-render', value: ms(i.month), baselineName: 'empty Lit element re-render', baseline: ms(i.emptyRerender), ratio: ratio(i.month, i.emptyRerender) });

  step('memory (200 mounts)');
  const m = await memory(browser, stack);
  rows.push({ section: 'Memory (JS heap after forced GC)', what: 'after 200 mount/unmount cycles', value: MB(m.after200), baselineName: 'after 1', baseline: MB(m.after1), ratio: ratio(m.after200, m.after1), note: `${((m.after200 - m.after1) / 199 / 1000).toFixed(2)} kB per cycle` });
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
