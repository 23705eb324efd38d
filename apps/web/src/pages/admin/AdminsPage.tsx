import type { AdminUserSummary } from '@otp-auth/validators';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert, Notice } from '../../components/Alerts';
import { ConfirmAction } from '../../components/ConfirmAction';
import { Page } from '../../components/Page';

const joined = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Who holds the admin role; each can lose it (never the last active one: the server says). */
export function AdminsPage() {
  const utils = trpc.useUtils();
  const admins = trpc.admin.admins.useQuery();
  const setRole = trpc.admin.setRole.useMutation({
    onSettled: () => utils.admin.admins.invalidate(),
  });

  const revoke = (admin: AdminUserSummary) => {
    setRole.mutate({ user_id: admin.id, role: 'user' });
  };

  return (
    <Page
      title="Administrators"
      intro="Accounts with the admin role. A role taken away stops working at once, everywhere."
    >
      {admins.isPending && <p aria-busy="true">Loading administrators…</p>}
      {setRole.data && <Notice>{setRole.data.message}</Notice>}
      <FormAlert message={messageOf(admins.error ?? setRole.error)} />
      {admins.data && (
        <table className="admin-table">
          <caption className="visually-hidden">Administrators</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Username</th>
              <th scope="col">State</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {admins.data.admins.map((admin) => (
              <tr key={admin.id}>
                <td>{admin.email}</td>
                <td data-label="Username">{admin.username}</td>
                <td data-label="State">{admin.state}</td>
                <td data-label="Joined">
                  <time dateTime={admin.date_joined}>
                    {joined.format(new Date(admin.date_joined))}
                  </time>
                </td>
                <td>
                  <ConfirmAction
                    label="Remove admin role"
                    ariaLabel={`Remove admin role from ${admin.email}`}
                    question={`Take the admin role from ${admin.email}?`}
                    confirmLabel="Remove admin role"
                    busy={setRole.isPending}
                    onConfirm={() => revoke(admin)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
