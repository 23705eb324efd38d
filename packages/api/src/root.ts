import { accountRouter } from './routers/account';
import { adminRouter } from './routers/admin';
import { authRouter } from './routers/auth';
import { browserRouter } from './routers/browser';
import { oidcRouter } from './routers/oidc';
import { passkeysRouter } from './routers/passkeys';
import { systemRouter } from './routers/system';
import { twoFactorRouter } from './routers/two-factor';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  browser: browserRouter,
  oidc: oidcRouter,
  passkeys: passkeysRouter,
  system: systemRouter,
  twoFactor: twoFactorRouter,
});

export type AppRouter = typeof appRouter;
