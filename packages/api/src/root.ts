import { accountRouter } from './routers/account';
import { authRouter } from './routers/auth';
import { browserRouter } from './routers/browser';
import { systemRouter } from './routers/system';
import { twoFactorRouter } from './routers/two-factor';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  browser: browserRouter,
  system: systemRouter,
  twoFactor: twoFactorRouter,
});

export type AppRouter = typeof appRouter;
