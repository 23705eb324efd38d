import { createAuthClient } from '@otp-auth/client';
import { fileStorage } from '@otp-auth/client/node';
import { commands } from './commands';
import { parseOptions, usage } from './options';
import { describeFailure } from './report';
import { UsageError, type CommandIo } from './usage-error';

export interface CliEnvironment {
  argv: string[];
  env: NodeJS.ProcessEnv;
  readStdin: () => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs one command; resolves to the exit code (0 done, 1 refused by the service, 2 misuse). */
export async function run({ argv, env, readStdin, out, err }: CliEnvironment): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, env);
  } catch (error) {
    err(`error: ${(error as Error).message}`);
    err(usage);
    return 2;
  }
  const command = options.command ? commands[options.command] : undefined;
  if (options.help || !command) {
    if (options.command && !command) err(`error: unknown command: ${options.command}`);
    (options.help ? out : err)(usage);
    return options.help ? 0 : 2;
  }
  const client = createAuthClient({
    url: options.url,
    storage: fileStorage(options.tokenFile),
    onSessionEnd: () => err('The session has ended: log in again.'),
  });
  const io: CommandIo = {
    async password() {
      const password = env.OTP_AUTH_PASSWORD ?? (await readStdin()).replace(/\r?\n$/, '');
      if (!password) throw new UsageError('no password: pipe it to standard input');
      return password;
    },
    print: out,
  };
  try {
    await command(client, options, io);
    return 0;
  } catch (error) {
    for (const line of describeFailure(error)) err(line);
    return error instanceof UsageError ? 2 : 1;
  }
}
