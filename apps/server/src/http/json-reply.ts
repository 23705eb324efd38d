import type { FastifyInstance, FastifyReply, HTTPMethods } from 'fastify';

/** The one body of a 404, wherever it comes from. */
const notFoundBody = { detail: 'Not found.', code: 'not_found' } as const;

/** A JSON answer as every route of ours sends it: never cached. */
export function sendJson(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(status)
    .headers({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    .send(JSON.stringify(body));
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return sendJson(reply, 404, notFoundBody);
}

const everyMethod: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The one answer to a method a path does not serve: 405 with `Allow` naming those it does
 * (HEAD with GET, and OPTIONS), and 204 with the same `Allow` to OPTIONS. Registered beside the
 * path's own routes. */
export function refuseOtherMethods(
  app: FastifyInstance,
  url: string,
  served: readonly HTTPMethods[],
): void {
  const allowed = [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
  const allow = allowed.join(', ');
  app.route({
    method: everyMethod.filter((method) => !allowed.includes(method) || method === 'OPTIONS'),
    url,
    handler: (request, reply) =>
      request.method === 'OPTIONS'
        ? reply.code(204).header('allow', allow).send()
        : sendJson(
            reply,
            405,
            { detail: `Method "${request.method}" not allowed.`, code: 'method_not_allowed' },
            { allow },
          ),
  });
}
