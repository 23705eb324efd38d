import type { AdminUsersInput } from '@otp-auth/validators';
import { useState, type SyntheticEvent } from 'react';
import { messageOf } from '../../api/errors';
import { trpc } from '../../api/trpc';
import { FormAlert } from '../../components/Alerts';
import { eventTime } from '../../components/event-labels';
import { Page } from '../../components/Page';
import { Link, useLocation } from '../../router/router';

const PAGE_SIZE = 25;
type Filters = Omit<AdminUsersInput, 'cursor' | 'limit'>;

/** Accounts by email or username prefix, state, two-factor and order; a page at a time (keyset
 * cursors), with the total over every page. */
export function UsersPage() {
  const { notice } = useLocation();
  const [draft, setDraft] = useState<Filters>({ sort: 'created', order: 'desc' });
  const [filters, setFilters] = useState<Filters>(draft);
  // The cursors of the pages before this one, so "Previous" goes back exactly.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const users = trpc.admin.users.useQuery(
    { ...filters, limit: PAGE_SIZE, cursor },
    { placeholderData: (previous) => previous },
  );

  function search(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters({ ...draft, search: draft.search?.trim() || undefined });
    setCursors([undefined]);
  }
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  const data = users.data;
  const first = (cursors.length - 1) * PAGE_SIZE + 1;

  return (
    <Page
      title="Users"
      notice={notice}
      intro="Find an account by the start of its email address or username."
    >
      <form className="admin-filters" role="search" aria-label="Users" onSubmit={search}>
        <label>
          Email or username starts with
          <input
            type="search"
            value={draft.search ?? ''}
            onChange={(e) => set({ search: e.target.value })}
          />
        </label>
        <label>
          State
          <select
            value={draft.state ?? ''}
            onChange={(e) => set({ state: (e.target.value || undefined) as Filters['state'] })}
          >
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </label>
        <label>
          Two-factor
          <select
            value={draft.two_factor ?? ''}
            onChange={(e) =>
              set({ two_factor: (e.target.value || undefined) as Filters['two_factor'] })
            }
          >
            <option value="">Any</option>
            <option value="on">On</option>
            <option value="off">Off</option>
          </select>
        </label>
        <label>
          Sort by
          <select
            value={`${draft.sort ?? 'created'}:${draft.order ?? 'desc'}`}
            onChange={(e) => {
              const [sort, order] = e.target.value.split(':') as [
                NonNullable<Filters['sort']>,
                NonNullable<Filters['order']>,
              ];
              set({ sort, order });
            }}
          >
            <option value="created:desc">Newest first</option>
            <option value="created:asc">Oldest first</option>
            <option value="last_login:desc">Latest sign-in first</option>
            <option value="last_login:asc">Earliest sign-in first</option>
          </select>
        </label>
        <button type="submit" className="button primary">
          Search
        </button>
      </form>
      <FormAlert message={messageOf(users.error)} />
      {users.isPending && <p aria-busy="true">Loading users…</p>}
      {data && (
        <p role="status" aria-busy={users.isFetching}>
          {data.total === 0
            ? 'No account matches.'
            : `${String(first)}–${String(first + data.users.length - 1)} of ${String(data.total)} accounts`}
        </p>
      )}
      {data && data.users.length > 0 && (
        <table className="admin-table">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Username</th>
              <th scope="col">State</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link to={`/admin/users/${user.id}`}>{user.email}</Link>
                  {user.role === 'admin' && <span className="badge">Admin</span>}
                </td>
                <td data-label="Username">{user.username}</td>
                <td data-label="State">{user.state}</td>
                <td data-label="Two-factor">{user.two_factor ? 'On' : 'Off'}</td>
                <td data-label="Last sign-in">
                  {user.last_login_at ? (
                    <time dateTime={user.last_login_at}>
                      {eventTime.format(new Date(user.last_login_at))}
                    </time>
                  ) : (
                    'Never'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (cursors.length > 1 || data.next_cursor) && (
        <nav className="pager" aria-label="Pages of users">
          <button
            type="button"
            className="button"
            disabled={cursors.length <= 1 || users.isFetching}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Previous page
          </button>
          <button
            type="button"
            className="button"
            disabled={!data.next_cursor || users.isFetching}
            onClick={() => setCursors((c) => [...c, data.next_cursor ?? undefined])}
          >
            Next page
          </button>
        </nav>
      )}
    </Page>
  );
}
