import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export { appRouter, type AppRouter } from './root';
export { createCallerFactory } from './trpc';
export {
  bearerToken,
  createContextInner,
  type ApiDeps,
  type Context,
  type RequestInfo,
} from './context';
export { BROWSER_HEADER, type RefreshCookie } from './browser-cookie';
export { describeError, type ErrorData } from './errors';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export {
  rateLimitedActions,
  retryAfterHeader,
  type RateLimitedAction,
  type RateLimiter,
  type RateLimitKeys,
} from './rate-limit';
