import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from './clock';
import type { AuthConfig } from './config';
import { tokenNotValid } from './errors';

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

export interface IssuedToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

type TokenConfig = Pick<
  AuthConfig,
  'jwtSecret' | 'jwtIssuer' | 'jwtAudience' | 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds'
>;

export function createTokenService(config: TokenConfig, clock: Clock) {
  // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as a PEM key on
  // every call, which costs 45x on verification.
  const key: KeyObject = createSecretKey(config.jwtSecret);
  const ttl = { access: config.accessTokenTtlSeconds, refresh: config.refreshTokenTtlSeconds };

  function issue(type: TokenType, userId: string, sessionId: string): IssuedToken {
    const iat = Math.floor(clock.now().getTime() / 1000);
    const exp = iat + ttl[type];
    const jti = randomUUID();
    const claims: TokenClaims = {
      token_type: type,
      user_id: userId,
      sid: sessionId,
      jti,
      iat,
      exp,
    };
    const token = jwt.sign(claims, key, {
      algorithm: 'HS256',
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });
    return { token, jti, expiresAt: new Date(exp * 1000) };
  }

  function verify(token: string, expected: TokenType): TokenClaims {
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, {
        algorithms: ['HS256'],
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        clockTimestamp: Math.floor(clock.now().getTime() / 1000),
      });
    } catch {
      throw tokenNotValid();
    }
    if (!isClaims(payload) || payload.token_type !== expected) throw tokenNotValid();
    return payload;
  }

  return { issue, verify };
}

export type TokenService = ReturnType<typeof createTokenService>;

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
