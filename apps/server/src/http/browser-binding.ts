import { randomBytes } from 'node:crypto';
import type { BrowserBinding } from '@otp-auth/api';
import { FLOW_TTL_SECONDS } from '@otp-auth/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';

const BROWSER_BINDING_COOKIE = 'otp_auth_oidc';
export const EXTERNAL_SIGN_IN_PREFIX = '/api/oidc';
const VALUE = /^[A-Za-z0-9_-]{43}$/;

/** The binding value the request's cookie carries, if well formed. */
export function browserBindingOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[BROWSER_BINDING_COOKIE];
  return value !== undefined && VALUE.test(value) ? value : undefined;
}

/** The cookie that ties a sign-in at a provider to this browser: random, httpOnly, sent only to
 * /api/oidc, and `SameSite=Lax` because the provider's redirect back is a cross-site top-level
 * navigation (Strict would withhold it). One value serves every flow the browser has open, so
 * two tabs can sign in at once; each start renews it for the flow's lifetime. */
export function browserBindingFor(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { secure: boolean },
): BrowserBinding {
  let value: string | undefined;
  return {
    value() {
      if (value === undefined) {
        value = browserBindingOf(request) ?? randomBytes(32).toString('base64url');
        reply.setCookie(BROWSER_BINDING_COOKIE, value, {
          maxAge: FLOW_TTL_SECONDS,
          path: EXTERNAL_SIGN_IN_PREFIX,
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secure,
        });
      }
      return value;
    },
  };
}
