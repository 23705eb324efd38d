import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { navigate } from '../../router/router';
import { renderWithApi } from '../../testing/render-with-api';
import { AdminArea } from './AdminArea';
import { matchAdminRoute, type AdminRoute } from './admin-routes';

/** An unsigned token with the claims the app reads (the server checks the real ones). */
const tokenWith = (claims: object) =>
  `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.signature`;

const admin = {
  id: 'a1',
  email: 'ada@example.com',
  username: 'ada',
  role: 'admin',
  state: 'active',
  two_factor: false,
  date_joined: '2026-01-01T10:00:00.000Z',
};

beforeEach(() => navigate('/admin', { replace: true }));

describe('matchAdminRoute', () => {
  const Nothing = () => null;
  const routes: AdminRoute[] = [
    { path: '/admin/users', label: 'Users', Component: Nothing },
    { path: '/admin/users/:id', Component: Nothing },
  ];

  it('matches fixed paths, with or without a trailing slash, and hands over :params', () => {
    expect(matchAdminRoute('/admin/users/', routes)?.route.path).toBe('/admin/users');
    expect(matchAdminRoute('/admin/users/a%40b', routes)).toEqual({
      route: routes[1],
      params: { id: 'a@b' },
    });
    expect(matchAdminRoute('/admin/users/x/y', routes)).toBeNull();
    expect(matchAdminRoute('/admin/users/%E0%A4', routes)).toBeNull();
  });
});

describe('AdminArea', () => {
  it('shows a non-admin where they are, and calls nothing', () => {
    const { calls, session } = renderWithApi(<AdminArea />);
    act(() => session.signIn(tokenWith({ role: 'user' })));
    expect(screen.getByRole('heading', { name: 'Admin' })).toBeVisible();
    expect(screen.getByText(/This area is for administrators/)).toBeVisible();
    expect(screen.queryByRole('navigation', { name: 'Admin' })).toBeNull();
    expect(calls).toEqual([]);
  });

  it('leads an admin from /admin to the first page, with the area’s navigation', async () => {
    const { session } = renderWithApi(<AdminArea />, () => ({
      users: [{ ...admin, last_login_at: null }],
      total: 1,
      next_cursor: null,
    }));
    act(() => session.signIn(tokenWith({ role: 'admin' })));
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeVisible();
    expect(window.location.pathname).toBe('/admin/users');
    const nav = screen.getByRole('navigation', { name: 'Admin' });
    expect(within(nav).getByRole('link', { name: 'Users' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toBeVisible();
    expect(await screen.findByRole('link', { name: 'ada@example.com' })).toHaveAttribute(
      'href',
      '/admin/users/a1',
    );
    expect(screen.getByRole('status')).toHaveTextContent('1–1 of 1 accounts');
  });

  it('asks before taking a role away, and sends nothing on Cancel', async () => {
    navigate('/admin/admins', { replace: true });
    const { session, calls } = renderWithApi(<AdminArea />, ({ path }) =>
      path === 'admin.admins'
        ? { admins: [admin] }
        : { message: 'ada@example.com is no longer an admin.', user: { ...admin, role: 'user' } },
    );
    act(() => session.signIn(tokenWith({ role: 'admin' })));
    const remove = await screen.findByRole('button', {
      name: 'Remove admin role from ada@example.com',
    });
    await userEvent.click(remove);
    const question = screen.getByRole('group', {
      name: 'Take the admin role from ada@example.com?',
    });
    await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.path === 'admin.setRole')).toBe(false);

    await userEvent.click(
      screen.getByRole('button', { name: 'Remove admin role from ada@example.com' }),
    );
    const confirm = screen.getByRole('button', { name: 'Remove admin role' });
    expect(confirm).toHaveFocus();
    await userEvent.click(confirm);
    expect(calls.filter((call) => call.path === 'admin.setRole')).toEqual([
      { path: 'admin.setRole', input: { user_id: 'a1', role: 'user' } },
    ]);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'ada@example.com is no longer an admin.',
    );
  });
});
