import {
  AuthError,
  linkIdentity,
  listIdentities,
  listProviders,
  unlinkIdentity,
} from '@otp-auth/auth';
import {
  identitiesOutput,
  linkIdentityInput,
  linkIdentityOutput,
  messageOutput,
  providersOutput,
  unlinkIdentityInput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import type { Context } from '../context';
import { protectedProcedure, publicProcedure, rateLimitedProtectedProcedure } from '../trpc';

/** Sign-in with other accounts: the providers configured here, and the account's links to them.
 * The browser redirects themselves (start, callback) are server routes, not procedures. */
const bearer = { protect: true, tags: ['sign-in providers'] };

function browserBindingOf(ctx: Context) {
  if (!ctx.browserBinding) {
    throw new AuthError('invalid_input', 'Linking needs a browser: this adapter sets no cookie.');
  }
  return ctx.browserBinding;
}

export const oidcRouter = {
  providers: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/oidc/providers/',
        tags: ['sign-in providers'],
        summary: 'The providers people can sign in with ("Continue with …")',
      },
    })
    .output(providersOutput)
    .query(({ ctx }) => listProviders(ctx.auth)),

  identities: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/api/oidc/identities/',
        ...bearer,
        summary: 'The providers linked to your account',
      },
    })
    .output(identitiesOutput)
    .query(({ ctx }) => listIdentities(ctx.auth, ctx.user.userId)),

  link: rateLimitedProtectedProcedure('external_sign_in')
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/oidc/link/',
        ...bearer,
        summary:
          "Start linking a provider (re-authentication required): its sign-in page's address, for this browser",
        errorResponses: [403, 404, 409, 502],
      },
    })
    .input(linkIdentityInput)
    .output(linkIdentityOutput)
    .mutation(({ ctx, input }) =>
      linkIdentity(ctx.auth, ctx.user, input, browserBindingOf(ctx).value()),
    ),

  unlink: rateLimitedProtectedProcedure('external_sign_in')
    .meta({
      openapi: {
        method: 'POST',
        path: '/api/oidc/unlink/',
        ...bearer,
        summary:
          'Remove a linked provider (re-authentication required; never the last sign-in method)',
        errorResponses: [403, 404],
      },
    })
    .input(unlinkIdentityInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => unlinkIdentity(ctx.auth, ctx.user, input, ctx.meta)),
} satisfies TRPCRouterRecord;
