import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Why a URL may not receive webhooks; the message is safe to show to the endpoint's owner. */
export class UrlNotAllowedError extends Error {
  override readonly name = 'UrlNotAllowedError';
}

export interface UrlPolicy {
  /** Refuse plain http (production). */
  httpsOnly: boolean;
  /** Accept 127.0.0.0/8 and ::1 (development, tests); every other range below stays refused. */
  allowLoopback: boolean;
}

/** A resolved, checked address: deliveries connect to exactly this one (no second resolution). */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

export type Lookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

type Subnet = [network: string, prefix: number, type: 'ipv4' | 'ipv6'];

function blockList(subnets: Subnet[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return list;
}

const LOOPBACK = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);

/**
 * Addresses a webhook may never reach: the server itself, internal networks and cloud metadata
 * (169.254.169.254). Node's BlockList matches IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`,
 * `::ffff:a00:1`) against the IPv4 rules, so those forms are refused with their IPv4 range.
 */
const FORBIDDEN: Array<[reason: string, list: BlockList]> = [
  [
    'an unspecified address (0.0.0.0/8, ::)',
    blockList([
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ]),
  ],
  [
    'a private address (RFC 1918, fc00::/7)',
    blockList([
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ]),
  ],
  ['a shared address (100.64.0.0/10)', blockList([['100.64.0.0', 10, 'ipv4']])],
  [
    'a link-local address (169.254.0.0/16, fe80::/10)',
    blockList([
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ]),
  ],
  [
    'a multicast address (224.0.0.0/4, ff00::/8)',
    blockList([
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ]),
  ],
  [
    'a reserved address (240.0.0.0/4, IPv4-compatible ::/96, site-local fec0::/10)',
    blockList([
      ['240.0.0.0', 4, 'ipv4'],
      ['::', 96, 'ipv6'],
      ['fec0::', 10, 'ipv6'],
    ]),
  ],
];

/** Why `address` may not receive webhooks, or null when it may. Pure: no resolution, no connection. */
export function forbiddenAddressReason(address: string, allowLoopback: boolean): string | null {
  const version = isIP(address);
  if (version === 0) return 'not an IP address';
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(address, type)) return allowLoopback ? null : 'a loopback address';
  for (const [reason, list] of FORBIDDEN) if (list.check(address, type)) return reason;
  return null;
}

/** The checks that need no network: an absolute URL with an allowed scheme. Returns it parsed. */
export function parseWebhookUrl(url: string, policy: UrlPolicy): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UrlNotAllowedError('must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UrlNotAllowedError('must use https');
  }
  if (policy.httpsOnly && parsed.protocol !== 'https:') throw new UrlNotAllowedError('must use https');
  return parsed;
}

const systemLookup: Lookup = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Resolves the URL's host and checks EVERY address it resolves to (an attacker's DNS may mix a public
 * address with an internal one); returns the first, which the caller then connects to directly, so a
 * second resolution (DNS rebinding) cannot swap it. Throws UrlNotAllowedError.
 */
export async function resolveWebhookTarget(
  url: URL,
  policy: UrlPolicy,
  resolve: Lookup = systemLookup,
): Promise<PinnedAddress> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await resolve(hostname);
  } catch {
    throw new UrlNotAllowedError(`host "${hostname}" does not resolve`);
  }
  if (addresses.length === 0) throw new UrlNotAllowedError(`host "${hostname}" does not resolve`);
  for (const { address } of addresses) {
    const reason = forbiddenAddressReason(address, policy.allowLoopback);
    if (reason) throw new UrlNotAllowedError(`host "${hostname}" resolves to ${reason}`);
  }
  const [first] = addresses;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** The whole check of a stored URL: syntax and scheme, then every resolved address; the pinned one. */
export async function checkWebhookUrl(
  url: string,
  policy: UrlPolicy,
  resolve: Lookup = systemLookup,
): Promise<{ url: URL; pinned: PinnedAddress }> {
  const parsed = parseWebhookUrl(url, policy);
  return { url: parsed, pinned: await resolveWebhookTarget(parsed, policy, resolve) };
}
