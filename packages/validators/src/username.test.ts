import { describe, expect, it } from 'vitest';
import { usernameField, usernameKey } from './username';

describe('usernames', () => {
  it.each(['testuser', 'Jürgen_名前', 'Łukasz', 'Ñandú', 'Zoë', '名前', 'a.b@c+d-e_f', 'x'])(
    'accepts %s',
    (name) => {
      expect(usernameField.parse(name)).toBe(name);
    },
  );

  it('normalizes with NFKC before validating and storing', () => {
    expect(usernameField.parse('ﬁle')).toBe('file');
    expect(usernameField.parse('ＡＢＣ')).toBe('ABC');
    // "e" + combining acute becomes the single precomposed letter.
    expect(usernameField.parse('Jose\u0301')).toBe('José');
    expect(usernameField.parse('  padded  ')).toBe('padded');
  });

  it.each([
    ['with space', 'a space'],
    ['semi;colon', 'a semicolon'],
    ['slash/name', 'a slash'],
    ['emoji😀', 'an emoji'],
  ])('refuses %s (%s) with a field message', (name) => {
    const result = usernameField.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Use letters, digits and @ . + - _ only.');
  });

  it('allows 150 characters, counted as characters, and no more', () => {
    expect(usernameField.safeParse('名'.repeat(150)).success).toBe(true);
    const long = usernameField.safeParse('a'.repeat(151));
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe(
      'Ensure this field has no more than 150 characters.',
    );
    expect(usernameField.safeParse('').error?.issues[0]?.message).toBe('This field is required.');
  });

  it('compares names case-insensitively through their key', () => {
    expect(usernameKey('Admin')).toBe(usernameKey('admin'));
    expect(usernameKey('ŁUKASZ')).toBe(usernameKey('łukasz'));
    expect(usernameKey('ﬁle')).toBe(usernameKey('FILE'));
  });
});
