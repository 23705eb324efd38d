import { layout, type Brand } from './layout';

const ACT_IF_NOT_YOU =
  'If this was not you, remove it from your account page at once, reset your password ("Forgot password?" on the sign-in page) and contact support.';

export function passkeyAddedMail(brand: Brand, name: string) {
  return layout(brand, {
    kind: 'passkey_added',
    subject: 'A passkey was added to your account',
    lead: `The passkey "${name}" can now sign in to your account, without a password.`,
    paragraphs: [ACT_IF_NOT_YOU],
  });
}

export function passkeyRemovedMail(brand: Brand, name: string) {
  return layout(brand, {
    kind: 'passkey_removed',
    subject: 'A passkey was removed from your account',
    lead: `The passkey "${name}" no longer signs in to your account.`,
    paragraphs: ['If this was not you, reset your password at once and contact support.'],
  });
}
