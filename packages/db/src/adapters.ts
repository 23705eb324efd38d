// Prisma driver adapters with executeScript (used only to run migration scripts) fixed, so a
// script runs as Prisma's native engine runs it: the whole file in one simple query, which
// PostgreSQL executes as one implicit transaction.
//  - @prisma/adapter-pg 7.10 splits the script on every ';' (breaking function bodies and string
//    literals) and runs the pieces one by one, leaving half a migration behind on failure.
//  - pglite-prisma-adapter 0.7.2 does not await exec(): a failing script is recorded as applied
//    and its error escapes as an unhandled rejection.
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { createStatementNames } from './statement-names';

export function withWholeScript(
  adapter: SqlDriverAdapter,
  run: (script: string) => Promise<unknown>,
): SqlDriverAdapter {
  // Both adapters' onError turns a database error into the DriverAdapterError Prisma expects.
  const { onError } = adapter as unknown as { onError?: (err: unknown) => never };
  adapter.executeScript = async (script) => {
    try {
      await run(script);
    } catch (err) {
      if (onError) onError.call(adapter, err);
      throw err;
    }
  };
  return adapter;
}

export function pgAdapterFactory(
  pool: pg.Pool,
  options: { preparedStatements?: boolean } = {},
): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(
    pool,
    (options.preparedStatements ?? true)
      ? { statementNameGenerator: createStatementNames() }
      : undefined,
  );
  // A query without parameters goes over the simple protocol, which allows many statements.
  const fix = (adapter: Awaited<ReturnType<PrismaPg['connect']>>) =>
    withWholeScript(adapter, (s) => adapter.underlyingDriver().query(s));
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => fix(await main.connect()),
    connectToShadowDb: async () => fix(await main.connectToShadowDb()),
  };
}
