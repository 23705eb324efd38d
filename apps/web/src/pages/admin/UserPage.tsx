import { useState } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { ConfirmAction } from '../../components/ConfirmAction';
import { eventLabel, eventTime } from '../../components/event-labels';
import { Page } from '../../components/Page';
import { Link, navigate } from '../../router/router';
import type { AdminPageProps } from './admin-page-props';

const at = (iso: string | null) => (iso ? eventTime.format(new Date(iso)) : 'never');

/** One account: profile, how it signs in, where it is signed in, what happened lately; and what
 * an admin may do to it, each action confirmed first and answered in words. */
export function UserPage({ params }: AdminPageProps) {
  const user_id = params.id ?? '';
  const utils = trpc.useUtils();
  const detail = trpc.admin.user.useQuery({ user_id }, { retry: false });
  // What the last action answered, in words: its message, or why it was refused.
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const handlers = {
    onMutate: () => setOutcome(null),
    onSuccess: (result: { message: string }) => setOutcome({ ok: true, text: result.message }),
    onError: (error: unknown) => setOutcome({ ok: false, text: messageOf(error) }),
    onSettled: () => utils.admin.invalidate(),
  };
  const disable = trpc.admin.disableUser.useMutation(handlers);
  const enable = trpc.admin.enableUser.useMutation(handlers);
  const endSessions = trpc.admin.endSessions.useMutation(handlers);
  const resend = trpc.admin.resendVerification.useMutation(handlers);
  const reset = trpc.admin.sendPasswordReset.useMutation(handlers);
  const remove = trpc.admin.deleteUser.useMutation({
    ...handlers,
    onSuccess: (result) => navigate('/admin/users', { notice: result.message }),
  });
  const busy = [disable, enable, endSessions, resend, reset, remove].some((a) => a.isPending);

  const data = detail.data;
  const email = data?.user.email ?? '';
  return (
    <Page title={data ? data.user.email : 'User'}>
      <p className="aside">
        <Link to="/admin/users">Back to users</Link>
      </p>
      {detail.isPending && <p aria-busy="true">Loading the account…</p>}
      <FormAlert message={messageOf(detail.error) || (outcome?.ok === false ? outcome.text : '')} />
      {outcome?.ok && <Notice>{outcome.text}</Notice>}
      {data && (
        <div className="admin-user">
          <section aria-labelledby="profile-title">
            <h2 id="profile-title">Profile</h2>
            <dl className="facts">
              <dt>Username</dt>
              <dd>{data.user.username}</dd>
              <dt>Phone number</dt>
              <dd>{data.user.phone_number || 'none'}</dd>
              <dt>Role</dt>
              <dd>{data.user.role}</dd>
              <dt>State</dt>
              <dd>{data.user.state}</dd>
              <dt>Joined</dt>
              <dd>{at(data.user.date_joined)}</dd>
              <dt>Email verified</dt>
              <dd>{at(data.user.email_verified_at)}</dd>
              <dt>Last sign-in</dt>
              <dd>{at(data.user.last_login_at)}</dd>
            </dl>
          </section>

          <section aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">Sign-in</h2>
            <dl className="facts">
              <dt>Password</dt>
              <dd>{data.sign_in.has_password ? 'Set' : 'None'}</dd>
              <dt>Two-factor</dt>
              <dd>
                {data.sign_in.two_factor.enabled
                  ? `On since ${at(data.sign_in.two_factor.confirmed_at)}; ${String(data.sign_in.two_factor.recovery_codes_left)} recovery codes left`
                  : 'Off'}
              </dd>
              <dt>Sign-in providers</dt>
              <dd>
                {data.sign_in.providers.length === 0
                  ? 'None linked'
                  : data.sign_in.providers
                      .map((p) => `${p.provider_name} (${p.email ?? 'no address'})`)
                      .join(', ')}
              </dd>
            </dl>
          </section>

          <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">Sessions</h2>
            {data.sessions.length === 0 ? (
              <p>No live session.</p>
            ) : (
              <table className="admin-table">
                <caption className="visually-hidden">Live sessions</caption>
                <thead>
                  <tr>
                    <th scope="col">Device</th>
                    <th scope="col">Address</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>{s.user_agent ?? 'Unknown device'}</td>
                      <td data-label="Address">{s.ip ?? 'unknown'}</td>
                      <td data-label="Last used">{at(s.last_used_at)}</td>
                      <td>
                        <ConfirmAction
                          label="End session"
                          ariaLabel={`End session last used ${at(s.last_used_at)} from ${s.ip ?? 'an unknown address'}`}
                          question="End this session? Its device is signed out at once."
                          confirmLabel="End session"
                          busy={busy}
                          onConfirm={() => endSessions.mutate({ user_id, session_id: s.id })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <div className="admin-actions">
              {data.user.state === 'disabled' ? (
                <ConfirmAction
                  label="Enable account"
                  question={`Enable ${email}? It can sign in again.`}
                  confirmLabel="Enable account"
                  busy={busy}
                  onConfirm={() => enable.mutate({ user_id })}
                />
              ) : (
                <ConfirmAction
                  label="Disable account"
                  question={`Disable ${email}? Every session ends and it cannot sign in.`}
                  confirmLabel="Disable account"
                  busy={busy}
                  onConfirm={() => disable.mutate({ user_id })}
                />
              )}
              {data.sessions.length > 0 && (
                <ConfirmAction
                  label="End all sessions"
                  question={`End every session of ${email}? Each device is signed out.`}
                  confirmLabel="End all sessions"
                  busy={busy}
                  onConfirm={() => endSessions.mutate({ user_id })}
                />
              )}
              {data.user.state === 'pending' && (
                <ConfirmAction
                  label="Resend verification code"
                  question={`Mail ${email} a new verification code?`}
                  confirmLabel="Send code"
                  busy={busy}
                  onConfirm={() => resend.mutate({ user_id })}
                />
              )}
              {data.user.state !== 'disabled' && (
                <ConfirmAction
                  label="Send password reset"
                  question={`Mail ${email} a password reset code?`}
                  confirmLabel="Send reset code"
                  busy={busy}
                  onConfirm={() => reset.mutate({ user_id })}
                />
              )}
              <ConfirmAction
                label="Delete account"
                question={`Delete ${email} for good? This cannot be undone.`}
                confirmLabel="Delete account"
                busy={busy}
                onConfirm={() => remove.mutate({ user_id })}
              />
            </div>
          </section>

          <section aria-labelledby="events-title">
            <h2 id="events-title">Recent events</h2>
            {data.recent_events.length === 0 ? (
              <p>No events.</p>
            ) : (
              <ul className="activity">
                {data.recent_events.map((event) => (
                  <li key={event.id}>
                    <strong>{eventLabel(event.type)}</strong>
                    {event.actor_id && <span className="badge">By an administrator</span>}
                    <p className="hint">
                      {at(event.created_at)}
                      {event.ip && ` · ${event.ip}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <Link to={`/admin/audit?user_id=${user_id}`}>All events of this account</Link>
          </section>
        </div>
      )}
    </Page>
  );
}
