/** The one layout every mail goes out in: a text part and an HTML part from the same
 * paragraphs, the product name on top, a code (if any) large in the HTML part. No links, so a
 * mail scanner that "clicks" everything cannot consume a code. */
export interface MailContent {
  kind: MailKind;
  subject: string;
  text: string;
  html: string;
}

type MailKind =
  | 'verification_code'
  | 'password_reset_code'
  | 'email_change_code'
  | 'registration_attempt'
  | 'email_in_use'
  | 'password_changed'
  | 'password_reset'
  | 'email_changed'
  | 'account_deleted'
  | 'two_factor_enabled'
  | 'two_factor_disabled'
  | 'recovery_codes_renewed'
  | 'recovery_code_sign_in'
  | 'second_factor_locked'
  | 'identity_linked'
  | 'identity_unlinked'
  | 'passkey_added'
  | 'passkey_removed';

export interface Brand {
  productName: string;
}

export interface MailBody {
  kind: MailKind;
  subject: string;
  /** Shown before the code. */
  lead: string;
  code?: string;
  /** Shown after the code. */
  paragraphs: string[];
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function layout(brand: Brand, body: MailBody): MailContent {
  const text = [
    body.lead,
    ...(body.code ? [`    ${body.code}`] : []),
    ...body.paragraphs,
    `— ${brand.productName}`,
  ].join('\n\n');
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`;
  const code = body.code
    ? '<p style="margin:8px 0 24px;font-size:36px;font-weight:700;letter-spacing:10px;' +
      `font-family:ui-monospace,monospace">${escapeHtml(body.code)}</p>`
    : '';
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(body.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,sans-serif;color:#111">',
    '<div style="max-width:480px;margin:0 auto;padding:24px;background:#fff;border-radius:8px">',
    `<p style="margin:0 0 20px;font-size:18px;font-weight:700">${escapeHtml(brand.productName)}</p>`,
    paragraph(body.lead),
    code,
    ...body.paragraphs.map(paragraph),
    '</div></body></html>',
  ].join('');
  return { kind: body.kind, subject: `${brand.productName}: ${body.subject}`, text, html };
}
