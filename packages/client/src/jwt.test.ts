import { describe, expect, it } from 'vitest';
import { readTokenTimes } from './jwt';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: unknown) => `${encode({ alg: 'HS256' })}.${encode(claims)}.signature`;

describe('readTokenTimes', () => {
  it('reads exp and iat from a base64url payload, whatever its length and characters', () => {
    for (const name of ['a', 'ab', 'abc', 'zoë ~~~ ???']) {
      expect(readTokenTimes(token({ exp: 1_900_000_000, iat: 1_899_999_700, name }))).toEqual({
        exp: 1_900_000_000,
        iat: 1_899_999_700,
      });
    }
    expect(readTokenTimes(token({ exp: 5 }))).toEqual({ exp: 5, iat: undefined });
  });

  it('returns null for anything it cannot trust to hold a numeric exp', () => {
    for (const bad of ['', 'abc', 'a.!!!.c', token('text'), token(null), token({ exp: '5' })]) {
      expect(readTokenTimes(bad)).toBeNull();
    }
  });
});
