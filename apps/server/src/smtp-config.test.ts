import { createSmtpTransport } from '@otp-auth/auth';
import { startTlsSmtp } from '@otp-auth/auth/testing';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { parseSmtpUrl, smtpConfigFrom } from './smtp-config';

describe('SMTP configuration', () => {
  it('reads smtps:// as implicit TLS on 465 with decoded credentials', () => {
    expect(parseSmtpUrl('smtps://me%40corp.example:p%3Ass@mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 465,
      useSsl: true,
      useTls: false,
      ignoreTls: false,
      user: 'me@corp.example',
      password: 'p:ss',
    });
  });

  it('reads smtp:// as STARTTLS on 587: opportunistic, required or never', () => {
    expect(parseSmtpUrl('smtp://mail.example.com')).toMatchObject({
      port: 587,
      useSsl: false,
      useTls: false,
      ignoreTls: false,
      user: undefined,
    });
    expect(parseSmtpUrl('smtp://h:2525?starttls=required')).toMatchObject({
      port: 2525,
      useTls: true,
    });
    expect(parseSmtpUrl('smtp://h?starttls=never')).toMatchObject({ ignoreTls: true });
    expect(() => parseSmtpUrl('smtp://h?starttls=maybe')).toThrow(/starttls/);
  });

  it('refuses a URL of another scheme', () => {
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
  });

  it('prefers SMTP_URL, falls back to the EMAIL_* names, and is absent without either', () => {
    const both = parseEnv({ SMTP_URL: 'smtps://a.example', EMAIL_HOST: 'b.example' });
    expect(smtpConfigFrom(both)).toMatchObject({ host: 'a.example', useSsl: true });
    const legacy = parseEnv({ EMAIL_HOST: 'b.example', EMAIL_USE_TLS: 'True', EMAIL_PORT: '25' });
    expect(smtpConfigFrom(legacy)).toMatchObject({ host: 'b.example', port: 25, useTls: true });
    expect(smtpConfigFrom(legacy)?.allowInvalidCertificates).toBe(false);
    expect(smtpConfigFrom(parseEnv({}))).toBeUndefined();
  });

  it.each([
    ['implicit', 'smtps://alice:secret@127.0.0.1:PORT'],
    ['starttls', 'smtp://alice:secret@127.0.0.1:PORT?starttls=required'],
  ] as const)('delivers over %s TLS from SMTP_URL alone', async (mode, template) => {
    const smtp = await startTlsSmtp(mode);
    try {
      const env = parseEnv({
        SMTP_URL: template.replace('PORT', String(smtp.port)),
        EMAIL_TLS_REJECT_UNAUTHORIZED: 'False',
      });
      const config = smtpConfigFrom(env);
      if (!config) throw new Error('expected an SMTP config');
      const transport = createSmtpTransport({ ...config, timeoutMs: 5_000 });
      await transport.send({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' });
      transport.close?.();
      expect(smtp.received).toEqual([{ to: 'b@example.com', secure: true, user: 'alice' }]);
    } finally {
      await smtp.close();
    }
  });
});
