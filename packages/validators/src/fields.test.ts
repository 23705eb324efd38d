import { describe, expect, it } from 'vitest';
import { changePasswordInput, registerInput } from './auth';
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
