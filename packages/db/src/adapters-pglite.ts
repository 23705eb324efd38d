// The PGlite driver adapter, apart from adapters.ts so that a server on PostgreSQL never loads
// PGlite (its module alone holds ≈ 47 MB). See adapters.ts for what withWholeScript fixes.
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { withWholeScript } from './adapters';

/** `shadow`: the PGlite to use when the engine asks for a shadow database (diffs only). */
export function pgliteAdapterFactory(
  pglite: PGlite,
  shadow?: PGlite,
): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPGlite(pglite);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withWholeScript(await main.connect(), (s) => pglite.exec(s)),
    connectToShadowDb: async () => {
      if (!shadow) throw new Error('no shadow database configured for this PGlite adapter');
      return withWholeScript(await new PrismaPGlite(shadow).connect(), (s) => shadow.exec(s));
    },
  };
}
