import type { AppRouter } from '@otp-auth/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { trpc } from '../api/trpc';
import { SessionProvider } from '../session/session-context';
import { createSessionStore } from '../session/session-store';

export interface RecordedCall {
  path: string;
  input: unknown;
}

export type Responder = (call: RecordedCall) => unknown;

/** A server error as the tRPC client receives it from the wire. */
export function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from<AppRouter>({
    error: { code: -32600, message, data: { httpStatus: 400, ...data } },
  });
}

/** Renders with the real hooks, session and query client; only the network edge is replaced by
 * `respond` (return a value for a result, throw a serverError for a failure). */
export function renderWithApi(ui: ReactNode, respond: Responder = () => ({})) {
  const calls: RecordedCall[] = [];
  const edge: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        const call = { path: op.path, input: op.input };
        calls.push(call);
        try {
          observer.next({ result: { type: 'data', data: respond(call) } });
          observer.complete();
        } catch (error) {
          observer.error(error as TRPCClientError<AppRouter>);
        }
        return () => undefined;
      });
  const client = trpc.createClient({ links: [edge] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session = createSessionStore({ refresh: () => Promise.reject(new Error('no session')) });
  const view = render(
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider store={session}>{ui}</SessionProvider>
      </QueryClientProvider>
    </trpc.Provider>,
  );
  return { ...view, calls, session };
}
