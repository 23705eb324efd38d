import type { AuthClient } from '@otp-auth/client';
import type { CliOptions } from './options';
import { UsageError, type CommandIo } from './usage-error';

type Command = (client: AuthClient, options: CliOptions, io: CommandIo) => Promise<void>;

/** Passkeys are made in a browser (the app's account page); here they are listed and removed. */
export const passkeyCommands: Record<string, Command> = {
  async passkeys(client, _options, io) {
    const { passkeys } = await client.passkeys.list();
    if (passkeys.length === 0) io.print('No passkeys. Add one on the account page of the app.');
    for (const passkey of passkeys) {
      const kind = passkey.synced ? 'synced' : 'this device only';
      const used = passkey.last_used_at?.slice(0, 10) ?? 'never';
      io.print(
        `${passkey.id}  ${passkey.name} (${kind}; added ${passkey.created_at.slice(0, 10)}, last used ${used})`,
      );
    }
  },

  async 'passkey-delete'(client, options, io) {
    if (!options.id) throw new UsageError('missing --id (see: otp-auth passkeys)');
    const result = await client.passkeys.remove({ id: options.id, password: await io.password() });
    io.print(result.message);
  },
};
