import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { pathOf, type Route } from '../http/request-handler';
import { buildOpenApiDocument } from './openapi-document';
import { RestError } from './rest-error';

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

function send(res: ServerResponse, contentType: string, body: string, cache = 'no-cache') {
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': cache,
  });
  res.end(body);
}

/** GET /api/openapi.json and the interactive reference at /api/docs. */
export function createDocsRoute(): Route {
  // Built once at start-up: a procedure whose meta cannot be documented fails the start, not a
  // request.
  const documentJson = JSON.stringify(buildOpenApiDocument());
  return (req, res) => {
    const path = pathOf(req);
    const isDocument = path === '/api/openapi.json';
    const isDocs = path === '/api/docs' || path === '/api/docs/' || path.startsWith('/api/docs/');
    if (!isDocument && !isDocs) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const detail = `Method "${req.method ?? ''}" not allowed.`;
      RestError.of(405, 'method_not_allowed', detail, { allow: 'GET, HEAD' }).send(res);
      return true;
    }
    if (isDocument) {
      send(res, 'application/json; charset=utf-8', documentJson);
      return true;
    }
    const file = path.replace(/^\/api\/docs\/?/, '');
    if (file === '') send(res, 'text/html; charset=utf-8', page);
    else if (file === 'init.js') send(res, 'text/javascript; charset=utf-8', init);
    else if (Object.hasOwn(swaggerAssets, file)) {
      res.writeHead(200, {
        'content-type': swaggerAssets[file] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=86400',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(join(swaggerDir, file)).pipe(res);
    } else RestError.of(404, 'not_found', 'Not found.').send(res);
    return true;
  };
}
