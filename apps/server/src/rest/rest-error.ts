import { describeError } from '@otp-auth/api';
import type { ErrorCode } from '@otp-auth/validators';
import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply } from 'fastify';
import { sendJson } from '../http/json-reply';

/** A REST error as the original contract answers it: DRF-style field keys, `detail` and `code`,
 * any public details (e.g. `attempts_left`), and the headers its status calls for. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> & { detail: string; code: ErrorCode },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.detail);
    this.name = 'RestError';
  }

  static of(status: number, code: ErrorCode, detail: string, headers?: Record<string, string>) {
    return new RestError(status, { detail, code }, headers);
  }

  static fromTrpc(error: TRPCError): RestError {
    const { message, data } = describeError(error);
    const status = data.code === 'internal_error' ? 500 : getHTTPStatusCodeFromError(error);
    const headers: Record<string, string> = {};
    // RFC 9110: a 401 names the scheme that would work.
    if (status === 401) headers['www-authenticate'] = 'Bearer realm="api"';
    if (data.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(data.retryAfter));
    // `detail` and `code` last, so no field or detail can overwrite them.
    const body = { ...data.fields, ...data.details, detail: message, code: data.code };
    return new RestError(status, body, headers);
  }

  send(reply: FastifyReply): FastifyReply {
    return sendJson(reply, this.status, this.body, this.headers);
  }
}
