// The access-token signature check, ES256 against HS256, per CPU second (../token-cost.ts), and
// its share of one authenticated read at the rate measured above, were it paid on every read.
// The session cache checks each token's signature once per process, so no read pays it twice.
import type { BenchContext } from '../bench-context';
import type { BenchRow } from '../table';
import { measureTokenCost } from '../token-cost';

export async function tokenCostRows(_bench: BenchContext, rows: readonly BenchRow[]) {
  const cost = await measureTokenCost();
  const reads = rows.find((row) => row.key === 'rest-profile')?.result?.perSecond ?? 0;
  const describe = (perSecond: number) =>
    `${perSecond.toFixed(0)}/s per CPU second (${(1e6 / perSecond).toFixed(0)} µs); ` +
    `${((reads / perSecond) * 100).toFixed(0)} % of a read at the REST profile's rate if paid ` +
    'on every read';
  const result: BenchRow[] = [
    { key: 'es256', label: 'ES256 access-token check', note: describe(cost.es256PerSecond) },
    { key: 'hs256', label: 'HS256 check, for scale', note: describe(cost.hs256PerSecond) },
  ];
  return result;
}
