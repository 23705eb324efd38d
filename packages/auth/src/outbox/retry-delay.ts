/** Exponential backoff with "equal jitter": retry n waits between half and all of
 * `baseMs · 2^(n-1)`, capped at `maxMs`, so that workers retrying together spread out. */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs = Number.POSITIVE_INFINITY,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return exponential / 2 + random() * (exponential / 2);
}
