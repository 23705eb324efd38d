/** The original contract's curl examples, character for character. Tests run them as written,
 * after putting the test server's port in place of 8000 and the real code and tokens in place
 * of the `<...>` placeholders. */
export const curlExamples = {
  register: `curl -X POST http://127.0.0.1:8000/api/register/ -H "Content-Type: application/json" \\
  -d '{"email": "testuser@example.com", "username": "testuser", "phone_number": "1234567890", "password": "strongpassword123"}'`,
  verify: `curl -X POST http://127.0.0.1:8000/api/otp/verify/ -H "Content-Type: application/json" \\
  -d '{"email": "testuser@example.com", "otp": "<code from the mail>"}'`,
  resend: `curl -X POST http://127.0.0.1:8000/api/otp/resend/ -H "Content-Type: application/json" -d '{"email": "testuser@example.com"}'`,
  login: `curl -X POST http://127.0.0.1:8000/api/login/ -H "Content-Type: application/json" \\
  -d '{"email": "testuser@example.com", "password": "strongpassword123"}'`,
  profile: `curl -X GET http://127.0.0.1:8000/api/profile/ -H "Authorization: Bearer <access>"`,
  changePassword: `curl -X POST http://127.0.0.1:8000/api/password/reset/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"old_password": "strongpassword123", "new_password": "newpassword456", "confirm_password": "newpassword456"}'`,
  logout: `curl -X POST http://127.0.0.1:8000/api/logout/ -H "Content-Type: application/json" -d '{"refresh_token": "<refresh>"}'`,
  refresh: `curl -X POST http://127.0.0.1:8000/api/token/refresh/ -H "Content-Type: application/json" -d '{"refresh": "<refresh>"}'`,
} as const;

/** The recovery and self-service examples of the README, run the same way. */
export const selfServiceCurlExamples = {
  forgot: `curl -X POST http://127.0.0.1:8000/api/password/forgot/ -H "Content-Type: application/json" -d '{"email": "testuser@example.com"}'`,
  forgotConfirm: `curl -X POST http://127.0.0.1:8000/api/password/forgot/confirm/ -H "Content-Type: application/json" \\
  -d '{"email": "testuser@example.com", "otp": "<code from the mail>", "new_password": "newpassword456", "confirm_password": "newpassword456"}'`,
  updateProfile: `curl -X PATCH http://127.0.0.1:8000/api/profile/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"username": "newname", "phone_number": "+15550001111"}'`,
  changeEmail: `curl -X POST http://127.0.0.1:8000/api/email/change/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"new_email": "new@example.com", "password": "newpassword456"}'`,
  confirmEmailChange: `curl -X POST http://127.0.0.1:8000/api/email/change/confirm/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"otp": "<code from the mail to the new address>"}'`,
  exportData: `curl -X GET http://127.0.0.1:8000/api/account/export/ -H "Authorization: Bearer <access>"`,
  deleteAccount: `curl -X POST http://127.0.0.1:8000/api/account/delete/ -H "Content-Type: application/json" -H "Authorization: Bearer <access>" \\
  -d '{"password": "newpassword456"}'`,
} as const;

/** The README's JWKS example. */
export const jwksCurlExample = `curl http://127.0.0.1:8000/.well-known/jwks.json`;

/** The README's admin examples. */
export const adminCurlExamples = {
  admins: `curl http://127.0.0.1:8000/api/admin/admins/ -H "Authorization: Bearer <access of an admin>"`,
  setRole: `curl -X PUT http://127.0.0.1:8000/api/admin/users/<user id>/role/ -H "Content-Type: application/json" \\
  -H "Authorization: Bearer <access of an admin>" -d '{"role": "admin"}'`,
} as const;
