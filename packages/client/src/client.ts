import { createTRPCClient, httpLink, type HTTPLinkOptions, type TRPCClient } from '@trpc/client';
import { adminClient, type AdminClient } from './admin-client.js';
import type { AppRouter } from './app-router.js';
import { ACCESS_TOKEN, authLink } from './auth-link.js';
import { passkeyClient, type PasskeyClient } from './passkey-client.js';
import { localClientError, toClientError } from './errors.js';
import { TokenSession, type SessionEndEvent } from './session.js';
import { memoryStorage, type TokenPair, type TokenStorage } from './storage.js';
import type { RouterInputs, RouterOutputs } from './types.js';

/** A `fetch` implementation: the global one by default. */
export type FetchLike = NonNullable<
  HTTPLinkOptions<AppRouter['_def']['_config']['$types']>['fetch']
>;

export interface AuthClientOptions {
  /** The service's base URL, e.g. `https://auth.example.com` (tRPC is served at `/trpc`). */
  url: string;
  /** Where tokens live: `memoryStorage()` by default; `fileStorage(path)` from `/node` for CLIs. */
  storage?: TokenStorage;
  fetch?: FetchLike;
  /** Called when a refresh is refused: the tokens are already forgotten; log in again. */
  onSessionEnd?: (event: SessionEndEvent) => void;
  /** Refresh this long before the access token expires; default 30 s (capped at a quarter of its life). */
  refreshLeewaySeconds?: number;
}

type In = RouterInputs;
type Out = RouterOutputs;

