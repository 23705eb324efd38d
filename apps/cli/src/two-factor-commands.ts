import type { AuthClient } from '@otp-auth/client';
import type { CliOptions } from './options';
import { UsageError, type CommandIo } from './usage-error';

type Command = (client: AuthClient, options: CliOptions, io: CommandIo) => Promise<void>;

/** `--code` or `--recovery-code`, exactly one. */
export function secondFactor(options: CliOptions): { code: string } | { recovery_code: string } {
  if (options.code && options.recoveryCode) {
    throw new UsageError('give --code or --recovery-code, not both');
  }
  if (options.code) return { code: options.code };
  if (options.recoveryCode) return { recovery_code: options.recoveryCode };
  throw new UsageError('missing --code (from your authenticator app) or --recovery-code');
}

/** Step-up: a sensitive change on an account with two-factor on also takes `--code` or
 * `--recovery-code`; an account without it takes neither. */
export function stepUp(options: CliOptions): { code?: string; recovery_code?: string } {
  return options.code || options.recoveryCode ? secondFactor(options) : {};
}

const printCodes = (io: CommandIo, codes: string[]) => {
  io.print(
    'Recovery codes (each works once; store them somewhere safe, they are not shown again):',
  );
  for (const code of codes) io.print(`  ${code}`);
};

export const twoFactorCommands: Record<string, Command> = {
  async '2fa-status'(client, _options, io) {
    const status = await client.twoFactorStatus();
    io.print(
      status.enabled
        ? `Two-factor sign-in is on; ${status.recovery_codes_left} recovery codes left.`
        : 'Two-factor sign-in is off.',
    );
  },

  async '2fa-setup'(client, _options, io) {
    const { secret, otpauth_url } = await client.setupTotp({ password: await io.password() });
    io.print(`Secret (enter it in your authenticator app): ${secret}`);
    io.print(`otpauth URL: ${otpauth_url}`);
    io.print('Then confirm with: otp-auth 2fa-confirm --code <code from the app>');
  },

  async '2fa-confirm'(client, options, io) {
    if (!options.code) throw new UsageError('missing --code');
    const { recovery_codes } = await client.confirmTotp({ code: options.code });
    io.print('Two-factor sign-in is on. Your other sessions were signed out.');
    printCodes(io, recovery_codes);
  },

  async '2fa-recovery-codes'(client, options, io) {
    const factor = secondFactor(options);
    const { recovery_codes } = await client.regenerateRecoveryCodes({
      password: await io.password(),
      ...factor,
    });
    printCodes(io, recovery_codes);
  },

  async '2fa-disable'(client, options, io) {
    const factor = secondFactor(options);
    const result = await client.disableTwoFactor({ password: await io.password(), ...factor });
    io.print(result.message);
  },
};
