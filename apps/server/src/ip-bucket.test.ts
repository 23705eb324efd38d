import { describe, expect, it } from 'vitest';
import { ipBucket } from './ip-bucket';

describe('ipBucket (ASVS 4.0.3 2.2.1)', () => {
  it('keeps an IPv4 address whole', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by /64, however they are written', () => {
    const network = '2001:db8:1:2::/64';
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2::2',
      '2001:0DB8:0001:0002:ffff:ffff:ffff:ffff',
      '2001:db8:1:2:0:0:0:0',
      '2001:db8:1:2::',
      '2001:db8:1:2::1.2.3.4',
      '2001:db8:1:2::9%eth0',
    ]) {
      expect(ipBucket(address), address).toBe(network);
    }
    expect(ipBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });

  it('returns anything that is not an address unchanged', () => {
    expect(ipBucket('not an address')).toBe('not an address');
  });
});
