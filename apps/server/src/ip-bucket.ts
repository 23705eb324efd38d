import { isIP } from 'node:net';

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part
 * read as two groups, a zone id dropped). */
function hextets(address: string): number[] {
  let text = (address.split('%')[0] ?? '').toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.slice(1).map(Number);
    const high = ((a << 8) | b).toString(16);
    const low = ((c << 8) | d).toString(16);
    text = `${text.slice(0, dotted.index)}${high}:${low}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/** The per-IP rate-limit key of a client address: an IPv4 address as it is, an IPv6 address as
 * its /64 network, the block one host is routinely given and can pick any address from
 * (ADR 120). Anything else is returned unchanged. */
export function ipBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = hextets(address);
  // An IPv4 peer on a dual-stack socket (`::ffff:a.b.c.d`) is that IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
