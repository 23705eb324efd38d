import { layout, type Brand } from './layout';

const ACT_IF_NOT_YOU =
  'If this was not you, reset your password at once ("Forgot password?" on the sign-in page), remove the provider from your account page and contact support.';

export function identityLinkedMail(brand: Brand, providerName: string) {
  return layout(brand, {
    kind: 'identity_linked',
    subject: `${providerName} sign-in was added`,
    lead: `Your ${providerName} account can now sign in to your account.`,
    paragraphs: [
      `You can remove it from your account page ("Sign-in with other accounts").`,
      ACT_IF_NOT_YOU,
    ],
  });
}

export function identityUnlinkedMail(brand: Brand, providerName: string) {
  return layout(brand, {
    kind: 'identity_unlinked',
    subject: `${providerName} sign-in was removed`,
    lead: `Your ${providerName} account no longer signs in to your account.`,
    paragraphs: [ACT_IF_NOT_YOU],
  });
}
