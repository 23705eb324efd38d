/** Field names whose values never reach the log, at any depth of a logged object, whatever
 * their case: passwords, codes, tokens and secrets of every flow. */
const SECRET_FIELDS = new Set(
  [
    'password',
    'old_password',
    'new_password',
    'confirm_password',
    'current_password',
    'email_host_password',
    'otp',
    'code',
    'codes',
    'recovery_code',
    'recovery_codes',
    'mfa_token',
    'token',
    'tokens',
    'access',
    'refresh',
    'refresh_token',
    'access_token',
    'id_token',
    'secret',
    'secrets',
    'client_secret',
    'jwt_secret',
    'otp_secret',
    'jwtsecret',
    'otpsecret',
    'smtp_url',
    'private_key',
    'privatekey',
    'code_verifier',
    'verifier',
    'nonce',
    'authorization',
    'cookie',
    'set-cookie',
  ].map((name) => name.toLowerCase()),
);

export const REDACTED = '[redacted]';
const MAX_DEPTH = 8;

const isPlain = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A copy of `value` with every secret field's value replaced, made only where something
 * changes: a log line with nothing secret (the request line) is passed through as it is, after
 * one look at each key. Plain objects and arrays are walked; anything else (an Error, a
 * request) goes to its serializer as it is. */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const next = redactSecrets(item, depth + 1);
      if (next !== item) (copy ??= [...(value as unknown[])])[index] = next;
    });
    return (copy ?? value) as T;
  }
  if (!isPlain(value)) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const next = SECRET_FIELDS.has(key.toLowerCase()) ? REDACTED : redactSecrets(item, depth + 1);
    if (next !== item) (copy ??= { ...record })[key] = next;
  }
  return (copy ?? value) as T;
}
