import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { navigate, useLocation } from '../../router/router';
import { renderWithApi, serverError } from '../../testing/render-with-api';
import { pendingSignIn } from './pending-sign-in';
import { SecondStepPage } from './SecondStepPage';

beforeEach(() => {
  pendingSignIn.set('the-mfa-token', 'ann@example.com');
  navigate('/login/2fa?next=%2Faccount', { replace: true });
});

function Path() {
  return <output aria-label="path">{useLocation().path}</output>;
}

const typeCode = async (code: string) => {
  await userEvent.click(screen.getByLabelText('Digit 1 of 6'));
  await userEvent.keyboard(code);
};

describe('SecondStepPage', () => {
  it('sends the code with the mfa_token when the sixth digit is typed, then signs in', async () => {
    const { calls, session } = renderWithApi(
      <>
        <SecondStepPage />
        <Path />
      </>,
      () => ({ access: 'new-access' }),
    );
    await typeCode('123456');
    expect(calls).toEqual([
      { path: 'browser.loginSecondStep', input: { mfa_token: 'the-mfa-token', code: '123456' } },
    ]);
    expect(session.get().access).toBe('new-access');
    expect(screen.getByLabelText('path')).toHaveTextContent('/account');
    expect(pendingSignIn.get()).toBeNull();
  });

  it('takes a recovery code instead, from the keyboard', async () => {
    const { calls } = renderWithApi(<SecondStepPage />, () => ({ access: 'a' }));
    await userEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await userEvent.type(screen.getByLabelText('Recovery code'), 'ABCDE-FGH23{Enter}');
    expect(calls).toEqual([
      {
        path: 'browser.loginSecondStep',
        input: { mfa_token: 'the-mfa-token', recovery_code: 'abcdefgh23' },
      },
    ]);
  });

  it('says how many attempts are left after a wrong code', async () => {
    renderWithApi(<SecondStepPage />, () => {
      throw serverError('Wrong code.', { code: 'otp_invalid', details: { attempts_left: 2 } });
    });
    await typeCode('000000');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That code is not right. 2 attempts left.',
    );
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveFocus();
  });

  it('starts the sign-in over when the mfa_token is no longer good', async () => {
    renderWithApi(
      <>
        <SecondStepPage />
        <Path />
      </>,
      () => {
        throw serverError('Expired.', { code: 'mfa_token_invalid' });
      },
    );
    await typeCode('123456');
    expect(screen.getByLabelText('path')).toHaveTextContent('/login');
    expect(pendingSignIn.get()).toBeNull();
  });
});
