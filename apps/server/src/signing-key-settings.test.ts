import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { parseEnv } from './env';

// Outside production: the settings read here need no mail server.
const secrets = {
  NODE_ENV: 'test',
  JWT_SECRET: 'j'.repeat(32),
  OTP_SECRET: 'o'.repeat(32),
  DATA_DIR: '/tmp',
};

describe('signing-key settings', () => {
  it('default: rotate every 30 days, publish a new key one JWKS max-age ahead, reread every 30 s', async () => {
    const { auth, jwksMaxAgeSeconds } = await loadConfig(parseEnv(secrets));
    expect(jwksMaxAgeSeconds).toBe(300);
    expect(auth).toMatchObject({
      signingKeyRotationSeconds: 30 * 86_400,
      signingKeyPublishAheadSeconds: 300,
      signingKeyRefreshSeconds: 30,
    });
  });

  it('the publish-ahead delay follows the max-age unless set, and fractions of days are allowed', async () => {
    const { auth } = await loadConfig(
      parseEnv({ ...secrets, JWKS_MAX_AGE_SECONDS: '120', SIGNING_KEY_ROTATION_DAYS: '0.5' }),
    );
    expect(auth.signingKeyPublishAheadSeconds).toBe(120);
    expect(auth.signingKeyRotationSeconds).toBe(43_200);
    const set = await loadConfig(
      parseEnv({
        ...secrets,
        JWKS_MAX_AGE_SECONDS: '120',
        SIGNING_KEY_PUBLISH_AHEAD_SECONDS: '45',
      }),
    );
    expect(set.auth.signingKeyPublishAheadSeconds).toBe(45);
  });

  it('refuses a publish-ahead delay shorter than the refresh interval, and bad numbers', () => {
    expect(() =>
      parseEnv({
        ...secrets,
        SIGNING_KEY_PUBLISH_AHEAD_SECONDS: '10',
        SIGNING_KEY_REFRESH_SECONDS: '30',
      }),
    ).toThrow(/SIGNING_KEY_PUBLISH_AHEAD_SECONDS: must be at least SIGNING_KEY_REFRESH_SECONDS/);
    expect(() => parseEnv({ ...secrets, JWKS_MAX_AGE_SECONDS: '0' })).toThrow(
      /SIGNING_KEY_PUBLISH_AHEAD_SECONDS/,
    );
    expect(() => parseEnv({ ...secrets, SIGNING_KEY_REFRESH_SECONDS: '90' })).toThrow(
      /SIGNING_KEY_REFRESH_SECONDS/,
    );
    expect(() => parseEnv({ ...secrets, SIGNING_KEY_ROTATION_DAYS: '0' })).toThrow(
      /SIGNING_KEY_ROTATION_DAYS/,
    );
  });
});
