import { loadConfig } from './config';
import { parseEnv } from './env';
import { serve } from './serve';

// A setting that is missing or wrong stops the start with what to fix, not a stack trace.
const config = await loadConfig(parseEnv()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
await serve(config);
