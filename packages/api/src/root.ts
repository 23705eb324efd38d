import { accountRouter } from './routers/account';
import { authRouter } from './routers/auth';
import { browserSessionRouter } from './routers/browser-session';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  browser: browserSessionRouter,
});

export type AppRouter = typeof appRouter;
