import { loadConfig } from './config';
import { parseEnv } from './env';
import { collectStartupGarbage, useLeanRuntime } from './lean';
import { startServer } from './start';
import { lowerHelperThreadPriority } from './thread-priority';

// A setting that is missing or wrong stops the start with what to fix, not a stack trace.
const config = await loadConfig(parseEnv()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
useLeanRuntime(config.queryCompilerTier);
const app = await startServer(config);
collectStartupGarbage();
app.log.debug({ threads: await lowerHelperThreadPriority() }, 'helper threads at low priority');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
