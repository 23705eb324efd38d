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

/** SMTP when configured; otherwise every mail goes to the dev inbox and the log, in development
 * whole. A production server gets here only with MAIL_TO_LOG=true (it refuses to start
 * otherwise), and its log never gets a mail's subject or body: they carry codes. */
export function createMailSetup(config: ServerConfig, log: Logger): MailSetup {
  if (config.smtp) return { transport: createSmtpTransport(config.smtp), devInbox: undefined };
  const printBodies = config.env !== 'production';
  if (printBodies) {
    log.info('SMTP is not configured: mail is printed here and kept in the dev inbox');
  } else {
    log.warn(
      'SMTP is not configured (MAIL_TO_LOG=true): mail is logged by recipient only and never delivered',
    );
  }
  const inbox = createDevInboxTransport(
    (text) => {
      log.info(printBodies ? `\n${text}\n` : text);
    },
    { printBodies },
  );
  return { transport: inbox, devInbox: inbox };
}

/** What a failed delivery may put in the log: SMTP's verdict, never the whole error object
 * (whose extra fields are the transport's business and could grow to hold anything). */
export function mailErrorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: 'unknown error' };
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  // `errorCode`: a field named `code` is redacted from every log line (it may be a sign-in code).
  return { message: error.message.slice(0, 300), errorCode: code, responseCode };
}
