/** Small statistics and formatting helpers for the benchmark. */

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]) => percentile(values, 50);

export const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(1)} ms` : `${(value * 1000).toFixed(0)} µs`);
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
export const ratio = (value: number, baseline: number) => (baseline > 0 && Number.isFinite(value) ? `${(value / baseline).toFixed(2)}×` : 'n/a');

/** One line of the results table: what, its value, the baseline measured in the same run, and value/baseline. */
export interface ResultRow {
  section: string;
  what: string;
  value: string;
  baseline: string;
  baselineName: string;
  ratio: string;
  note?: string;
}

export function markdownTable(rows: ResultRow[]): string {
  const out: string[] = [];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push('', `### ${section}`, '', '| Measure | Value | Baseline | Ratio | Note |', '| --- | ---: | --- | ---: | --- |');
    }
    out.push(`| ${row.what} | ${row.value} | ${row.baselineName}: ${row.baseline} | ${row.ratio} | ${row.note ?? ''} |`);
  }
  return out.join('\n').trim();
}
