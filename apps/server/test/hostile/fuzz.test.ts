import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import {
  dataOf,
  enableTwoFactor,
  mutate,
  PASSWORD,
  signUp,
  startHostileServer,
  tableCounts,
  type Tokens,
} from './http';

// Limits high enough that the fuzzer explores the endpoints rather than the 429 path.
const generous = 'ip=100000/60,account=100000/60';
let server: TestServer;
let email = '';
beforeAll(async () => {
  server = await startHostileServer({
    RATE_LIMIT_REGISTER: generous,
    RATE_LIMIT_LOGIN: `${generous},account_ip=100000/60`,
    RATE_LIMIT_VERIFY: generous,
    RATE_LIMIT_RESEND: generous,
    RATE_LIMIT_REFRESH: 'ip=100000/60',
    RATE_LIMIT_CHANGE_PASSWORD: generous,
    RATE_LIMIT_TWO_FACTOR: generous,
    RATE_LIMIT_FORGOT_PASSWORD: generous,
    RATE_LIMIT_RESET_PASSWORD: generous,
    RATE_LIMIT_CHANGE_EMAIL: generous,
    RATE_LIMIT_DELETE_ACCOUNT: generous,
  });
  email = (await signUp(server, 'fuzz-owner')).email;
});
afterAll(() => server.close());

const freshAccess = async () =>
  (dataOf(await mutate(server, 'auth.login', { email, password: PASSWORD })) as Tokens).access;

/** Values a field could hold: plausible ones, and anything JSON can say. */
const fieldValue = fc.oneof(
  fc.constantFrom('', ' ', 'a@b.c', 'fuzz-owner@example.com', '123456', PASSWORD, 'x'.repeat(300)),
  fc.string(),
  fc.jsonValue({ maxDepth: 2 }),
);
const fields = [
  'email',
  'username',
  'phone_number',
  'password',
  'otp',
  'refresh',
  'refresh_token',
  'old_password',
  'new_password',
  'confirm_password',
  'id',
  'code',
  'recovery_code',
  'mfa_token',
  'new_email',
];
/** A request body: random JSON, an object with known field names and random values, or bytes
 * that are not JSON at all. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc
    .dictionary(fc.constantFrom(...fields), fieldValue, { maxKeys: 6 })
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

const endpoints = [
  { path: 'auth.register', auth: false },
  { path: 'auth.verifyOtp', auth: false },
  { path: 'auth.resendOtp', auth: false },
  { path: 'auth.login', auth: false },
  { path: 'auth.refresh', auth: false },
  { path: 'auth.logout', auth: false },
  { path: 'auth.logoutAll', auth: false },
  { path: 'account.changePassword', auth: true },
  { path: 'account.revokeSession', auth: true },
  { path: 'account.profile', auth: true, get: true },
  { path: 'account.sessions', auth: true, get: true },
  { path: 'twoFactor.login', auth: false },
  { path: 'twoFactor.setupTotp', auth: true },
  { path: 'twoFactor.confirmTotp', auth: true },
  { path: 'twoFactor.regenerateRecoveryCodes', auth: true },
  { path: 'twoFactor.disable', auth: true },
  { path: 'twoFactor.status', auth: true, get: true },
  { path: 'browser.loginSecondStep', auth: false },
  { path: 'auth.forgotPassword', auth: false },
  { path: 'auth.resetPassword', auth: false },
  { path: 'account.updateProfile', auth: true },
  { path: 'account.changeEmail', auth: true },
  { path: 'account.confirmEmailChange', auth: true },
  { path: 'account.deleteAccount', auth: true },
  { path: 'account.exportData', auth: true, get: true },
];

/** The one body that would succeed at deleting the fuzzing account: its password. */
const deletes = (path: string) => path.endsWith('deleteAccount');

/** Records a refusal is meant to leave: a failed login is audited; a wrong code spends an
 * attempt (and an unknown address gets its decoy code row). Everything else stays untouched. */
function allowedChanges(path: string, code: string | undefined): Set<string> {
  if (path === 'auth.login' && code === 'invalid_credentials') return new Set(['auditEvents']);
  if (path === 'auth.verifyOtp' && code?.startsWith('otp_')) return new Set(['emailCodes']);
  // A wrong second factor is audited like a wrong password.
  if (path === 'twoFactor.login' && code === 'otp_invalid') return new Set(['auditEvents']);
  const checksCode = ['auth.verifyOtp', 'auth.resetPassword', 'account.confirmEmailChange'];
  if (checksCode.includes(path) && code?.startsWith('otp_')) return new Set(['emailCodes']);
  return new Set();
}

