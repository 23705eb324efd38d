import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { assertPasswordAllowed, isCommonPassword } from './password-policy';

const account = { email: 'ann@example.com', username: 'ann' };

describe('password policy (ASVS 4.0.3 2.1.7, 2.1.9)', () => {
  it('refuses passwords from the common-password list, in any case', () => {
    for (const common of ['password', 'Password123', '12345678', 'qwertyuiop', 'iloveyou']) {
      expect(isCommonPassword(common)).toBe(true);
      expect(() => assertPasswordAllowed(common, account)).toThrow(AuthError);
    }
  });

  it('keeps the examples of the original contract valid', () => {
    for (const fine of ['strongpassword123', 'newpassword456']) {
      expect(isCommonPassword(fine)).toBe(false);
      expect(() => assertPasswordAllowed(fine, account)).not.toThrow();
    }
  });

  it('refuses the email or the username as the password', () => {
    const error = (() => {
      try {
        assertPasswordAllowed('ANN@example.com', account);
      } catch (caught) {
        return caught as AuthError;
      }
      return null;
    })();
    expect(error?.code).toBe('password_rejected');
    expect(error?.fields?.password?.[0]).toMatch(/similar/);
  });
});
