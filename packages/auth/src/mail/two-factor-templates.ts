import { layout, type Brand } from './layout';

const ACT_IF_NOT_YOU =
  'If this was not you, reset your password at once ("Forgot password?" on the sign-in page) and contact support.';

export function twoFactorEnabledMail(brand: Brand) {
  return layout(brand, {
    kind: 'two_factor_enabled',
    subject: 'two-factor sign-in is on',
    lead: 'Two-factor sign-in with an authenticator app was just turned on for your account, and your other sessions were signed out.',
    paragraphs: [
      'Keep your recovery codes somewhere safe: each one signs you in once if you lose your phone.',
      ACT_IF_NOT_YOU,
    ],
  });
}

export function recoveryCodesRenewedMail(brand: Brand) {
  return layout(brand, {
    kind: 'recovery_codes_renewed',
    subject: 'new recovery codes',
    lead: 'A new set of recovery codes was just made for your account; the earlier ones no longer work.',
    paragraphs: [ACT_IF_NOT_YOU],
  });
}

/** A recovery code stands in for the phone: the owner should know each time one is used. */
export function recoveryCodeSignInMail(brand: Brand, codesLeft: number) {
  return layout(brand, {
    kind: 'recovery_code_sign_in',
    subject: 'a recovery code was used to sign in',
    lead: 'Someone just signed in to your account with your password and one of your recovery codes.',
    paragraphs: [
      `That code no longer works; ${codesLeft} ${codesLeft === 1 ? 'code is' : 'codes are'} left. If your phone is lost, make a new set of codes from your account page.`,
      ACT_IF_NOT_YOU,
    ],
  });
}

/** The password was right and the codes were not, many times: someone has the password. */
export function secondFactorLockedMail(brand: Brand, failures: number, lockSeconds: number) {
  const minutes = Math.round(lockSeconds / 60);
  return layout(brand, {
    kind: 'second_factor_locked',
    subject: 'someone knows your password',
    lead: `Someone signed in with your password, then entered ${failures} wrong two-factor codes in a row. Two-factor sign-in to your account is locked for ${minutes} minutes.`,
    paragraphs: [
      'Whoever it was knows your password: change it now (or use "Forgot password?" on the sign-in page) and check the sessions on your account page.',
      'If it was you, wait until the lock ends, then sign in with a code from your app or a recovery code.',
    ],
  });
}

export function twoFactorDisabledMail(brand: Brand) {
  return layout(brand, {
    kind: 'two_factor_disabled',
    subject: 'two-factor sign-in is off',
    lead: 'Two-factor sign-in was just turned off for your account: signing in now needs only your password.',
    paragraphs: [ACT_IF_NOT_YOU],
  });
}
