import type { ServerConfig } from './config';
import { collectStartupGarbage, useLeanRuntime } from './lean';
import { startServer } from './start';
import { lowerHelperThreadPriority } from './thread-priority';

/** Runs the server until SIGTERM or SIGINT, then closes it (and `alongside`, what runs beside
 * it) and exits. */
export async function serve(config: ServerConfig, alongside?: { close(): Promise<void> }) {
  useLeanRuntime(config.queryCompilerTier);
  const app = await startServer(config);
  collectStartupGarbage();
  app.log.debug({ threads: await lowerHelperThreadPriority() }, 'helper threads at low priority');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app
        .close()
        .then(() => alongside?.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            app.log.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
    });
  }
  return app;
}
