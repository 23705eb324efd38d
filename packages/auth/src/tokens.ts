import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import type { Role, TokenPairOutput } from '@otp-auth/validators';
import jwt from 'jsonwebtoken';
import type { Clock } from './clock';
import type { AuthConfig } from './config';
import { tokenNotValid } from './errors';
import type { Keyring } from './keys/keyring';

export type TokenType = 'access' | 'refresh';

/** SimpleJWT's claims plus `sid`, the session (refresh-token family) the token belongs to. */
export interface TokenClaims {
  token_type: TokenType;
  user_id: string;
  sid: string;
  jti: string;
  iat: number;
  exp: number;
}

/** A verified access token: its claims, the role it grants and the key that signed it. */
export interface AccessClaims extends TokenClaims {
  token_type: 'access';
  /** The account's role when the token was issued (ADR 150). A token issued before roles
   * existed carries none and reads as `user`. */
  role: Role;
  kid: string;
}

/** Whom an access token is for: the session it belongs to and the role it grants. */
export interface AccessSubject {
  userId: string;
  sessionId: string;
  role: Role;
}

export interface IssuedToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

type TokenConfig = Pick<
  AuthConfig,
  'jwtSecret' | 'jwtIssuer' | 'jwtAudience' | 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds'
>;

/** Header members that would let a token choose its own key; refused outright. `crit` names
 * extensions we do not implement, which RFC 7515 says to refuse. */
const refusedHeaderMembers = ['jwk', 'jku', 'x5u', 'x5c', 'crit'];

/** Access tokens: ES256 under the keyring's current key, with its `kid`; other services verify
 * them against the JWKS. Refresh tokens: HS256 under JWT_SECRET, read only by this server. Each
 * kind accepts its one algorithm only, so neither can pass as the other. */
export function createTokenService(config: TokenConfig, clock: Clock, keyring: Keyring) {
  // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as a PEM key on
  // every call, which costs 45x on verification.
  const refreshKey: KeyObject = createSecretKey(config.jwtSecret);
  const checks = { issuer: config.jwtIssuer, audience: config.jwtAudience };
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  function claimsFor(type: TokenType, userId: string, sessionId: string, ttl: number) {
    const iat = nowSeconds();
    const claims: TokenClaims = {
      token_type: type,
      user_id: userId,
      sid: sessionId,
      jti: randomUUID(),
      iat,
      exp: iat + ttl,
    };
    return claims;
  }

  const issued = (token: string, claims: TokenClaims): IssuedToken => ({
    token,
    jti: claims.jti,
    expiresAt: new Date(claims.exp * 1000),
  });

  /** Opens the current signing key; the function it returns signs access tokens with it
   * synchronously, so a caller can open the key before a write and sign after it. */
  async function accessSigner(): Promise<(subject: AccessSubject) => IssuedToken> {
    const signer = await keyring.signer();
    return ({ userId, sessionId, role }) => {
      const claims = {
        ...claimsFor('access', userId, sessionId, config.accessTokenTtlSeconds),
        role,
      };
      const token = jwt.sign(claims, signer.privateKey, {
        ...checks,
        algorithm: 'ES256',
        keyid: signer.kid,
      });
      return issued(token, claims);
    };
  }

  async function issueAccess(subject: AccessSubject): Promise<IssuedToken> {
    return (await accessSigner())(subject);
  }

  function issueRefresh(userId: string, sessionId: string): IssuedToken {
    const claims = claimsFor('refresh', userId, sessionId, config.refreshTokenTtlSeconds);
    return issued(jwt.sign(claims, refreshKey, { ...checks, algorithm: 'HS256' }), claims);
  }

  /** The one way a token pair is made. The refresh token (what the caller stores) is signed and
   * the signing key opened before the caller writes anything, so a signing failure leaves no row
   * behind and no client token retired; `withRole` signs the access token after the write, with
   * the role the write read. */
  async function issuePair(userId: string, sessionId: string) {
    const refresh = issueRefresh(userId, sessionId);
    const signAccess = await accessSigner();
    const withRole = (role: Role): TokenPairOutput => ({
      access: signAccess({ userId, sessionId, role }).token,
      refresh: refresh.token,
    });
    return { refresh, withRole };
  }

  /** The one check of an access token's signature and claims (the session is checked by the
   * caller). Only ES256 under a published kid passes. */
  async function verifyAccess(token: string): Promise<AccessClaims> {
    const header = headerOf(token);
    if (
      header?.alg !== 'ES256' ||
      typeof header.kid !== 'string' ||
      refusedHeaderMembers.some((member) => member in header)
    ) {
      throw tokenNotValid();
    }
    const key = await keyring.verificationKey(header.kid);
    if (!key) throw tokenNotValid();
    const claims = verifyWith(token, key, 'ES256', 'access');
    const role = (claims as { role?: unknown }).role ?? 'user';
    if (role !== 'user' && role !== 'admin') throw tokenNotValid();
    return { ...claims, token_type: 'access', role, kid: header.kid };
  }

  function verifyRefresh(token: string): TokenClaims {
    return verifyWith(token, refreshKey, 'HS256', 'refresh');
  }

  function verifyWith(
    token: string,
    key: KeyObject,
    algorithm: 'ES256' | 'HS256',
    expected: TokenType,
  ): TokenClaims {
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, {
        ...checks,
        algorithms: [algorithm],
        clockTimestamp: nowSeconds(),
      });
    } catch {
      throw tokenNotValid();
    }
    if (!isClaims(payload) || payload.token_type !== expected) throw tokenNotValid();
    return payload;
  }

  return { issueAccess, issueRefresh, issuePair, verifyAccess, verifyRefresh };
}

export type TokenService = ReturnType<typeof createTokenService>;

function headerOf(token: string): Record<string, unknown> | null {
  const encoded = token.split('.', 1)[0] ?? '';
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    (claims.token_type === 'access' || claims.token_type === 'refresh') &&
    typeof claims.user_id === 'string' &&
    typeof claims.sid === 'string' &&
    typeof claims.jti === 'string' &&
    typeof claims.iat === 'number' &&
    typeof claims.exp === 'number'
  );
}
