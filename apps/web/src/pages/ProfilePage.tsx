import { messageOf } from '../api/errors';
import { trpc } from '../api/trpc';
import { FormAlert } from '../components/Alerts';
import { Page } from '../components/Page';
import { Link, navigate, useLocation } from '../router/router';
import { useSessionStore } from '../session/session-context';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

export function ProfilePage() {
  const { notice } = useLocation();
  const session = useSessionStore();
  const profile = trpc.account.profile.useQuery();
  const logout = trpc.browser.logout.useMutation();
  const logoutAll = trpc.auth.logoutAll.useMutation();

  function signedOut(message: string) {
    session.signOut();
    navigate('/', { notice: message, replace: true });
  }

  async function logOut() {
    // The session ends for this browser whatever the server says: the cookie is cleared there,
    // the token forgotten here.
    await logout.mutateAsync().catch(() => undefined);
    signedOut('You are signed out.');
  }

  async function logOutEverywhere() {
    try {
      await logoutAll.mutateAsync();
    } catch {
      return; // shown below; the user is still signed in here
    }
    await logout.mutateAsync().catch(() => undefined);
    signedOut('You are signed out on every device.');
  }

  const busy = logout.isPending || logoutAll.isPending;
  return (
    <Page title="Your profile" notice={notice}>
      {profile.isPending && <p aria-busy="true">Loading your profile…</p>}
      {profile.error && <FormAlert message={messageOf(profile.error)} />}
      {profile.data && (
        <dl className="profile">
          <div>
            <dt>Username</dt>
            <dd>{profile.data.username}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{profile.data.email}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            {/* An account made through a provider has none until its owner adds one. */}
            <dd>{profile.data.phone_number || 'Not set'}</dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>
              <time dateTime={profile.data.date_joined}>
                {dateFormat.format(new Date(profile.data.date_joined))}
              </time>
            </dd>
          </div>
        </dl>
      )}
      <FormAlert message={logoutAll.error ? messageOf(logoutAll.error) : ''} />
      <div className="actions">
        <Link className="button" to="/account">
          Manage account
        </Link>
        <Link className="button" to="/password">
          Change password
        </Link>
        <button
          type="button"
          className="button primary"
          onClick={() => void logOut()}
          disabled={busy}
        >
          {logout.isPending && !logoutAll.isPending ? 'Signing out…' : 'Sign out'}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => void logOutEverywhere()}
          disabled={busy}
        >
          {logoutAll.isPending ? 'Signing out everywhere…' : 'Sign out everywhere'}
        </button>
      </div>
    </Page>
  );
}
