import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8 settings for a small resident footprint (ADR 060), set before any WebAssembly is compiled.
 * Prisma's query compiler is WebAssembly, and V8 otherwise also compiles it with its optimising
 * tier, which costs 50 MB idle and some 120 MB more after a load, for about 2.5× the
 * throughput of an authenticated call measured here. `optimizing` trades the memory back.
 * The young generation keeps V8's default size: a 1 MB one held idle memory no lower once the
 * process had settled, and cost writes a fifth of their throughput in collections (ADR 103).
 */
export function useLeanRuntime(queryCompilerTier: 'baseline' | 'optimizing'): void {
  if (queryCompilerTier === 'baseline') setFlagsFromString('--liftoff-only');
}

/** A full garbage collection now, so that what start-up used once (the schema engine's memory,
 * migration files, the OpenAPI generator's work) leaves the process instead of lingering until
 * a collection an idle server may not need for hours. */
export function collectStartupGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
