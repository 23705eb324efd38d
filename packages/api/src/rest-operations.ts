import { generateOpenApiDocument, type OpenAPIObject, type OpenApiMethod } from 'trpc-to-openapi';
import type { ApiMeta } from './meta';
import { appRouter } from './root';

/** One REST operation, as the procedures' meta declare it. The procedures stay the only
 * implementation; this table is all the REST adapter and the OpenAPI document know of them. */
export interface RestOperation {
  method: OpenApiMethod;
  /** The path as the contract writes it (with its trailing slash). */
  path: string;
  /** The procedure's dotted path, e.g. `auth.login`. */
  procedure: string;
  successStatus: number;
  /** Whether a JSON body is read at all (procedures without `.input()` take none). */
  takesInput: boolean;
  /** Input fields read from the query string (a GET's input), by name. */
  queryParams: string[];
  /** Input fields read from the path, by name: `/api/admin/users/{user_id}/`. */
  pathParams: string[];
  /** Behind a Bearer access token (so it can answer 401). */
  protect: boolean;
  /** Statuses its domain can answer besides those every operation shares. */
  errorStatuses: number[];
  /** Fixed headers of the success answer. */
  headers: Record<string, string>;
}

/** `/api/login/` and `/api/login` are the same operation. */
export function normalizePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${normalizePath(path)}`;

function statusesOf(errorResponses: number[] | Record<number, string> | undefined): number[] {
  if (!errorResponses) return [];
  return Array.isArray(errorResponses) ? errorResponses : Object.keys(errorResponses).map(Number);
}

/** trpc-to-openapi's document of every procedure with `openapi` meta, read once. Its public
 * `filter` hook hands over each procedure's whole meta, whose `operationId` is the procedure's
 * path as the router file writes it (`auth.login`); the document tells whether it takes a body. */
function readRouter(): { document: OpenAPIObject; operations: RestOperation[] } {
  const metas = new Map<string, ApiMeta>();
  const document = generateOpenApiDocument(appRouter, {
    title: 'otp-auth REST API',
    version: '1.0.0',
    baseUrl: '/',
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The `access` token from /api/login/ or /api/token/refresh/.',
      },
    },
    filter: ({ metadata }) => {
      const meta = metadata as ApiMeta;
      if (meta.openapi) metas.set(keyOf(meta.openapi.method, meta.openapi.path), meta);
      return true;
    },
  });
  const operations: RestOperation[] = [];
  for (const [key, meta] of metas) {
    const openapi = meta.openapi;
    if (!openapi) continue;
    const method = openapi.method.toLowerCase() as Lowercase<OpenApiMethod>;
    const generated = document.paths?.[normalizePath(openapi.path)]?.[method];
    if (!generated || !openapi.operationId) throw new Error(`no operation id for ${key}`);
    const parameters = (generated.parameters ?? []) as { in?: string; name?: string }[];
    const paramsIn = (where: string) =>
      parameters.flatMap((param) => (param.in === where && param.name ? [param.name] : []));
    operations.push({
      method: openapi.method,
      path: openapi.path,
      procedure: openapi.operationId,
      successStatus: meta.successStatus ?? 200,
      takesInput: generated.requestBody !== undefined,
      queryParams: paramsIn('query'),
      pathParams: paramsIn('path'),
      protect: openapi.protect ?? true,
      errorStatuses: statusesOf(openapi.errorResponses),
      headers: meta.download
        ? { 'content-disposition': `attachment; filename="${meta.download.filename}"` }
        : {},
    });
  }
  return { document, operations };
}

const read = readRouter();

/** The generated OpenAPI document the server rewrites into the REST contract as served. */
export const generatedOpenApiDocument: OpenAPIObject = read.document;

export const restOperations: readonly RestOperation[] = read.operations;