export interface AuthClient {
  /** Creates a pending account and mails a 6-digit code. */
  register(input: In['auth']['register']): Promise<Out['auth']['register']>;
  /** Activates the account with the mailed code. */
  verifyOtp(input: In['auth']['verifyOtp']): Promise<Out['auth']['verifyOtp']>;
  /** Mails a new code (the old one dies). */
  resendOtp(input: In['auth']['resendOtp']): Promise<Out['auth']['resendOtp']>;
  /**
   * Logs in and keeps the token pair in the storage. For an account with two-factor on, the
   * answer is `{ mfa_required: true, mfa_token }` instead (see `needsSecondStep`) and nothing is
   * kept yet: finish with `loginSecondStep`.
   */
  login(input: In['auth']['login']): Promise<Out['auth']['login']>;
  /** The second sign-in step (a code from the app, a recovery code or a passkey); keeps the pair. */
  loginSecondStep(input: In['twoFactor']['login']): Promise<Out['twoFactor']['login']>;
  /** Whether two-factor is on, and how many recovery codes are left. */
  twoFactorStatus(): Promise<Out['twoFactor']['status']>;
  /** Starts authenticator-app setup: a secret and its `otpauth://` URL, pending until confirmed. */
  setupTotp(input: In['twoFactor']['setupTotp']): Promise<Out['twoFactor']['setupTotp']>;
  /** Confirms setup with a code from the app: two-factor is on; returns the recovery codes. */
  confirmTotp(input: In['twoFactor']['confirmTotp']): Promise<Out['twoFactor']['confirmTotp']>;
  /** A new set of recovery codes; the old set dies. Takes the password and a second factor
   * (`code` or `recovery_code`). */
  regenerateRecoveryCodes(
    input: In['twoFactor']['regenerateRecoveryCodes'],
  ): Promise<Out['twoFactor']['regenerateRecoveryCodes']>;
  /** Turns two-factor off (password and a code or a recovery code). */
  disableTwoFactor(input: In['twoFactor']['disable']): Promise<Out['twoFactor']['disable']>;
  /** Rotates the stored pair now (calls do this by themselves when needed). */
  refresh(): Promise<Out['auth']['refresh']>;
  /** Ends this session on the service and forgets the tokens (forgotten even if the call fails). */
  logout(): Promise<Out['auth']['logout']>;
  /** Ends every session of the user and forgets the tokens. */
  logoutAll(): Promise<Out['auth']['logoutAll']>;
  profile(): Promise<Out['account']['profile']>;
  /** The user's live sessions (created, last used, user agent, IP, which one is this). */
  sessions(): Promise<Out['account']['sessions']>;
  /** Ends one of the user's sessions. */
  revokeSession(input: In['account']['revokeSession']): Promise<Out['account']['revokeSession']>;
  /** Changes the password (other sessions end) and keeps the fresh pair it returns. With
   * two-factor on, also `code` or `recovery_code` (else `second_factor_required`). */
  changePassword(input: In['account']['changePassword']): Promise<Out['account']['changePassword']>;
  /** Mails a password reset code; the same answer whether or not the address has an account. */
  forgotPassword(input: In['auth']['forgotPassword']): Promise<Out['auth']['forgotPassword']>;
  /** Sets a new password with the mailed code. Every session ends, so stored tokens are forgotten. */
  resetPassword(input: In['auth']['resetPassword']): Promise<Out['auth']['resetPassword']>;
  /** Edits username and/or phone number; returns the profile. */
  updateProfile(input: In['account']['updateProfile']): Promise<Out['account']['updateProfile']>;
  /** Mails a code to a new address (password required, and with two-factor on `code` or
   * `recovery_code`); nothing switches until it is confirmed. */
  changeEmail(input: In['account']['changeEmail']): Promise<Out['account']['changeEmail']>;
  /** Switches to the new address with its code; other sessions end, this one stays. */
  confirmEmailChange(
    input: In['account']['confirmEmailChange'],
  ): Promise<Out['account']['confirmEmailChange']>;
  /** Deletes the account (password required) and forgets the tokens. */
  deleteAccount(input: In['account']['deleteAccount']): Promise<Out['account']['deleteAccount']>;
  /** Everything the service holds about the user: profile, sessions, security events. */
  exportData(): Promise<Out['account']['exportData']>;
  /** The providers the service signs in with ("Continue with …"); no login needed. */
  providers(): Promise<Out['oidc']['providers']>;
  /** The providers linked to the user's account, and whether it has a password. */
  identities(): Promise<Out['oidc']['identities']>;
  /**
   * Starts linking a provider (password, or a code when the account has none): the provider's
   * sign-in page to open. The service binds the link to the browser that made this call (a
   * cookie), so it completes only for an app served from the service's own origin.
   */
  linkIdentity(input: In['oidc']['link']): Promise<Out['oidc']['link']>;
  /** Removes a linked provider (password, or a code); never the account's last way to sign in. */
  unlinkIdentity(input: In['oidc']['unlink']): Promise<Out['oidc']['unlink']>;
  /** The user's own security events, newest first, a page at a time ("recent activity"). */
  activity(input?: In['account']['activity']): Promise<Out['account']['activity']>;
  /** Passkeys: adding, signing in (usernameless or as the second step), listing, removing. */
  passkeys: PasskeyClient;
  /** The admin API (accounts, their sessions, the audit log), for accounts with the admin role. */
  admin: AdminClient;
  /** Admins: webhook endpoints, their secrets and delivery logs (see `verifyWebhook`). */
  webhooks: {
    list(): Promise<Out['admin']['webhooks']['list']>;
    /** A new endpoint; its `secret` (`whsec_…`) is in this answer only. */
    create(input: In['admin']['webhooks']['create']): Promise<Out['admin']['webhooks']['create']>;
    get(input: In['admin']['webhooks']['get']): Promise<Out['admin']['webhooks']['get']>;
    /** Edits the URL, event filter or description, or disables and enables the endpoint. */
    update(input: In['admin']['webhooks']['update']): Promise<Out['admin']['webhooks']['update']>;
    delete(input: In['admin']['webhooks']['delete']): Promise<Out['admin']['webhooks']['delete']>;
    /** A new secret, shown once; the previous one still signs until its grace ends. */
    rotateSecret(
      input: In['admin']['webhooks']['rotateSecret'],
    ): Promise<Out['admin']['webhooks']['rotateSecret']>;
    /** The endpoint's delivery log, newest first. */
    deliveries(
      input: In['admin']['webhooks']['deliveries'],
    ): Promise<Out['admin']['webhooks']['deliveries']>;
    /** Sends a delivery's event again (the same `webhook-id`). */
    redeliver(
      input: In['admin']['webhooks']['redeliver'],
    ): Promise<Out['admin']['webhooks']['redeliver']>;
  };
  /** The stored pair, or null when logged out. */
  tokens(): Promise<TokenPair | null>;
  /** Replaces the stored pair, e.g. with tokens obtained elsewhere; null forgets them. */
  setTokens(tokens: TokenPair | null): Promise<void>;
  /**
   * Every procedure of the service, typed from its router, with the same tokens and automatic
   * refresh; rejects with tRPC errors (`toClientError(e)` turns them into the typed union).
   */
  trpc: TRPCClient<AppRouter>;
}

/** What a login answers for an account with two-factor on. */
export type MfaChallenge = Extract<Out['auth']['login'], { mfa_required: true }>;

/** True when a login needs its second step (`loginSecondStep`) before there are tokens. */
export function needsSecondStep(result: Out['auth']['login']): result is MfaChallenge {
  return 'mfa_required' in result;
}

