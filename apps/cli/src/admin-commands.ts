// `otp-auth admin …`: the admin API from a terminal, for an account with the admin role.
import type { AdminClient, AuthClient, RouterInputs } from '@otp-auth/client';
import { adminUsage } from './admin-usage';
import type { CliOptions } from './options';
import { webhookCommands } from './webhook-commands';
import { UsageError, type CommandIo } from './usage-error';

type AdminCommand = (admin: AdminClient, options: CliOptions, io: CommandIo) => Promise<void>;
type UsersInput = NonNullable<RouterInputs['admin']['users']>;
type AuditInput = NonNullable<RouterInputs['admin']['auditEvents']>;

function userId(options: CliOptions, what: string): string {
  const id = options.args[0];
  if (!id) throw new UsageError(`missing the account's id: otp-auth admin ${what} <user id>`);
  return id;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'never');

/** Only the filters given, so the server's defaults apply to the rest. */
function defined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

const auditFilters = (options: CliOptions): AuditInput =>
  defined({
    user_id: options.user,
    type: options.type as AuditInput['type'],
    ip: options.ip,
    from: options.from,
    to: options.to,
  });

const adminCommands: Record<string, AdminCommand> = {
  /** One page of accounts, and how to ask for the next. */
  async users(admin, options, io) {
    const page = await admin.users(
      defined({
        search: options.search,
        state: options.state as UsersInput['state'],
        sort: options.sort as UsersInput['sort'],
        order: options.order as UsersInput['order'],
        limit: options.limit,
        cursor: options.cursor,
      }),
    );
    for (const user of page.users) {
      io.print(
        `${user.id}  ${user.email}  ${user.username}  ${user.state}${user.role === 'admin' ? ' admin' : ''}  last sign-in ${day(user.last_login_at)}`,
      );
    }
    io.print(`${String(page.users.length)} shown of ${String(page.total)}.`);
    if (page.next_cursor) io.print(`Next page: --cursor ${page.next_cursor}`);
  },

  async user(admin, options, io) {
    io.print(JSON.stringify(await admin.user({ user_id: userId(options, 'user') }), null, 2));
  },

  async disable(admin, options, io) {
    io.print((await admin.disableUser({ user_id: userId(options, 'disable') })).message);
  },

  async enable(admin, options, io) {
    io.print((await admin.enableUser({ user_id: userId(options, 'enable') })).message);
  },

  /** `admin sessions end <id> [--session S]`. */
  async sessions(admin, options, io) {
    const [verb, id] = options.args;
    if (verb !== 'end' || !id) {
      throw new UsageError('usage: otp-auth admin sessions end <user id> [--session <id>]');
    }
    const input = defined({ user_id: id, session_id: options.session });
    io.print((await admin.endSessions(input)).message);
  },

  /** One page, human-readable; with --jsonl, every matching event as JSON lines. */
  async audit(admin, options, io) {
    const filters = auditFilters(options);
    if (options.jsonl) {
      for await (const event of admin.allAuditEvents(filters)) io.print(JSON.stringify(event));
      return;
    }
    const page = await admin.auditEvents(
      defined({ ...filters, limit: options.limit, cursor: options.cursor }),
    );
    for (const event of page.events) {
      const by = event.actor_id ? ` by admin ${event.actor_id}` : '';
      io.print(
        `${event.created_at}  ${event.type}  ${event.user_id ?? '-'}  ${event.ip ?? '-'}${by}`,
      );
    }
    if (page.events.length === 0) io.print('No events.');
    if (page.next_cursor) io.print(`Next page: --cursor ${page.next_cursor}`);
  },
};

/** The `admin` command: its first argument names what to do. */
export async function admin(client: AuthClient, options: CliOptions, io: CommandIo) {
  const [name, ...rest] = options.args;
  if (name === 'webhooks') {
    const webhookCommand = webhookCommands[`admin webhooks ${rest[0] ?? ''}`];
    if (!webhookCommand) {
      throw new UsageError(
        `${rest[0] ? `unknown admin command: webhooks ${rest[0]}` : 'missing a webhooks command'}\n${adminUsage}`,
      );
    }
    await webhookCommand(client, { ...options, args: rest.slice(1) }, io);
    return;
  }
  const command = name ? adminCommands[name] : undefined;
  if (!command) {
    throw new UsageError(
      `${name ? `unknown admin command: ${name}` : 'missing an admin command'}\n${adminUsage}`,
    );
  }
  await command(client.admin, { ...options, args: rest }, io);
}
