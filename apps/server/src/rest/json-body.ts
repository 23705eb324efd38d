import type { IncomingMessage } from 'node:http';
import { RestError } from './rest-error';

const tooLarge = () =>
  RestError.of(413, 'payload_too_large', 'Request body is too large.', { connection: 'close' });

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType ?? '');
}

/** Collects the body. Past `limit` it answers at once and drains the rest unread: destroying the
 * request would take the socket, and the answer, with it. */
function collect(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else reject(tooLarge());
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Reads a JSON request body of at most `limit` bytes. An empty body reads as `{}` (as DRF does,
 * so each missing field is reported by name); anything else must be `application/json`. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume(); // discard what is on its way, so the client can read the answer
    throw tooLarge();
  }
  const body = await collect(req, limit);
  if (body.length === 0) return {};
  const contentType = req.headers['content-type'];
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