describe('random input at every endpoint', () => {
  for (const endpoint of endpoints) {
    it(`ASVS 4.0.3 5.1.3/7.4.1: ${endpoint.path} never answers 5xx and a refusal changes nothing`, async () => {
      const token = endpoint.auth ? await freshAccess() : undefined;
      await fc.assert(
        fc.asyncProperty(body, fc.boolean(), async (raw, withToken) => {
          fc.pre(!(deletes(endpoint.path) && raw.includes(PASSWORD)));
          const before = await tableCounts(server);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (withToken && token) headers.authorization = `Bearer ${token}`;
          const url = `${server.url}/trpc/${endpoint.path}`;
          const response = endpoint.get
            ? await fetch(`${url}?input=${encodeURIComponent(raw)}`, { headers })
            : await fetch(url, { method: 'POST', headers, body: raw });
          const text = await response.text();
          expect(response.status, text).toBeLessThan(500);
          expect(text).not.toMatch(/stack|prisma|at \w+ \(|node_modules/i);
          if (response.status < 400) return;
          const code = (JSON.parse(text) as { error?: { data?: { code?: string } } }).error?.data
            ?.code;
          const after = await tableCounts(server);
          const allowed = allowedChanges(endpoint.path, code);
          for (const [table, count] of Object.entries(before)) {
            if (allowed.has(table)) continue;
            expect(after[table as keyof typeof after], `${table} after ${code}`).toBe(count);
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});

const restEndpoints = [
  { path: '/api/register/', procedure: 'auth.register', auth: false },
  { path: '/api/otp/verify/', procedure: 'auth.verifyOtp', auth: false },
  { path: '/api/otp/resend/', procedure: 'auth.resendOtp', auth: false },
  { path: '/api/login/', procedure: 'auth.login', auth: false },
  { path: '/api/token/refresh/', procedure: 'auth.refresh', auth: false },
  { path: '/api/logout/', procedure: 'auth.logout', auth: false },
  { path: '/api/logout/all/', procedure: 'auth.logoutAll', auth: true },
  { path: '/api/password/reset/', procedure: 'account.changePassword', auth: true },
  { path: '/api/sessions/revoke/', procedure: 'account.revokeSession', auth: true },
  { path: '/api/profile/', procedure: 'account.profile', auth: true, get: true },
  { path: '/api/sessions/', procedure: 'account.sessions', auth: true, get: true },
  { path: '/api/login/2fa/', procedure: 'twoFactor.login', auth: false },
  { path: '/api/2fa/totp/setup/', procedure: 'twoFactor.setupTotp', auth: true },
  { path: '/api/2fa/totp/confirm/', procedure: 'twoFactor.confirmTotp', auth: true },
  { path: '/api/2fa/recovery-codes/', procedure: 'twoFactor.regenerateRecoveryCodes', auth: true },
  { path: '/api/2fa/totp/disable/', procedure: 'twoFactor.disable', auth: true },
  { path: '/api/2fa/', procedure: 'twoFactor.status', auth: true, get: true },
  { path: '/api/password/forgot/', procedure: 'auth.forgotPassword', auth: false },
  { path: '/api/password/forgot/confirm/', procedure: 'auth.resetPassword', auth: false },
  { path: '/api/profile/', procedure: 'account.updateProfile', auth: true, method: 'PATCH' },
  { path: '/api/email/change/', procedure: 'account.changeEmail', auth: true },
  { path: '/api/email/change/confirm/', procedure: 'account.confirmEmailChange', auth: true },
  { path: '/api/account/delete/', procedure: 'account.deleteAccount', auth: true },
  { path: '/api/account/export/', procedure: 'account.exportData', auth: true, get: true },
];

describe('random input at every REST endpoint', () => {
  for (const endpoint of restEndpoints) {
    it(`ASVS 4.0.3 5.1.3/7.4.1: ${endpoint.path} never answers 5xx and a refusal changes nothing`, async () => {
      const token = endpoint.auth ? await freshAccess() : undefined;
      // logout-all with a valid token succeeds and kills it: only the refusals are of interest.
      const sendToken = endpoint.procedure !== 'auth.logoutAll';
      await fc.assert(
        fc.asyncProperty(body, fc.boolean(), async (raw, withToken) => {
          fc.pre(!(deletes(endpoint.procedure) && raw.includes(PASSWORD)));
          const before = await tableCounts(server);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (withToken && token && sendToken) headers.authorization = `Bearer ${token}`;
          const url = `${server.url}${endpoint.path}`;
          const method = endpoint.method ?? 'POST';
          const response = endpoint.get
            ? await fetch(url, { headers })
            : await fetch(url, { method, headers, body: raw });
          const text = await response.text();
          expect(response.status, text).toBeLessThan(500);
          expect(text).not.toMatch(/stack|prisma|at \w+ \(|node_modules/i);
          if (response.status < 400) return;
          const code = (JSON.parse(text) as { code?: string }).code;
          const after = await tableCounts(server);
          const allowed = allowedChanges(endpoint.procedure, code);
          for (const [table, count] of Object.entries(before)) {
            if (allowed.has(table)) continue;
            expect(after[table as keyof typeof after], `${table} after ${code}`).toBe(count);
          }
        }),
        { numRuns: 20 },
      );
    });
  }
});

describe('random second factors against a live mfa_token', () => {
  it('ASVS 4.0.3 5.1.3/7.4.1: twoFactor.login never answers 5xx, never signs in, and a refusal changes nothing', async () => {
    const owner = await signUp(server, 'fuzz-2fa');
    await enableTwoFactor(server, owner);
    const factor = fc.record(
      { code: fieldValue, recovery_code: fieldValue, extra: fieldValue },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(factor, async (fields) => {
        const { mfa_token } = dataOf(
          await mutate(server, 'auth.login', { email: owner.email, password: PASSWORD }),
        ) as { mfa_token: string };
        const before = await tableCounts(server);
        const answer = await mutate(server, 'twoFactor.login', { ...fields, mfa_token });
        expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
        expect(answer.status, answer.text).toBeLessThan(500);
        const code = (JSON.parse(answer.text) as { error?: { data?: { code?: string } } }).error
          ?.data?.code;
        const after = await tableCounts(server);
        const allowed = allowedChanges('twoFactor.login', code);
        for (const [table, count] of Object.entries(before)) {
          if (allowed.has(table)) continue;
          expect(after[table as keyof typeof after], `${table} after ${code}`).toBe(count);
        }
      }),
      { numRuns: 30 },
    );
  });
});
