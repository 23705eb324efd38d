import { accountRouter } from './routers/account';
import { authRouter } from './routers/auth';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
