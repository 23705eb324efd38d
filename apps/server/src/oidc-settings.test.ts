import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('OIDC_PROVIDERS', () => {
  it('fills in the Google and GitHub presets from a client id and secret', () => {
    const env = parseEnv({
      OIDC_PROVIDERS: 'google, GitHub',
      OIDC_GOOGLE_CLIENT_ID: 'g-id',
      OIDC_GOOGLE_CLIENT_SECRET: 'g-secret',
      OIDC_GITHUB_CLIENT_ID: 'gh-id',
      OIDC_GITHUB_CLIENT_SECRET: 'gh-secret',
    });
    expect(env.OIDC).toEqual([
      {
        id: 'google',
        name: 'Google',
        kind: 'oidc',
        issuer: 'https://accounts.google.com',
        apiUrl: undefined,
        clientId: 'g-id',
        clientSecret: 'g-secret',
        scopes: ['openid', 'email', 'profile'],
      },
      {
        id: 'github',
        name: 'GitHub',
        kind: 'github',
        issuer: 'https://github.com',
        apiUrl: 'https://api.github.com',
        clientId: 'gh-id',
        clientSecret: 'gh-secret',
        scopes: ['read:user', 'user:email'],
      },
    ]);
  });

  it('takes any other id as an OpenID Connect issuer, a public client without a secret', () => {
    const env = parseEnv({
      OIDC_PROVIDERS: 'corp-sso',
      OIDC_CORP_SSO_ISSUER: 'https://login.corp.example',
      OIDC_CORP_SSO_CLIENT_ID: 'corp',
      OIDC_CORP_SSO_SCOPES: 'openid email',
    });
    expect(env.OIDC).toEqual([
      expect.objectContaining({
        id: 'corp-sso',
        name: 'Corp-sso',
        kind: 'oidc',
        clientSecret: undefined,
        scopes: ['openid', 'email'],
      }),
    ]);
  });

  it('names each missing or wrong setting', () => {
    expect(() =>
      parseEnv({
        OIDC_PROVIDERS: 'corp,Bad Id!',
        OIDC_CORP_ISSUER: 'not a url',
        PUBLIC_URL: 'https://auth.example.com/path',
      }),
    ).toThrow(
      /PUBLIC_URL: PUBLIC_URL must be an origin[\s\S]*OIDC_CORP_CLIENT_ID: required[\s\S]*OIDC_CORP_ISSUER: must be an https:\/\/ URL[\s\S]*"bad id!" is not a provider id/,
    );
  });

  it('is required with PUBLIC_URL in production', async () => {
    const { loadConfig, PUBLIC_URL_REQUIRED_MESSAGE } = await import('./config');
    const env = parseEnv({
      NODE_ENV: 'production',
      MAIL_TO_LOG: 'true',
      OIDC_PROVIDERS: 'google',
      OIDC_GOOGLE_CLIENT_ID: 'g-id',
    });
    await expect(loadConfig(env)).rejects.toThrow(PUBLIC_URL_REQUIRED_MESSAGE);
  });
});
