// A software authenticator for tests: ES256 keys from node:crypto, authenticator data and CBOR
// built as the WebAuthn spec lays them out, answers shaped as @simplewebauthn/browser sends them.
// Tests drive real ceremonies against the server with it, and can make it misbehave.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type {
  AuthenticationOptionsOutput,
  AuthenticationResponseInput,
  RegistrationOptionsOutput,
  RegistrationResponseInput,
} from '@otp-auth/validators';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

interface StoredCredential {
  id: string;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

export interface SoftwareAuthenticatorOptions {
  origin: string;
  /** A synced passkey: backed up, and its counter stays 0. */
  synced?: boolean;
}

/** What a ceremony may do differently from an honest authenticator. */
export interface CeremonyTweaks {
  /** The user was not verified (UV flag clear). */
  noUserVerification?: boolean;
  /** The origin the browser reports. */
  origin?: string;
  /** The counter to report instead of the next one. */
  counter?: number;
  /** Use this credential (by id) even if the options do not list it. */
  credentialId?: string;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

function coseKey(privateKey: KeyObject): Uint8Array {
  const jwk = privateKey.export({ format: 'jwk' });
  const coordinate = (value: string | undefined) =>
    new Uint8Array(Buffer.from(value ?? '', 'base64url'));
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, coordinate(jwk.x)],
      [-3, coordinate(jwk.y)],
    ]),
  );
}

export function createSoftwareAuthenticator(options: SoftwareAuthenticatorOptions) {
  const credentials = new Map<string, StoredCredential>();
  const aaguid = randomBytes(16);

  function flags(tweaks: CeremonyTweaks, extra = 0): number {
    let value = FLAG_UP | extra;
    if (!tweaks.noUserVerification) value |= FLAG_UV;
    if (options.synced) value |= FLAG_BE | FLAG_BS;
    return value;
  }

  function nextCounter(credential: StoredCredential, tweaks: CeremonyTweaks): number {
    if (tweaks.counter !== undefined) return tweaks.counter;
    if (options.synced) return 0;
    credential.counter += 1;
    return credential.counter;
  }

  return {
    /** `navigator.credentials.create()`: a new resident ES256 credential for the options. */
    register(
      optionsJSON: RegistrationOptionsOutput,
      tweaks: CeremonyTweaks = {},
    ): RegistrationResponseInput {
      const rpId = optionsJSON.rp.id ?? new URL(options.origin).hostname;
      const excluded = new Set((optionsJSON.excludeCredentials ?? []).map((c) => c.id));
      for (const id of credentials.keys()) {
        if (excluded.has(id)) throw new Error('InvalidStateError: already registered');
      }
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const idBytes = randomBytes(16);
      const id = b64url(idBytes);
      const credential = { id, privateKey, rpId, userHandle: optionsJSON.user.id, counter: 0 };
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(idBytes.length);
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([flags(tweaks, FLAG_AT)]),
        counterBytes(nextCounter(credential, tweaks)),
        aaguid,
        idLength,
        idBytes,
        coseKey(privateKey),
      ]);
      credentials.set(id, credential);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', new Uint8Array(authData)],
        ]),
      );
      const data = clientData(
        'webauthn.create',
        optionsJSON.challenge,
        tweaks.origin ?? options.origin,
      );
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: {
          clientDataJSON: b64url(data),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        authenticatorAttachment: 'platform',
        clientExtensionResults: { credProps: { rk: true } },
      };
    },

    /** `navigator.credentials.get()`: signs with a credential the options allow (any of this
     * RP's when they list none: a discoverable credential). */
    authenticate(
      optionsJSON: AuthenticationOptionsOutput,
      tweaks: CeremonyTweaks = {},
    ): AuthenticationResponseInput {
      const rpId = optionsJSON.rpId ?? new URL(options.origin).hostname;
      const allowed = (optionsJSON.allowCredentials ?? []).map((c) => c.id);
      const credential = tweaks.credentialId
        ? credentials.get(tweaks.credentialId)
        : [...credentials.values()].find(
            (c) => c.rpId === rpId && (allowed.length === 0 || allowed.includes(c.id)),
          );
      if (!credential) throw new Error('NotAllowedError: no credential for these options');
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([flags(tweaks)]),
        counterBytes(nextCounter(credential, tweaks)),
      ]);
      const data = clientData(
        'webauthn.get',
        optionsJSON.challenge,
        tweaks.origin ?? options.origin,
      );
      const signature = sign(
        'sha256',
        Buffer.concat([authData, sha256(data)]),
        credential.privateKey,
      );
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
      };
    },

    /** The credential ids it holds, oldest first. */
    credentialIds: () => [...credentials.keys()],
    /** Forgets a credential, as a person deleting it from their device. */
    forget: (id: string) => credentials.delete(id),
  };
}

export type SoftwareAuthenticator = ReturnType<typeof createSoftwareAuthenticator>;
