/** Examples for the OpenAPI document: the original contract's curl flow, by procedure. */
const access =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjRGcTFiOGNNeGtKdjBuMm0ifQ.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.signature';
const refresh = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.signature';
const email = 'testuser@example.com';
const mfaToken = 'kT3v0e9Qm2yX8bL1sRj5wHcN7aPzF4uD6gYiE0oM2qA';
const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const recoveryCodes = [
  'k7m2q-x4abt',
  'p3v6z-n2wfd',
  'h5r7c-j2s4e',
  'b6y3u-q7lmg',
  'z2t5w-d4kpn',
  'f7x3a-m6vrs',
  'c4n2e-y5hqt',
  'w3j6b-r2zuk',
  'a5p7d-t3gxm',
  'u6s2f-k4ncl',
];
const profile = {
  id: 'c0a8012e-7d1f-4c55-9d7e-3b1f2a9e4d10',
  email,
  username: 'testuser',
  phone_number: '1234567890',
  date_joined: '2026-01-01T12:00:00.000Z',
};

export interface OperationExamples {
  request?: object;
  response: object;
  /** Other success bodies the operation may answer, by name. */
  otherResponses?: Record<string, { summary: string; value: object }>;
}

const webhookEndpoint = {
  id: '0193a0c4-5b7e-7c21-9f3d-2e8b6a1c4d77',
  url: 'https://crm.example.com/hooks/otp-auth',
  description: 'CRM provisioning',
  events: ['user.created', 'user.deleted'],
  enabled: true,
  previous_secret_expires_at: null,
  pending: 0,
  failed: 0,
  created_at: '2026-12-04T10:00:00.000Z',
  updated_at: '2026-12-04T10:00:00.000Z',
};
const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const webhookDelivery = {
  id: '1042',
  event_id: '0193a0c5-1e2f-7a3b-8c4d-5e6f7a8b9c0d',
  event_type: 'user.created',
  occurred_at: '2026-12-04T10:05:00.000Z',
  status: 'failed',
  attempts: 18,
  next_attempt_at: null,
  last_attempt_at: '2026-12-04T18:31:12.000Z',
  last_status_code: 503,
  last_error: 'The receiver answered 503.',
  response_excerpt: 'Service Unavailable',
  delivered_at: null,
};

