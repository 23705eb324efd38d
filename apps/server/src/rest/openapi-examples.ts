/** Examples the procedures' schemas cannot carry: error bodies, as the REST adapter answers
 * them, and the JWKS, which no procedure serves. (Success bodies and requests have theirs on the
 * zod schemas, in packages/validators.) */
/** One example body per error status, as the REST adapter answers them. */
export const errorExamples: Record<number, { description: string; example: object }> = {
  400: {
    description:
      'Bad input: DRF-style field errors, or a wrong or expired code; with two-factor on, a ' +
      'sensitive change without its second factor (`second_factor_required`)',
    example: {
      email: ['Enter a valid email address.'],
      detail: 'Invalid input.',
      code: 'invalid_input',
    },
  },
  401: {
    description: 'Bad credentials, or a missing, expired or revoked token',
    example: { detail: 'Token is invalid or expired.', code: 'token_not_valid' },
  },
  403: {
    description:
      'Right password, but the account is not verified yet; or, under /api/admin/, a caller ' +
      'without the admin role (`permission_denied`)',
    example: {
      detail: 'This account is not verified yet. Enter the code we emailed you.',
      code: 'account_not_verified',
    },
  },
  404: {
    description: "Nothing of the caller's with that id (under /api/admin/: no such user)",
    example: { detail: 'No such session.', code: 'not_found' },
  },
  405: {
    description: 'Wrong method for this path',
    example: { detail: 'Method "PUT" not allowed.', code: 'method_not_allowed' },
  },
  409: {
    description: 'The change would leave the service without an active admin',
    example: {
      detail: 'This is the last active admin: grant the role to another account first.',
      code: 'last_admin',
    },
  },
  413: {
    description: 'Body larger than 64 KiB',
    example: { detail: 'Request body is too large.', code: 'payload_too_large' },
  },
  415: {
    description: 'Body that is not application/json',
    example: {
      detail: 'Unsupported media type "text/plain" in request.',
      code: 'unsupported_media_type',
    },
  },
  429: {
    description: 'Too many requests: wait the seconds in Retry-After',
    example: { detail: 'Too many attempts. Try again later.', code: 'rate_limited' },
  },
  503: {
    description: 'The database cannot be reached right now: retry after Retry-After seconds',
    example: {
      detail: 'The service is unavailable. Try again shortly.',
      code: 'service_unavailable',
    },
  },
};

/** GET /.well-known/jwks.json: one key signing, a newer one published ahead of its turn. */
export const jwksExample = {
  keys: [
    {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
      kid: '4Fq1b8cMxkJv0n2m',
      alg: 'ES256',
      use: 'sig',
    },
  ],
};
