import type { IncomingMessage, ServerResponse } from 'node:http';
import { BROWSER_HEADER, type RefreshCookie } from '@otp-auth/api';

export const REFRESH_COOKIE_NAME = 'otp_auth_refresh';

export interface RefreshCookieOptions {
  /** Adds `Secure` (production): the cookie never travels over plain HTTP. */
  secure: boolean;
  maxAgeSeconds: number;
}

/** Reads one cookie from the `Cookie` header (RFC 6265 syntax; values here are JWTs). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The refresh token as an httpOnly, SameSite=Strict cookie scoped to /trpc: page scripts
 * never see it and other sites' pages never send it. */
export function refreshCookieFor(
  req: IncomingMessage,
  res: ServerResponse,
  options: RefreshCookieOptions,
): RefreshCookie {
  const attributes = [
    'Path=/trpc',
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ];
  const write = (value: string, maxAge: number) =>
    res.appendHeader(
      'set-cookie',
      [`${REFRESH_COOKIE_NAME}=${value}`, `Max-Age=${maxAge}`, ...attributes].join('; '),
    );
  const header = req.headers[BROWSER_HEADER];
  return {
    value: readCookie(req.headers.cookie, REFRESH_COOKIE_NAME),
    fromOwnScript: typeof header === 'string' && header.length > 0,
    set: (token) => write(token, options.maxAgeSeconds),
    clear: () => write('', 0),
  };
}
