import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import fp from 'fastify-plugin';

/** Which proxies may tell us the client's address: none (the default), the nearest `hops`,
 * or those whose addresses are listed. */
export type TrustProxy =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; list: BlockList };

/** `TRUST_PROXY`: empty → none; a number → that many proxies in front of us; otherwise a
 * comma-separated list of addresses or CIDR ranges (`10.0.0.0/8, 127.0.0.1, ::1`). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const spec = value?.trim() ?? '';
  if (spec === '' || spec === '0' || spec.toLowerCase() === 'false') return { kind: 'none' };
  if (/^\d+$/.test(spec)) return { kind: 'hops', hops: Number(spec) };
  const list = new BlockList();
  for (const entry of spec.split(',').map((part) => part.trim())) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
      throw new Error(`TRUST_PROXY: "${entry}" is neither a number of proxies nor an address`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return { kind: 'addresses', list };
}

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) is `1.2.3.4`. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4
    ? trimmed.slice(7)
    : trimmed;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address. Without trusted proxies it is the socket's: a client's own
 * `X-Forwarded-For` is ignored, so forging it can neither dodge nor reset a limit. With trusted
 * proxies, the header is read from the right (the entries our proxies appended) and the first
 * address not vouched for is the client. */
export function resolveClientIp(req: IncomingMessage, trust: TrustProxy): string | undefined {
  const socket = req.socket.remoteAddress ? normalise(req.socket.remoteAddress) : undefined;
  if (trust.kind === 'none' || socket === undefined) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map(normalise)
    .filter((entry) => entry !== '');
  const chain = [...forwarded, socket]; // nearest hop last
  let index = chain.length - 1;
  if (trust.kind === 'hops') {
    index = Math.max(0, chain.length - 1 - trust.hops);
  } else {
    while (index > 0 && isTrusted(trust.list, chain[index] ?? '')) index--;
  }
  const candidate = chain[index] ?? socket;
  // Anything but an address (a proxy that passes junk through) falls back to the peer.
  return isIP(candidate) === 0 ? socket : candidate;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's address as TRUST_PROXY allows it to be read, fixed once per request. */
    clientIp: string | undefined;
  }
}

/** Resolves the client IP once, before any route, so that a forged header cannot change it
 * later and every route reads the same `request.clientIp`. */
export const clientIpPlugin = fp<{ trustProxy: TrustProxy }>(
  (app, { trustProxy }, done) => {
    app.decorateRequest('clientIp', undefined);
    app.addHook('onRequest', (request, _reply, next) => {
      request.clientIp = resolveClientIp(request.raw, trustProxy);
      next();
    });
    done();
  },
  { name: 'client-ip' },
);
