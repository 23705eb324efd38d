import type { AuthService, RequestMeta } from '@otp-auth/auth';
import type { RefreshCookie } from './browser-cookie';
import type { RateLimiter } from './rate-limit';

export interface ApiDeps {
  auth: AuthService;
  /** Counts attempts per IP and account; absent means unlimited (e.g. router tests). */
  rateLimiter?: RateLimiter | undefined;
}

/** What the adapter learned from the HTTP request. */
export interface RequestInfo extends RequestMeta {
  /** The bearer token from `Authorization`, if any. */
  accessToken?: string | null | undefined;
  /** The refresh-token cookie, when the adapter supports browser sessions. */
  refreshCookie?: RefreshCookie | undefined;
}

/** The context without HTTP: tests build it directly and call procedures through a caller. */
export function createContextInner(deps: ApiDeps, request: RequestInfo = {}) {
  return {
    auth: deps.auth,
    rateLimiter: deps.rateLimiter ?? null,
    meta: { ip: request.ip, userAgent: request.userAgent } satisfies RequestMeta,
    accessToken: request.accessToken ?? null,
    refreshCookie: request.refreshCookie ?? null,
  };
}

export type Context = ReturnType<typeof createContextInner>;

/** Reads `Authorization: Bearer <token>` (the scheme case-insensitively, as RFC 6750 allows). */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
