import { describe, expect, it } from 'vitest';
import { emailField, normalizeEmail } from './email';

const valid: [string, string][] = [
  ['testuser@example.com', 'testuser@example.com'],
  ['  TestUser@Example.COM ', 'testuser@example.com'],
  ['a=b@example.com', 'a=b@example.com'],
  ['x/y!z@example.org', 'x/y!z@example.org'],
  ['first+tag@example.com', 'first+tag@example.com'],
  ["o'brien@example.ie", "o'brien@example.ie"],
  ['#hash@example.com', '#hash@example.com'],
  ['{curly}@example.com', '{curly}@example.com'],
  ['a.b.c@mail.example.co.uk', 'a.b.c@mail.example.co.uk'],
  ["!#$%&'*+/=?^_`{|}~-@example.com", "!#$%&'*+/=?^_`{|}~-@example.com"],
  ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
  ['user@bücher.example', 'user@xn--bcher-kva.example'],
  ['user@sub-domain.example-host.com', 'user@sub-domain.example-host.com'],
  // IDNA maps fullwidth letters and the ideographic full stop: one spelling in the end.
  ['victim@ex\uFF41mple.com', 'victim@example.com'],
  ['victim@example\u3002com', 'victim@example.com'],
];

const invalid: [string, string][] = [
  ['"quoted"@example.com', 'quotes'],
  ['"a b"@example.com', 'quoted space'],
  ['.leading@example.com', 'leading dot'],
  ['trailing.@example.com', 'trailing dot'],
  ['dou..ble@example.com', 'double dot'],
  ['with space@example.com', 'space in the local part'],
  ['user@exa mple.com', 'space in the domain'],
  ['user@localhost', 'missing TLD'],
  ['user@example', 'missing TLD'],
  ['user@example.123', 'numeric TLD'],
  ['user@-example.com', 'label starting with a hyphen'],
  ['user@example..com', 'empty label'],
  ['user@.example.com', 'leading dot in the domain'],
  ['userexample.com', 'no @'],
  ['@example.com', 'empty local part'],
  ['user@', 'empty domain'],
  ['a@b@example.com', 'two @'],
  ['üser@example.com', 'Unicode local part'],
  ['user@[127.0.0.1]', 'address literal'],
  ['user@example.com/path', 'slash in the domain'],
  ['victim@ex\u00ADample.com', 'soft hyphen (IDNA would drop it)'],
  ['victim@exa\u200Bmple.com', 'zero-width space'],
  ['victim@example.com\u200B', 'trailing zero-width space'],
  ['vic\u200Dtim@example.com', 'zero-width joiner in the local part'],
  ['victim@exa\uFE0Fmple.com', 'variation selector'],
  ['victim@exa\u2060mple.com', 'word joiner'],
  [`${'a'.repeat(65)}@example.com`, 'local part over 64'],
  [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`, '255 characters'],
];

describe('email addresses', () => {
  it.each(valid)('accepts %s', (input, stored) => {
    expect(emailField.parse(input)).toBe(stored);
  });

  it.each(invalid)('refuses %s (%s)', (input) => {
    const result = emailField.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/valid email address|no more than 254/);
  });

  it('accepts 254 characters and no more', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(at254).toHaveLength(254);
    expect(normalizeEmail(at254)).toBe(at254);
    const at255 = `${at254.slice(0, -4)}d.com`;
    expect(at255).toHaveLength(255);
    expect(emailField.safeParse(at255).success).toBe(false);
  });
});
