import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { navigate } from '../router/router';
import { renderWithApi, serverError } from '../testing/render-with-api';
import { ResetPasswordPage } from './ResetPasswordPage';

beforeEach(() => {
  sessionStorage.clear();
  navigate('/reset?email=ann%40example.com', { replace: true });
});

const typeCode = async (code: string) => {
  await userEvent.click(screen.getByLabelText('Digit 1 of 6'));
  await userEvent.keyboard(code);
};

async function fillPasswords(password: string, confirm = password) {
  await userEvent.type(screen.getByLabelText('New password'), password);
  await userEvent.type(screen.getByLabelText('Confirm new password'), confirm);
}

describe('ResetPasswordPage', () => {
  it('moves from the last digit to the new password, then sends code and password', async () => {
    const { calls } = renderWithApi(<ResetPasswordPage />, () => ({ message: 'ok' }));
    await typeCode('123456');
    expect(screen.getByLabelText('New password')).toHaveFocus();
    await fillPasswords('a-new-password-1');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(calls).toEqual([
      {
        path: 'auth.resetPassword',
        input: {
          email: 'ann@example.com',
          otp: '123456',
          new_password: 'a-new-password-1',
          confirm_password: 'a-new-password-1',
        },
      },
    ]);
  });

  it('checks the confirmation before sending anything', async () => {
    const { calls } = renderWithApi(<ResetPasswordPage />);
    await typeCode('123456');
    await fillPasswords('a-new-password-1', 'a-new-password-2');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(calls).toEqual([]);
    expect(screen.getByText('The two password fields did not match.')).toBeInTheDocument();
  });

  it('shows the attempts left after a wrong code and puts the cursor back in the boxes', async () => {
    renderWithApi(<ResetPasswordPage />, () => {
      throw serverError('Invalid code.', { code: 'otp_invalid', details: { attempts_left: 2 } });
    });
    await typeCode('000000');
    await fillPasswords('a-new-password-1');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('That code is not right. 2 attempts left.')).toBeVisible();
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveValue('');
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveFocus();
  });

  it('shares the countdown of the request page and resends through forgotPassword', async () => {
    sessionStorage.setItem('otp-auth:code-sent:reset:ann@example.com', String(Date.now() - 61_000));
    const { calls } = renderWithApi(<ResetPasswordPage />, () => ({ message: 'ok' }));
    await userEvent.click(screen.getByRole('button', { name: 'send a new code' }));
    expect(calls).toEqual([{ path: 'auth.forgotPassword', input: { email: 'ann@example.com' } }]);
    expect(await screen.findByRole('button', { name: /resend in (1:00|0:5\d)/ })).toBeDisabled();
  });
});
