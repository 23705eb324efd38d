import { startServer } from './app';
import { loadConfig } from './config';
import { parseEnv } from './env';

const config = await loadConfig(parseEnv());
const app = await startServer(config);

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
