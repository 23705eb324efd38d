import type { SmtpConfig } from '@otp-auth/auth';
import type { Env } from './env';

/** SMTP from SMTP_URL when set, else from the EMAIL_* names, else none (dev inbox). */
export function smtpConfigFrom(env: Env): SmtpConfig | undefined {
  const allowInvalidCertificates = !env.EMAIL_TLS_REJECT_UNAUTHORIZED;
  if (env.SMTP_URL) return { ...parseSmtpUrl(env.SMTP_URL), allowInvalidCertificates };
  if (!env.EMAIL_HOST) return undefined;
  return {
    host: env.EMAIL_HOST,
    port: env.EMAIL_PORT,
    useTls: env.EMAIL_USE_TLS,
    useSsl: env.EMAIL_USE_SSL,
    user: env.EMAIL_HOST_USER,
    password: env.EMAIL_HOST_PASSWORD,
    allowInvalidCertificates,
  };
}

/** smtps:// is TLS from the first byte (port 465 by default). smtp:// upgrades with STARTTLS
 * when the server offers it (port 587 by default); `?starttls=required` refuses to send without
 * it and `?starttls=never` never tries. Credentials may be percent-encoded. */
export function parseSmtpUrl(value: string): Omit<SmtpConfig, 'allowInvalidCertificates'> {
  const url = new URL(value);
  const implicit = url.protocol === 'smtps:';
  const starttls = url.searchParams.get('starttls') ?? 'auto';
  if (!['auto', 'required', 'never'].includes(starttls)) {
    throw new Error('SMTP_URL: starttls must be auto, required or never');
  }
  if (!url.hostname) throw new Error('SMTP_URL: the host is missing');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : implicit ? 465 : 587,
    useSsl: implicit,
    useTls: !implicit && starttls === 'required',
    ignoreTls: !implicit && starttls === 'never',
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}
