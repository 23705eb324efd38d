import { BROWSER_HEADER, type RefreshCookie } from '@otp-auth/api';
import type { FastifyReply, FastifyRequest } from 'fastify';

const REFRESH_COOKIE_NAME = 'otp_auth_refresh';

export interface RefreshCookieOptions {
  /** Adds `Secure` (production): the cookie never travels over plain HTTP. */
  secure: boolean;
  maxAgeSeconds: number;
}

/** The refresh token as an httpOnly, SameSite=Strict cookie scoped to /trpc: page scripts
 * never see it and other sites' pages never send it (@fastify/cookie reads and writes it). */
export function refreshCookieFor(
  request: FastifyRequest,
  reply: FastifyReply,
  options: RefreshCookieOptions,
): RefreshCookie {
  const write = (value: string, maxAge: number): void => {
    reply.setCookie(REFRESH_COOKIE_NAME, value, {
      maxAge,
      path: '/trpc',
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secure,
    });
  };
  const header = request.headers[BROWSER_HEADER];
  return {
    value: request.cookies[REFRESH_COOKIE_NAME] || undefined,
    fromOwnScript: typeof header === 'string' && header.length > 0,
    set: (token) => write(token, options.maxAgeSeconds),
    clear: () => write('', 0),
  };
}
