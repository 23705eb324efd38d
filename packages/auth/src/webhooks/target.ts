// Where a webhook request may go (ADR 161). The host is resolved once, every address it
// resolves to is checked, and the request connects to those very addresses: DNS is not asked
// again between the check and the connection, so a name that rebinds to a private address in
// between gains nothing.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { refusedAddressKind } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the system resolver, /etc/hosts included). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: private and loopback targets allowed (tests, development). */
  allowPrivate: boolean;
  resolve?: Resolver;
}

/** A URL's host cannot or may not be reached. The message is safe to show an admin. */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** The addresses a URL may be reached at, each one checked; throws TargetRefused. A resolver
 * slower than `within` counts as one that does not resolve. */
export async function resolveTarget(
  url: URL,
  policy: TargetPolicy,
  within: AbortSignal,
): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await Promise.race([
        (policy.resolve ?? systemResolver)(host),
        new Promise<never>((_resolve, reject) => {
          if (within.aborted) reject(new Error('aborted'));
          within.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
      ]);
    } catch {
      throw new TargetRefused(`${host} does not resolve.`);
    }
    if (addresses.length === 0) throw new TargetRefused(`${host} does not resolve.`);
  }
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      const kind = refusedAddressKind(address);
      if (kind) {
        const named = literal === 0 ? `${host} resolves to ${address}, ` : `${address} is `;
        throw new TargetRefused(`${named}a ${kind} address: webhooks go to public addresses only.`);
      }
    }
  }
  return addresses;
}

/** A `lookup` for node:http that answers with the addresses already checked, never asking DNS. */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses.filter((a) => family === 0 || a.family === family);
    const first = usable[0];
    if (!first) {
      callback(new Error('no checked address of the requested family'), '', 0);
    } else if (options.all) {
      (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}
