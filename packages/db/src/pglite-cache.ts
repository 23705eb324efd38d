// PGlite data dirs dumped once and cached on disk. A new in-memory PGlite runs initdb (3-6 s
// here); one started from a dump takes under a second. 'empty' serves shadow databases,
// 'migrated' serves test databases.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from './apply';
import { committedMigrations } from './migration-files';
import { createPGlite } from './pglite';

export type PGliteImage = 'empty' | 'migrated';

const cacheDir = fileURLToPath(new URL('../node_modules/.cache/pglite/', import.meta.url));
const images = new Map<PGliteImage, Promise<Blob>>();

/** A dumpDataDir() tarball to pass as PGlite's `loadDataDir`. */
export function pgliteImage(image: PGliteImage): Promise<Blob> {
  let blob = images.get(image);
  if (!blob) {
    blob = loadOrBuild(image);
    blob.catch(() => images.delete(image)); // let a later caller retry
    images.set(image, blob);
  }
  return blob;
}

async function loadOrBuild(image: PGliteImage): Promise<Blob> {
  const file = join(cacheDir, `${image}-${await cacheKey(image)}.tar`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);

  // 'migrated' starts from 'empty', so a cold cache pays for initdb only once.
  const pglite = await createPGlite(
    image === 'migrated' ? { loadDataDir: await pgliteImage('empty') } : {},
  );
  try {
    if (image === 'migrated') await applyMigrations({ pglite });
    const bytes = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    await mkdir(cacheDir, { recursive: true });
    for (const old of await readdir(cacheDir)) {
      if (old.startsWith(`${image}-`) && old.endsWith('.tar'))
        await rm(join(cacheDir, old), { force: true });
    }
    // Write then rename, so a parallel test worker never reads a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return new Blob([bytes]);
  } finally {
    await pglite.close();
  }
}

/** Changes with PGlite's version and, for 'migrated', the engine and the migrations. */
async function cacheKey(image: PGliteImage): Promise<string> {
  const require = createRequire(import.meta.url);
  const versionOf = async (pkgDir: string) =>
    (JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { version: string })
      .version;
  const hash = createHash('sha256');
  hash.update(await versionOf(join(dirname(require.resolve('@electric-sql/pglite')), '..')));
  if (image === 'migrated') {
    hash.update(
      await versionOf(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))),
    );
    hash.update(JSON.stringify(await committedMigrations()));
  }
  return hash.digest('hex').slice(0, 16);
}
