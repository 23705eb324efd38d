import { AuthError } from '@otp-auth/auth';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Context } from './context';
import { describeError, toTRPCError } from './errors';

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    // No stack traces leave the server, in any mode.
    isDev: false,
    errorFormatter({ shape, error }) {
      const { message, data } = describeError(error);
      return { ...shape, message, data: { ...shape.data, stack: undefined, ...data } };
    },
  });

/** The domain's coded errors, thrown or returned by what runs inside, as tRPC errors. */
function domainErrorOf(error: unknown): unknown {
  if (error instanceof AuthError) return toTRPCError(error);
  if (error instanceof TRPCError && error.cause instanceof AuthError) {
    return toTRPCError(error.cause);
  }
  return error;
}

/** Turns the domain's coded errors into tRPC errors with the right status. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = domainErrorOf(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** Requires a valid access token of a live session; narrows `ctx.user` to non-null. One
 * middleware does the domain-error mapping and the check: each middleware of tRPC's chain
 * copies the call's options several times, and this is the hot path (ADR 101). */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (!ctx.accessToken) {
    throw toTRPCError(
      new AuthError('not_authenticated', 'Authentication credentials were not provided.'),
    );
  }
  let user;
  try {
    user = await ctx.auth.authenticate(ctx.accessToken);
  } catch (error) {
    throw domainErrorOf(error);
  }
  const result = await next({ ctx: { user } });
  if (!result.ok) {
    const mapped = domainErrorOf(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

export { TRPCError };
