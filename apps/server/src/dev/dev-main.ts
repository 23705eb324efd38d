// `pnpm dev`: the server as main.ts runs it, plus the development identity provider beside it,
// so that "Continue with Dev IdP" works offline. Not an entry of the compiled server.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { parseEnv } from '../env';
import { serve } from '../serve';
import { startIdentityProvider } from './identity-provider';

/** Where `pnpm dev` serves the app (Vite, which forwards /api to this server). */
const VITE_URL = 'http://127.0.0.1:5173';

const devAccounts = [
  { id: 'alice', email: 'alice@example.com', email_verified: true, name: 'Alice Example' },
  { id: 'bob', email: 'bob@example.com', email_verified: true, name: 'Bob Example' },
  // An address the provider never verified: signing in with it is refused (docs/decisions/140).
  { id: 'eve', email: 'eve@example.com', email_verified: false, name: 'Eve Unverified' },
];

const env = parseEnv();
if (env.NODE_ENV === 'production') {
  console.error('The development identity provider never runs in production: use main.ts.');
  process.exit(1);
}
const config = await loadConfig(env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
const publicUrl = config.publicUrl ?? VITE_URL;
const client = { id: 'otp-auth-dev', secret: randomBytes(16).toString('hex') };
const idp = await startIdentityProvider({
  port: config.devIdpPort,
  accounts: devAccounts,
  clients: [
    {
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: [`${publicUrl}/api/oidc/dev/callback`],
    },
  ],
});
const app = await serve(
  {
    ...config,
    publicUrl,
    oidcProviders: [
      ...config.oidcProviders.filter((provider) => provider.id !== 'dev'),
      {
        id: 'dev',
        name: 'Dev IdP',
        kind: 'oidc',
        issuer: idp.issuer,
        clientId: client.id,
        clientSecret: client.secret,
        scopes: ['openid', 'email', 'profile'],
      },
    ],
  },
  idp,
);
app.log.info(
  { issuer: idp.issuer, accounts: devAccounts.map((account) => account.id) },
  'development identity provider: sign in as one of these accounts, any password',
);
