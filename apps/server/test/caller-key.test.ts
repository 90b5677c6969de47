import { describe, expect, it } from 'vitest';
import { callerKey } from '../src/usecases/caller-key.js';

describe('callerKey: what a per-address limit counts a caller under', () => {
  it('IPv6: the /64, however the address is written', () => {
    const key = callerKey('2001:db8:aa:bb::1');
    expect(key).toBe('2001:db8:aa:bb::/64');
    // A neighbour in the same /64 (a privacy address) shares it; the next /64 does not.
    expect(callerKey('2001:0db8:00aa:00bb:1234:5678:9abc:def0')).toBe(key);
    expect(callerKey('2001:DB8:AA:BB:ffff::')).toBe(key);
    expect(callerKey('2001:db8:aa:bc::1')).not.toBe(key);
    expect(callerKey('::1')).toBe('0:0:0:0::/64');
    expect(callerKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('IPv4 and IPv4-mapped IPv6: the full IPv4 address', () => {
    expect(callerKey('203.0.113.7')).toBe('203.0.113.7');
    expect(callerKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(callerKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(callerKey('::ffff:203.0.113.8')).not.toBe(callerKey('::ffff:203.0.113.7'));
  });

  it('anything else is its own key', () => {
    expect(callerKey('unknown')).toBe('unknown');
    expect(callerKey('')).toBe('');
  });
});
