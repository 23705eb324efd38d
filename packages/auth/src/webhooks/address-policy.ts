// Which addresses a webhook may reach (ADR 161): public unicast only. Everything an attacker
// could aim the server at from inside is refused: private networks, loopback, link-local (the
// cloud metadata service at 169.254.169.254 among them), unique-local, carrier-grade NAT,
// documentation, benchmarking, multicast and reserved ranges, and IPv6 forms that embed an
// IPv4 address (mapped, NAT64, 6to4), whose target would dodge the IPv4 rules.
import { BlockList, isIP } from 'node:net';

const ranges: [kind: string, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['carrier-grade NAT', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['documentation', 'ipv4', '192.0.2.0', 24],
  ['reserved', 'ipv4', '192.88.99.0', 24],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['benchmarking', 'ipv4', '198.18.0.0', 15],
  ['documentation', 'ipv4', '198.51.100.0', 24],
  ['documentation', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['loopback or unspecified', 'ipv6', '::', 96],
  ['IPv4-mapped', 'ipv6', '::ffff:0:0', 96],
  ['NAT64', 'ipv6', '64:ff9b::', 96],
  ['NAT64', 'ipv6', '64:ff9b:1::', 48],
  ['discard', 'ipv6', '100::', 64],
  ['reserved', 'ipv6', '2001::', 23],
  ['documentation', 'ipv6', '2001:db8::', 32],
  ['6to4', 'ipv6', '2002::', 16],
  ['unique-local', 'ipv6', 'fc00::', 7],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['site-local', 'ipv6', 'fec0::', 10],
  ['multicast', 'ipv6', 'ff00::', 8],
];

const lists = ranges.map(([kind, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, family, list };
});

/** Why an address may not be reached (`loopback`, `private`, …), or null for a public one. */
export function refusedAddressKind(address: string): string | null {
  const version = isIP(address);
  if (version === 0) return 'not an IP address';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  for (const { kind, list, family: listFamily } of lists) {
    if (listFamily === family && list.check(address, family)) return kind;
  }
  return null;
}
