/** Where the app lands after a sign-in when the start named no place. */
const DEFAULT_RETURN_PATH = '/profile';

/** Only a path of this app is followed after a sign-in: `/account?tab=1`, never
 * `https://other.example/`, `//other.example/` or `/\other.example` (browsers read a backslash
 * as a slash), and nothing with control characters. Null when refused. */
export function safeReturnPath(value: string | undefined): string | null {
  if (value === undefined || value === '') return DEFAULT_RETURN_PATH;
  if (value.length > 512 || !value.startsWith('/')) return null;
  if (value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  // Resolved against a placeholder origin, it must stay on that origin.
  const resolved = new URL(value, 'http://app.invalid');
  if (resolved.origin !== 'http://app.invalid') return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
