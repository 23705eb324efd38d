import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi, serverError, type RecordedCall } from '../../testing/render-with-api';
import { UserPage } from './UserPage';

const user = {
  id: 'u1',
  email: 'bob@example.com',
  username: 'bob',
  role: 'user',
  state: 'active',
  two_factor: true,
  date_joined: '2026-01-01T10:00:00.000Z',
  last_login_at: '2026-01-02T10:00:00.000Z',
  phone_number: '1234567890',
  email_verified_at: '2026-01-01T10:01:00.000Z',
};

const detail = {
  user,
  sign_in: {
    has_password: false,
    two_factor: { enabled: true, confirmed_at: '2026-01-01T11:00:00.000Z', recovery_codes_left: 7 },
    providers: [
      {
        provider: 'google',
        provider_name: 'Google',
        email: 'bob@gmail.example',
        linked_at: '2026-01-01T10:00:00.000Z',
        last_used_at: null,
      },
    ],
  },
  sessions: [
    {
      id: 's1',
      created_at: '2026-01-02T10:00:00.000Z',
      last_used_at: '2026-01-02T10:05:00.000Z',
      user_agent: 'curl/8',
      ip: '203.0.113.7',
    },
  ],
  recent_events: [
    {
      id: 'e1',
      type: 'login_success',
      created_at: '2026-01-02T10:00:00.000Z',
      user_id: 'u1',
      actor_id: null,
      email: null,
      ip: '203.0.113.7',
      user_agent: 'curl/8',
      detail: null,
    },
  ],
};

function respond({ path }: RecordedCall) {
  if (path === 'admin.user') return detail;
  if (path === 'admin.disableUser') {
    return { message: 'bob@example.com is disabled; 1 session ended.', user };
  }
  if (path === 'admin.sendPasswordReset') {
    throw serverError('Too many attempts.', { code: 'rate_limited', retryAfter: 60 });
  }
  return {};
}

describe('UserPage', () => {
  it('shows how the account signs in, including its providers, and its recent events', async () => {
    renderWithApi(<UserPage params={{ id: 'u1' }} />, respond);
    expect(await screen.findByRole('heading', { name: 'bob@example.com' })).toBeVisible();
    expect(screen.getByText(/^On since .*; 7 recovery codes left$/)).toBeVisible();
    expect(screen.getByText('Google (bob@gmail.example)')).toBeVisible();
    expect(screen.getByText('Signed in')).toBeVisible();
    expect(screen.getByRole('link', { name: 'All events of this account' })).toHaveAttribute(
      'href',
      '/admin/audit?user_id=u1',
    );
  });

  it('asks before disabling, sends nothing on Cancel, then says what happened', async () => {
    const { calls } = renderWithApi(<UserPage params={{ id: 'u1' }} />, respond);
    await userEvent.click(await screen.findByRole('button', { name: 'Disable account' }));
    const question = screen.getByRole('group', { name: /^Disable bob@example.com\?/ });
    await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.path === 'admin.disableUser')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Disable account' }));
    const confirm = screen.getByRole('button', { name: 'Disable account' });
    expect(confirm).toHaveFocus();
    await userEvent.click(confirm);
    expect(calls.filter((call) => call.path === 'admin.disableUser')).toEqual([
      { path: 'admin.disableUser', input: { user_id: 'u1' } },
    ]);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'bob@example.com is disabled; 1 session ended.',
    );
  });

  it('says why an action was refused', async () => {
    renderWithApi(<UserPage params={{ id: 'u1' }} />, respond);
    await userEvent.click(await screen.findByRole('button', { name: 'Send password reset' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send reset code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in');
  });
});
