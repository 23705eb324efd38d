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
