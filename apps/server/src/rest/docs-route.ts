import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import { refuseOtherMethods, sendNotFound } from '../http/json-reply';
import { buildOpenApiDocument } from './openapi-document';

/** Swagger UI's files, served from the installed package: the page needs no network. */
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>otp-auth REST API</title>
    <link rel="icon" href="/api/docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so a strict Content-Security-Policy can stay strict.
// validatorUrl: null keeps Swagger UI from sending the document to an outside validator.
const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
`;

/** GET /api/openapi.json and the interactive reference at /api/docs. */
export const docsPlugin: FastifyPluginCallback = (app, _options, done) => {
  // Built once at start-up: a procedure whose meta cannot be documented fails the start, not a
  // request.
  const documentJson = JSON.stringify(buildOpenApiDocument());
  const text = (contentType: string, body: string) => (_request: unknown, reply: FastifyReply) =>
    reply.headers({ 'content-type': contentType, 'cache-control': 'no-cache' }).send(body);

  app.get('/api/openapi.json', text('application/json; charset=utf-8', documentJson));
  app.get('/api/docs', text('text/html; charset=utf-8', page));
  app.get('/api/docs/init.js', text('text/javascript; charset=utf-8', init));
  app.get<{ Params: { file: string } }>('/api/docs/:file', (request, reply) => {
    const type = swaggerAssets[request.params.file];
    if (type === undefined || !Object.hasOwn(swaggerAssets, request.params.file)) {
      return sendNotFound(reply);
    }
    reply.headers({ 'content-type': type, 'cache-control': 'public, max-age=86400' });
    return reply.send(createReadStream(join(swaggerDir, request.params.file)));
  });
  for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/*']) {
    refuseOtherMethods(app, url, ['GET']);
  }
  done();
};
