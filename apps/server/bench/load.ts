// A small closed-loop load generator: `connections` keep-alive connections ("lanes"), each
// sending its next request as soon as the previous answer is read, for a fixed time. A lane may
// keep state (e.g. its newest refresh token) through `next` and `onAnswer`.
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** The next request of lane `lane`. */
  next: (lane: number) => RequestSpec;
  /** Called with each 200 answer's body; only then are bodies read as text. */
  onAnswer?: (lane: number, body: string) => void;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;

  const once = (lane: number) =>
    new Promise<void>((resolve) => {
      const spec = options.next(lane);
      const sent = performance.now();
      const req = request(
        spec.url,
        { agent, method: spec.method ?? 'GET', headers: spec.headers },
        (res) => {
          let body = '';
          if (options.onAnswer)
            res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          else res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) {
              latencies.push(performance.now() - sent);
              options.onAnswer?.(lane, body);
            } else {
              errors += 1;
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(spec.body);
    });

  const lane = async (index: number) => {
    while (performance.now() < until) await once(index);
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => lane(i)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarize(latencies, errors, seconds);
}

export function summarize(latencies: number[], errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/** Several slices of one measurement as one: totals summed, p50 averaged, the worst p99. */
export function combine(slices: readonly LoadResult[]): LoadResult {
  const requests = slices.reduce((sum, r) => sum + r.requests, 0);
  const seconds = slices.reduce((sum, r) => sum + r.seconds, 0);
  return {
    requests,
    errors: slices.reduce((sum, r) => sum + r.errors, 0),
    seconds,
    perSecond: seconds > 0 ? requests / seconds : 0,
    p50Ms: slices.reduce((sum, r) => sum + r.p50Ms, 0) / Math.max(1, slices.length),
    p99Ms: Math.max(0, ...slices.map((r) => r.p99Ms)),
  };
}

/** Rounds of one measurement taken apart in time (interleaved with others): the median of each
 * figure, errors summed. */
export function median(rounds: readonly LoadResult[]): LoadResult {
  const middle = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[half] ?? 0)
      : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
  };
  return {
    requests: middle(rounds.map((r) => r.requests)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    seconds: middle(rounds.map((r) => r.seconds)),
    perSecond: middle(rounds.map((r) => r.perSecond)),
    p50Ms: middle(rounds.map((r) => r.p50Ms)),
    p99Ms: middle(rounds.map((r) => r.p99Ms)),
  };
}

/** A POST of a JSON body, as tRPC mutations and REST writes take it. */
export function postJson(url: string, input: unknown): RequestSpec {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  };
}
