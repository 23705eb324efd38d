import { z } from 'zod';

/** RFC 5322 atext: every character the WHATWG "valid e-mail address" allows in a local part,
 * apart from the dot, which may only separate atoms (no leading, trailing or double dot). */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
/** An LDH label as WHATWG and RFC 1034 write it: 1 to 63 characters, no hyphen at either end. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A top-level domain is letters, or an IDNA A-label (`xn--…`); never all digits. */
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Code points that render as nothing (soft hyphen, zero-width space and joiners, variation
 * selectors, BOM…). IDNA would silently drop them from a domain, so `victim@ex\u00ADample.com`
 * would be a second spelling of `victim@example.com`: refused outright instead. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

/** An internationalized domain in A-labels (punycode), via the platform's own IDNA mapping
 * (WHATWG URL, in browsers and Node alike); null when it is not a host name at all. */
function toAsciiDomain(domain: string): string | null {
  if (/[\s/\\?#@:[\]%]/.test(domain)) return null;
  if (/^[\x21-\x7e]*$/.test(domain)) return domain.toLowerCase();
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/** The canonical form of an address, or null when it is not one we accept: the WHATWG HTML
 * "valid e-mail address" with a dot-atom local part, at least two domain labels and a top-level
 * domain that is not numeric; Unicode domains become punycode; everything lower-cased; no
 * invisible code points anywhere. Every key derived from an address (the account, its rate
 * limits) is this form, so one address has exactly one spelling (ADR 120). */
export function normalizeEmail(input: string): string | null {
  const value = input.trim();
  if (INVISIBLE.test(value)) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  const local = value.slice(0, at);
  const domain = toAsciiDomain(value.slice(at + 1));
  if (!domain || local.length > LOCAL_PART_MAX_LENGTH || !LOCAL_PART.test(local)) return null;
  const labels = domain.split('.');
  const top = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LABEL.test(top)) {
    return null;
  }
  const address = `${local.toLowerCase()}@${domain}`;
  return address.length <= EMAIL_MAX_LENGTH ? address : null;
}

export const emailField = z
  .string({ error: 'This field is required.' })
  .trim()
  .max(EMAIL_MAX_LENGTH, {
    message: `Ensure this field has no more than ${EMAIL_MAX_LENGTH} characters.`,
    abort: true,
  })
  .refine((value) => normalizeEmail(value) !== null, {
    message: 'Enter a valid email address.',
    abort: true,
  })
  // In place (`overwrite`, not `transform`): the schema stays a plain string, which the OpenAPI
  // document can show, with the examples of the objects around it.
  .overwrite((value) => normalizeEmail(value) ?? value);
