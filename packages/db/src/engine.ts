// Loads Prisma's WASM schema engine without `--experimental-wasm-modules`: the package's entry
// does `import * as wasm from './x.wasm'`, which Node 20 rejects, so we instantiate the bytes
// ourselves against the package's own JS glue (its `schema_engine_bg` export).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { wasm } from './wasm';

export type { SchemaEngine };

// The engine arms timeouts (e.g. 10 s for its advisory lock) and never clears them, which kept
// every CLI alive 10 s after its work. We track them and unref the leftovers once a call is done.
const timers = new Set<ReturnType<typeof setTimeout>>();
function trackedSetTimeout(fn: () => void, ms: number) {
  const t = setTimeout(() => {
    timers.delete(t);
    fn();
  }, ms >>> 0);
  timers.add(t);
  return t;
}

// Loaded on demand and released once no call uses it: the engine's WebAssembly memory is tens
// of megabytes a server needs only while it migrates at start-up.
let loaded: Promise<typeof glue.SchemaEngine> | undefined;
let memory: { grow(pages: number): number } | undefined;
let users = 0;

function release(): void {
  // Timeouts the freed engine armed would call into the memory about to go.
  for (const t of timers) clearTimeout(t);
  timers.clear();
  loaded = undefined;
  // Growing by nothing detaches the memory's buffer, so the views the glue caches on it are
  // rebuilt on the next load instead of reading the old instance's bytes.
  memory?.grow(0);
  memory = undefined;
  // The glue keeps the instance's exports (and so its memory) until told otherwise.
  (glue.__wbg_set_wasm as (exports: unknown) => void)(undefined);
}

function loadEngine(): Promise<typeof glue.SchemaEngine> {
  loaded ??= (async () => {
    const entry = createRequire(import.meta.url).resolve(
      '@prisma/schema-engine-wasm/schema_engine_bg',
    );
    const bytes = await readFile(join(dirname(entry), 'schema_engine_bg.wasm'));
    const imports: Record<string, unknown> = { ...glue };
    for (const key of Object.keys(imports)) {
      if (key.startsWith('__wbg_setTimeout_')) imports[key] = trackedSetTimeout;
    }
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    memory = instance.exports.memory as typeof memory;
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue.SchemaEngine;
  })();
  return loaded;
}

export interface EngineOptions {
  log?: (msg: string) => void;
}

/** Runs `fn` with a fresh engine over `adapter`, then frees it. */
export async function withSchemaEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  options: EngineOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  users += 1;
  try {
    const Engine = await loadEngine();
    const engine = await Engine.new(
      { datamodels: undefined },
      engineLogger(options.log),
      bindMigrationAwareSqlAdapterFactory(adapter),
    );
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    users -= 1;
    if (users === 0) release();
    else for (const t of timers) t.unref();
  }
}

// The engine logs JSON lines (tracing); pass on warnings and errors, not its chatter.
function engineLogger(log: ((msg: string) => void) | undefined) {
  return (line: string) => {
    if (!log) return;
    try {
      const { level, fields } = JSON.parse(line) as {
        level?: string;
        fields?: { message?: string };
      };
      if (level === 'WARN' || level === 'ERROR')
        log(`schema engine ${level}: ${fields?.message ?? line}`);
    } catch {
      log(`schema engine: ${line}`);
    }
  };
}
