import { authenticate, AuthError, domainErrorOf, permissionDenied } from '@otp-auth/auth';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context, RateLimitedAction } from './context';
import { describeError, toTRPCError } from './errors';
import { emailKeyOf, signInKeyOf } from './limit-keys';
import { countedSignIn, mfaAccountOf } from './sign-in-attempts';
import type { ApiMeta } from './meta';

const t = initTRPC
  .context<Context>()
  .meta<ApiMeta>()
  .create({
    // No stack traces leave the server, in any mode.
    isDev: false,
    errorFormatter({ shape, error }) {
      const { message, data } = describeError(error);
      return { ...shape, message, data: { ...shape.data, stack: undefined, ...data } };
    },
  });

/** The domain's coded errors (a database that cannot be reached among them, as a 503 the
 * client may retry) as tRPC errors with the right status. Any other error is returned as it is. */
function trpcErrorOf(error: unknown): unknown {
  const domain = domainErrorOf(error instanceof TRPCError ? error.cause : error);
  return domain ? toTRPCError(domain) : error;
}

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = trpcErrorOf(result.error);
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
    user = await authenticate(ctx.auth, ctx.accessToken);
  } catch (error) {
    throw trpcErrorOf(error);
  }
  const result = await next({ ctx: { user } });
  if (!result.ok) {
    const mapped = trpcErrorOf(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/** Requires the admin role on every call: the role the access token carries, while the
 * account still holds it (a role taken away is refused at once here, within a second on every
 * other instance: ADR 150). Runs before the input is parsed, so that a non-admin learns
 * nothing from validation errors. Everything under `admin.*` is built on it. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw toTRPCError(permissionDenied());
  return next();
});

/** A public procedure whose every call is counted before its input is even parsed. */
export function rateLimitedProcedure(action: RateLimitedAction) {
  return publicProcedure.use(async ({ ctx, getRawInput, next }) => {
    if (ctx.rateLimiter) {
      await ctx.rateLimiter.consume(action, {
        ip: ctx.meta.ip,
        account: emailKeyOf(await getRawInput().catch(() => undefined)),
      });
    }
    return next();
  });
}

/** The password step of a sign-in, counted per IP and against the account it resolves to:
 * failed guesses only (ADR 121). */
export const loginProcedure = publicProcedure.use(async ({ ctx, getRawInput, next }) => {
  const account = ctx.rateLimiter
    ? await signInKeyOf(ctx, await getRawInput().catch(() => undefined))
    : undefined;
  return countedSignIn(ctx, account, next);
});

/** The second sign-in step, counted as the password step is, against the account its
 * mfa_token belongs to. */
export const mfaLoginProcedure = publicProcedure.use(async ({ ctx, getRawInput, next }) => {
  const account = ctx.rateLimiter
    ? await mfaAccountOf(ctx, await getRawInput().catch(() => undefined))
    : undefined;
  return countedSignIn(ctx, account, next);
});

/** A protected procedure counted per IP and per signed-in user. */
export function rateLimitedProtectedProcedure(action: RateLimitedAction) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    await ctx.rateLimiter?.consume(action, { ip: ctx.meta.ip, account: ctx.user.userId });
    return next();
  });
}
