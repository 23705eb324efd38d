// Self time of a V8 .cpuprofile, by category (which package or runtime part) and by function.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const categories: [string, RegExp][] = [
  ['idle (waiting for I/O)', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['V8/runtime (program)', /^\(program\)$/],
  ['Prisma client', /@prisma[+/]client|generated\/prisma|@prisma[+/]client-runtime/],
  ['Prisma pg adapter + pg', /@prisma[+/]adapter-pg|\/pg[@/]|pg-protocol|pg-pool|postgres-array/],
  ['PGlite', /@electric-sql/],
  ['pino (logging)', /pino|sonic-boom|thread-stream|fast-redact/],
  ['tRPC', /@trpc/],
  ['trpc-to-openapi', /trpc-to-openapi/],
  ['zod', /\/zod[@/]/],
  ['jsonwebtoken / jws', /jsonwebtoken|\/jws[@/]|\/jwa[@/]|semver|lodash/],
  ['our code', /\/(apps|packages)\/[^/]+\/src\//],
  ['fastify', /\/fastify[@/]|\/@fastify\/|find-my-way|light-my-request|avvio/],
  ['node: fetch Request/Response (undici)', /node:internal\/deps\/undici/],
  ['node: web streams', /node:internal\/webstreams/],
  [
    'node: AbortController/DOMException',
    /node:internal\/(abort_controller|per_context\/domexception)/,
  ],
  ['node: URL', /node:internal\/url/],
  ['node: http + net', /node:(_http|http|net|_stream|stream|internal\/(http|streams|stream_base))/],
  ['node: other', /^node:/],
];

function categoryOf(frame: ProfileNode['callFrame']): string {
  const key = frame.url || frame.functionName;
  for (const [name, pattern] of categories) if (pattern.test(key)) return name;
  if (frame.functionName === 'writev' || frame.functionName === 'writeUtf8String') {
    return 'stdout/socket writes (native)';
  }
  if (!frame.url) return 'other native / builtins';
  return 'other';
}

export function summarizeProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + dt);
  });
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const functionsOf = new Map<string, Map<string, number>>();
  for (const [id, time] of selfByNode) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const category = categoryOf(node.callFrame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + time);
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(apps|packages)\//, '$1/')}:${String(lineNumber + 1)}`
      : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    const inCategory = functionsOf.get(category) ?? new Map<string, number>();
    inCategory.set(name, (inCategory.get(name) ?? 0) + time);
    functionsOf.set(category, inCategory);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  const lines = [
    `main thread, ${(total / 1e6).toFixed(1)} s sampled`,
    '',
    'self time by category:',
  ];
  for (const [name, time] of sorted(byCategory)) {
    lines.push(`  ${pct(time)}  ${name}`);
    const heaviest = sorted(functionsOf.get(name) ?? new Map<string, number>()).slice(0, 3);
    if (heaviest.length > 1) {
      for (const [fn, t] of heaviest) lines.push(`             ${pct(t)}  ${fn}`);
    }
  }
  lines.push('', `top ${String(top)} functions by self time:`);
  for (const [name, time] of sorted(byFunction).slice(0, top))
    lines.push(`  ${pct(time)}  ${name}`);
  return lines.join('\n');
}
