import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** STARTTLS on a plain connection (port 587). */
  useTls: boolean;
  /** TLS from the first byte (port 465). */
  useSsl?: boolean;
  /** Never upgrade with STARTTLS. By default a plain connection upgrades only when useTls. */
  ignoreTls?: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** Accept self-signed certificates (tests and private relays only). */
  allowInvalidCertificates?: boolean;
  timeoutMs?: number;
}

export function createSmtpTransport(config: SmtpConfig): MailTransport {
  const timeout = config.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.useSsl ?? false,
    requireTLS: config.useTls,
    ignoreTLS: config.ignoreTls ?? (!config.useTls && !config.useSsl),
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    tls: { rejectUnauthorized: !config.allowInvalidCertificates },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

export interface DeliveredMail extends OutgoingMail {
  id: string;
  sentAt: string;
}

/** Development delivery: each mail goes to the log and to a small in-memory inbox. With
 * `printBodies: false` the log gets only the recipient: a subject or body
 * may carry a code, which must never reach a production log. */
export function createDevInboxTransport(
  print: (line: string) => void,
  options: { keep?: number; printBodies?: boolean } = {},
): MailTransport & { list(): DeliveredMail[] } {
  const keep = options.keep ?? 50;
  const printBodies = options.printBodies ?? true;
  const inbox: DeliveredMail[] = [];
  let counter = 0;
  return {
    send(mail) {
      counter += 1;
      inbox.unshift({ ...mail, id: String(counter), sentAt: new Date().toISOString() });
      inbox.length = Math.min(inbox.length, keep);
      print(
        printBodies
          ? `mail to ${mail.to}: ${mail.subject}\n${mail.text}`
          : `mail to ${mail.to} kept in the dev inbox only (SMTP is not configured)`,
      );
      return Promise.resolve();
    },
    list: () => inbox.map((mail) => ({ ...mail })),
  };
}
