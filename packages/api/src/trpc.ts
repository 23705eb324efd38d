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

/** Turns the domain's coded errors into tRPC errors with the right status. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AuthError) throw toTRPCError(result.error.cause);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** Requires a valid access token of a live session; narrows `ctx.user` to non-null. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.accessToken) {
    throw toTRPCError(
      new AuthError('not_authenticated', 'Authentication credentials were not provided.'),
    );
  }
  const user = await ctx.auth.authenticate(ctx.accessToken);
  return next({ ctx: { user } });
});

export { TRPCError };
