import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const usage = `Usage: otp-auth <command> [options]

Commands:
  register --email E --username U --phone P   create an account (password on stdin)
  verify --email E --code 123456              activate it with the mailed code
  resend --email E                            mail a new code
  login --email E [--code C | --recovery-code R]
                                              log in (password on stdin); keeps the tokens;
                                              the code is needed when two-factor is on
  whoami                                      print the profile of the logged-in user
  identities                                  the providers linked to the account
  logout                                      end the session and delete the tokens
  2fa-status                                  is two-factor on; recovery codes left
  2fa-setup                                   start authenticator-app setup (password on stdin)
  2fa-confirm --code C                        turn two-factor on; prints recovery codes
  2fa-recovery-codes                          a new set of recovery codes (password on stdin)
  2fa-disable --code C | --recovery-code R    turn two-factor off (password on stdin)
  forgot --email E                            mail a password reset code
  reset --email E --code 123456               set a new password (on stdin) with that code;
                                              every session ends
  delete                                      delete the logged-in account (password on stdin)

Options:
  --url URL          the service (env OTP_AUTH_URL; default http://127.0.0.1:8000)
  --token-file PATH  where tokens are kept, mode 0600 (env OTP_AUTH_TOKEN_FILE;
                     default $XDG_CONFIG_HOME/otp-auth/tokens.json)

The password is read from standard input (echo it or pipe it in), or from OTP_AUTH_PASSWORD.`;

export interface CliOptions {
  command: string | undefined;
  url: string;
  tokenFile: string;
  email: string | undefined;
  username: string | undefined;
  phone: string | undefined;
  code: string | undefined;
  recoveryCode: string | undefined;
  help: boolean;
}

/** Reads the command line, falling back to the environment (a CLI may read it directly). */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'token-file': { type: 'string' },
      email: { type: 'string' },
      username: { type: 'string' },
      phone: { type: 'string' },
      code: { type: 'string' },
      'recovery-code': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 1) throw new Error(`unexpected argument: ${positionals[1] ?? ''}`);
  const configHome = env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return {
    command: positionals[0],
    url: values.url ?? env.OTP_AUTH_URL ?? 'http://127.0.0.1:8000',
    tokenFile:
      values['token-file'] ??
      env.OTP_AUTH_TOKEN_FILE ??
      join(configHome, 'otp-auth', 'tokens.json'),
    email: values.email,
    username: values.username,
    phone: values.phone,
    code: values.code,
    recoveryCode: values['recovery-code'],
    help: values.help ?? false,
  };
}
