import { describe, expect, it } from 'vitest';
import { changePasswordInput, registerInput } from './auth';
import { loginSecondStepInput, recoveryCodeField } from './two-factor';
import { otpField, passwordField, phoneNumberField } from './fields';

describe('fields', () => {
  it('bounds passwords by characters below and by UTF-8 bytes above', () => {
    expect(passwordField.safeParse('short').success).toBe(false);
    expect(passwordField.safeParse('a'.repeat(72)).success).toBe(true);
    expect(passwordField.safeParse('a'.repeat(73)).success).toBe(false);
    // 24 three-byte characters = 72 bytes; one more is 75 bytes.
    expect(passwordField.safeParse('€'.repeat(24)).success).toBe(true);
    expect(passwordField.safeParse('€'.repeat(25)).success).toBe(false);
  });

  it('accepts six digits only as a code', () => {
    expect(otpField.safeParse('012345').success).toBe(true);
    expect(otpField.safeParse('12345').success).toBe(false);
    expect(otpField.safeParse('12345a').success).toBe(false);
  });

  it('normalises phone numbers', () => {
    expect(phoneNumberField.parse('+1 (234) 567-890')).toBe('+1234567890');
    expect(phoneNumberField.safeParse('12').success).toBe(false);
  });
});

describe('forms', () => {
  it('accepts the original example registration', () => {
    const parsed = registerInput.parse({
      email: 'testuser@example.com',
      username: 'testuser',
      phone_number: '1234567890',
      password: 'strongpassword123',
    });
    expect(parsed.username).toBe('testuser');
  });

  it('refuses a password equal to the username', () => {
    const result = registerInput.safeParse({
      email: 'a@example.com',
      username: 'longusername',
      phone_number: '1234567890',
      password: 'LongUsername',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['password']);
  });

  it('reports a confirmation mismatch on confirm_password', () => {
    const result = changePasswordInput.safeParse({
      old_password: 'strongpassword123',
      new_password: 'newpassword456',
      confirm_password: 'newpassword457',
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['confirm_password']]);
  });
});

describe('two-factor inputs', () => {
  it('reads a recovery code in any case, with spaces or dashes', () => {
    expect(recoveryCodeField.parse(' ABCDE-fgh23 ')).toBe('abcdefgh23');
    expect(recoveryCodeField.parse('abcde fgh23')).toBe('abcdefgh23');
    expect(recoveryCodeField.safeParse('abcde-fgh2').success).toBe(false);
    expect(recoveryCodeField.safeParse('abcde-fgh28').success).toBe(false);
  });

  it('takes exactly one of code and recovery_code', () => {
    const token = { mfa_token: 'opaque' };
    expect(loginSecondStepInput.safeParse({ ...token, code: '123456' }).success).toBe(true);
    expect(loginSecondStepInput.safeParse({ ...token, recovery_code: 'abcde-fgh23' }).success).toBe(
      true,
    );
    expect(loginSecondStepInput.safeParse(token).success).toBe(false);
    expect(
      loginSecondStepInput.safeParse({ ...token, code: '123456', recovery_code: 'abcde-fgh23' })
        .success,
    ).toBe(false);
  });
});
