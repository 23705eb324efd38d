import { externalSignInErrorCodes, type ExternalSignInErrorCode } from '@otp-auth/validators';
import * as client from 'openid-client';
import type { AuthContext } from '../context';
import type { RequestMeta } from '../request-meta';
import { recordAudit } from '../audit';
import { AuthError } from '../errors';
import { providerFailureCode } from './errors';
import { spendFlow, type FlowMode, type OpenedFlow } from './flow-records';
import { completeLink, completeSignIn, type SignInOutcome } from './linking';
import type { ExternalProfile, ExternalProvider } from './providers';

export type ExternalSignInResult =
  | (SignInOutcome & { returnTo: string })
  | { kind: 'linked'; returnTo: string }
  | {
      kind: 'failed';
      code: ExternalSignInErrorCode;
      /** Where the person was: the sign-in page, or the account page for a link. */
      mode: FlowMode;
      /** For the server's log only: what the provider or the checks said. */
      cause?: unknown;
    };

const failed = (
  code: ExternalSignInErrorCode,
  mode: FlowMode,
  cause?: unknown,
): ExternalSignInResult => ({
  kind: 'failed',
  code,
  mode,
  ...(cause === undefined ? {} : { cause }),
});

/** The provider sent the browser back. The flow its `state` names is spent first (one
 * callback per flow, from the browser that started it); then the code is exchanged with the
 * PKCE verifier, the ID token checked (signature by the issuer's published keys, issuer,
 * audience, nonce, times), and the identity signs in or is linked by the rules of
 * docs/decisions/140. Every refusal is a stable code; nothing the provider said reaches the
 * person. */
export async function finishExternalSignIn(
  ctx: AuthContext,
  input: { provider: string; query: URLSearchParams; browser: string | undefined },
  meta: RequestMeta,
): Promise<ExternalSignInResult> {
  const provider = ctx.oidc.get(input.provider);
  if (!provider) return failed('oidc_provider_unknown', 'sign_in');
  const state = input.query.get('state');
  const flow =
    state && input.browser
      ? await spendFlow(ctx, { provider: provider.id, state, browser: input.browser })
      : null;
  if (!flow) return failed('oidc_state_invalid', 'sign_in');

  let profile: ExternalProfile;
  try {
    profile = await exchange(provider, flow, state ?? '', input.query);
  } catch (error) {
    const code = providerFailureCode(error);
    await recordAudit(
      ctx.prisma,
      {
        type: 'external_sign_in_failure',
        userId: flow.userId,
        detail: { provider: provider.id, reason: code },
      },
      meta,
    );
    return failed(code, flow.mode, error);
  }

  try {
    if (flow.mode === 'link' && flow.userId) {
      await completeLink(ctx, provider, flow.userId, profile, meta);
      return { kind: 'linked', returnTo: flow.returnTo };
    }
    const outcome = await completeSignIn(ctx, provider, profile, meta);
    return { ...outcome, returnTo: flow.returnTo };
  } catch (error) {
    if (error instanceof AuthError && isExternalCode(error.code)) {
      return failed(error.code, flow.mode);
    }
    throw error;
  }
}

async function exchange(
  provider: ExternalProvider,
  flow: OpenedFlow,
  state: string,
  query: URLSearchParams,
): Promise<ExternalProfile> {
  const config = await provider.configuration();
  // The URL the provider redirected to, as registered: openid-client takes `redirect_uri` from it.
  const current = new URL(provider.callbackUrl());
  current.search = query.toString();
  const tokens = await client.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: state,
    ...(flow.nonce === null ? { idTokenExpected: false } : { expectedNonce: flow.nonce }),
  });
  return provider.profile(config, tokens);
}

function isExternalCode(code: string): code is ExternalSignInErrorCode {
  return (externalSignInErrorCodes as readonly string[]).includes(code);
}
