import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

const secret = randomBytes(32);

describe('secret box', () => {
  it('opens what it sealed, with a fresh IV each time', () => {
    const box = createSecretBox(secret, 'totp');
    const a = box.seal('JBSWY3DPEHPK3PXP');
    const b = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another purpose, another secret and a tampered value', () => {
    const sealed = createSecretBox(secret, 'totp').seal('secret value');
    expect(() => createSecretBox(secret, 'signing-keys').open(sealed)).toThrow();
    expect(() => createSecretBox(randomBytes(32), 'totp').open(sealed)).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => createSecretBox(secret, 'totp').open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(secret, 'totp').open('garbage')).toThrow();
  });
});
