import type { ExternalProviderSettings } from '@otp-auth/auth';

/** What `google` and `github` in OIDC_PROVIDERS mean without more settings than a client id
 * and secret. */
const presets: Record<
  string,
  Omit<ExternalProviderSettings, 'id' | 'clientId' | 'clientSecret'>
> = {
  google: {
    name: 'Google',
    kind: 'oidc',
    issuer: 'https://accounts.google.com',
    scopes: ['openid', 'email', 'profile'],
  },
  github: {
    name: 'GitHub',
    kind: 'github',
    issuer: 'https://github.com',
    apiUrl: 'https://api.github.com',
    scopes: ['read:user', 'user:email'],
  },
};

const ID = /^[a-z][a-z0-9_-]{0,31}$/;

const envName = (id: string, field: string) =>
  `OIDC_${id.toUpperCase().replaceAll('-', '_')}_${field}`;

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** OIDC_PROVIDERS=google,github,corp and, for each, OIDC_<ID>_CLIENT_ID, _CLIENT_SECRET,
 * _ISSUER, _SCOPES, _NAME (and _API_URL for GitHub Enterprise). Presets fill in what Google and
 * GitHub need; any other id is an OpenID Connect issuer. Returns the settings, or the problems
 * as lines naming the variables. */
export function parseOidcProviders(source: Record<string, string | undefined>): {
  providers: ExternalProviderSettings[];
  problems: string[];
} {
  const read = (name: string) => {
    const value = source[name]?.trim();
    return value === '' ? undefined : value;
  };
  const ids = (read('OIDC_PROVIDERS') ?? '')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
  const providers: ExternalProviderSettings[] = [];
  const problems: string[] = [];
  for (const id of new Set(ids)) {
    if (!ID.test(id)) {
      problems.push(`  OIDC_PROVIDERS: "${id}" is not a provider id (a-z, 0-9, - and _)`);
      continue;
    }
    const preset = presets[id];
    const clientId = read(envName(id, 'CLIENT_ID'));
    const issuer = read(envName(id, 'ISSUER')) ?? preset?.issuer;
    const apiUrl = read(envName(id, 'API_URL')) ?? preset?.apiUrl;
    const scopes = read(envName(id, 'SCOPES'))?.split(/[\s,]+/) ??
      preset?.scopes ?? ['openid', 'email', 'profile'];
    if (!clientId) problems.push(`  ${envName(id, 'CLIENT_ID')}: required`);
    if (!issuer) problems.push(`  ${envName(id, 'ISSUER')}: required (the issuer's URL)`);
    for (const [field, value] of [
      ['ISSUER', issuer],
      ['API_URL', apiUrl],
    ] as const) {
      if (value !== undefined && !isUrl(value)) {
        problems.push(`  ${envName(id, field)}: must be an https:// URL`);
      }
    }
    if (!clientId || !issuer) continue;
    providers.push({
      id,
      name: read(envName(id, 'NAME')) ?? preset?.name ?? id.charAt(0).toUpperCase() + id.slice(1),
      kind: preset?.kind ?? 'oidc',
      issuer,
      apiUrl,
      clientId,
      clientSecret: read(envName(id, 'CLIENT_SECRET')),
      scopes,
    });
  }
  return { providers, problems };
}
