import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a per-address limit counts a caller under. An IPv6 client is normally given a whole
 * /64 (SLAAC, privacy addresses), so it can take a fresh address for every request: counted by
 * the full address it would never meet a limit. Its /64 is what one household or phone holds, so
 * that is the key. IPv4 addresses, and IPv4 carried in IPv6 (`::ffff:1.2.3.4`, how a dual-stack
 * socket reports an IPv4 client), count by the full IPv4 address. Anything else (an unknown or
 * empty address) is its own key. Every per-IP limiter keys through this, so they all agree.
 */
export function callerKey(ip: string): string {
  const bare = ip.trim().replace(/^\[|\]$/g, '').split('%')[0]!;
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return ip;
  const groups = ipv6Groups(bare);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail turned into two groups). */
function ipv6Groups(addr: string): number[] {
  let text = addr;
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(rest);
  const fill = rest === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}
