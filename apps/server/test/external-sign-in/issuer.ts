import { randomBytes } from 'node:crypto';
import {
  startIdentityProvider,
  type IdentityAccount,
  type IdentityProvider,
} from '../../src/dev/identity-provider';
import { unusedPort } from '../scale-out/instances';

/** The accounts every external sign-in test finds at the issuer. */
export const issuerAccounts: IdentityAccount[] = [
  { id: 'ada', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' },
  { id: 'grace', email: 'grace@example.com', email_verified: true, name: 'Grace Hopper' },
  // Claims an address it never proved: must never reach the account that owns it.
  { id: 'mallory', email: 'owner@example.com', email_verified: false, name: 'Mallory' },
  { id: 'linda', email: 'linda@example.com', email_verified: true, name: 'Linda' },
  { id: 'katherine', email: 'katherine@example.com', email_verified: true, name: 'Katherine' },
  { id: 'mary', email: 'mary@example.com', email_verified: true, name: 'Mary' },
  { id: 'owner', email: 'owner@example.com', email_verified: true, name: 'Owner' },
  { id: 'pending', email: 'pending@example.com', email_verified: true, name: 'Pending' },
  { id: 'twofa', email: 'twofa@example.com', email_verified: true, name: 'Two Factor' },
];

/** A port for an issuer that starts after the server (whose address its client must know),
 * and the server settings that name it as provider `id`. */
export async function plannedIssuer(id = 'dev', name = 'Dev IdP') {
  const port = await unusedPort();
  const clientId = `otp-auth-${id}`;
  const clientSecret = randomBytes(16).toString('hex');
  const upper = id.toUpperCase();
  return {
    env: {
      OIDC_PROVIDERS: id,
      [`OIDC_${upper}_ISSUER`]: `http://localhost:${String(port)}`,
      [`OIDC_${upper}_CLIENT_ID`]: clientId,
      [`OIDC_${upper}_CLIENT_SECRET`]: clientSecret,
      [`OIDC_${upper}_NAME`]: name,
    },
    /** Starts the issuer with our server's callback as the client's one redirect URI. */
    start(serverUrl: string): Promise<IdentityProvider> {
      return startIdentityProvider({
        port,
        accounts: issuerAccounts,
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [`${serverUrl}/api/oidc/${id}/callback`],
          },
        ],
      });
    },
  };
}
