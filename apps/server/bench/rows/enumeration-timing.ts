// Known against unknown addresses on the flows that must not tell them apart (measured by
// ../enumeration-timing.ts, which test/hostile/timing.test.ts asserts on).
import type { BenchContext } from '../bench-context';
import { measureEnumerationTiming } from '../enumeration-timing';
import type { BenchRow } from '../table';

const MAX_RATIO = 1.5;

export async function enumerationTimingRows(bench: BenchContext): Promise<BenchRow[]> {
  const ratios = await measureEnumerationTiming({
    base: bench.server.base,
    codeFor: (to) => bench.smtp.codeFor(to),
  });
  return ratios.map((r) => ({
    key: `timing-${r.flow}`,
    label: `timing: ${r.flow}, known vs unknown`,
    note:
      `${r.knownMs.toFixed(1)} vs ${r.unknownMs.toFixed(1)} ms (medians): ${r.ratio.toFixed(2)}× ` +
      `(goal < ${String(MAX_RATIO)}×: ${r.ratio < MAX_RATIO ? 'met' : 'MISSED'})`,
  }));
}
