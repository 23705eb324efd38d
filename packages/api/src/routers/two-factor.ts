import {
  confirmTotp,
  disableTwoFactor,
  loginSecondStep,
  regenerateRecoveryCodes,
  setupTotp,
  twoFactorStatus,
} from '@otp-auth/auth';
import {
  loginSecondStepInput,
  messageOutput,
  passwordConfirmInput,
  recoveryCodesOutput,
  regenerateRecoveryCodesInput,
  tokenPairOutput,
  totpConfirmInput,
  totpDisableInput,
  totpSetupOutput,
  twoFactorStatusOutput,
} from '@otp-auth/validators';
import type { TRPCRouterRecord } from '@trpc/server';
import { mfaLoginProcedure, protectedProcedure, rateLimitedProtectedProcedure } from '../trpc';

/** Two-factor sign-in with an authenticator app (RFC 6238) and recovery codes. */
const bearer = { protect: true, tags: ['two-factor'] };

export const twoFactorRouter = {
  status: protectedProcedure
    .meta({
      openapi: {
        operationId: 'twoFactor.status',
        method: 'GET',
        path: '/api/2fa/',
        ...bearer,
        summary: 'Two-factor status',
      },
    })
    .output(twoFactorStatusOutput)
    .query(({ ctx }) => twoFactorStatus(ctx.auth, ctx.user)),

  setupTotp: rateLimitedProtectedProcedure('two_factor')
    .meta({
      openapi: {
        operationId: 'twoFactor.setupTotp',
        method: 'POST',
        path: '/api/2fa/totp/setup/',
        ...bearer,
        summary: 'Start authenticator-app setup (pending until confirmed)',
      },
    })
    .input(passwordConfirmInput)
    .output(totpSetupOutput)
    .mutation(({ ctx, input }) => setupTotp(ctx.auth, ctx.user, input, ctx.meta)),

  confirmTotp: rateLimitedProtectedProcedure('two_factor')
    .meta({
      openapi: {
        operationId: 'twoFactor.confirmTotp',
        method: 'POST',
        path: '/api/2fa/totp/confirm/',
        ...bearer,
        summary: 'Confirm with a code from the app; turns two-factor on',
      },
    })
    .input(totpConfirmInput)
    .output(recoveryCodesOutput)
    .mutation(({ ctx, input }) => confirmTotp(ctx.auth, ctx.user, input, ctx.meta)),

  regenerateRecoveryCodes: rateLimitedProtectedProcedure('two_factor')
    .meta({
      openapi: {
        operationId: 'twoFactor.regenerateRecoveryCodes',
        method: 'POST',
        path: '/api/2fa/recovery-codes/',
        ...bearer,
        summary: 'A new set of recovery codes; the old set dies',
        description:
          'Takes the password and, since two-factor is on, a second factor: `code` or ' +
          '`recovery_code` (400 `second_factor_required` without one). The owner is told by mail.',
      },
    })
    .input(regenerateRecoveryCodesInput)
    .output(recoveryCodesOutput)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.auth, ctx.user, input, ctx.meta)),

  disable: rateLimitedProtectedProcedure('two_factor')
    .meta({
      openapi: {
        operationId: 'twoFactor.disable',
        method: 'POST',
        path: '/api/2fa/totp/disable/',
        ...bearer,
        summary: 'Turn two-factor off (password and a code or recovery code)',
      },
    })
    .input(totpDisableInput)
    .output(messageOutput)
    .mutation(({ ctx, input }) => disableTwoFactor(ctx.auth, ctx.user, input, ctx.meta)),

  login: mfaLoginProcedure
    .meta({
      openapi: {
        operationId: 'twoFactor.login',
        method: 'POST',
        path: '/api/login/2fa/',
        protect: false,
        tags: ['auth'],
        summary: 'Second sign-in step: mfa_token and a code or recovery code',
        // An mfa_token expired, used or unknown.
        errorResponses: [401],
      },
    })
    .input(loginSecondStepInput)
    .output(tokenPairOutput)
    .mutation(({ ctx, input }) => loginSecondStep(ctx.auth, input, ctx.meta)),
} satisfies TRPCRouterRecord;
