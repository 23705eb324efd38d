import { compose, type Brand } from './templates';

export function twoFactorEnabledMail(brand: Brand) {
  return compose('two_factor_enabled', brand, 'two-factor sign-in is on', [
    'Two-factor sign-in with an authenticator app was just turned on for your account, and your other sessions were signed out.',
    'Keep your recovery codes somewhere safe: each one signs you in once if you lose your phone.',
    'If this was not you, change your password at once and contact support.',
  ]);
}

export function twoFactorDisabledMail(brand: Brand) {
  return compose('two_factor_disabled', brand, 'two-factor sign-in is off', [
    'Two-factor sign-in was just turned off for your account: signing in now needs only your password.',
    'If this was not you, change your password at once, turn two-factor back on and contact support.',
  ]);
}
