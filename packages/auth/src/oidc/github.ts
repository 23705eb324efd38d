import * as client from 'openid-client';
import type { ExternalProfile } from './providers';

/** GitHub's OAuth 2 endpoints under its web address (github.com, or a GitHub Enterprise host). */
export function githubServerMetadata(webUrl: string): client.ServerMetadata {
  const base = webUrl.replace(/\/+$/, '');
  return {
    issuer: base,
    authorization_endpoint: `${base}/login/oauth/authorize`,
    token_endpoint: `${base}/login/oauth/access_token`,
  };
}

const DEFAULT_API_URL = 'https://api.github.com';

interface GithubUser {
  id: number;
  login: string;
  name?: string | null;
}
interface GithubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

async function getJson<T>(
  config: client.Configuration,
  accessToken: string,
  url: string,
): Promise<T> {
  const headers = new Headers({
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'otp-auth',
  });
  const response = await client.fetchProtectedResource(
    config,
    accessToken,
    new URL(url),
    'GET',
    undefined,
    headers,
  );
  if (!response.ok) throw new Error(`GitHub API ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** GitHub has no ID token: the person is its numeric user id (stable, unlike the login), and
 * the address is the primary one of `/user/emails`, verified only if GitHub says so. */
export async function fetchGithubProfile(
  config: client.Configuration,
  accessToken: string,
  apiUrl = DEFAULT_API_URL,
): Promise<ExternalProfile> {
  const api = apiUrl.replace(/\/+$/, '');
  const user = await getJson<GithubUser>(config, accessToken, `${api}/user`);
  if (typeof user.id !== 'number') throw new Error('GitHub API: no user id');
  const emails = await getJson<GithubEmail[]>(config, accessToken, `${api}/user/emails`);
  const primary = Array.isArray(emails) ? emails.find((entry) => entry.primary) : undefined;
  return {
    subject: String(user.id),
    email: primary?.email ?? null,
    emailVerified: primary?.verified === true,
    usernameHint: user.login || user.name || null,
  };
}
