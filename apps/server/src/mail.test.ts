import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ServerConfig } from './config';
import { createMailSetup } from './mail';

function captureLog() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), text: () => text };
}

const mail = {
  from: 'app <no-reply@example.com>',
  to: 'someone@example.com',
  subject: 'otp-auth: your verification code is 493027',
  text: 'Your verification code is:\n\n    493027',
};

describe('mail without SMTP', () => {
  it('prints the whole mail in development, for the developer to copy the code', async () => {
    const { log, text } = captureLog();
    const setup = createMailSetup({ env: 'development', smtp: undefined } as ServerConfig, log);
    await setup.transport.send(mail);
    expect(text()).toContain('493027');
    expect(setup.devInbox?.list()).toHaveLength(1);
  });

  it('never prints a subject or body in production', async () => {
    const { log, text } = captureLog();
    const setup = createMailSetup({ env: 'production', smtp: undefined } as ServerConfig, log);
    await setup.transport.send(mail);
    expect(text()).toContain('someone@example.com');
    expect(text()).toContain('SMTP is not configured');
    expect(text()).not.toContain('493027');
    expect(setup.devInbox?.list()[0]?.text).toContain('493027');
  });
});
