import type { CodePurpose } from '../code-purpose';
import { layout, type Brand, type MailContent } from './layout';

/** Every mail the product sends, in one place, all in the one layout. */
export type { MailContent } from './layout';

const IGNORE_IF_NOT_YOU =
  'If this was not you, ignore this mail: nothing changes without the code.';
const ACT_IF_NOT_YOU =
  'If this was not you, reset your password at once ("Forgot password?" on the sign-in page).';

const codeTexts: Record<CodePurpose, { kind: MailContent['kind']; what: string; use: string }> = {
  verify_email: {
    kind: 'verification_code',
    what: 'verification code',
    use: 'Enter it where you signed up.',
  },
  password_reset: {
    kind: 'password_reset_code',
    what: 'password reset code',
    use: 'Enter it with your new password. Every session of your account ends when you do.',
  },
  email_change: {
    kind: 'email_change_code',
    what: 'email change code',
    use: 'Enter it in your account settings to move your account to this address.',
  },
};

/** The mail that carries a code, for any purpose. */
export function codeMail(
  brand: Brand,
  purpose: CodePurpose,
  code: string,
  ttlSeconds: number,
): MailContent {
  const { kind, what, use } = codeTexts[purpose];
  const minutes = Math.round(ttlSeconds / 60);
  return layout(brand, {
    kind,
    subject: `your ${what} is ${code}`,
    lead: `Your ${what} is:`,
    code,
    paragraphs: [`It expires in ${minutes} minutes and works once. ${use}`, IGNORE_IF_NOT_YOU],
  });
}

export function registrationAttemptMail(brand: Brand) {
  return layout(brand, {
    kind: 'registration_attempt',
    subject: 'someone tried to register with your address',
    lead: 'Someone tried to create an account with this email address, which already has one.',
    paragraphs: [
      'If it was you, log in instead. If not, you can ignore this mail: your account is unchanged.',
    ],
  });
}

export function emailInUseMail(brand: Brand) {
  return layout(brand, {
    kind: 'email_in_use',
    subject: 'someone tried to use your address',
    lead: 'Someone tried to move another account to this email address, which already has one.',
    paragraphs: ['Nothing changed. If it was you, sign in to the account this address belongs to.'],
  });
}

export function passwordChangedMail(brand: Brand) {
  return layout(brand, {
    kind: 'password_changed',
    subject: 'your password was changed',
    lead: 'The password of your account was just changed, and your other sessions were signed out.',
    paragraphs: [ACT_IF_NOT_YOU],
  });
}

export function passwordResetMail(brand: Brand) {
  return layout(brand, {
    kind: 'password_reset',
    subject: 'your password was reset',
    lead: 'The password of your account was just reset with a code mailed to this address.',
    paragraphs: ['Every session of the account was signed out.', ACT_IF_NOT_YOU],
  });
}

export function emailChangedMail(brand: Brand, newEmail: string) {
  return layout(brand, {
    kind: 'email_changed',
    subject: 'your address was changed',
    lead: `The email address of your account was changed to ${newEmail}.`,
    paragraphs: [
      'This address no longer signs in, and your other sessions were signed out.',
      'If this was not you, contact support at once and reply to this mail.',
    ],
  });
}

export function accountDeletedMail(brand: Brand) {
  return layout(brand, {
    kind: 'account_deleted',
    subject: 'your account was deleted',
    lead: 'Your account and everything it held were deleted, as you asked. Goodbye.',
    paragraphs: ['You can create a new account with this address at any time.'],
  });
}
