import { z } from 'zod';
import * as ex from './examples';
import { currentPasswordField, otpField } from './fields';
import { recoveryCodeField } from './two-factor';

/** A provider's id as OIDC_PROVIDERS names it: `google`, `github`, `corp`, `dev`. */
const providerIdField = z
  .string({ error: 'This field is required.' })
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'Unknown provider.');

const timestamp = z.string().describe('ISO 8601 timestamp.');

const providerOutput = z.object({
  id: providerIdField,
  name: z.string().describe('What the sign-in button says: "Continue with <name>".'),
});

export const providersOutput = z.object({ providers: z.array(providerOutput) }).meta({
  examples: [
    {
      providers: [
        { id: 'google', name: 'Google' },
        { id: 'github', name: 'GitHub' },
      ],
    },
  ],
});
export type ProvidersOutput = z.infer<typeof providersOutput>;

export const identityOutput = z.object({
  provider: providerIdField,
  provider_name: z.string(),
  email: z.string().nullable().describe('The address the provider gave at the last sign-in.'),
  linked_at: timestamp,
  last_used_at: timestamp.nullable(),
});

export const identitiesOutput = z
  .object({
    has_password: z
      .boolean()
      .describe('False for an account made through a provider until a password is set.'),
    identities: z.array(identityOutput),
  })
  .meta({
    examples: [
      {
        has_password: true,
        identities: [
          {
            provider: 'google',
            provider_name: 'Google',
            email: ex.email,
            linked_at: '2026-01-02T12:00:00.000Z',
            last_used_at: '2026-01-03T08:30:00.000Z',
          },
        ],
      },
    ],
  });
export type IdentitiesOutput = z.infer<typeof identitiesOutput>;

/** Proof that the person at the keyboard owns the account: the password when it has one,
 * otherwise a code from the authenticator app (or a recovery code) when two-factor is on. An
 * account with neither proves it by a sign-in of the last ten minutes. */
export const reauthenticationFields = {
  password: currentPasswordField
    .optional()
    .describe('The current password, if the account has one.'),
  code: otpField
    .optional()
    .describe('A code from the authenticator app, for an account without a password.'),
  recovery_code: recoveryCodeField.optional().describe('A recovery code, instead of `code`.'),
};

export const linkIdentityInput = z
  .object({ provider: providerIdField, ...reauthenticationFields })
  .meta({ examples: [{ provider: 'google', password: ex.password }] });
export type LinkIdentityInput = z.infer<typeof linkIdentityInput>;

export const linkIdentityOutput = z
  .object({
    authorization_url: z
      .string()
      .describe(
        "The provider's sign-in page. Open it in the browser that received this answer: the callback needs the cookie it set.",
      ),
  })
  .meta({
    examples: [
      {
        authorization_url:
          'https://accounts.google.com/o/oauth2/v2/auth?client_id=…&response_type=code&scope=openid+email+profile&redirect_uri=https%3A%2F%2Fauth.example.com%2Fapi%2Foidc%2Fgoogle%2Fcallback&code_challenge=…&code_challenge_method=S256&state=…&nonce=…',
      },
    ],
  });
export type LinkIdentityOutput = z.infer<typeof linkIdentityOutput>;

export const unlinkIdentityInput = z
  .object({ provider: providerIdField, ...reauthenticationFields })
  .meta({ examples: [{ provider: 'google', password: ex.password }] });
export type UnlinkIdentityInput = z.infer<typeof unlinkIdentityInput>;

export type ReauthenticationInput = Pick<LinkIdentityInput, 'password' | 'code' | 'recovery_code'>;

/** The provider sign-in's own refusal codes. */
export const oidcErrorCodes = [
  'oidc_provider_unknown',
  'oidc_return_invalid',
  'oidc_state_invalid',
  'oidc_cancelled',
  'oidc_provider_error',
  'oidc_token_invalid',
  'oidc_email_unverified',
  'oidc_email_missing',
  'oidc_account_exists',
  'oidc_identity_taken',
  'oidc_already_linked',
] as const;

/** Why a sign-in or link at a provider ended without success: the code the callback puts in the
 * app's address (`?external_error=`), for the app to say in words. A disabled account is told so
 * with the same code as at the password sign-in. */
export const externalSignInErrorCodes = [...oidcErrorCodes, 'account_disabled'] as const;
export type ExternalSignInErrorCode = (typeof externalSignInErrorCodes)[number];
