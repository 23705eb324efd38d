import { createHmac, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createTestDatabase, type Database } from '@otp-auth/db/testing';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { authDefaults } from './config';
import { createSecretBox } from './crypto/secret-box';
import { AuthError } from './errors';
import { createKeyring } from './keys/keyring';
import { createTokenService } from './tokens';

const config = {
  ...authDefaults,
  jwtSecret: Buffer.alloc(32, 1),
  otpSecret: Buffer.alloc(32, 2),
};
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
  return { header: decode(header), claims: decode(payload), signature };
};

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

function setup() {
  const clock = createManualClock(new Date());
  const keys = createKeyring(
    db.prisma,
    createSecretBox(config.otpSecret, 'signing-keys'),
    config,
    clock,
  );
  return { clock, keys, tokens: createTokenService(config, clock, keys) };
}

async function expectRejected(attempt: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('token_not_valid');
    return;
  }
  throw new Error('token was accepted');
}

describe('tokens', () => {
  it('access tokens: ES256 with the signing key kid, SimpleJWT claims plus sid, iss and aud', async () => {
    const { tokens, keys } = setup();
    const issued = await tokens.issueAccess({
      userId: 'user-1',
      sessionId: 'session-1',
      role: 'user',
    });
    const { header, claims } = partsOf(issued.token);
    const { kid } = await keys.signer();
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid });
    expect(claims).toMatchObject({ iss: 'otp-auth', aud: 'otp-auth' });
    const verified = await tokens.verifyAccess(issued.token);
    expect(verified).toMatchObject({ token_type: 'access', user_id: 'user-1', sid: 'session-1' });
    expect(verified.kid).toBe(kid);
    expect(verified.exp - verified.iat).toBe(300);
    expect(verified.jti).toBe(issued.jti);
  });

  it('refresh tokens stay HS256 under JWT_SECRET; neither kind passes as the other', async () => {
    const { tokens } = setup();
    const refresh = tokens.issueRefresh('u', 's');
    expect(partsOf(refresh.token).header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(tokens.verifyRefresh(refresh.token).user_id).toBe('u');
    await expectRejected(tokens.verifyAccess(refresh.token));
    const access = await tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
    await expectRejected(() => tokens.verifyRefresh(access.token));
  });

  it('expire by the clock', async () => {
    const { tokens, clock } = setup();
    const { token } = await tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' });
    clock.advance(299_000);
    expect((await tokens.verifyAccess(token)).user_id).toBe('u');
    clock.advance(2_000);
    await expectRejected(tokens.verifyAccess(token));
  });

  it('refuse alg none, HS256 keyed with the public key, and another P-256 key under our kid', async () => {
    const { tokens, keys } = setup();
    const { header, claims } = partsOf(
      (await tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' })).token,
    );
    await expectRejected(tokens.verifyAccess(`${b64({ ...header, alg: 'none' })}.${b64(claims)}.`));

    // Key confusion: HMAC keyed with the published public key, in every form an attacker has.
    const jwk = (await keys.jwks()).keys[0];
    const publicKey = createPublicKey({ key: { ...jwk }, format: 'jwk' });
    const secrets = [
      publicKey.export({ type: 'spki', format: 'pem' }),
      publicKey.export({ type: 'spki', format: 'der' }),
      JSON.stringify(jwk),
    ];
    for (const secret of secrets) {
      const input = `${b64({ ...header, alg: 'HS256' })}.${b64(claims)}`;
      const mac = createHmac('sha256', secret).update(input).digest('base64url');
      await expectRejected(tokens.verifyAccess(`${input}.${mac}`));
    }

    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = jwt.sign(claims, other.privateKey, {
      algorithm: 'ES256',
      keyid: String(header.kid),
    });
    await expectRejected(tokens.verifyAccess(forged));
  });

  it('refuse a header that brings its own key, an unknown kid, and a missing kid', async () => {
    const { tokens } = setup();
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { header, claims } = partsOf(
      (await tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'user' })).token,
    );
    const signWith = (head: object) => {
      const input = `${b64(head)}.${b64(claims)}`;
      const sig = sign('sha256', Buffer.from(input), {
        key: attacker.privateKey,
        dsaEncoding: 'ieee-p1363',
      });
      return `${input}.${sig.toString('base64url')}`;
    };
    const attackerJwk = attacker.publicKey.export({ format: 'jwk' });
    for (const extra of [
      { jwk: attackerJwk },
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
      { x5c: ['MIIB'] },
    ]) {
      await expectRejected(tokens.verifyAccess(signWith({ ...header, ...extra })));
    }
    await expectRejected(tokens.verifyAccess(signWith({ ...header, kid: 'no-such-key' })));
    await expectRejected(tokens.verifyAccess(signWith({ alg: 'ES256', typ: 'JWT' })));
  });

  it('refuse a tampered payload, and wrong issuer or audience', async () => {
    const { tokens, keys } = setup();
    const [head, payload, signature] = (
      await tokens.issueAccess({ userId: 'user-1', sessionId: 's', role: 'user' })
    ).token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
    await expectRejected(
      tokens.verifyAccess(`${head}.${b64({ ...claims, user_id: 'user-2' })}.${signature}`),
    );
    const { privateKey, kid } = await keys.signer();
    const bare = { ...claims } as Record<string, unknown>;
    delete bare.iss;
    delete bare.aud;
    const signed = (more: object) =>
      jwt.sign({ ...bare, ...more }, privateKey, { algorithm: 'ES256', keyid: kid });
    expect((await tokens.verifyAccess(signed({ iss: 'otp-auth', aud: 'otp-auth' }))).user_id).toBe(
      'user-1',
    );
    await expectRejected(tokens.verifyAccess(signed({ iss: 'evil', aud: 'otp-auth' })));
    await expectRejected(tokens.verifyAccess(signed({ iss: 'otp-auth', aud: 'other' })));
  });

  it('carry the role they were issued with; a token without one grants `user`', async () => {
    const { tokens, keys } = setup();
    const issued = await tokens.issueAccess({ userId: 'u', sessionId: 's', role: 'admin' });
    expect(partsOf(issued.token).claims.role).toBe('admin');
    expect((await tokens.verifyAccess(issued.token)).role).toBe('admin');

    const { privateKey, kid } = await keys.signer();
    const { claims } = partsOf(issued.token);
    const signed = (more: object) => {
      const payload: Record<string, unknown> = { ...claims, ...more };
      if (payload.role === undefined) delete payload.role;
      return jwt.sign(payload, privateKey, { algorithm: 'ES256', keyid: kid });
    };
    // Issued before roles existed: no claim, no admin.
    expect((await tokens.verifyAccess(signed({ role: undefined }))).role).toBe('user');
    // A role this service never issues is a token it never signed as such.
    await expectRejected(tokens.verifyAccess(signed({ role: 'superuser' })));
  });

  it('refuse garbage', async () => {
    const { tokens } = setup();
    for (const junk of ['', 'abc', 'a.b.c', '....', `${b64([1])}.e30.`, `${b64('x')}.e30.`]) {
      await expectRejected(tokens.verifyAccess(junk));
      await expectRejected(() => tokens.verifyRefresh(junk));
    }
  });
});
