// A real OpenID Connect issuer on this machine (oidc-provider), with a handful of accounts and
// its own login and consent pages: beside `pnpm dev` (the "Dev IdP"), and started by the tests.
// Never part of the compiled server: oidc-provider is a development dependency.
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type JWK } from 'oidc-provider';

export interface IdentityAccount {
  /** What the login page takes, and the `sub` of the ID token. */
  id: string;
  email: string;
  email_verified: boolean;
  name: string;
}

interface IdentityProviderOptions {
  host?: string;
  /** 0 (the default) for any free port. */
  port?: number;
  clients: Pick<ClientMetadata, 'client_id' | 'client_secret' | 'redirect_uris'>[];
  accounts: IdentityAccount[];
}

export interface IdentityProvider {
  /** The issuer identifier, e.g. http://localhost:8001. */
  issuer: string;
  accounts: IdentityAccount[];
  /** From now on the issuer publishes these keys instead of the ones that sign its ID tokens. */
  publishOtherKeys(): void;
  close(): Promise<void>;
}

/** The one key id of the issuer's signing key, so that a key published in its place (see
 * `publishOtherKeys`) is picked for the check and fails it. */
const KEY_ID = 'issuer-key';

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: KEY_ID,
    use: 'sig',
    alg: 'RS256',
  };
}

/** Starts the issuer and resolves once it listens. Logins take any password: the accounts are
 * make-believe. Unknown logins are refused by `findAccount`. */
export async function startIdentityProvider(
  options: IdentityProviderOptions,
): Promise<IdentityProvider> {
  const host = options.host ?? 'localhost';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host}:${String(port)}`;
  const accounts = new Map(options.accounts.map((account) => [account.id, account]));

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
        }),
      };
    },
  });
  let otherKeys: { keys: JWK[] } | null = null;
  provider.use(async (ctx, next) => {
    if (otherKeys && ctx.path === '/jwks') {
      ctx.body = otherKeys;
      return;
    }
    await next();
  });
  const handle = provider.callback();
  server.on('request', (request, response) => {
    void handle(request, response);
  });

  return {
    issuer,
    accounts: options.accounts,
    publishOtherKeys() {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const other = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
      otherKeys = { keys: [{ ...other, kid: KEY_ID, use: 'sig', alg: 'RS256' }] };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
