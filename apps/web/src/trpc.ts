import type { AppRouter } from '@otp-auth/api';
import { createTRPCReact } from '@trpc/react-query';

/** Typed hooks for every procedure; the types come from the server's router, nothing else. */
export const trpc = createTRPCReact<AppRouter>();
