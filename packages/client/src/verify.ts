import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type FlattenedJWSInput,
  type JWTHeaderParameters,
} from 'jose';

/** What a verified otp-auth access token says. */
export interface AccessTokenClaims {
  token_type: 'access';
  /** The user's id. */
  user_id: string;
  /** The session the token belongs to. */
  sid: string;
  /** The account's role when the token was issued (absent from tokens issued before roles
   * existed: read that as `user`). The service refuses a role taken away since at once; a
   * verifier offline learns of it only when the token expires. */
  role?: 'user' | 'admin';
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string | string[];
}

export type TokenVerificationErrorCode =
  /** Correctly signed, but past its `exp`: refresh and retry. */
  | 'token_expired'
  /** Not a valid access token of this issuer and audience: bad signature, wrong algorithm,
   * header or claims, a refresh token, garbage. */
  | 'token_invalid'
  /** Signed with a key the JWKS does not list (even after refetching it). */
  | 'unknown_key'
  /** The JWKS could not be fetched: an outage of the service, not a bad token. */
  | 'jwks_unavailable';

export class TokenVerificationError extends Error {
  constructor(
    readonly code: TokenVerificationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TokenVerificationError';
  }
}

export interface TokenVerifierOptions {
  /** The `iss` the service signs with (its JWT issuer; `otp-auth` by default). */
  issuer: string;
  /** The `aud` the service signs with (`otp-auth` by default). */
  audience: string;
  /** `<service url>/.well-known/jwks.json` */
  jwksUrl: string | URL;
  /** How long a fetched JWKS is used before it is fetched again. Default 300, the service's
   * Cache-Control max-age. A key removed by an emergency rotation is accepted here until then. */
  cacheMaxAgeSeconds?: number;
  /** An unknown `kid` refetches the JWKS, but not more often than this. Default 5. */
  refetchCooldownSeconds?: number;
  /** Leeway for `exp`/`iat` between clocks. Default 0. */
  clockToleranceSeconds?: number;
}

export interface TokenVerifier {
  /** Resolves with the claims of a valid access token; rejects with a TokenVerificationError. */
  verify(token: string): Promise<AccessTokenClaims>;
}

/** Header members that would let a token name its own key: refused. */
const refusedHeaderMembers = ['jwk', 'jku', 'x5u', 'x5c'];

/** Verifies otp-auth access tokens offline against the service's published keys. Runs wherever
 * `fetch` and Web Crypto exist (Node 20, Deno, Bun, workers, browsers). */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const remoteKeys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cacheMaxAge: (options.cacheMaxAgeSeconds ?? 300) * 1000,
    cooldownDuration: (options.refetchCooldownSeconds ?? 5) * 1000,
  });
  const keyFor = (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
    if (typeof header.kid !== 'string' || refusedHeaderMembers.some((name) => name in header)) {
      throw new TokenVerificationError('token_invalid', 'The token header is not acceptable.');
    }
    return remoteKeys(header, token);
  };

  return {
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keyFor, {
          algorithms: ['ES256'],
          issuer: options.issuer,
          audience: options.audience,
          requiredClaims: ['exp', 'iat', 'jti', 'token_type', 'user_id', 'sid'],
          clockTolerance: options.clockToleranceSeconds ?? 0,
        }));
      } catch (error) {
        throw asVerificationError(error);
      }
      if (!isAccessClaims(payload)) {
        throw new TokenVerificationError('token_invalid', 'Not an access token.');
      }
      return payload;
    },
  };
}

function asVerificationError(error: unknown): TokenVerificationError {
  if (error instanceof TokenVerificationError) return error;
  if (error instanceof errors.JWTExpired) {
    return new TokenVerificationError('token_expired', 'The token has expired.', { cause: error });
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new TokenVerificationError('unknown_key', 'No published key matches the token.', {
      cause: error,
    });
  }
  const fetching =
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError) ||
    error.code === 'ERR_JOSE_GENERIC';
  if (fetching) {
    return new TokenVerificationError('jwks_unavailable', 'The JWKS could not be fetched.', {
      cause: error,
    });
  }
  return new TokenVerificationError('token_invalid', 'The token is not valid.', { cause: error });
}

function isAccessClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessTokenClaims {
  return (
    payload.token_type === 'access' &&
    typeof payload.user_id === 'string' &&
    typeof payload.sid === 'string' &&
    typeof payload.jti === 'string' &&
    typeof payload.iat === 'number' &&
    typeof payload.exp === 'number' &&
    (payload.role === undefined || payload.role === 'user' || payload.role === 'admin')
  );
}
