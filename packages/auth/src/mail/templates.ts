export interface MailContent {
  kind:
    | 'verification_code'
    | 'registration_attempt'
    | 'password_changed'
    | 'two_factor_enabled'
    | 'two_factor_disabled';
  subject: string;
  text: string;
  html: string;
}

export interface Brand {
  productName: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** One template per mail: paragraphs become the text part and the HTML part alike. No links,
 * so a mail scanner that "clicks" everything cannot consume a code. */
export function compose(
  kind: MailContent['kind'],
  brand: Brand,
  subject: string,
  paragraphs: string[],
  code?: string,
): MailContent {
  const text = [
    ...paragraphs.slice(0, 1),
    ...(code ? [`    ${code}`] : []),
    ...paragraphs.slice(1),
    `— ${brand.productName}`,
  ].join('\n\n');
  const htmlParagraphs = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  const codeBlock = code
    ? `<p style="font-size:32px;font-weight:700;letter-spacing:8px;font-family:monospace">${code}</p>`
    : '';
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">',
    htmlParagraphs[0] ?? '',
    codeBlock,
    ...htmlParagraphs.slice(1),
    `<p style="color:#666">— ${escapeHtml(brand.productName)}</p>`,
    '</body></html>',
  ].join('');
  return { kind, subject: `${brand.productName}: ${subject}`, text, html };
}

export function verificationCodeMail(brand: Brand, code: string, ttlSeconds: number) {
  const minutes = Math.round(ttlSeconds / 60);
  return compose(
    'verification_code',
    brand,
    `your verification code is ${code}`,
    [
      'Your verification code is:',
      `It expires in ${minutes} minutes and works once. Enter it where you signed up.`,
      'If you did not create an account, ignore this mail: nothing happens without the code.',
    ],
    code,
  );
}

export function registrationAttemptMail(brand: Brand) {
  return compose('registration_attempt', brand, 'someone tried to register with your address', [
    'Someone tried to create an account with this email address, which already has one.',
    'If it was you, log in instead. If not, you can ignore this mail: your account is unchanged.',
  ]);
}

export function passwordChangedMail(brand: Brand) {
  return compose('password_changed', brand, 'your password was changed', [
    'The password of your account was just changed, and your other sessions were signed out.',
    'If this was not you, reset your password at once and contact support.',
  ]);
}
