// Security events in words, for the owner's recent activity and the admin's audit views.
const labels: Record<string, string> = {
  register: 'Signed up',
  register_existing: 'Someone tried to sign up with this address',
  verify: 'Email address verified',
  login_success: 'Signed in',
  login_failure: 'Failed sign-in',
  refresh_reuse: 'Reused sign-in token: sessions ended',
  logout: 'Signed out',
  logout_all: 'Signed out everywhere',
  password_change: 'Password changed',
  session_revoke: 'Session ended',
  session_revoke_all: 'Every session ended',
  login_mfa_challenge: 'Password accepted, second step asked',
  two_factor_setup: 'Two-factor setup started',
  two_factor_enabled: 'Two-factor turned on',
  two_factor_disabled: 'Two-factor turned off',
  second_factor_locked: 'Two-factor sign-in locked after wrong codes',
  recovery_codes_regenerated: 'New recovery codes',
  password_reset: 'Password reset',
  password_reset_requested: 'Password reset code sent',
  profile_update: 'Profile edited',
  email_change_request: 'Email change asked',
  email_change: 'Email address changed',
  account_delete: 'Account deleted',
  data_export: 'Data exported',
  signing_key_created: 'Signing key created',
  role_granted: 'Admin role granted',
  role_revoked: 'Admin role taken away',
  account_disabled: 'Account disabled',
  account_enabled: 'Account enabled',
  verification_resent: 'Verification code sent again',
  identity_linked: 'Sign-in provider linked',
  identity_unlinked: 'Sign-in provider removed',
  external_sign_in_failure: 'Failed sign-in at a provider',
};

/** The words for an event type; the type itself for one this app does not know yet. */
export const eventLabel = (type: string): string => labels[type] ?? type;

export const eventTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
