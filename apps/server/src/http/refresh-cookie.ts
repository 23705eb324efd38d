import { BROWSER_HEADER, type RefreshCookie } from '@otp-auth/api';
import type { FastifyReply, FastifyRequest } from 'fastify';

const REFRESH_COOKIE_NAME = 'otp_auth_refresh';
/** On an HTTPS origin: only a Secure cookie of this host, Path=/, can bear the name, so no
 * subdomain or plain-HTTP page can plant or shadow it (RFC 6265bis "__Host-"). */
const HOST_REFRESH_COOKIE_NAME = `__Host-${REFRESH_COOKIE_NAME}`;

export interface RefreshCookieOptions {
  /** Adds `Secure` (production): the cookie never travels over plain HTTP. */
  secure: boolean;
  maxAgeSeconds: number;
  /** The app's origin is HTTPS (PUBLIC_URL says so): the `__Host-` cookie, even when TLS ends
   * at a proxy in front of us. A request that itself arrives over TLS gets it too. */
  httpsOrigin: boolean;
}

/** The refresh token as an httpOnly, SameSite=Strict cookie: page scripts never see it and
 * other sites' pages never send it (@fastify/cookie reads and writes it). Over HTTP it is scoped
 * to /trpc; on an HTTPS origin it is `__Host-otp_auth_refresh`, Secure, Path=/ (the prefix
 * demands that path). */
export function refreshCookieFor(
  request: FastifyRequest,
  reply: FastifyReply,
  options: RefreshCookieOptions,
): RefreshCookie {
  const https = options.httpsOrigin || request.protocol === 'https';
  const name = https ? HOST_REFRESH_COOKIE_NAME : REFRESH_COOKIE_NAME;
  const write = (value: string, maxAge: number): void => {
    reply.setCookie(name, value, {
      maxAge,
      path: https ? '/' : '/trpc',
      httpOnly: true,
      sameSite: 'strict',
      secure: https || options.secure,
    });
  };
  const header = request.headers[BROWSER_HEADER];
  return {
    value: request.cookies[name] || undefined,
    fromOwnScript: typeof header === 'string' && header.length > 0,
    set: (token) => write(token, options.maxAgeSeconds),
    clear: () => write('', 0),
  };
}
