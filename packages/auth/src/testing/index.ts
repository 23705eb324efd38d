export { startSmtpCapture, extractCode, type CapturedMail, type SmtpCapture } from './smtp-capture';
export { startTlsSmtp, type TlsReceived } from './tls-smtp';
