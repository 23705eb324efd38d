import { afterEach, describe, expect, it } from 'vitest';
import { startTlsSmtp } from '../testing/tls-smtp';
import { createSmtpTransport, type SmtpConfig } from './transport';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function server(mode: Parameters<typeof startTlsSmtp>[0]) {
  const smtp = await startTlsSmtp(mode);
  closers.push(smtp.close);
  return smtp;
}

async function send(config: SmtpConfig, to = 'someone@example.com') {
  const transport = createSmtpTransport({ timeoutMs: 5_000, ...config });
  try {
    await transport.send({ from: 'app <no-reply@example.com>', to, subject: 'hi', text: 'hello' });
  } finally {
    transport.close?.();
  }
}

describe('SMTP transport over TLS', () => {
  it('delivers with STARTTLS on a plain port, and authenticates inside TLS', async () => {
    const smtp = await server('starttls');
    await send({
      host: '127.0.0.1',
      port: smtp.port,
      useTls: true,
      user: 'alice',
      password: 'secret',
      allowInvalidCertificates: true,
    });
    expect(smtp.received).toEqual([{ to: 'someone@example.com', secure: true, user: 'alice' }]);
  });

  it('delivers with implicit TLS from the first byte', async () => {
    const smtp = await server('implicit');
    await send({
      host: '127.0.0.1',
      port: smtp.port,
      useTls: false,
      useSsl: true,
      allowInvalidCertificates: true,
    });
    expect(smtp.received).toEqual([{ to: 'someone@example.com', secure: true, user: undefined }]);
  });

  it('refuses a certificate it cannot verify unless told otherwise', async () => {
    const smtp = await server('implicit');
    await expect(
      send({ host: '127.0.0.1', port: smtp.port, useTls: false, useSsl: true }),
    ).rejects.toThrow(/self[- ]signed|certificate/i);
    expect(smtp.received).toEqual([]);
  });

  it('will not send in the clear when STARTTLS is required but not offered', async () => {
    const smtp = await server('plain');
    await expect(
      send({ host: '127.0.0.1', port: smtp.port, useTls: true, allowInvalidCertificates: true }),
    ).rejects.toThrow(/STARTTLS/i);
    expect(smtp.received).toEqual([]);
  });

  it('sends in the clear only when TLS is off', async () => {
    const smtp = await server('starttls');
    await send({ host: '127.0.0.1', port: smtp.port, useTls: false, ignoreTls: true });
    expect(smtp.received).toEqual([{ to: 'someone@example.com', secure: false, user: undefined }]);
  });
});
