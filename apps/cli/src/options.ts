import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adminUsage } from './admin-usage';

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
  passkeys                                    the account's passkeys, with their ids
  passkey-delete --id ID                      remove a passkey (password on stdin)
  logout                                      end the session and delete the tokens
  2fa-status                                  is two-factor on; recovery codes left
  2fa-setup                                   start authenticator-app setup (password on stdin)
  2fa-confirm --code C                        turn two-factor on; prints recovery codes
  2fa-recovery-codes --code C | --recovery-code R
                                              a new set of recovery codes (password on stdin)
  2fa-disable --code C | --recovery-code R    turn two-factor off (password on stdin)
  forgot --email E                            mail a password reset code
  reset --email E --code 123456               set a new password (on stdin) with that code;
                                              every session ends
  delete [--code C | --recovery-code R]       delete the logged-in account (password on stdin;
                                              the code is needed when two-factor is on)

Admin commands (an account with the admin role, logged in):
${adminUsage}

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
  /** What follows the command: `admin disable <id>` → ['disable', '<id>']. */
  args: string[];
  search: string | undefined;
  state: string | undefined;
  sort: string | undefined;
  order: string | undefined;
  limit: number | undefined;
  cursor: string | undefined;
  session: string | undefined;
  user: string | undefined;
  type: string | undefined;
  ip: string | undefined;
  from: string | undefined;
  to: string | undefined;
  jsonl: boolean;
  target: string | undefined;
  events: string | undefined;
  description: string | undefined;
  id: string | undefined;
  delivery: string | undefined;
  status: string | undefined;
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
      search: { type: 'string' },
      state: { type: 'string' },
      sort: { type: 'string' },
      order: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      session: { type: 'string' },
      user: { type: 'string' },
      type: { type: 'string' },
      ip: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      jsonl: { type: 'boolean' },
      target: { type: 'string' },
      events: { type: 'string' },
      description: { type: 'string' },
      id: { type: 'string' },
      delivery: { type: 'string' },
      status: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  // Only `admin` takes arguments after the command (`admin disable <id>`).
  if (command !== 'admin' && args.length > 0) throw new Error(`unexpected argument: ${args[0]}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !Number.isInteger(limit)) throw new Error('--limit takes a number');
  const configHome = env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return {
    command,
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
    args,
    search: values.search,
    state: values.state,
    sort: values.sort,
    order: values.order,
    limit,
    cursor: values.cursor,
    session: values.session,
    user: values.user,
    type: values.type,
    ip: values.ip,
    from: values.from,
    to: values.to,
    jsonl: values.jsonl ?? false,
    target: values.target,
    events: values.events,
    description: values.description,
    id: values.id,
    delivery: values.delivery,
    status: values.status,
    help: values.help ?? false,
  };
}
