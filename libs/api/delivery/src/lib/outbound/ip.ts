import { isIPv4, isIPv6 } from 'node:net';

/**
 * What an IP address is, for egress decisions. Only `public` may be contacted by outbound webhooks/imports.
 * Anything we cannot parse canonically is `invalid` (fail closed).
 */
export type AddressCategory =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'cgnat'
  | 'multicast'
  | 'broadcast'
  | 'benchmark'
  | 'documentation'
  | 'reserved'
  | 'invalid';

type V4 = readonly [number, number, number, number];

/** Strict dotted-quad parser: canonical decimal only (no octal/hex/short forms). Anything else is `null`. */
export function parseIPv4(text: string): V4 | null {
  if (!isIPv4(text)) return null;
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return [parts[0], parts[1], parts[2], parts[3]];
}

/** IPv6 → eight 16-bit groups. Zone ids (`fe80::1%eth0`) are refused; an embedded dotted IPv4 tail is accepted. */
export function parseIPv6(text: string): number[] | null {
  if (text.includes('%') || !isIPv6(text)) return null;
  let s = text;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const out = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  if (out.length !== 8 || out.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return out;
}

/** [network, prefix length, category]: first match wins. IANA IPv4 special-purpose registry + RFC 6890. */
const V4_RULES: ReadonlyArray<readonly [V4, number, AddressCategory]> = [
  [[0, 0, 0, 0], 8, 'unspecified'], // "this network"; connecting to 0.x reaches the local host on Linux
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'cgnat'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link_local'], // includes 169.254.169.254 (cloud metadata)
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'], // IETF protocol assignments (DS-Lite, NAT64 discovery, …)
  [[192, 0, 2, 0], 24, 'documentation'], // TEST-NET-1
  [[192, 88, 99, 0], 24, 'reserved'], // deprecated 6to4 relay anycast
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmark'],
  [[198, 51, 100, 0], 24, 'documentation'], // TEST-NET-2
  [[203, 0, 113, 0], 24, 'documentation'], // TEST-NET-3
  [[224, 0, 0, 0], 4, 'multicast'],
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

function v4ToInt(a: V4): number {
  return ((a[0] << 24) >>> 0) + (a[1] << 16) + (a[2] << 8) + a[3];
}

function classifyV4(a: V4): AddressCategory {
  const value = v4ToInt(a);
  for (const [net, bits, category] of V4_RULES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((value & mask) >>> 0) === ((v4ToInt(net) & mask) >>> 0)) return category;
  }
  return 'public';
}

function embeddedV4(hi: number, lo: number): V4 {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function classifyV6(g: number[]): AddressCategory {
  const zeroUpTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped): the socket really talks IPv4 to a.b.c.d.
  if (zeroUpTo(5) && g[5] === 0xffff) return classifyV4(embeddedV4(g[6], g[7]));
  // ::ffff:0:a.b.c.d (IPv4-translated, SIIT).
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return classifyV4(embeddedV4(g[6], g[7]));
  // ::a.b.c.d (IPv4-compatible, deprecated): never legitimate; report the embedded class when it is worse.
  if (zeroUpTo(6)) {
    const inner = classifyV4(embeddedV4(g[6], g[7]));
    return inner === 'public' ? 'reserved' : inner;
  }
  // 64:ff9b::/96 NAT64 well-known prefix: the translator forwards to the embedded IPv4.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) {
    return classifyV4(embeddedV4(g[6], g[7]));
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // 64:ff9b:1::/48 local-use NAT64
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'reserved'; // 100::/64 discard-only
  if (g[0] === 0x2001 && g[1] === 0x2 && g[2] === 0) return 'benchmark'; // 2001:2::/48
  if (g[0] === 0x2001 && g[1] < 0x200) return 'reserved'; // 2001::/23 IETF (incl. Teredo 2001::/32, ORCHID)
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation'; // 2001:db8::/32
  if (g[0] === 0x2002) {
    // 6to4: 2002:AABB:CCDD::/48 embeds IPv4 AA.BB.CC.DD, reachable via a relay.
    const inner = classifyV4(embeddedV4(g[1], g[2]));
    return inner === 'public' ? 'public' : inner;
  }
  if ((g[0] & 0xfff0) === 0x3ff0) return 'documentation'; // 3fff::/20 (RFC 9637)
  if (g[0] === 0x5f00) return 'reserved'; // 5f00::/16 SRv6 SIDs
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  // Allowlist: only global unicast 2000::/3 is public; everything else is unassigned/reserved.
  if ((g[0] & 0xe000) === 0x2000) return 'public';
  return 'reserved';
}

/**
 * Classify a *canonical* IP address string as returned by `dns.lookup` or the WHATWG URL parser
 * (IPv6 without brackets). Non-canonical input (`0177.0.0.1`, `127.1`, zone ids) is `invalid`.
 */
export function classifyAddress(address: string): AddressCategory {
  const v4 = parseIPv4(address);
  if (v4) return classifyV4(v4);
  const v6 = parseIPv6(address);
  if (v6) return classifyV6(v6);
  return 'invalid';
}

/** True only for globally routable unicast addresses that outbound requests may reach. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}
