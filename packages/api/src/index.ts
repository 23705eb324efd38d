import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export { appRouter, type AppRouter } from './root';
export { createCallerFactory } from './trpc';
export { adminRouter } from './routers/admin';
export {
  bearerToken,
  createContextInner,
  rateLimitedActions,
  type ApiDeps,
  type Context,
  type RateLimitedAction,
  type RateLimiter,
  type RateLimitKeys,
  type RequestInfo,
} from './context';
export { BROWSER_HEADER, type BrowserBinding, type RefreshCookie } from './browser-cookie';
export { describeError, retryAfterHeader, type ErrorData } from './errors';
export type { ApiMeta } from './meta';
export {
  generatedOpenApiDocument,
  normalizePath,
  restOperations,
  type RestOperation,
} from './rest-operations';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
