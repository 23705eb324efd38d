import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from './app-router.js';
import type { RouterInputs, RouterOutputs } from './types.js';

type In = RouterInputs['passkeys'];
type Out = RouterOutputs['passkeys'];

/** Passkeys: the options and answers of each ceremony (the browser's part is this package's
 * `passkeys` entry), and the account's list. */
export interface PasskeyClient {
  list(): Promise<Out['list']>;
  /** Options for adding a passkey (password, or a code when the account has none). */
  registrationOptions(input: In['registrationOptions']): Promise<Out['registrationOptions']>;
  /** Stores the passkey the browser made for those options. */
  register(input: In['register']): Promise<Out['register']>;
  rename(input: In['rename']): Promise<Out['rename']>;
  /** Removes one (password, or a code); never the account's last way to sign in. */
  remove(input: In['remove']): Promise<Out['remove']>;
  /** Options for a usernameless sign-in. */
  signInOptions(): Promise<Out['signInOptions']>;
  /** Signs in with the browser's answer and keeps the token pair: no second step follows. */
  signIn(input: In['signIn']): Promise<Out['signIn']>;
  /** Options for answering a sign-in's second step with a passkey (`loginSecondStep` with
   * `passkey` then). */
  secondStepOptions(input: In['secondStepOptions']): Promise<Out['secondStepOptions']>;
}

export function passkeyClient(
  trpc: TRPCClient<AppRouter>,
  typed: <T>(call: Promise<T>) => Promise<T>,
  keep: <T extends { access: string; refresh: string }>(call: Promise<T>) => Promise<T>,
): PasskeyClient {
  const p = trpc.passkeys;
  return {
    list: () => typed(p.list.query()),
    registrationOptions: (input) => typed(p.registrationOptions.mutate(input)),
    register: (input) => typed(p.register.mutate(input)),
    rename: (input) => typed(p.rename.mutate(input)),
    remove: (input) => typed(p.remove.mutate(input)),
    signInOptions: () => typed(p.signInOptions.mutate()),
    signIn: (input) => keep(p.signIn.mutate(input)),
    secondStepOptions: (input) => typed(p.secondStepOptions.mutate(input)),
  };
}
