/** What an emailed code proves. One mechanism (codes/issue.ts) serves them all, one row per
 * (email, purpose). */
export const CODE_PURPOSES = ['verify_email', 'password_reset', 'email_change'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];
