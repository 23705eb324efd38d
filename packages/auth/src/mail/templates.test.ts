import { describe, expect, it } from 'vitest';
import { CODE_PURPOSES } from '../code-purpose';
import * as templates from './templates';

const brand = { productName: 'Acme <Auth>' };

describe('mail templates', () => {
  it('put every code in both parts, large in the HTML part, under the product name', () => {
    for (const purpose of CODE_PURPOSES) {
      const mail = templates.codeMail(brand, purpose, '042917', 600);
      expect(mail.subject).toMatch(/^Acme <Auth>: your .* code is 042917$/);
      expect(mail.text).toContain('    042917');
      expect(mail.text).toContain('10 minutes');
      expect(mail.html).toMatch(/font-size:36px[^>]*>042917<\/p>/);
      // The name is escaped in HTML, never markup.
      expect(mail.html).toContain('Acme &#60;Auth&#62;');
      expect(mail.html).not.toContain('<Auth>');
      expect(mail.html).not.toMatch(/<a\s/);
    }
  });

  it('give every notice a text and an HTML part from the same words', () => {
    const notices = [
      templates.registrationAttemptMail(brand),
      templates.emailInUseMail(brand),
      templates.passwordChangedMail(brand),
      templates.passwordResetMail(brand),
      templates.emailChangedMail(brand, 'new<x>@example.com'),
      templates.accountDeletedMail(brand),
    ];
    expect(new Set(notices.map((n) => n.kind)).size).toBe(notices.length);
    for (const notice of notices) {
      const firstLine = notice.text.split('\n')[0] ?? '';
      expect(notice.html).toContain(firstLine.replace(/</g, '&#60;').replace(/>/g, '&#62;'));
      expect(notice.text).toMatch(/— Acme <Auth>$/);
    }
    expect(templates.emailChangedMail(brand, 'new@example.com').text).toContain('new@example.com');
  });
});
