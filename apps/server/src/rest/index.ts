import type { ApiDeps } from '@otp-auth/api';
import type { Route } from '../http/request-handler';
import type { Logger } from '../logger';
import { createDocsRoute } from './docs-route';
import { createRestRoute } from './rest-route';

/** Everything under /api/: the OpenAPI document, its interactive reference, the REST contract. */
export function createRestApi(deps: ApiDeps, log: Logger): Route {
  const docs = createDocsRoute();
  const rest = createRestRoute(deps, log);
  return async (req, res) => (await docs(req, res)) || rest(req, res);
}
