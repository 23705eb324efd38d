import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { navigate } from '../router/router';
import { renderWithApi, serverError } from '../testing/render-with-api';
import { VerifyPage } from './VerifyPage';

beforeEach(() => {
  sessionStorage.clear();
  navigate('/verify?email=ann%40example.com', { replace: true });
});

const typeCode = async (code: string) => {
  await userEvent.click(screen.getByLabelText('Digit 1 of 6'));
  await userEvent.keyboard(code);
};

describe('VerifyPage', () => {
  it('submits the code when the sixth digit is typed', async () => {
    const { calls } = renderWithApi(<VerifyPage />, () => ({ message: 'ok' }));
    await typeCode('123456');
    expect(calls).toEqual([
      { path: 'auth.verifyOtp', input: { email: 'ann@example.com', otp: '123456' } },
    ]);
  });

  it('announces the attempts left after a wrong code and clears the boxes', async () => {
    renderWithApi(<VerifyPage />, () => {
      throw serverError('Invalid code.', { code: 'otp_invalid', details: { attempts_left: 1 } });
    });
    await typeCode('000000');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That code is not right. 1 attempt left.',
    );
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveValue('');
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveFocus();
  });

  it('refuses an incomplete code before sending it', async () => {
    const { calls } = renderWithApi(<VerifyPage />);
    await typeCode('123');
    await userEvent.click(screen.getByRole('button', { name: 'Verify email' }));
    expect(calls).toEqual([]);
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the 6-digit code.');
  });

  it('counts the resend cooldown down and resends once it is over', async () => {
    sessionStorage.setItem('otp-auth:code-sent:ann@example.com', String(Date.now() - 15_000));
    const { calls, unmount } = renderWithApi(<VerifyPage />, () => ({ message: 'ok' }));
    expect(screen.getByRole('button', { name: /resend in 0:4\d/ })).toBeDisabled();
    unmount();

    sessionStorage.setItem('otp-auth:code-sent:ann@example.com', String(Date.now() - 61_000));
    renderWithApi(<VerifyPage />, (call) => {
      calls.push(call);
      return { message: 'ok' };
    });
    await userEvent.click(screen.getByRole('button', { name: 'send a new code' }));
    expect(calls).toEqual([{ path: 'auth.resendOtp', input: { email: 'ann@example.com' } }]);
    expect(await screen.findByRole('button', { name: /resend in (1:00|0:5\d)/ })).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('a new one is on its way');
  });
});
