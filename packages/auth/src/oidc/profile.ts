/** What the provider says of the person, after the code exchange and its checks. */
export interface ExternalProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** A name to derive a username from (`preferred_username`, GitHub's login, the name). */
  usernameHint: string | null;
}
