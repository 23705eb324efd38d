export { startSmtpCapture, extractCode, type CapturedMail, type SmtpCapture } from './smtp-capture';
export { startTlsSmtp, type TlsReceived } from './tls-smtp';
export { decodeBase32, rfc6238, totpCode } from './totp';
export {
  startWebhookReceiver,
  type Answer,
  type ReceivedWebhook,
  type WebhookReceiver,
} from './webhook-receiver';