export const operationExamples: Record<string, OperationExamples> = {
  'admin.webhooks.list': { response: { endpoints: [webhookEndpoint] } },
  'admin.webhooks.create': {
    request: {
      url: webhookEndpoint.url,
      events: webhookEndpoint.events,
      description: webhookEndpoint.description,
    },
    response: {
      message: 'Endpoint created. Keep the secret now: it is not shown again.',
      endpoint: webhookEndpoint,
      secret: webhookSecret,
    },
  },
  'admin.webhooks.get': { response: webhookEndpoint },
  'admin.webhooks.update': {
    request: { enabled: false },
    response: { ...webhookEndpoint, enabled: false },
  },
  'admin.webhooks.delete': { response: { message: 'Endpoint deleted.' } },
  'admin.webhooks.rotateSecret': {
    response: {
      message: 'New secret made. The previous one signs too until 2026-12-05T10:00:00.000Z.',
      endpoint: { ...webhookEndpoint, previous_secret_expires_at: '2026-12-05T10:00:00.000Z' },
      secret: webhookSecret,
    },
  },
  'admin.webhooks.deliveries': {
    response: { deliveries: [webhookDelivery], next_before: null },
  },
  'admin.webhooks.redeliver': {
    response: {
      message: 'Queued: it is sent again shortly, with the same webhook-id.',
      delivery: {
        ...webhookDelivery,
        status: 'pending',
        attempts: 0,
        next_attempt_at: '2026-12-04T19:00:00.000Z',
      },
    },
  },
  'auth.register': {
    request: {
      email,
      username: 'testuser',
      phone_number: '1234567890',
      password: 'strongpassword123',
    },
    response: {
      message: 'Registration received. Check your email for the 6-digit verification code.',
      email,
    },
  },
  'auth.verifyOtp': {
    request: { email, otp: '123456' },
    response: { message: 'Email verified. You can now log in.' },
  },
  'auth.resendOtp': {
    request: { email },
    response: {
      message: 'If this email has an account awaiting verification, a new code has been sent.',
    },
  },
  'auth.login': {
    request: { email, password: 'strongpassword123' },
    response: { access, refresh },
    otherResponses: {
      two_factor: {
        summary: 'Two-factor is on: take the second step at /api/login/2fa/',
        value: { mfa_required: true, mfa_token: mfaToken },
      },
    },
  },
  'twoFactor.login': {
    request: { mfa_token: mfaToken, code: '123456' },
    response: { access, refresh },
  },
  'twoFactor.status': { response: { enabled: true, recovery_codes_left: 10 } },
  'twoFactor.setupTotp': {
    request: { password: 'strongpassword123' },
    response: {
      secret: totpSecret,
      otpauth_url: `otpauth://totp/otp-auth:${encodeURIComponent(email)}?issuer=otp-auth&algorithm=SHA1&secret=${totpSecret}&period=30&digits=6`,
    },
  },
  'twoFactor.confirmTotp': {
    request: { code: '123456' },
    response: { recovery_codes: recoveryCodes },
  },
  'twoFactor.regenerateRecoveryCodes': {
    request: { password: 'strongpassword123' },
    response: { recovery_codes: recoveryCodes },
  },
  'twoFactor.disable': {
    request: { password: 'strongpassword123', code: '123456' },
    response: { message: 'Two-factor sign-in is off.' },
  },
  'auth.refresh': { request: { refresh }, response: { access, refresh } },
  'auth.logout': { request: { refresh_token: refresh }, response: { message: 'Logged out.' } },
  'auth.logoutAll': { response: { message: 'Logged out of every session.' } },
  'account.profile': { response: profile },
  'system.ping': { response: { status: 'ok' } },
  'oidc.providers': {
    response: {
      providers: [
        { id: 'google', name: 'Google' },
        { id: 'github', name: 'GitHub' },
      ],
    },
  },
  'oidc.identities': {
    response: {
      has_password: true,
      identities: [
        {
          provider: 'google',
          provider_name: 'Google',
          email,
          linked_at: '2026-01-02T12:00:00.000Z',
          last_used_at: '2026-01-03T08:30:00.000Z',
        },
      ],
    },
  },
  'oidc.link': {
    request: { provider: 'google', password: 'strongpassword123' },
    response: {
      authorization_url:
        'https://accounts.google.com/o/oauth2/v2/auth?client_id=…&response_type=code&scope=openid+email+profile&redirect_uri=https%3A%2F%2Fauth.example.com%2Fapi%2Foidc%2Fgoogle%2Fcallback&code_challenge=…&code_challenge_method=S256&state=…&nonce=…',
    },
  },
  'oidc.unlink': {
    request: { provider: 'google', password: 'strongpassword123' },
    response: { message: 'Google no longer signs in to your account.' },
  },
  'account.changePassword': {
    request: {
      old_password: 'strongpassword123',
      new_password: 'newpassword456',
      confirm_password: 'newpassword456',
    },
    response: { message: 'Password changed. Other sessions were signed out.', access, refresh },
  },
  'auth.forgotPassword': {
    request: { email },
    response: {
      message: 'If this email has an account, a password reset code has been sent to it.',
    },
  },
  'auth.resetPassword': {
    request: {
      email,
      otp: '123456',
      new_password: 'newpassword456',
      confirm_password: 'newpassword456',
    },
    response: {
      message: 'Password reset. Every session was signed out: log in with the new one.',
    },
  },
  'account.updateProfile': {
    request: { username: 'newname', phone_number: '+15550001111' },
    response: { ...profile, username: 'newname', phone_number: '+15550001111' },
  },
  'account.changeEmail': {
    request: { new_email: 'new@example.com', password: 'strongpassword123' },
    response: {
      message: 'A code was sent to the new address. Your address changes once you enter it.',
    },
  },
  'account.confirmEmailChange': {
    request: { otp: '123456' },
    response: { ...profile, email: 'new@example.com' },
  },
  'account.deleteAccount': {
    request: { password: 'strongpassword123' },
    response: { message: 'Your account was deleted. A confirmation was sent to your address.' },
  },
  'account.exportData': {
    response: {
      exported_at: '2026-01-02T08:00:00.000Z',
      profile: { ...profile, email_verified_at: '2026-01-01T12:01:00.000Z' },
      sessions: [
        {
          created_at: '2026-01-01T12:02:00.000Z',
          last_used_at: '2026-01-02T07:59:00.000Z',
          ended_at: null,
          ip: '203.0.113.7',
          user_agent: 'curl/8.5.0',
        },
      ],
      linked_providers: [
        {
          provider: 'google',
          email,
          linked_at: '2026-01-01T12:05:00.000Z',
          last_used_at: '2026-01-02T07:58:00.000Z',
        },
      ],
      audit_events: [
        {
          type: 'login_success',
          created_at: '2026-01-01T12:02:00.000Z',
          ip: '203.0.113.7',
          user_agent: 'curl/8.5.0',
        },
      ],
    },
  },
};

/** One example body per error status, as the REST adapter answers them. */
export const errorExamples: Record<number, { description: string; example: object }> = {
  400: {
    description: 'Bad input: DRF-style field errors, or a wrong or expired code',
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
