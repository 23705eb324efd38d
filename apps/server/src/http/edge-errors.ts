import type { ErrorCode } from '@otp-auth/validators';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendJson } from './json-reply';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** The errors Fastify itself raises before a handler runs (body too large, a media type no
 * parser takes, a malformed body), as our codes. */
const edgeErrors: Record<number, { code: ErrorCode; detail: string; trpc: TRPC_ERROR_CODE_KEY }> = {
  400: { code: 'invalid_input', detail: 'Invalid request.', trpc: 'BAD_REQUEST' },
  413: {
    code: 'payload_too_large',
    detail: 'Request body is too large.',
    trpc: 'PAYLOAD_TOO_LARGE',
  },
  415: {
    code: 'unsupported_media_type',
    detail: 'Unsupported media type in request.',
    trpc: 'UNSUPPORTED_MEDIA_TYPE',
  },
};

export const isTrpcPath = (url: string) => url === '/trpc' || url.startsWith('/trpc/');

/** Errors no route answered itself: a client's mistake caught by Fastify becomes a 4xx in the
 * shape of the API it aimed at (tRPC's envelope under /trpc, ours elsewhere); anything else is
 * a bare 500, logged with the request id, never with a stack in the answer. */
export function handleEdgeError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = error.statusCode === undefined ? undefined : edgeErrors[error.statusCode];
  if (!known) {
    request.log.error({ err: error, path: request.url.split('?')[0] }, 'request failed');
    return sendJson(reply, 500, { detail: 'Internal server error.', code: 'internal_error' });
  }
  const status = error.statusCode ?? 500;
  // Whatever of the body is still on its way is not read: the connection goes with the answer.
  const headers: Record<string, string> = status === 413 ? { connection: 'close' } : {};
  if (isTrpcPath(request.url)) {
    return sendJson(
      reply,
      status,
      {
        error: {
          message: known.detail,
          code: TRPC_ERROR_CODES_BY_KEY[known.trpc],
          data: { code: known.code, httpStatus: status },
        },
      },
      headers,
    );
  }
  return sendJson(reply, status, { detail: known.detail, code: known.code }, headers);
}
