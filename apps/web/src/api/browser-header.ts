/** Sent on every call: cookie-based procedures refuse requests without it, and a cross-site page
 * cannot add it without a CORS preflight the server never grants (see decision 020). */
export const browserHeaders = { 'x-requested-with': 'otp-auth-web' } as const;
