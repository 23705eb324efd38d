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
