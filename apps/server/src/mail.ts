import {
  createDevInboxTransport,
  createSmtpTransport,
  type DeliveredMail,
  type MailTransport,
} from '@otp-auth/auth';
import type { ServerConfig } from './config';
import type { Logger } from './logger';

export interface MailSetup {
  transport: MailTransport;
  /** Present only when mail stays on this machine (no SMTP configured). */
  devInbox: { list(): DeliveredMail[] } | undefined;
}

/** SMTP when configured; otherwise every mail goes to the console and to the dev inbox. */
export function createMailSetup(config: ServerConfig, log: Logger): MailSetup {
  if (config.smtp) return { transport: createSmtpTransport(config.smtp), devInbox: undefined };
  log.info('EMAIL_HOST is not set: mail is printed here and kept in the dev inbox');
  const inbox = createDevInboxTransport((text) => {
    log.info(`\n${text}\n`);
  });
  return { transport: inbox, devInbox: inbox };
}
