import type { OpenApiMeta } from 'trpc-to-openapi';

/** What a procedure declares about itself beyond its schemas. `openapi` (trpc-to-openapi's meta)
 * gives its REST method and path, its procedure path as `operationId` (which the REST adapter
 * calls; a test checks each against the router), and in `errorResponses` the statuses its
 * domain can answer besides those every operation shares (400/413/415 with a body, 401 behind a
 * Bearer token, 405, 429, 503). The REST adapter and the OpenAPI document read nothing else. */
export type ApiMeta = OpenApiMeta<{
  /** The REST success status, when it is not 200 (e.g. 201 for a creation). */
  successStatus?: number;
  /** The REST success answer is a file to save under this name (`Content-Disposition`). */
  download?: { filename: string };
}>;

type OpenApiOperation = NonNullable<ApiMeta['openapi']>;

/** The REST side of an admin procedure: a path under /api/admin/, behind a Bearer token,
 * tagged `admin`, answering 403 to a caller without the role (besides `errorResponses`). */
export function adminOperation(
  operation: Pick<OpenApiOperation, 'method' | 'summary' | 'description'> & {
    path: `/api/admin/${string}`;
    operationId: `admin.${string}`;
    errorResponses?: number[];
  },
): OpenApiOperation {
  return {
    ...operation,
    protect: true,
    tags: ['admin'],
    errorResponses: [403, ...(operation.errorResponses ?? [])],
  };
}
