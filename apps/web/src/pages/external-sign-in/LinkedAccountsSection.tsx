import { useState } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { navigate, useLocation } from '../../router/router';
import { useSessionStore } from '../../session/session-context';
import { AccountSection } from '../account/AccountSection';
import { externalErrorMessage } from './external-errors';
import { Reauthenticate, type Proof } from './Reauthenticate';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Sign-in with other accounts": the providers linked to this account, linking another (after
 * re-authenticating, through the provider's pages) and removing one. */
export function LinkedAccountsSection({ email }: { email: string }) {
  const { query } = useLocation();
  const session = useSessionStore();
  const utils = trpc.useUtils();
  const identities = trpc.oidc.identities.useQuery();
  const providers = trpc.oidc.providers.useQuery(undefined, { staleTime: Infinity });
  const [action, setAction] = useState<{ kind: 'link' | 'unlink'; provider: string } | null>(null);
  const [notice, setNotice] = useState('');
  const link = trpc.oidc.link.useMutation({
    // The browser leaves for the provider; the server brings it back to this page.
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  });
  const unlink = trpc.oidc.unlink.useMutation({
    onSuccess: ({ message }) => {
      setNotice(message);
      setAction(null);
      void utils.oidc.identities.invalidate();
    },
  });
  const forgot = trpc.auth.forgotPassword.useMutation();
  const logout = trpc.browser.logout.useMutation();

  async function setPassword() {
    await forgot.mutateAsync({ email });
    // Setting a password by code ends every session, this one too: sign out first.
    await logout.mutateAsync().catch(() => undefined);
    session.signOut();
    navigate(`/reset?email=${encodeURIComponent(email)}`, {
      notice: 'We mailed you a code: enter it with the password you want.',
    });
  }

  const data = identities.data;
  const linked = new Set(data?.identities.map((identity) => identity.provider));
  const available = (providers.data?.providers ?? []).filter((p) => !linked.has(p.id));
  const nameOf = (id: string) => providers.data?.providers.find((p) => p.id === id)?.name ?? id;
  // Only a provider this server has: the address is no place for arbitrary text.
  const linkedName = providers.data?.providers.find(
    (p) => p.id === query.get('external_linked'),
  )?.name;

  function submit(proof: Proof) {
    if (!action) return Promise.resolve();
    const input = { provider: action.provider, ...proof };
    return action.kind === 'link' ? link.mutateAsync(input) : unlink.mutateAsync(input);
  }

  if (!data) {
    return (
      <AccountSection id="linked" title="Sign-in with other accounts">
        {identities.isPending && <p aria-busy="true">Loading…</p>}
        <FormAlert message={identities.error ? messageOf(identities.error) : ''} />
      </AccountSection>
    );
  }
  if (data.identities.length === 0 && available.length === 0) return null;
  return (
    <AccountSection id="linked" title="Sign-in with other accounts">
      {linkedName && !notice && <Notice>{linkedName} now signs in to your account.</Notice>}
      {notice && <Notice>{notice}</Notice>}
      <FormAlert message={externalErrorMessage(query.get('external_error'))} />
      {data.identities.length > 0 ? (
        <ul className="sessions">
          {data.identities.map((identity) => (
            <li key={identity.provider}>
              <div>
                <strong>{identity.provider_name}</strong>
                <p className="hint">
                  {identity.email ?? 'no address shared'} · linked{' '}
                  <time dateTime={identity.linked_at}>
                    {when.format(new Date(identity.linked_at))}
                  </time>
                </p>
              </div>
              <button
                type="button"
                className="button"
                aria-label={`Remove ${identity.provider_name}`}
                onClick={() => setAction({ kind: 'unlink', provider: identity.provider })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>No other account signs in to this one yet.</p>
      )}
      {!data.has_password && (
        <>
          <p>
            Your account has no password: you sign in with{' '}
            {data.identities.map((identity) => identity.provider_name).join(' or ')}. A password
            lets you sign in without them, and is needed to change your email or delete the account.
          </p>
          <FormAlert message={forgot.error ? messageOf(forgot.error) : ''} />
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={forgot.isPending}
              onClick={() => void setPassword()}
            >
              Set a password
            </button>
          </div>
        </>
      )}
      {action === null && available.length > 0 && (
        <div className="actions">
          {available.map((provider) => (
            <button
              key={provider.id}
              type="button"
              className="button"
              onClick={() => setAction({ kind: 'link', provider: provider.id })}
            >
              Link {provider.name}
            </button>
          ))}
        </div>
      )}
      {action && (
        <>
          <h3>
            {action.kind === 'link' ? 'Link' : 'Remove'} {nameOf(action.provider)}
          </h3>
          <Reauthenticate
            hasPassword={data.has_password}
            submitLabel={
              action.kind === 'link' ? `Continue to ${nameOf(action.provider)}` : 'Remove'
            }
            onProof={submit}
          />
          <p className="aside">
            <button type="button" className="button link" onClick={() => setAction(null)}>
              Cancel
            </button>
          </p>
        </>
      )}
    </AccountSection>
  );
}
