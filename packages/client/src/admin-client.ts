import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from './app-router.js';
import type { RouterInputs, RouterOutputs } from './types.js';

type In = RouterInputs['admin'];
type Out = RouterOutputs['admin'];

/** The admin API, for an account with the admin role (anyone else gets `permission_denied`). */
export interface AdminClient {
  /** Accounts by email/username prefix, state and two-factor, a page at a time with the total;
   * pass `next_cursor` back as `cursor` with the same filters. */
  users(input?: In['users']): Promise<Out['users']>;
  /** One account: profile, sign-in methods (two-factor, providers), live sessions, recent events. */
  user(input: In['user']): Promise<Out['user']>;
  /** Disables an account and ends its sessions; its tokens are refused within a second. */
  disableUser(input: In['disableUser']): Promise<Out['disableUser']>;
  enableUser(input: In['enableUser']): Promise<Out['enableUser']>;
  /** Ends one session (`session_id`) or every live session of an account. */
  endSessions(input: In['endSessions']): Promise<Out['endSessions']>;
  /** Mails a pending account a new verification code. */
  resendVerification(input: In['resendVerification']): Promise<Out['resendVerification']>;
  /** Mails an account a password reset code. */
  sendPasswordReset(input: In['sendPasswordReset']): Promise<Out['sendPasswordReset']>;
  deleteUser(input: In['deleteUser']): Promise<Out['deleteUser']>;
  /** The audit log, newest first, filtered by account, admin, type, address and time. */
  auditEvents(input?: In['auditEvents']): Promise<Out['auditEvents']>;
  /** Every event the filters match, page after page (for an export as JSON lines). */
  allAuditEvents(
    input?: Omit<NonNullable<In['auditEvents']>, 'cursor'>,
  ): AsyncGenerator<Out['auditEvents']['events'][number]>;
  /** The accounts with the admin role. */
  admins(): Promise<Out['admins']>;
  /** Grants or takes away the admin role. */
  setRole(input: In['setRole']): Promise<Out['setRole']>;
}

/** The admin methods over the client's tRPC client, errors made typed by `typed`. */
export function adminClient(
  trpc: TRPCClient<AppRouter>,
  typed: <T>(call: Promise<T>) => Promise<T>,
): AdminClient {
  const admin = trpc.admin;
  const auditEvents = (input: In['auditEvents'] = {}) => typed(admin.auditEvents.query(input));
  return {
    users: (input = {}) => typed(admin.users.query(input)),
    user: (input) => typed(admin.user.query(input)),
    disableUser: (input) => typed(admin.disableUser.mutate(input)),
    enableUser: (input) => typed(admin.enableUser.mutate(input)),
    endSessions: (input) => typed(admin.endSessions.mutate(input)),
    resendVerification: (input) => typed(admin.resendVerification.mutate(input)),
    sendPasswordReset: (input) => typed(admin.sendPasswordReset.mutate(input)),
    deleteUser: (input) => typed(admin.deleteUser.mutate(input)),
    auditEvents,
    async *allAuditEvents(input = {}) {
      let cursor: string | undefined;
      do {
        const page = await auditEvents({ ...input, limit: input.limit ?? 100, cursor });
        yield* page.events;
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    },
    admins: () => typed(admin.admins.query()),
    setRole: (input) => typed(admin.setRole.mutate(input)),
  };
}
