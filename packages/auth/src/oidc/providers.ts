import * as client from 'openid-client';
import { fetchGithubProfile, githubServerMetadata } from './github';

/** A provider as the settings describe it. `oidc`: any OpenID Connect issuer, found by
 * discovery. `github`: GitHub's OAuth 2 apps (no ID token), whose profile comes from its REST
 * API; `issuer` is GitHub's web address and `apiUrl` its API (GitHub Enterprise: your host). */
export interface ExternalProviderSettings {
  id: string;
  name: string;
  kind: 'oidc' | 'github';
  issuer: string;
  apiUrl?: string | undefined;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string | undefined;
  scopes: string[];
}

/** What the provider says of the person, after the code exchange and its checks. */
export interface ExternalProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** A name to derive a username from (`preferred_username`, GitHub's login, the name). */
  usernameHint: string | null;
}

export interface ExternalProvider {
  id: string;
  name: string;
  kind: ExternalProviderSettings['kind'];
  scopes: string[];
  /** Where the provider sends the browser back: `<public URL>/api/oidc/<id>/callback`. */
  callbackUrl(): string;
  /** The client configuration, discovered once (and again after a failed discovery). */
  configuration(): Promise<client.Configuration>;
  profile(
    config: client.Configuration,
    tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  ): Promise<ExternalProfile>;
}

export interface ExternalProviders {
  list(): ExternalProvider[];
  get(id: string): ExternalProvider | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Seconds an exchange with a provider may take before it counts as failed. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Plain http only on this machine (the dev identity provider, tests); everything else TLS. */
function assertTransport(settings: ExternalProviderSettings): boolean {
  const urls = [settings.issuer, settings.apiUrl].filter((url) => url !== undefined);
  let insecure = false;
  for (const raw of urls) {
    const url = new URL(raw);
    if (url.protocol === 'https:') continue;
    if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
      throw new Error(`provider ${settings.id}: ${raw} must be https:// (http only on loopback)`);
    }
    insecure = true;
  }
  return insecure;
}

function clientAuth(settings: ExternalProviderSettings): client.ClientAuth {
  return settings.clientSecret === undefined
    ? client.None()
    : client.ClientSecretPost(settings.clientSecret);
}

function createProvider(
  settings: ExternalProviderSettings,
  publicUrl: () => string,
): ExternalProvider {
  const insecure = assertTransport(settings);
  const setUp = (config: client.Configuration) => {
    // Loopback only (assertTransport): the development issuer and the tests' stand-ins.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    if (insecure) client.allowInsecureRequests(config);
    config.timeout = PROVIDER_TIMEOUT_SECONDS;
    return config;
  };
  const discover = async (): Promise<client.Configuration> => {
    if (settings.kind === 'github') {
      return setUp(
        new client.Configuration(
          githubServerMetadata(settings.issuer),
          settings.clientId,
          undefined,
          clientAuth(settings),
        ),
      );
    }
    const config = await client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      clientAuth(settings),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // The ID token's signature is checked against the issuer's published keys, not only
        // trusted for having come over TLS.
        execute: [
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- loopback only, as above
          ...(insecure ? [client.allowInsecureRequests] : []),
          client.enableNonRepudiationChecks,
        ],
      },
    );
    return setUp(config);
  };
  let discovered: Promise<client.Configuration> | null = null;

  return {
    id: settings.id,
    name: settings.name,
    kind: settings.kind,
    scopes: settings.scopes,
    callbackUrl: () => `${publicUrl()}/api/oidc/${settings.id}/callback`,
    configuration() {
      discovered ??= discover().catch((error: unknown) => {
        discovered = null; // the next sign-in tries again
        throw error;
      });
      return discovered;
    },
    async profile(config, tokens) {
      if (settings.kind === 'github') {
        return fetchGithubProfile(config, tokens.access_token, settings.apiUrl);
      }
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      // Scope claims (email, names) may come only from the UserInfo endpoint.
      const info = config.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(config, tokens.access_token, claims.sub)
        : {};
      const merged: Record<string, unknown> = { ...claims, ...info };
      const email = typeof merged.email === 'string' ? merged.email : null;
      const hint = [merged.preferred_username, merged.nickname, merged.name].find(
        (value): value is string => typeof value === 'string' && value.trim() !== '',
      );
      return {
        subject: claims.sub,
        email,
        emailVerified: merged.email_verified === true,
        usernameHint: hint ?? null,
      };
    },
  };
}

/** The configured providers, in the settings' order. `publicUrl` is read at each use: the
 * server may know its own address only once it listens. */
export function createExternalProviders(
  settings: readonly ExternalProviderSettings[],
  publicUrl: () => string,
): ExternalProviders {
  const providers = new Map(settings.map((entry) => [entry.id, createProvider(entry, publicUrl)]));
  return {
    list: () => [...providers.values()],
    get: (id) => providers.get(id),
  };
}
