// The one table `pnpm bench` prints. Rows come from a list of producers (see run.ts), each a
// module of its own; a row states its ratios against rows measured earlier in the same run.
import type { LoadResult } from './load';

interface Ratio {
  /** The key of an earlier row. */
  of: string;
  /** The goal, as a ratio (≥) of that row. */
  atLeast?: number;
}

export interface BenchRow {
  key: string;
  label: string;
  result?: LoadResult;
  ratios?: Ratio[];
  /** Free text after the figures: a goal not expressed as a ratio, a detail. */
  note?: string;
}

function fixed(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const labelWidth = Math.max(...rows.map((row) => row.label.length), 6);
  const lines = [
    `${'target'.padEnd(labelWidth)}    req/s   p50 ms   p99 ms  errors  ratio`,
    '-'.repeat(labelWidth + 48),
  ];
  for (const row of rows) {
    const r = row.result;
    const figures = r
      ? `${fixed(r.perSecond, 0, 9)}  ${fixed(r.p50Ms, 2, 7)}  ${fixed(r.p99Ms, 2, 7)}  ${String(r.errors).padStart(6)}`
      : ' '.repeat(39);
    const ratios = (row.ratios ?? []).flatMap((ratio) => {
      const reference = byKey.get(ratio.of)?.result;
      if (!r || !reference || reference.perSecond === 0) return [];
      const value = r.perSecond / reference.perSecond;
      const goal =
        ratio.atLeast === undefined
          ? ''
          : ` (goal ≥ ${String(ratio.atLeast)}: ${value >= ratio.atLeast ? 'met' : 'MISSED'})`;
      return [`${value.toFixed(3)}× ${byKey.get(ratio.of)?.label ?? ratio.of}${goal}`];
    });
    const tail = [...ratios, ...(row.note ? [row.note] : [])].join('; ');
    lines.push(`${row.label.padEnd(labelWidth)} ${figures}  ${tail}`);
  }
  return lines.join('\n');
}
