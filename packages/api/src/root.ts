import { accountRouter } from './routers/account';
import { adminRouter } from './routers/admin';
import { authRouter } from './routers/auth';
import { browserSessionRouter } from './routers/browser-session';
import { oidcRouter } from './routers/oidc';
import { systemRouter } from './routers/system';
import { twoFactorRouter } from './routers/two-factor';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  browser: browserSessionRouter,
  oidc: oidcRouter,
  system: systemRouter,
  twoFactor: twoFactorRouter,
});

export type AppRouter = typeof appRouter;
