import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export { appRouter, type AppRouter } from './root';
export { createCallerFactory } from './trpc';
export {
  bearerToken,
  createContextInner,
  rateLimitedActions,
  type ApiDeps,
  type RateLimitedAction,
  type RateLimiter,
  type RateLimitKeys,
  type SignInAttempt,
} from './context';
export { BROWSER_HEADER, type BrowserBinding, type RefreshCookie } from './browser-cookie';
export { describeError, retryAfterHeader } from './errors';
export {
  generatedOpenApiDocument,
  normalizePath,
  restOperations,
  type RestOperation,
} from './rest-operations';

/** For apps that type their own code by the router's inputs and outputs. @public */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** @public */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
