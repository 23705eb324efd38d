import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Seals secrets the server must read back (TOTP secrets, private signing keys) with AES-256-GCM
 * under a key derived by HKDF-SHA256 from a server secret. Each purpose gets its own key, so a
 * value sealed for one purpose cannot be opened as another. Format: `v1.<iv>.<tag>.<ciphertext>`
 * in base64url. */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the value was not sealed by this box (wrong key, purpose or tampered). */
  open(sealed: string): string;
}

const VERSION = 'v1';

export function createSecretBox(serverSecret: Uint8Array, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, '', `otp-auth/${purpose}`, 32));
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) {
        throw new Error('not a sealed value');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    },
  };
}
