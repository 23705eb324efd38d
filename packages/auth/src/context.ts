import type { PrismaClient } from '@otp-auth/db';
import { systemClock, type Clock } from './clock';
import type { AuthConfig } from './config';
import { createSecretBox } from './crypto/secret-box';
import { createHashSlots, type HashSlots } from './hash-slots';
import { createKeyring, type Keyring } from './keys/keyring';
import { createExternalProviders, type ExternalProviders } from './oidc/providers';
import { createSessionCache, type SessionCache } from './session-cache/session-cache';
import type { RequestMeta } from './request-meta';
import { createTokenService, type TokenService } from './tokens';

export interface AuthDeps {
  prisma: PrismaClient;
  config: AuthConfig;
  clock?: Clock;
  /** Called after a transaction that queued mail has committed (wakes the mail worker). */
  onMailQueued?: () => void;
  /** Sign-in providers (OpenID Connect issuers, GitHub); none by default. */
  oidc?: ExternalProviders;
  /** Security events worth an operator's attention (e.g. refresh-token reuse). */
  onSecurityEvent?: (
    event: { type: string; userId?: string; sessionId?: string; reason?: string },
    meta: RequestMeta,
  ) => void;
}

export interface AuthContext {
  prisma: PrismaClient;
  config: AuthConfig;
  clock: Clock;
  keys: Keyring;
  tokens: TokenService;
  /** Verified tokens and live sessions; sessions are trusted only while invalidations flow. */
  cache: SessionCache;
  oidc: ExternalProviders;
  /** The password hashes running and waiting; beyond its bound, a hash is refused (503). */
  hashSlots: HashSlots;
  mailQueued: () => void;
  securityEvent: NonNullable<AuthDeps['onSecurityEvent']>;
}

export function createAuthContext(deps: AuthDeps): AuthContext {
  const clock = deps.clock ?? systemClock;
  const box = createSecretBox(deps.config.otpSecret, 'signing-keys');
  const keys = createKeyring(deps.prisma, box, deps.config, clock);
  const cache = createSessionCache();
  // A key withdrawn (rotation, or a leaked key) takes the tokens it signed out of the cache.
  keys.onChange((kids) => cache.keepOnlyKids(kids));
  return {
    prisma: deps.prisma,
    config: deps.config,
    clock,
    keys,
    tokens: createTokenService(deps.config, clock, keys),
    cache,
    oidc: deps.oidc ?? createExternalProviders([], () => ''),
    hashSlots: createHashSlots(deps.config.hashQueueLimit),
    mailQueued: deps.onMailQueued ?? (() => undefined),
    securityEvent: deps.onSecurityEvent ?? (() => undefined),
  };
}