/** A typed client of the otp-auth service that keeps and refreshes its own tokens. */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  const url = `${options.url.replace(/\/+$/, '')}/trpc`;
  const fetch = options.fetch;
  const http = () =>
    httpLink<AppRouter>({
      url,
      ...(fetch ? { fetch } : {}),
      headers: ({ op }) => {
        const token = op.context[ACCESS_TOKEN];
        return typeof token === 'string' ? { authorization: `Bearer ${token}` } : {};
      },
    });
  // Refreshes go straight to the wire: they must not wait on the refresh they are part of.
  const bare = createTRPCClient<AppRouter>({ links: [http()] });
  const session = new TokenSession({
    storage: options.storage ?? memoryStorage(),
    rotate: (refresh) => bare.auth.refresh.mutate({ refresh }),
    onSessionEnd: options.onSessionEnd,
    leewaySeconds: options.refreshLeewaySeconds ?? 30,
    now: () => Date.now(),
  });
  const trpc = createTRPCClient<AppRouter>({ links: [authLink(session), http()] });

  const typed = <T>(call: Promise<T>): Promise<T> =>
    call.catch((error: unknown) => {
      throw toClientError(error);
    });
  const storedTokens = async (): Promise<TokenPair> => {
    const tokens = await session.tokens();
    if (!tokens) throw localClientError('not_authenticated', 'Not logged in.');
    return tokens;
  };
  const keep = async <T extends TokenPair>(call: Promise<T>): Promise<T> => {
    const result = await typed(call);
    await session.save({ access: result.access, refresh: result.refresh });
    return result;
  };

  return {
    register: (input) => typed(trpc.auth.register.mutate(input)),
    verifyOtp: (input) => typed(trpc.auth.verifyOtp.mutate(input)),
    resendOtp: (input) => typed(trpc.auth.resendOtp.mutate(input)),
    async login(input) {
      const result = await typed(trpc.auth.login.mutate(input));
      if (!needsSecondStep(result)) await session.save(result);
      return result;
    },
    loginSecondStep: (input) => keep(trpc.twoFactor.login.mutate(input)),
    twoFactorStatus: () => typed(trpc.twoFactor.status.query()),
    setupTotp: (input) => typed(trpc.twoFactor.setupTotp.mutate(input)),
    confirmTotp: (input) => typed(trpc.twoFactor.confirmTotp.mutate(input)),
    regenerateRecoveryCodes: (input) => typed(trpc.twoFactor.regenerateRecoveryCodes.mutate(input)),
    disableTwoFactor: (input) => typed(trpc.twoFactor.disable.mutate(input)),
    async refresh() {
      await storedTokens();
      const tokens = await typed(session.refresh());
      if (!tokens)
        throw localClientError('not_authenticated', 'The session has ended: log in again.');
      return tokens;
    },
    async logout() {
      const { refresh } = await storedTokens();
      try {
        return await typed(trpc.auth.logout.mutate({ refresh_token: refresh }));
      } finally {
        await session.save(null);
      }
    },
    async logoutAll() {
      const result = await typed(trpc.auth.logoutAll.mutate());
      await session.save(null);
      return result;
    },
    profile: () => typed(trpc.account.profile.query()),
    sessions: () => typed(trpc.account.sessions.query()),
    revokeSession: (input) => typed(trpc.account.revokeSession.mutate(input)),
    changePassword: (input) => keep(trpc.account.changePassword.mutate(input)),
    forgotPassword: (input) => typed(trpc.auth.forgotPassword.mutate(input)),
    async resetPassword(input) {
      const result = await typed(trpc.auth.resetPassword.mutate(input));
      await session.save(null);
      return result;
    },
    updateProfile: (input) => typed(trpc.account.updateProfile.mutate(input)),
    changeEmail: (input) => typed(trpc.account.changeEmail.mutate(input)),
    confirmEmailChange: (input) => typed(trpc.account.confirmEmailChange.mutate(input)),
    async deleteAccount(input) {
      const result = await typed(trpc.account.deleteAccount.mutate(input));
      await session.save(null);
      return result;
    },
    exportData: () => typed(trpc.account.exportData.query()),
    providers: () => typed(trpc.oidc.providers.query()),
    identities: () => typed(trpc.oidc.identities.query()),
    linkIdentity: (input) => typed(trpc.oidc.link.mutate(input)),
    unlinkIdentity: (input) => typed(trpc.oidc.unlink.mutate(input)),
    activity: (input = {}) => typed(trpc.account.activity.query(input)),
    passkeys: passkeyClient(trpc, typed, keep),
    admin: adminClient(trpc, typed),
    webhooks: {
      list: () => typed(trpc.admin.webhooks.list.query()),
      create: (input) => typed(trpc.admin.webhooks.create.mutate(input)),
      get: (input) => typed(trpc.admin.webhooks.get.query(input)),
      update: (input) => typed(trpc.admin.webhooks.update.mutate(input)),
      delete: (input) => typed(trpc.admin.webhooks.delete.mutate(input)),
      rotateSecret: (input) => typed(trpc.admin.webhooks.rotateSecret.mutate(input)),
      deliveries: (input) => typed(trpc.admin.webhooks.deliveries.query(input)),
      redeliver: (input) => typed(trpc.admin.webhooks.redeliver.mutate(input)),
    },
    tokens: () => session.tokens(),
    setTokens: (tokens) => session.save(tokens),
    trpc,
  };
}
