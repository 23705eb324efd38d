import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RestError } from './rest-error';

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType ?? '');
}

/** REST bodies are read as bytes whatever their declared type (Fastify still enforces its
 * `bodyLimit`, answering 413), so that `readJsonBody` can answer as the contract does. */
export function acceptAnyBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
}

/** The request's JSON body. An empty body reads as `{}` (as DRF does, so each missing field is
 * reported by name); anything else must be `application/json`. */
export function readJsonBody(request: FastifyRequest): unknown {
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  if (!body || body.length === 0) return {};
  const contentType = request.headers['content-type'];
  if (!isJson(contentType)) {
    const named = contentType ? `"${contentType.split(';')[0]?.trim()}"` : 'of an unnamed type';
    throw RestError.of(
      415,
      'unsupported_media_type',
      `Unsupported media type ${named} in request.`,
    );
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new RestError(400, {
      non_field_errors: ['JSON parse error.'],
      detail: 'JSON parse error.',
      code: 'invalid_input',
    });
  }
}
