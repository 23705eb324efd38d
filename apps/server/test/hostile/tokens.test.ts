import { createHmac, createPublicKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createTokenVerifier, TokenVerificationError } from '@otp-auth/client/verify';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support';
import { errorOf, mutate, query, signUp, startHostileServer } from './http';

const JWT_SECRET = 'hostile-suite-jwt-secret-0123456789abcdef';
let server: TestServer;
let verifier: ReturnType<typeof createTokenVerifier>;
beforeAll(async () => {
  server = await startHostileServer({
    JWT_SECRET,
    OTP_SECRET: 'hostile-suite-otp-secret-0123456789abcdef',
  });
  // Another service's view: only the JWKS, verified offline.
  verifier = createTokenVerifier({
    issuer: 'otp-auth',
    audience: 'otp-auth',
    jwksUrl: `${server.url}/.well-known/jwks.json`,
  });
});
afterAll(() => server.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string | undefined) =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString()) as Record<string, unknown>;
const claimsOf = (token: string) => decode(token.split('.')[1]);
const headerOf = (token: string) => decode(token.split('.')[0]);

/** Signs claims with the server's own current key, as only the server could. */
async function signedByServer(claims: Record<string, unknown>) {
  const { privateKey, kid } = await server.app.auth.keys.signer();
  return jwt.sign(claims, privateKey, { algorithm: 'ES256', keyid: kid });
}

