export { startSmtpCapture, extractCode, type SmtpCapture } from './smtp-capture';
export { startTlsSmtp } from './tls-smtp';
export { totpCode } from './totp';
export { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
export { createSoftwareAuthenticator, type SoftwareAuthenticator } from './passkey-authenticator';
