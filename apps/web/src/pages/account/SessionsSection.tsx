import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { useSignOut } from '../../session/use-sign-out';
import { AccountSection } from './AccountSection';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A short name for a user agent: the browser and the system, when recognisable. */
function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrome\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : userAgent.split(/[ /]/)[0] || 'Unknown browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return system ? `${browser} on ${system}` : browser;
}

/** Where the account is signed in, this device marked; each other one can be signed out, and so
 * can this one, or all of them at once. */
export function SessionsSection() {
  const { signOut, pending: signingOut } = useSignOut();
  const utils = trpc.useUtils();
  const sessions = trpc.account.sessions.useQuery();
  const revoke = trpc.account.revokeSession.useMutation({
    onSettled: () => utils.account.sessions.invalidate(),
  });
  const logoutAll = trpc.auth.logoutAll.useMutation({
    onSuccess: () => signOut('You are signed out on every device.'),
  });
  const busy = signingOut || logoutAll.isPending;

  const error = sessions.error ?? revoke.error ?? logoutAll.error;
  return (
    <AccountSection id="sessions" title="Where you are signed in">
      {sessions.isPending && <p aria-busy="true">Loading your sessions…</p>}
      {sessions.data && (
        <ul className="sessions">
          {sessions.data.sessions.map((s) => {
            const device = deviceName(s.user_agent);
            return (
              <li key={s.id} className={s.current ? 'current' : undefined}>
                <div>
                  <strong>{device}</strong>
                  {s.current && <span className="badge">This device</span>}
                  <p className="hint">
                    {s.ip ?? 'unknown address'} · last used{' '}
                    <time dateTime={s.last_used_at}>{when.format(new Date(s.last_used_at))}</time>
                  </p>
                </div>
                {!s.current && (
                  <button
                    type="button"
                    className="button"
                    aria-label={`Sign out ${device}, last used ${when.format(new Date(s.last_used_at))}`}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ id: s.id })}
                  >
                    Sign out
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <FormAlert message={error ? messageOf(error) : ''} />
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void signOut('You are signed out.')}
        >
          {signingOut && !logoutAll.isPending ? 'Signing out…' : 'Sign out'}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => logoutAll.mutate()}
        >
          {logoutAll.isPending ? 'Signing out everywhere…' : 'Sign out everywhere'}
        </button>
      </div>
    </AccountSection>
  );
}
