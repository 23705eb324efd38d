import type { AuthContext, RequestMeta } from '@otp-auth/auth';
import type { BrowserBinding, RefreshCookie } from './browser-cookie';

/** The operations an attacker would script: each is limited per client IP and per account. */
export const rateLimitedActions = [
  'register',
  'login',
  'verify',
  'resend',
  'refresh',
  'change_password',
  'forgot_password',
  'reset_password',
  'change_email',
  'delete_account',
  'two_factor',
  'external_sign_in',
  'passkey',
] as const;

export type RateLimitedAction = (typeof rateLimitedActions)[number];

export interface RateLimitKeys {
  ip?: string | undefined;
  /** The account the request aims at: a normalised email, or a user id when signed in. */
  account?: string | undefined;
}

/** A sign-in attempt, counted before it is evaluated (so that parallel guesses cannot all pass
 * the check together) and taken back when it was no failed guess. */
export interface SignInAttempt {
  forgive(): Promise<void>;
}

/** Counts attempts; throws `AuthError('rate_limited', …, { retryAfter })` when over. The port
 * lives here, with the context that carries it; the server supplies the store. */
export interface RateLimiter {
  /** Counts one attempt at `action`, per IP and per account. */
  consume(action: RateLimitedAction, keys: RateLimitKeys): Promise<void>;
  /** Counts one sign-in (password or second step, ADR 121): per IP; per account and IP, with a
   * hard limit; per account, where failures past a threshold slow every attempt down instead
   * of refusing it, so that nobody can lock an owner out from another address. */
  beginSignIn(keys: RateLimitKeys): Promise<SignInAttempt>;
}

export interface ApiDeps {
  /** The domain's dependencies, handed to every use case a procedure calls. */
  auth: AuthContext;
  /** Counts attempts per IP and account; absent means unlimited (e.g. router tests). */
  rateLimiter?: RateLimiter | undefined;
}

/** What the adapter learned from the HTTP request. */
export interface RequestInfo extends RequestMeta {
  /** The bearer token from `Authorization`, if any. */
  accessToken?: string | null | undefined;
  /** The refresh-token cookie, when the adapter supports browser sessions. */
  refreshCookie?: RefreshCookie | undefined;
  /** The sign-in binding cookie, when the adapter can set cookies (linking a provider). */
  browserBinding?: BrowserBinding | undefined;
}

/** The context without HTTP: tests build it directly and call procedures through a caller. */
export function createContextInner(deps: ApiDeps, request: RequestInfo = {}) {
  return {
    auth: deps.auth,
    rateLimiter: deps.rateLimiter ?? null,
    meta: {
      ip: request.ip,
      userAgent: request.userAgent,
      requestId: request.requestId,
    } satisfies RequestMeta,
    accessToken: request.accessToken ?? null,
    refreshCookie: request.refreshCookie ?? null,
    browserBinding: request.browserBinding ?? null,
  };
}

export type Context = ReturnType<typeof createContextInner>;

/** Reads `Authorization: Bearer <token>` (the scheme case-insensitively, as RFC 6750 allows). */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
