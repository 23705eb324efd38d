import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { SecretBox } from '../crypto/secret-box';

/** The public members of a P-256 key, and nothing else: a JWKS is built from these only. */
export interface PublicEcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** One entry of the published JWKS. */
export interface PublishedJwk extends PublicEcJwk {
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface NewSigningKey {
  kid: string;
  publicJwk: PublicEcJwk;
  /** PKCS#8 PEM, sealed. */
  sealedPrivateKey: string;
}

const generate = promisify(generateKeyPair);

/** A fresh P-256 key pair; the private half leaves this function only sealed. */
export async function generateSigningKey(box: SecretBox): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generate('ec', { namedCurve: 'P-256' });
  const publicJwk = publicMembers(publicKey.export({ format: 'jwk' }));
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { kid: thumbprint(publicJwk), publicJwk, sealedPrivateKey: box.seal(pem) };
}

/** Copies kty, crv, x and y by name, so that no other member (such as `d`) can ever pass. */
export function publicMembers(jwk: unknown): PublicEcJwk {
  const { kty, crv, x, y } = (jwk ?? {}) as Record<string, unknown>;
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw new Error('not a public P-256 JWK');
  }
  return { kty, crv, x, y };
}

export function publicKeyObject(jwk: PublicEcJwk): KeyObject {
  return createPublicKey({ key: { ...jwk }, format: 'jwk' });
}

export function openPrivateKey(box: SecretBox, sealed: string): KeyObject {
  return createPrivateKey(box.open(sealed));
}

/** RFC 7638 thumbprint: the key id is a function of the public key itself. */
function thumbprint(jwk: PublicEcJwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}