async function expectRefusedByServer(token: string) {
  const answer = await query(server, 'account.profile', undefined, { token });
  expect(answer.status).toBe(401);
  expect(errorOf(answer).code).toBe('token_not_valid');
  expect(answer.text).not.toMatch(/stack|jsonwebtoken|at \w+ \(/i);
}

async function expectRefusedByVerifier(token: string, code = 'token_invalid') {
  const error = await verifier.verify(token).then(
    () => new Error('the verifier accepted it'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenVerificationError);
  expect((error as TokenVerificationError).code).toBe(code);
}

/** Refused by our server and by another service's verifier alike. */
async function expectRefused(token: string, verifierCode = 'token_invalid') {
  await expectRefusedByServer(token);
  await expectRefusedByVerifier(token, verifierCode);
}

describe('forged and misused tokens', () => {
  it('a genuine access token passes both our server and the offline verifier', async () => {
    const { tokens } = await signUp(server, 'tok-genuine');
    expect(headerOf(tokens.access)).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(
      (await query(server, 'account.profile', undefined, { token: tokens.access })).status,
    ).toBe(200);
    const claims = await verifier.verify(tokens.access);
    expect(claims).toMatchObject({
      token_type: 'access',
      user_id: claimsOf(tokens.access).user_id,
    });
  });

  it('ASVS 4.0.3 3.5.3: alg "none" is refused', async () => {
    const { tokens } = await signUp(server, 'tok-none');
    const claims = claimsOf(tokens.access);
    const { kid } = headerOf(tokens.access);
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT', kid })}.${b64(claims)}.`);
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`);
  });

  it('ASVS 4.0.3 3.5.3: key confusion (HS256 keyed with the published key) and RS256 are refused', async () => {
    const { tokens } = await signUp(server, 'tok-confusion');
    const claims = claimsOf(tokens.access);
    const { kid } = headerOf(tokens.access);
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as {
      keys: Record<string, unknown>[];
    };
    const jwk = jwks.keys.find((key) => key.kid === kid);
    const publicKey = createPublicKey({ key: { ...jwk }, format: 'jwk' });
    for (const secret of [
      publicKey.export({ type: 'spki', format: 'pem' }),
      publicKey.export({ type: 'spki', format: 'der' }),
      JSON.stringify(jwk),
    ]) {
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims)}`;
      await expectRefused(
        `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`,
      );
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsInput = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
    const rsSig = sign('sha256', Buffer.from(rsInput), rsa.privateKey).toString('base64url');
    await expectRefused(`${rsInput}.${rsSig}`);
  });

  it('ASVS 4.0.3 3.5.3: a header bringing its own key (jwk, jku, x5u) or an unknown kid is refused', async () => {
    const { tokens } = await signUp(server, 'tok-header');
    const claims = claimsOf(tokens.access);
    const { kid } = headerOf(tokens.access);
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signWith = (header: object) => {
      const input = `${b64(header)}.${b64(claims)}`;
      const sig = sign('sha256', Buffer.from(input), {
        key: attacker.privateKey,
        dsaEncoding: 'ieee-p1363',
      });
      return `${input}.${sig.toString('base64url')}`;
    };
    const base = { alg: 'ES256', typ: 'JWT', kid };
    await expectRefused(signWith({ ...base, jwk: attacker.publicKey.export({ format: 'jwk' }) }));
    await expectRefused(signWith({ ...base, jku: 'http://127.0.0.1:1/jwks.json' }));
    await expectRefused(signWith({ ...base, x5u: 'http://127.0.0.1:1/cert.pem' }));
    // Our own kid, the attacker's key: the signature fails.
    await expectRefused(signWith(base));
    await expectRefused(signWith({ ...base, kid: 'made-up-kid' }), 'unknown_key');
  });

  it('ASVS 4.0.3 3.5.3: a tampered user_id breaks the signature', async () => {
    const victim = await signUp(server, 'tok-victim');
    const { tokens } = await signUp(server, 'tok-attacker');
    const [header, , signature] = tokens.access.split('.');
    const forged = { ...claimsOf(tokens.access), user_id: claimsOf(victim.tokens.access).user_id };
    await expectRefused(`${header}.${b64(forged)}.${signature}`);
  });

  it('ASVS 4.0.3 3.5.3: a refresh token is never an access token, nor the reverse', async () => {
    const { tokens } = await signUp(server, 'tok-type');
    await expectRefused(tokens.refresh);
    const asRefresh = await mutate(server, 'auth.refresh', { refresh: tokens.access });
    expect(asRefresh.status).toBe(401);
    // Even signed by our ES256 key, a token_type of "refresh" is not an access token.
    await expectRefused(
      await signedByServer({ ...claimsOf(tokens.access), token_type: 'refresh' }),
    );
  });

  it('ASVS 4.0.3 3.3.1/3.5.3: an expired token and a wrong iss or aud, correctly signed, are refused', async () => {
    const { tokens } = await signUp(server, 'tok-expired');
    const claims = claimsOf(tokens.access);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await signedByServer({ ...claims, iat: now - 600, exp: now - 300 }),
      'token_expired',
    );
    await expectRefused(await signedByServer({ ...claims, iss: 'someone-else' }));
    await expectRefused(await signedByServer({ ...claims, aud: 'another-api' }));
    // The same claims, unchanged, are accepted: only the expiry or iss/aud made the difference.
    const fresh = await signedByServer(claims);
    expect((await query(server, 'account.profile', undefined, { token: fresh })).status).toBe(200);
    expect((await verifier.verify(fresh)).user_id).toBe(claims.user_id);
  });

  it('ASVS 4.0.3 3.3.1: a token of a session that does not exist or was revoked is refused', async () => {
    const { tokens } = await signUp(server, 'tok-revoked');
    await expectRefusedByServer(
      await signedByServer({ ...claimsOf(tokens.access), sid: randomUUID() }),
    );
    await mutate(server, 'auth.logout', { refresh_token: tokens.refresh });
    await expectRefusedByServer(tokens.access);
    // The trade-off of offline checks: another service accepts it until it expires.
    expect((await verifier.verify(tokens.access)).sid).toBe(claimsOf(tokens.access).sid);
  });

  it('ASVS 4.0.3 3.3.1: the tokens of a deactivated user die within 1 s', async () => {
    const { tokens, email } = await signUp(server, 'tok-inactive');
    expect(
      (await query(server, 'account.profile', undefined, { token: tokens.access })).status,
    ).toBe(200);
    // An operator's SQL, not a flow of this server: it reaches the session cache through the
    // database's session events (ADR 100), before the commit returns on PGlite and within
    // milliseconds on PostgreSQL; the bound is 1 s.
    await server.app.db.prisma.user.update({ where: { email }, data: { isActive: false } });
    const deadline = Date.now() + 1_000;
    while (
      (await query(server, 'account.profile', undefined, { token: tokens.access })).status === 200
    ) {
      expect(Date.now(), 'still accepted after 1 s').toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await expectRefusedByServer(tokens.access);
    expect((await mutate(server, 'auth.refresh', { refresh: tokens.refresh })).status).toBe(401);
  });
});
