import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS', () => {
  it('default to localhost: the dev server and the API port', () => {
    expect(parseEnv({ PORT: '8000' }).WEBAUTHN).toEqual({
      rpId: 'localhost',
      origins: ['http://localhost:5173', 'http://localhost:8000'],
    });
  });

  it('follow PUBLIC_URL when it is set', () => {
    expect(parseEnv({ PUBLIC_URL: 'https://auth.example.com' }).WEBAUTHN).toEqual({
      rpId: 'auth.example.com',
      origins: ['https://auth.example.com'],
    });
  });

  it('take a parent domain and several origins under it', () => {
    const env = parseEnv({
      WEBAUTHN_RP_ID: 'example.com',
      WEBAUTHN_ORIGINS: 'https://auth.example.com, https://app.example.com/',
    });
    expect(env.WEBAUTHN).toEqual({
      rpId: 'example.com',
      origins: ['https://auth.example.com', 'https://app.example.com'],
    });
  });

  it('refuse an origin outside the RP id, or one with a path, at start-up', () => {
    expect(() =>
      parseEnv({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://example.org' }),
    ).toThrow(/WEBAUTHN_RP_ID: "example.com" must be example.org/);
    expect(() => parseEnv({ WEBAUTHN_ORIGINS: 'http://localhost:5173/app' })).toThrow(
      /WEBAUTHN_ORIGINS: "http:\/\/localhost:5173\/app" is not an origin/,
    );
    expect(() => parseEnv({ WEBAUTHN_RP_ID: 'https://x' })).toThrow(/WEBAUTHN_RP_ID/);
  });
});
