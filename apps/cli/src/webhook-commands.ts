import type { AuthClient, RouterOutputs } from '@otp-auth/client';
import type { CliOptions } from './options';
import { UsageError, type CommandIo } from './usage-error';

type Command = (client: AuthClient, options: CliOptions, io: CommandIo) => Promise<void>;
type Endpoint = RouterOutputs['admin']['webhooks']['list']['endpoints'][number];
type DeliveryStatus = NonNullable<Parameters<AuthClient['webhooks']['deliveries']>[0]['status']>;

function id(options: CliOptions): string {
  if (!options.id) throw new UsageError('missing --id (see: otp-auth admin webhooks list)');
  return options.id;
}

function describeEndpoint(endpoint: Endpoint): string {
  const events = endpoint.events.length === 0 ? 'every event' : endpoint.events.join(',');
  const state = endpoint.enabled ? 'enabled' : 'disabled';
  return `${endpoint.id}  ${endpoint.url}  ${state}  ${events}  pending ${String(endpoint.pending)}, failed ${String(endpoint.failed)}`;
}

function printSecret(io: CommandIo, secret: string) {
  io.print(`Secret (shown this once; keep it in the receiver): ${secret}`);
}

/** `otp-auth admin webhooks …`: endpoints, secrets and delivery logs (admins only). */
export const webhookCommands: Record<string, Command> = {
  async 'admin webhooks list'(client, _options, io) {
    const { endpoints } = await client.webhooks.list();
    if (endpoints.length === 0) io.print('No webhook endpoints.');
    for (const endpoint of endpoints) io.print(describeEndpoint(endpoint));
  },

  async 'admin webhooks create'(client, options, io) {
    if (!options.target) throw new UsageError('missing --target (the receiver URL)');
    const events = options.events?.split(',').filter(Boolean) ?? [];
    const created = await client.webhooks.create({
      url: options.target,
      events: events as Endpoint['events'],
      ...(options.description === undefined ? {} : { description: options.description }),
    });
    io.print(describeEndpoint(created.endpoint));
    printSecret(io, created.secret);
  },

  async 'admin webhooks rotate'(client, options, io) {
    const rotated = await client.webhooks.rotateSecret({ id: id(options) });
    const until = rotated.endpoint.previous_secret_expires_at;
    io.print(until ? `The previous secret signs too until ${until}.` : rotated.message);
    printSecret(io, rotated.secret);
  },

  async 'admin webhooks disable'(client, options, io) {
    io.print(describeEndpoint(await client.webhooks.update({ id: id(options), enabled: false })));
  },

  async 'admin webhooks enable'(client, options, io) {
    io.print(describeEndpoint(await client.webhooks.update({ id: id(options), enabled: true })));
  },

  async 'admin webhooks delete'(client, options, io) {
    io.print((await client.webhooks.delete({ id: id(options) })).message);
  },

  async 'admin webhooks deliveries'(client, options, io) {
    const { deliveries } = await client.webhooks.deliveries({
      id: id(options),
      ...(options.status ? { status: options.status as DeliveryStatus } : {}),
    });
    if (deliveries.length === 0) io.print('No deliveries.');
    for (const d of deliveries) {
      const code = d.last_status_code === null ? '' : ` HTTP ${String(d.last_status_code)}`;
      const error = d.last_error === null ? '' : ` (${d.last_error})`;
      io.print(
        `${d.id}  ${d.event_type}  ${d.occurred_at}  ${d.status}, ${String(d.attempts)} attempts${code}${error}`,
      );
    }
  },

  async 'admin webhooks redeliver'(client, options, io) {
    if (!options.delivery) throw new UsageError('missing --delivery (see: … deliveries --id)');
    const result = await client.webhooks.redeliver({
      id: id(options),
      delivery_id: options.delivery,
    });
    io.print(result.message);
  },
};
