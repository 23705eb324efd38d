import { describe, expect, it } from 'vitest';
import { roleOf } from './role';

const encode = (value: object) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('roleOf', () => {
  it('reads the role claim of an access token', () => {
    expect(roleOf(`${encode({ alg: 'ES256' })}.${encode({ role: 'admin' })}.sig`)).toBe('admin');
    expect(roleOf(`${encode({ alg: 'ES256' })}.${encode({ role: 'user' })}.sig`)).toBe('user');
  });

  it('reads anything else as a plain user', () => {
    for (const token of [
      null,
      '',
      'garbage',
      'a.%%%.c',
      `x.${encode({})}.y`,
      `x.${encode({ role: 'root' })}.y`,
    ]) {
      expect(roleOf(token)).toBe('user');
    }
  });
});
