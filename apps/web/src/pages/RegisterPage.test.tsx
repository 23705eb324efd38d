import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { navigate } from '../router/router';
import { renderWithApi, serverError } from '../testing/render-with-api';
import { RegisterPage } from './RegisterPage';

beforeEach(() => {
  navigate('/register', { replace: true });
});

async function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    await userEvent.type(screen.getByLabelText(label), value);
  }
}

describe('RegisterPage', () => {
  it('validates with the shared schema before sending, errors tied to their inputs', async () => {
    const { calls } = renderWithApi(<RegisterPage />);
    await fill({ Email: 'not-an-email', Username: 'a b', 'Phone number': '12', Password: 'short' });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(calls).toEqual([]);
    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter a valid email address.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
      /Letters and digits in any script.* Use letters, digits and @ \. \+ - _ only\./,
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/at least 8 characters/);
  });

  it('sends normalised input and goes to verification', async () => {
    const { calls } = renderWithApi(<RegisterPage />, () => ({
      message: 'ok',
      email: 'ann@example.com',
    }));
    await fill({
      Email: ' Ann@Example.com',
      Username: 'ann',
      'Phone number': '+1 (555) 010-1234',
      Password: 'strongpassword123',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(calls).toEqual([
      {
        path: 'auth.register',
        input: {
          email: 'ann@example.com',
          username: 'ann',
          phone_number: '+15550101234',
          password: 'strongpassword123',
        },
      },
    ]);
    await vi.waitFor(() => expect(window.location.pathname).toBe('/verify'));
    expect(window.location.search).toBe('?email=ann%40example.com');
  });

  it('shows the server’s field errors next to the right input and announces others', async () => {
    renderWithApi(<RegisterPage />, () => {
      throw serverError('A user with that username already exists.', {
        code: 'username_taken',
        fields: { username: ['A user with that username already exists.'] },
      });
    });
    await fill({
      Email: 'ann@example.com',
      Username: 'ann',
      'Phone number': '5550101234',
      Password: 'strongpassword123',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const username = await screen.findByLabelText('Username');
    await vi.waitFor(() =>
      expect(username).toHaveAccessibleDescription(/A user with that username already exists\./),
    );
    expect(username).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('');
  });

  it('announces a rate limit with the wait', async () => {
    renderWithApi(<RegisterPage />, () => {
      throw serverError('Too many requests.', { code: 'rate_limited', retryAfter: 30 });
    });
    await fill({
      Email: 'ann@example.com',
      Username: 'ann',
      'Phone number': '5550101234',
      Password: 'strongpassword123',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Too many attempts. Try again in 30 seconds.')).toHaveAttribute(
      'role',
      'alert',
    );
  });
});
