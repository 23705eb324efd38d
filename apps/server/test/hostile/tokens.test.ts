import { createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createManualClock, createTokenService, defineAuthConfig } from '@otp-auth/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { errorOf, mutate, query, signUp, startHostileServer } from './http';

const JWT_SECRET = 'hostile-suite-jwt-secret-0123456789abcdef';
let server: TestServer;
beforeAll(async () => {
  server = await startHostileServer({
    JWT_SECRET,
    OTP_SECRET: 'hostile-suite-otp-secret-0123456789abcdef',
  });
});
afterAll(() => server.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

async function expect401(token: string) {
  const answer = await query(server, 'account.profile', undefined, { token });
  expect(answer.status).toBe(401);
  expect(errorOf(answer).code).toBe('token_not_valid');
  expect(answer.text).not.toMatch(/stack|jsonwebtoken|at \w+ \(/i);
}

describe('forged and misused tokens', () => {
  it('ASVS 4.0.3 3.5.3: alg "none" is refused', async () => {
    const { tokens } = await signUp(server, 'tok-none');
    const claims = claimsOf(tokens.access);
    await expect401(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await expect401(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`);
  });

  it('ASVS 4.0.3 3.5.3: an RS256 token, and HS256 keyed with a public key, are refused', async () => {
    const { tokens } = await signUp(server, 'tok-rs');
    const claims = claimsOf(tokens.access);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsInput = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
    const rsSig = sign('sha256', Buffer.from(rsInput), privateKey).toString('base64url');
    await expect401(`${rsInput}.${rsSig}`);
    // Key confusion: HMAC keyed with a public key the attacker knows.
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const hsInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    const hsSig = createHmac('sha256', pem).update(hsInput).digest('base64url');
    await expect401(`${hsInput}.${hsSig}`);
  });

  it('ASVS 4.0.3 3.5.3: a tampered user_id breaks the signature', async () => {
    const victim = await signUp(server, 'tok-victim');
    const { tokens } = await signUp(server, 'tok-attacker');
    const [header, , signature] = tokens.access.split('.');
    const forged = { ...claimsOf(tokens.access), user_id: claimsOf(victim.tokens.access).user_id };
    await expect401(`${header}.${b64(forged)}.${signature}`);
  });

  it('ASVS 4.0.3 3.5.3: a refresh token is never an access token, nor the reverse', async () => {
    const { tokens } = await signUp(server, 'tok-type');
    await expect401(tokens.refresh);
    const asRefresh = await mutate(server, 'auth.refresh', { refresh: tokens.access });
    expect(asRefresh.status).toBe(401);
  });

  it('ASVS 4.0.3 3.3.1/3.5.3: an expired token, correctly signed, is refused', async () => {
    const { tokens } = await signUp(server, 'tok-expired');
    const claims = claimsOf(tokens.access);
    const past = createManualClock(new Date(Date.now() - 10 * 60 * 1000));
    const service = createTokenService(
      defineAuthConfig({ jwtSecret: Buffer.from(JWT_SECRET), otpSecret: Buffer.alloc(32, 1) }),
      past,
    );
    const expired = service.issue('access', String(claims.user_id), String(claims.sid)).token;
    await expect401(expired);
    // The same service at the present time is accepted: only the expiry made the difference.
    const fresh = createTokenService(
      defineAuthConfig({ jwtSecret: Buffer.from(JWT_SECRET), otpSecret: Buffer.alloc(32, 1) }),
      createManualClock(new Date()),
    ).issue('access', String(claims.user_id), String(claims.sid)).token;
    expect((await query(server, 'account.profile', undefined, { token: fresh })).status).toBe(200);
  });

  it('ASVS 4.0.3 3.3.1: a token of a session that does not exist or was revoked is refused', async () => {
    const { tokens } = await signUp(server, 'tok-revoked');
    const claims = claimsOf(tokens.access);
    const service = createTokenService(
      defineAuthConfig({ jwtSecret: Buffer.from(JWT_SECRET), otpSecret: Buffer.alloc(32, 1) }),
      createManualClock(new Date()),
    );
    await expect401(service.issue('access', String(claims.user_id), randomUUID()).token);
    await mutate(server, 'auth.logout', { refresh_token: tokens.refresh });
    await expect401(tokens.access);
  });

  it('ASVS 4.0.3 3.3.1: the tokens of a deactivated user die at once', async () => {
    const { tokens, email } = await signUp(server, 'tok-inactive');
    expect(
      (await query(server, 'account.profile', undefined, { token: tokens.access })).status,
    ).toBe(200);
    await server.app.db.prisma.user.update({ where: { email }, data: { isActive: false } });
    await expect401(tokens.access);
    expect((await mutate(server, 'auth.refresh', { refresh: tokens.refresh })).status).toBe(401);
  });
});
