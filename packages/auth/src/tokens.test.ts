import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { createManualClock } from './clock';
import { authDefaults } from './config';
import { AuthError } from './errors';
import { createTokenService } from './tokens';

const config = { ...authDefaults, jwtSecret: Buffer.alloc(32, 1) };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function setup() {
  const clock = createManualClock();
  return { clock, tokens: createTokenService(config, clock) };
}

function expectRejected(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('token_not_valid');
    return;
  }
  throw new Error('token was accepted');
}

describe('tokens', () => {
  it('carry SimpleJWT claims plus sid, HS256, iss and aud', () => {
    const { tokens } = setup();
    const issued = tokens.issue('access', 'user-1', 'session-1');
    const header = JSON.parse(
      Buffer.from(issued.token.split('.')[0] ?? '', 'base64url').toString(),
    );
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = tokens.verify(issued.token, 'access');
    expect(claims).toMatchObject({ token_type: 'access', user_id: 'user-1', sid: 'session-1' });
    expect(claims.exp - claims.iat).toBe(300);
    expect(claims.jti).toBe(issued.jti);
  });

  it('refuse a refresh token used as an access token and the reverse', () => {
    const { tokens } = setup();
    expectRejected(() => tokens.verify(tokens.issue('refresh', 'u', 's').token, 'access'));
    expectRejected(() => tokens.verify(tokens.issue('access', 'u', 's').token, 'refresh'));
  });

  it('expire by the clock', () => {
    const { tokens, clock } = setup();
    const { token } = tokens.issue('access', 'u', 's');
    clock.advance(299_000);
    expect(tokens.verify(token, 'access').user_id).toBe('u');
    clock.advance(2_000);
    expectRejected(() => tokens.verify(token, 'access'));
  });

  it('refuse alg none', () => {
    const { tokens, clock } = setup();
    const iat = Math.floor(clock.now().getTime() / 1000);
    const claims = {
      token_type: 'access',
      user_id: 'u',
      sid: 's',
      jti: 'j',
      iat,
      exp: iat + 60,
      iss: 'otp-auth',
      aud: 'otp-auth',
    };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    expectRejected(() => tokens.verify(none, 'access'));
  });

  it('refuse a tampered payload and a token signed with another key', () => {
    const { tokens } = setup();
    const [header, payload, signature] = tokens.issue('access', 'user-1', 's').token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = `${header}.${b64({ ...claims, user_id: 'user-2' })}.${signature}`;
    expectRejected(() => tokens.verify(tampered, 'access'));

    const forged = jwt.sign(claims, 'another-secret-that-is-long-enough-to-sign', {
      algorithm: 'HS256',
    });
    expectRejected(() => tokens.verify(forged, 'access'));
  });

  it('refuse HS384 even with the right key, and wrong issuer or audience', () => {
    const { tokens, clock } = setup();
    const iat = Math.floor(clock.now().getTime() / 1000);
    const body = { token_type: 'access', user_id: 'u', sid: 's', jti: 'j', iat, exp: iat + 60 };
    const sign = (header: object, claims: object) => {
      const unsigned = `${b64(header)}.${b64(claims)}`;
      const algo = (header as { alg: string }).alg === 'HS384' ? 'sha384' : 'sha256';
      return `${unsigned}.${createHmac(algo, config.jwtSecret).update(unsigned).digest('base64url')}`;
    };
    const good = { ...body, iss: 'otp-auth', aud: 'otp-auth' };
    expect(tokens.verify(sign({ alg: 'HS256', typ: 'JWT' }, good), 'access').user_id).toBe('u');
    expectRejected(() => tokens.verify(sign({ alg: 'HS384', typ: 'JWT' }, good), 'access'));
    expectRejected(() => tokens.verify(sign({ alg: 'HS256' }, { ...good, iss: 'evil' }), 'access'));
    expectRejected(() =>
      tokens.verify(sign({ alg: 'HS256' }, { ...good, aud: 'other' }), 'access'),
    );
  });

  it('refuse garbage', () => {
    const { tokens } = setup();
    for (const junk of ['', 'abc', 'a.b.c', '....'])
      expectRejected(() => tokens.verify(junk, 'access'));
  });
});
