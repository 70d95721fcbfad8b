/**
 * The SSRF guard: the poller fetches URLs that administrators and remote servers choose, so it must
 * never be turned against the school's own network or the cloud metadata service. Only http(s); only
 * public unicast addresses (ipaddr.js classifies the ranges: private, loopback, link-local incl.
 * 169.254.169.254, unique-local incl. fd00:ec2::254, CGNAT, multicast, reserved, 6to4/Teredo/NAT64
 * wrappers all refused). Checked when the socket connects (a custom `lookup`), so every redirect hop
 * and a DNS answer that changes between check and use (rebinding) are covered. IP-literal hosts skip
 * DNS, so they are checked before the request. The allow-list (FETCH_ALLOW_LIST) is for local mode.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ConfigError, ForbiddenError } from './errors';

export type AllowList = ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

/** "127.0.0.1, 10.0.0.0/8, ::1" → ranges; a malformed entry is a ConfigError naming it. */
export const parseAllowList = (value: string | undefined): AllowList =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        if (entry.includes('/')) return ipaddr.parseCIDR(entry);
        const address = ipaddr.parse(entry);
        return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
      } catch {
        throw new ConfigError(`FETCH_ALLOW_LIST entry "${entry}" is not an IP address or CIDR range.`);
      }
    });

const normalise = (address: string): ipaddr.IPv4 | ipaddr.IPv6 => {
  const parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
};

/** True when the address is public unicast, or inside the allow-list. */
export const isAddressAllowed = (address: string, allowList: AllowList = []): boolean => {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = normalise(address);
  } catch {
    return false;
  }
  const inAllowList = allowList.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  return inAllowList || parsed.range() === 'unicast';
};

const refused = (host: string, address: string): ForbiddenError =>
  new ForbiddenError(
    `Refused to connect to ${host} (${address}): private, loopback, link-local or metadata addresses are not fetched.`,
  );

/** Scheme check and, for IP-literal hosts (which never reach `lookup`), the address check. */
export const assertUrlAllowed = (url: URL, allowList: AllowList): void => {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ForbiddenError(`Refused to fetch a ${url.protocol.replace(':', '')} URL: only http and https are allowed.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isAddressAllowed(host, allowList)) throw refused(host, host);
};

export type Resolver = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** A `lookup` for http.request / net.connect that refuses the connection if any answer is disallowed. */
export const guardedLookup = (allowList: AllowList, resolve: Resolver = dnsLookup): LookupFunction =>
  ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    resolve(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses) => {
      if (error) return callback(error);
      const bad = addresses.find((a) => !isAddressAllowed(a.address, allowList));
      if (bad || addresses.length === 0) return callback(refused(hostname, bad?.address ?? 'no address'));
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as unknown as LookupFunction;
