import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key under which a client's attempts are counted: an IPv4 address as is,
 * an IPv6 address by its /64 (one subscriber usually holds a whole /64, so
 * counting single addresses would let a client rotate through 2^64 of them).
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as its IPv4 address.
 * `ip` is Fastify's request.ip, which honours TRUST_PROXY.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return 'unknown';
  const groups = expandIPv6(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, `::` and a trailing dotted IPv4 part resolved. */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}

/** The caller's clientKey (from request.ip, which honours TRUST_PROXY), for counting attempts per client. */
export const ClientKey = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return clientKey(context.switchToHttp().getRequest<{ ip?: string }>().ip);
});
