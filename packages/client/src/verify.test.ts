import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createTokenVerifier, TokenVerificationError } from './verify';

// A JWKS served over real HTTP on 127.0.0.1, whose keys and status the tests change, counting
// how often it is fetched.
let server: Server;
let jwksUrl: string;
let served: JWK[] = [];
let status = 200;
let fetches = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}
async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

function tokenFrom(key: Key, claims: Record<string, unknown> = {}) {
  return new SignJWT({ token_type: 'access', user_id: 'u1', sid: 's1', jti: 'j1', ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
    .setIssuer('otp-auth')
    .setAudience('otp-auth')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

/** Moves the clock the verifier's cooldown reads (only `Date` is faked: HTTP runs for real). */
const passSeconds = (seconds: number) => {
  vi.setSystemTime(Date.now() + seconds * 1000);
};
const verifierFor = (refetchCooldownSeconds = 5) =>
  createTokenVerifier({
    issuer: 'otp-auth',
    audience: 'otp-auth',
    jwksUrl,
    refetchCooldownSeconds,
  });

async function codeOf(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => new Error('accepted'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof TokenVerificationError)) throw error;
  return error.code;
}

describe('createTokenVerifier', () => {
  it('caches the JWKS, refetches on an unknown kid, at most once per cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const [a, b] = await Promise.all([newKey('a'), newKey('b')]);
    served = [a.jwk];
    status = 200;
    fetches = 0;
    const verifier = verifierFor(1);
    const claims = await verifier.verify(await tokenFrom(a));
    expect(claims).toMatchObject({
      token_type: 'access',
      user_id: 'u1',
      sid: 's1',
      iss: 'otp-auth',
    });
    await verifier.verify(await tokenFrom(a));
    expect(fetches).toBe(1);

    // A rotation on the service: the new kid is unknown here, so the set is fetched again.
    served = [a.jwk, b.jwk];
    passSeconds(1.1);
    expect((await verifier.verify(await tokenFrom(b))).user_id).toBe('u1');
    expect(fetches).toBe(2);
    // Made-up kids within the cooldown cost no request; after it, one.
    const stranger = await newKey('made-up');
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(verifier.verify(await tokenFrom(stranger)))).toBe('unknown_key');
    }
    expect(fetches).toBe(2);
    passSeconds(1.1);
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(verifier.verify(await tokenFrom(stranger)))).toBe('unknown_key');
    }
    expect(fetches).toBe(3);
  });

  it('picks up a key published after its cache was filled, on first sight of the kid', async () => {
    const [a, b] = await Promise.all([newKey('a2'), newKey('b2')]);
    served = [a.jwk];
    status = 200;
    fetches = 0;
    const verifier = verifierFor(0);
    await verifier.verify(await tokenFrom(a));
    served = [a.jwk, b.jwk];
    expect((await verifier.verify(await tokenFrom(b))).user_id).toBe('u1');
    expect(fetches).toBe(2);
  });

  it('hands over the role, and refuses one the service never issues', async () => {
    const a = await newKey('a-role');
    served = [a.jwk];
    status = 200;
    const verifier = verifierFor();
    expect((await verifier.verify(await tokenFrom(a, { role: 'admin' }))).role).toBe('admin');
    expect((await verifier.verify(await tokenFrom(a))).role).toBeUndefined();
    expect(await codeOf(verifier.verify(await tokenFrom(a, { role: 'root' })))).toBe(
      'token_invalid',
    );
  });

  it('refuses a refresh token, a wrong audience, an expired token and garbage', async () => {
    const a = await newKey('a3');
    served = [a.jwk];
    status = 200;
    const verifier = verifierFor();
    expect(await codeOf(verifier.verify(await tokenFrom(a, { token_type: 'refresh' })))).toBe(
      'token_invalid',
    );
    const otherAudience = await new SignJWT({
      token_type: 'access',
      user_id: 'u',
      sid: 's',
      jti: 'j',
    })
      .setProtectedHeader({ alg: 'ES256', kid: a.kid })
      .setIssuer('otp-auth')
      .setAudience('another-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(a.privateKey);
    expect(await codeOf(verifier.verify(otherAudience))).toBe('token_invalid');
    const expired = await new SignJWT({ token_type: 'access', user_id: 'u', sid: 's', jti: 'j' })
      .setProtectedHeader({ alg: 'ES256', kid: a.kid })
      .setIssuer('otp-auth')
      .setAudience('otp-auth')
      .setIssuedAt(1_000)
      .setExpirationTime(2_000)
      .sign(a.privateKey);
    expect(await codeOf(verifier.verify(expired))).toBe('token_expired');
    expect(await codeOf(verifier.verify('not.a.token'))).toBe('token_invalid');
  });

  it('says jwks_unavailable, not token_invalid, when the JWKS cannot be had', async () => {
    const a = await newKey('a4');
    served = [a.jwk];
    status = 503;
    expect(await codeOf(verifierFor().verify(await tokenFrom(a)))).toBe('jwks_unavailable');
    const unreachable = createTokenVerifier({
      issuer: 'otp-auth',
      audience: 'otp-auth',
      jwksUrl: 'http://127.0.0.1:1/jwks.json',
    });
    expect(await codeOf(unreachable.verify(await tokenFrom(a)))).toBe('jwks_unavailable');
    status = 200;
  });
});
