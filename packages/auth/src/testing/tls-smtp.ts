// Test-only: a real SMTP server on 127.0.0.1 speaking TLS with the self-signed fixture cert.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const here = new URL('./tls/', import.meta.url);
const selfSignedCert = readFileSync(new URL('self-signed-cert.pem', here));
const key = readFileSync(new URL('self-signed-key.pem', here));

interface TlsReceived {
  to: string;
  secure: boolean;
  user: string | undefined;
}

/** `implicit`: TLS from the first byte (smtps, port 465 style). `starttls`: plain, then
 * upgraded by STARTTLS. `plain`: no TLS offered at all. AUTH is accepted for alice/secret. */
export async function startTlsSmtp(mode: 'implicit' | 'starttls' | 'plain') {
  const received: TlsReceived[] = [];
  const server = new SMTPServer({
    secure: mode === 'implicit',
    key,
    cert: selfSignedCert,
    disabledCommands: mode === 'plain' ? ['STARTTLS'] : [],
    authOptional: true,
    allowInsecureAuth: mode === 'plain',
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'alice' && auth.password === 'secret') {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(', '),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
