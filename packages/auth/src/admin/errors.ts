import { AuthError } from '../errors';

/** A signed-in caller without the admin role, on an admin procedure. DRF's words and code. */
export const permissionDenied = () =>
  new AuthError('permission_denied', 'You do not have permission to perform this action.');

export const userNotFound = () => new AuthError('not_found', 'No such user.');

/** Taking the admin role from the last account that can use it would leave nobody able to
 * administer the service. */
export const lastAdmin = () =>
  new AuthError(
    'last_admin',
    'This is the last active admin: grant the role to another account first.',
  );

/** An action that does not apply to the account as it is now (e.g. a verification code for
 * an account already verified). */
export const accountStateConflict = (message: string) =>
  new AuthError('account_state_conflict', message);

export const sessionNotFound = () => new AuthError('not_found', 'No such session.');
