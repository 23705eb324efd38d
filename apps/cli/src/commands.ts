import { needsSecondStep, type AuthClient } from '@otp-auth/client';
import { admin } from './admin-commands';
import type { CliOptions } from './options';
import { passkeyCommands } from './passkey-commands';
import { secondFactor, stepUp, twoFactorCommands } from './two-factor-commands';
import { UsageError, type CommandIo } from './usage-error';

type Command = (client: AuthClient, options: CliOptions, io: CommandIo) => Promise<void>;

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}

export const commands: Record<string, Command> = {
  async register(client, options, io) {
    const result = await client.register({
      email: required(options.email, 'email'),
      username: required(options.username, 'username'),
      phone_number: required(options.phone, 'phone'),
      password: await io.password(),
    });
    io.print(result.message);
  },

  async verify(client, options, io) {
    const result = await client.verifyOtp({
      email: required(options.email, 'email'),
      otp: required(options.code, 'code'),
    });
    io.print(result.message);
  },

  async resend(client, options, io) {
    io.print((await client.resendOtp({ email: required(options.email, 'email') })).message);
  },

  /** With two-factor on, both steps run in one go: the code comes with --code or
   * --recovery-code (asked for before the password is spent on a first step). */
  async login(client, options, io) {
    const email = required(options.email, 'email');
    const first = await client.login({ email, password: await io.password() });
    if (needsSecondStep(first)) {
      if (!options.code && !options.recoveryCode) {
        throw new UsageError(
          'two-factor sign-in is on for this account: add --code <code from your app> or --recovery-code <code>',
        );
      }
      await client.loginSecondStep({ mfa_token: first.mfa_token, ...secondFactor(options) });
    }
    io.print(`Logged in as ${email}.`);
  },

  async whoami(client, _options, io) {
    io.print(JSON.stringify(await client.profile(), null, 2));
  },

  async logout(client, _options, io) {
    io.print((await client.logout()).message);
  },

  async forgot(client, options, io) {
    io.print((await client.forgotPassword({ email: required(options.email, 'email') })).message);
  },

  async reset(client, options, io) {
    const password = await io.password();
    const result = await client.resetPassword({
      email: required(options.email, 'email'),
      otp: required(options.code, 'code'),
      new_password: password,
      confirm_password: password,
    });
    io.print(result.message);
  },

  /** The providers that sign in to this account, and whether it has a password. */
  async identities(client, _options, io) {
    const { has_password, identities } = await client.identities();
    io.print(`Password: ${has_password ? 'set' : 'none (set one with forgot and reset)'}`);
    if (identities.length === 0) io.print('No linked providers.');
    for (const identity of identities) {
      const email = identity.email ?? 'no address';
      io.print(
        `${identity.provider_name} (${identity.provider}): ${email}, linked ${identity.linked_at.slice(0, 10)}`,
      );
    }
  },

  async delete(client, options, io) {
    const factor = stepUp(options);
    io.print((await client.deleteAccount({ password: await io.password(), ...factor })).message);
  },

  ...twoFactorCommands,
  ...passkeyCommands,
  admin,
};
