import type { ApiDeps } from '@otp-auth/api';
import {
  domainErrorOf,
  finishExternalSignIn,
  startExternalSignIn,
  type ExternalSignInResult,
} from '@otp-auth/auth';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { browserBindingFor, browserBindingOf, EXTERNAL_SIGN_IN_PREFIX } from './browser-binding';
import { refreshCookieFor, type RefreshCookieOptions } from './refresh-cookie';

interface ProviderParams {
  provider: string;
}

/** The browser's way through a sign-in at a provider: `GET /api/oidc/<id>/start` sends it to
 * the provider, `GET /api/oidc/<id>/callback` takes it back into the app — signed in (the
 * refresh cookie, as `browser.login` sets it), at the second step with an `mfa_token`, or on a
 * page that says in words what went wrong (`?external_error=<code>`). Never a 500, never the
 * provider's own words: those go to the log. */
export const externalSignInPlugin: FastifyPluginCallback<{
  deps: ApiDeps;
  cookie: RefreshCookieOptions;
  /** The app's origin, where every redirect of ours lands. */
  publicUrl: () => string;
}> = (app, { deps, cookie, publicUrl }, done) => {
  const land = (reply: FastifyReply, path: string) =>
    reply.header('cache-control', 'no-store').redirect(`${publicUrl()}${path}`, 302);
  const landOnError = (reply: FastifyReply, page: '/login' | '/account', code: string) =>
    land(reply, `${page}?external_error=${encodeURIComponent(code)}`);

  /** Anything thrown (a rate limit, the database away, a bug) still lands on a page. */
  function failure(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    const domain = domainErrorOf(error);
    if (!domain) request.log.error({ err: error }, 'external sign-in failed');
    return landOnError(reply, '/login', domain?.code ?? 'internal_error');
  }

  const limit = (request: FastifyRequest) =>
    deps.rateLimiter?.consume('external_sign_in', { ip: request.clientIp });

  app.get<{ Params: ProviderParams; Querystring: { return_to?: unknown } }>(
    `${EXTERNAL_SIGN_IN_PREFIX}/:provider/start`,
    async (request, reply) => {
      try {
        await limit(request);
        const returnTo = request.query.return_to;
        const url = await startExternalSignIn(deps.auth, {
          provider: request.params.provider,
          returnTo: typeof returnTo === 'string' ? returnTo : undefined,
          browser: browserBindingFor(request, reply, cookie).value(),
        });
        return await reply.header('cache-control', 'no-store').redirect(url.href, 302);
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  );

  app.get<{ Params: ProviderParams }>(
    `${EXTERNAL_SIGN_IN_PREFIX}/:provider/callback`,
    async (request, reply) => {
      let result: ExternalSignInResult;
      try {
        await limit(request);
        result = await finishExternalSignIn(
          deps.auth,
          {
            provider: request.params.provider,
            query: new URL(request.url, 'http://callback.invalid').searchParams,
            browser: browserBindingOf(request),
          },
          { ip: request.clientIp, userAgent: request.headers['user-agent'], requestId: request.id },
        );
      } catch (error) {
        return failure(request, reply, error);
      }
      switch (result.kind) {
        case 'session':
          refreshCookieFor(request, reply, cookie).set(result.tokens.refresh);
          return land(reply, result.returnTo);
        case 'second_factor':
          // In the fragment: never sent to a server, and the page drops it from the address.
          return land(
            reply,
            `/login/2fa?next=${encodeURIComponent(result.returnTo)}#mfa_token=${result.mfaToken}`,
          );
        case 'linked':
          return land(reply, `${result.returnTo}?external_linked=${request.params.provider}`);
        case 'failed':
          request.log.warn(
            { code: result.code, provider: request.params.provider, err: result.cause },
            'external sign-in refused',
          );
          return landOnError(reply, result.mode === 'link' ? '/account' : '/login', result.code);
      }
    },
  );
  done();
};
