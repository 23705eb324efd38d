// The WebAuthn messages as JSON (WebAuthn Level 3 `toJSON()`, as @simplewebauthn/browser sends
// them): the options the server hands the browser, and the browser's answers. Bounded, so that a
// hostile body is refused before any decoding.
import { z } from 'zod';

const base64url = (what: string, max = 2048) =>
  z
    .string({ error: 'This field is required.' })
    .max(max, `Ensure this field has no more than ${max} characters.`)
    .regex(/^[A-Za-z0-9_-]*$/, 'Expected base64url.')
    .describe(what);

const transports = z
  .array(z.string().max(32))
  .max(16)
  .describe('How the browser reaches the authenticator: `internal`, `hybrid`, `usb`, …');

const clientExtensionResults = z
  .object({
    credProps: z.object({ rk: z.boolean().optional() }).optional(),
  })
  .describe("The browser's extension outputs; only `credProps` is read.");

const credentialType = z.literal('public-key', { error: 'Expected a public-key credential.' });
const attachment = z.enum(['platform', 'cross-platform']).optional();

/** What `navigator.credentials.create()` answered, as JSON. */
export const registrationResponseField = z.object({
  id: base64url('The credential id.', 1400),
  rawId: base64url('The credential id again.', 1400),
  type: credentialType,
  response: z.object({
    clientDataJSON: base64url('The client data the authenticator signed over.', 4096),
    attestationObject: base64url('The new credential and its attestation.', 16_384),
    authenticatorData: base64url('The authenticator data.', 8192).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url('The public key (SPKI).', 8192).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults,
});
export type RegistrationResponseInput = z.infer<typeof registrationResponseField>;

/** What `navigator.credentials.get()` answered, as JSON. */
export const authenticationResponseField = z.object({
  id: base64url('The credential id.', 1400),
  rawId: base64url('The credential id again.', 1400),
  type: credentialType,
  response: z.object({
    clientDataJSON: base64url('The client data the authenticator signed over.', 4096),
    authenticatorData: base64url('The authenticator data.', 8192),
    signature: base64url('The signature over the authenticator and client data.', 1024),
    userHandle: base64url('The account the passkey belongs to.', 128).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults,
});
export type AuthenticationResponseInput = z.infer<typeof authenticationResponseField>;

const credentialDescriptor = z.object({
  id: z.string(),
  type: z.literal('public-key'),
  transports: z
    .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
    .optional(),
});

const userVerification = z.enum(['required', 'preferred', 'discouraged']);

/** `PublicKeyCredentialCreationOptionsJSON`: give it to `startRegistration({ optionsJSON })`. */
export const registrationOptionsOutput = z
  .object({
    rp: z.object({ name: z.string(), id: z.string().optional() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    challenge: z.string(),
    pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
    timeout: z.number().optional(),
    excludeCredentials: z.array(credentialDescriptor).optional(),
    authenticatorSelection: z
      .object({
        authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
        requireResidentKey: z.boolean().optional(),
        residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
        userVerification: userVerification.optional(),
      })
      .optional(),
    attestation: z.enum(['direct', 'enterprise', 'indirect', 'none']).optional(),
    extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  })
  .meta({
    examples: [
      {
        rp: { name: 'otp-auth', id: 'auth.example.com' },
        user: {
          id: 'MDE5M2YzYTItN2MxZS03YjlhLThkMmYtMWEyYjNjNGQ1ZTZm',
          name: 'testuser@example.com',
          displayName: 'testuser',
        },
        challenge: 'q2Xb0N7h3kVJtq1Jm0cYk4s0mS3m7Qx0p8uZk1cR9aE',
        pubKeyCredParams: [
          { alg: -8, type: 'public-key' },
          { alg: -7, type: 'public-key' },
          { alg: -257, type: 'public-key' },
        ],
        timeout: 300000,
        excludeCredentials: [],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        attestation: 'none',
        extensions: { credProps: true },
      },
    ],
  });
export type RegistrationOptionsOutput = z.infer<typeof registrationOptionsOutput>;

/** `PublicKeyCredentialRequestOptionsJSON`: give it to `startAuthentication({ optionsJSON })`. */
export const authenticationOptionsOutput = z
  .object({
    challenge: z.string(),
    timeout: z.number().optional(),
    rpId: z.string().optional(),
    allowCredentials: z.array(credentialDescriptor).optional(),
    userVerification: userVerification.optional(),
  })
  .meta({
    examples: [
      {
        challenge: 'Vd3o8yJqk0s7fXGm2bq5hN1rT4wZ6cE9aL0pU3iK8xY',
        timeout: 300000,
        rpId: 'auth.example.com',
        allowCredentials: [],
        userVerification: 'required',
      },
    ],
  });
export type AuthenticationOptionsOutput = z.infer<typeof authenticationOptionsOutput>;
