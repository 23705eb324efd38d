import {
  listPasskeys,
  passkeyRegistrationOptions,
  passkeySecondStepOptions,
  passkeySignInOptions,
  passkeyStepUpOptions,
  registerPasskey,
  removePasskey,
  renamePasskey,
  signInWithPasskey,
} from '@otp-auth/auth';
import {
  authenticationOptionsOutput,
  messageOutput,
  passkeyRegisterInput,
  passkeyRegistrationOptionsInput,
  passkeyRemoveInput,
  passkeyRenameInput,
  passkeyResultOutput,
  passkeySecondStepOptionsInput,
  passkeySignInInput,
  passkeysOutput,
  registrationOptionsOutput,
  tokenPairOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  mfaLoginProcedure,
  protectedProcedure,
  rateLimitedProcedure,
  rateLimitedProtectedProcedure,
} from '../trpc';

/** Passkeys (WebAuthn): each ceremony is an options call and an answer; every refusal of an
 * answer is a 400 with a `passkey_*` code. */
const bearer = { protect: true, tags: ['passkeys'] };
const open = { protect: false, tags: ['passkeys'] };

export const passkeysRouter = {
  list: protectedProcedure
    .meta({
      openapi: {
        operationId: 'passkeys.list',
        method: 'GET',
        path: '/api/passkeys/',
        ...bearer,
        summary: 'Your passkeys',
      },
    })
    .output(passkeysOutput)
    .query(({ ctx }) => listPasskeys(ctx.auth, ctx.user.userId)),

  registrationOptions: rateLimitedProtectedProcedure('passkey')
    .meta({
      openapi: {
        operationId: 'passkeys.registrationOptions',
        method: 'POST',
        path: '/api/passkeys/register/options/',
        ...bearer,
        summary: 'Start adding a passkey (re-authentication required): options for the browser',
        errorResponses: [403],
      },
    })
    .input(passkeyRegistrationOptionsInput)
    .output(registrationOptionsOutput)
    .mutation(({ ctx, input }) => passkeyRegistrationOptions(ctx.auth, ctx.user, input)),

  register: rateLimitedProtectedProcedure('passkey')
    .meta({
      openapi: {
        operationId: 'passkeys.register',
        method: 'POST',
        path: '/api/passkeys/register/',
        ...bearer,
        summary: "Add the passkey: the browser's answer to the options",
      },
      successStatus: 201,
    })
    .input(passkeyRegisterInput)
    .output(passkeyResultOutput)
    .mutation(({ ctx, input }) => registerPasskey(ctx.auth, ctx.user, input, ctx.meta)),

  rename: rateLimitedProtectedProcedure('passkey')
    .meta({
      openapi: {
        operationId: 'passkeys.rename',
        method: 'PATCH',
        path: '/api/passkeys/{id}/',
        ...bearer,
        summary: 'Rename a passkey',
        errorResponses: [404],
      },
    })
    .input(passkeyRenameInput)
    .output(passkeyResultOutput)
    .mutation(({ ctx, input }) => renamePasskey(ctx.auth, ctx.user, input, ctx.meta)),

  remove: rateLimitedProtectedProcedure('passkey')
    .meta({
      openapi: {
        operationId: 'passkeys.remove',
        method: 'POST',
        path: '/api/passkeys/{id}/delete/',
        ...bearer,
        summary: 'Remove a passkey (re-authentication required; never the last sign-in method)',
        errorResponses: [403, 404],
      },
    })
    .input(passkeyRemoveInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => removePasskey(ctx.auth, ctx.user, input, ctx.meta)),

  stepUpOptions: rateLimitedProtectedProcedure('passkey')
    .meta({
      openapi: {
        operationId: 'passkeys.stepUpOptions',
        method: 'POST',
        path: '/api/passkeys/step-up/options/',
        ...bearer,
        summary:
          'Options for proving a sensitive change with a passkey (then its answer as `passkey` in that change)',
      },
    })
    .output(authenticationOptionsOutput)
    .mutation(({ ctx }) => passkeyStepUpOptions(ctx.auth, ctx.user.userId)),

  // Signing in: counted as logins.
  signInOptions: rateLimitedProcedure('login')
    .meta({
      openapi: {
        operationId: 'passkeys.signInOptions',
        method: 'POST',
        path: '/api/passkeys/sign-in/options/',
        ...open,
        summary: 'Options for a sign-in with a passkey, no email needed (usernameless)',
      },
    })
    .output(authenticationOptionsOutput)
    .mutation(({ ctx }) => passkeySignInOptions(ctx.auth)),

  signIn: rateLimitedProcedure('login')
    .meta({
      openapi: {
        operationId: 'passkeys.signIn',
        method: 'POST',
        path: '/api/login/passkey/',
        ...open,
        summary: 'Sign in with a passkey: a token pair, no second step',
        errorResponses: [403],
      },
    })
    .input(passkeySignInInput)
    .output(tokenPairOutput)
    .mutation(({ ctx, input }) => signInWithPasskey(ctx.auth, input, ctx.meta)),

  secondStepOptions: mfaLoginProcedure
    .meta({
      openapi: {
        operationId: 'passkeys.secondStepOptions',
        method: 'POST',
        path: '/api/login/2fa/passkey/options/',
        ...open,
        summary:
          'Options for answering the second sign-in step with a passkey (then `POST /api/login/2fa/` with `passkey`)',
        errorResponses: [401],
      },
    })
    .input(passkeySecondStepOptionsInput)
    .output(authenticationOptionsOutput)
    .mutation(({ ctx, input }) => passkeySecondStepOptions(ctx.auth, input)),
} satisfies TRPCRouterRecord;
