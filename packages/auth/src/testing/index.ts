export { startSmtpCapture, extractCode, type CapturedMail, type SmtpCapture } from './smtp-capture';
