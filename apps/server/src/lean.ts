import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a small resident footprint (ADR 060), set before any WebAssembly is compiled:
 * Prisma's query compiler is WebAssembly, and V8 otherwise compiles it twice (a baseline, then
 * an optimised tier in the background), which alone costs about 50 MB; its work per query is
 * small next to the database round trip. (The young generation's size cannot change once the
 * process runs: `--max-semi-space-size=1`, in NODE_OPTIONS or on the command line, saves
 * another 20-30 MB; `pnpm start` and the Dockerfile pass it.)
 */
export function useLeanRuntime(): void {
  setFlagsFromString('--liftoff-only');
}
