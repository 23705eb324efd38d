import type { LinkIdentityInput, LinkIdentityOutput } from '@otp-auth/validators';
import * as client from 'openid-client';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { assertReauthenticated } from '../account/reauthenticate';
import type { AuthenticatedUser } from '../sessions/authenticate';
import { providerUnreachable, unknownProvider } from './errors';
import { saveFlow, type FlowMode } from './flow-records';
import type { ExternalProvider } from './providers';
import { safeReturnPath } from './return-path';

/** Records the flow and builds the provider's authorization URL: PKCE S256, `state`, and for
 * OpenID Connect a `nonce`, each fresh random and spent by one callback. */
async function beginFlow(
  ctx: AuthContext,
  provider: ExternalProvider,
  flow: { mode: FlowMode; userId: string | null; browser: string; returnTo: string },
): Promise<URL> {
  let config: client.Configuration;
  try {
    config = await provider.configuration();
  } catch (error) {
    throw Object.assign(providerUnreachable(provider.name), { cause: error });
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = provider.kind === 'oidc' ? client.randomNonce() : null;
  await saveFlow(ctx, { provider: provider.id, ...flow, state, verifier, nonce });
  return client.buildAuthorizationUrl(config, {
    redirect_uri: provider.callbackUrl(),
    scope: provider.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(nonce === null ? {} : { nonce }),
  });
}

function providerOf(ctx: AuthContext, id: string): ExternalProvider {
  const provider = ctx.oidc.get(id);
  if (!provider) throw unknownProvider();
  return provider;
}

/** "Continue with …" on the sign-in page: where to send the browser. `browser` is the value of
 * the cookie that binds the flow to this browser; `returnTo` must be a path of this app. */
export async function startExternalSignIn(
  ctx: AuthContext,
  input: { provider: string; returnTo: string | undefined; browser: string },
): Promise<URL> {
  const provider = providerOf(ctx, input.provider);
  const returnTo = safeReturnPath(input.returnTo);
  if (returnTo === null) {
    throw new AuthError('oidc_return_invalid', 'The return address is not a page of this app.');
  }
  return beginFlow(ctx, provider, {
    mode: 'sign_in',
    userId: null,
    browser: input.browser,
    returnTo,
  });
}

/** Links a provider to the signed-in account: after a re-authentication, a flow bound to this
 * user and this browser; the callback adds the identity and lands on the account page. */
export async function linkIdentity(
  ctx: AuthContext,
  user: AuthenticatedUser,
  input: LinkIdentityInput,
  browser: string,
): Promise<LinkIdentityOutput> {
  const provider = providerOf(ctx, input.provider);
  await assertReauthenticated(ctx, user, input);
  const linked = await ctx.prisma.externalIdentity.count({
    where: { userId: user.userId, provider: provider.id },
  });
  if (linked > 0) {
    throw new AuthError('oidc_already_linked', `A ${provider.name} account is already linked.`);
  }
  const url = await beginFlow(ctx, provider, {
    mode: 'link',
    userId: user.userId,
    browser,
    returnTo: '/account',
  });
  return { authorization_url: url.href };
}
