import { z } from 'zod';
import * as ex from './examples';
import { reauthenticationFields } from './external-sign-in';
import { tokenField } from './fields';
import { authenticationResponseField, registrationResponseField } from './webauthn';

const timestamp = z.string().describe('ISO 8601 timestamp.');

/** What the owner calls a passkey: 1 to 64 characters, spaces at the ends dropped. */
export const passkeyNameField = z
  .string({ error: 'This field is required.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(64, 'Ensure this field has no more than 64 characters.');

const passkeyIdField = z.uuid({ error: 'Unknown passkey.' }).describe('The passkey id.');

const exampleResponse = {
  id: 'mRkQm3y8JkV0cQd7oH0w3Q',
  rawId: 'mRkQm3y8JkV0cQd7oH0w3Q',
  type: 'public-key' as const,
  clientExtensionResults: {},
};

/** Adding a passkey adds a way to sign in: the same proof as linking a provider. */
export const passkeyRegistrationOptionsInput = z
  .object(reauthenticationFields)
  .meta({ examples: [{ password: ex.password }] });
export type PasskeyRegistrationOptionsInput = z.infer<typeof passkeyRegistrationOptionsInput>;

export const passkeyRegisterInput = z
  .object({
    response: registrationResponseField.describe(
      "`startRegistration()`'s answer to the options just issued.",
    ),
    name: passkeyNameField.optional().describe('A name for it; one is made up when left out.'),
  })
  .meta({
    examples: [
      {
        response: {
          ...exampleResponse,
          response: {
            clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoi4oCmIn0',
            attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVjF…',
            transports: ['internal', 'hybrid'],
          },
          authenticatorAttachment: 'platform',
        },
        name: 'My laptop',
      },
    ],
  });
export type PasskeyRegisterInput = z.infer<typeof passkeyRegisterInput>;

const passkeyOutput = z.object({
  id: passkeyIdField,
  name: z.string(),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
  synced: z
    .boolean()
    .describe('A multi-device passkey (synced by a password manager or platform account).'),
  backed_up: z.boolean().describe('The authenticator says it is backed up.'),
  transports: z.array(z.string()),
  aaguid: z.string().describe("The authenticator model's id (zeros when it does not say)."),
});
export type PasskeyOutput = z.infer<typeof passkeyOutput>;

const examplePasskey = {
  id: '0193f3a2-9d4b-7e21-8c3a-5b6c7d8e9f02',
  name: 'My laptop',
  created_at: '2026-01-02T12:00:00.000Z',
  last_used_at: '2026-01-03T08:30:00.000Z',
  synced: true,
  backed_up: true,
  transports: ['internal', 'hybrid'],
  aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
};

export const passkeyResultOutput = passkeyOutput.meta({ examples: [examplePasskey] });

export const passkeysOutput = z
  .object({ passkeys: z.array(passkeyOutput).describe('Oldest first.') })
  .meta({ examples: [{ passkeys: [examplePasskey] }] });
export type PasskeysOutput = z.infer<typeof passkeysOutput>;

export const passkeyRenameInput = z
  .object({ id: passkeyIdField, name: passkeyNameField })
  .meta({ examples: [{ id: examplePasskey.id, name: 'Work phone' }] });
export type PasskeyRenameInput = z.infer<typeof passkeyRenameInput>;

export const passkeyRemoveInput = z
  .object({ id: passkeyIdField, ...reauthenticationFields })
  .meta({ examples: [{ id: examplePasskey.id, password: ex.password }] });
export type PasskeyRemoveInput = z.infer<typeof passkeyRemoveInput>;

export const passkeySignInInput = z
  .object({
    response: authenticationResponseField.describe(
      "`startAuthentication()`'s answer to the sign-in options just issued.",
    ),
  })
  .meta({
    examples: [
      {
        response: {
          ...exampleResponse,
          response: {
            clientDataJSON: 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoi4oCmIn0',
            authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
            signature: 'MEUCIQD…',
            userHandle: 'MDE5M2YzYTItN2MxZS03YjlhLThkMmYtMWEyYjNjNGQ1ZTZm',
          },
        },
      },
    ],
  });
export type PasskeySignInInput = z.infer<typeof passkeySignInInput>;

export const passkeySecondStepOptionsInput = z
  .object({ mfa_token: tokenField })
  .meta({ examples: [{ mfa_token: ex.mfaToken }] });
export type PasskeySecondStepOptionsInput = z.infer<typeof passkeySecondStepOptionsInput>;
