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
