import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../testing/render-with-api';
import { SessionsSection } from './SessionsSection';

const session = (id: string, userAgent: string, current: boolean) => ({
  id,
  created_at: '2026-01-01T10:00:00.000Z',
  last_used_at: '2026-01-02T10:00:00.000Z',
  user_agent: userAgent,
  ip: '203.0.113.7',
  current,
});

const listed = {
  sessions: [
    session('a', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0', true),
    session('b', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1', false),
  ],
};

describe('SessionsSection', () => {
  it('marks this device, and offers a sign-out for every other one only', async () => {
    const { calls } = renderWithApi(<SessionsSection />, ({ path }) =>
      path === 'account.sessions' ? listed : { message: 'Session ended.' },
    );
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [mine, other] = items as [HTMLElement, HTMLElement];
    expect(within(mine).getByText('This device')).toBeVisible();
    expect(within(mine).queryByRole('button')).toBeNull();
    expect(within(other).getByText('Safari on iOS')).toBeVisible();

    await userEvent.click(within(other).getByRole('button', { name: /^Sign out Safari on iOS/ }));
    expect(calls.filter((call) => call.path === 'account.revokeSession')).toEqual([
      { path: 'account.revokeSession', input: { id: 'b' } },
    ]);
  });
});
