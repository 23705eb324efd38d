import { AuthError, fieldError } from '../errors';

export const webhookNotFound = () => new AuthError('not_found', 'No such webhook endpoint.');

export const deliveryNotFound = () => new AuthError('not_found', 'No such delivery.');

/** A URL whose host is private, loopback, … or does not resolve (ADR 161). */
export const webhookUrlRefused = (message: string) =>
  fieldError('url', message, 'webhook_url_refused');
