import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './app-router.js';

/** Input of every procedure, e.g. `RouterInputs['auth']['login']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Output of every procedure, e.g. `RouterOutputs['account']['profile']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Every procedure's dotted path, e.g. `'auth.login'`. */
export type ProcedurePath = {
  [R in keyof RouterInputs]: `${R & string}.${keyof RouterInputs[R] & string}`;
}[keyof RouterInputs];
