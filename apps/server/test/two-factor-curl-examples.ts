/** The README's two-factor curl examples, character for character (run as written by
 * src/rest/two-factor-curl.int.test.ts, with the port and `<...>` placeholders filled in). */
export const twoFactorCurlExamples = {
  setup: `curl -X POST http://127.0.0.1:8000/api/2fa/totp/setup/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"password": "strongpassword123"}'`,
  confirm: `curl -X POST http://127.0.0.1:8000/api/2fa/totp/confirm/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"code": "<code from the app>"}'`,
  loginWithCode: `curl -X POST http://127.0.0.1:8000/api/login/2fa/ -H "Content-Type: application/json" \\
  -d '{"mfa_token": "<mfa_token>", "code": "<code from the app>"}'`,
  loginWithRecoveryCode: `curl -X POST http://127.0.0.1:8000/api/login/2fa/ -H "Content-Type: application/json" \\
  -d '{"mfa_token": "<mfa_token>", "recovery_code": "<a recovery code>"}'`,
  status: `curl -X GET http://127.0.0.1:8000/api/2fa/ -H "Authorization: Bearer <access>"`,
  recoveryCodes: `curl -X POST http://127.0.0.1:8000/api/2fa/recovery-codes/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"password": "strongpassword123", "code": "<code from the app>"}'`,
  disable: `curl -X POST http://127.0.0.1:8000/api/2fa/totp/disable/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"password": "strongpassword123", "code": "<code from the app>"}'`,
} as const;
