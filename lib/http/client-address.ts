// The address of the peer a request came from, for rate limits. The API fast
// path (lib/server/node-bridge.ts) writes it into a header of its own after
// removing any value the client sent; the production server sets it on the
// requests it hands to Next.js too (lib/server/main.ts). Only under `next dev`
// does a request carry whatever the client put there.
//
// Behind a reverse proxy every request comes from the proxy, so one client's
// limit would be everyone's. With TRUSTED_PROXIES set, a request whose peer is
// one of them is attributed to the address the proxies recorded in
// X-Forwarded-For: read from the right, past every trusted hop. A client that
// writes X-Forwarded-For itself only adds entries to the left of what the
// proxies append, so it cannot choose the address it is limited under.
//
// An IPv6 client is limited as its /64 network: a subscriber is usually
// handed a whole /64 and picks addresses in it at will (privacy addresses,
// RFC 8981), so a limit on the exact address would limit nothing.
import net from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-sudomimus-client-address";

export function clientAddress(request: Request): string {
  return knownClientAddress(request) ?? "unknown";
}

export function knownClientAddress(request: Request): string | null {
  const address = request.headers.get(CLIENT_ADDRESS_HEADER);
  return address ? limitedAs(address) : null;
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Whether the request's peer, as this server recorded it, is this machine
 * (127.0.0.0/8, ::1). The exact address, never the /64 a limit counts: a
 * missing or unreadable value is not loopback.
 */
export function isLoopbackRequest(headers: Pick<Headers, "get">): boolean {
  const raw = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  if (!raw) return false;
  const address = plainAddress(raw);
  const version = net.isIP(address);
  return version !== 0 && LOOPBACK.check(address, version === 4 ? "ipv4" : "ipv6");
}

/** What a rate limit counts for an address: an IPv6 address's /64 (`2001:db8:1:2::/64`), any other address as it is. */
export function limitedAs(address: string): string {
  const withoutZone = address.replace(/%.*$/, "");
  if (!net.isIPv6(withoutZone)) return address;
  return `${ipv6Groups(withoutZone).slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address: `::` expanded, an embedded IPv4 tail read as two groups. */
function ipv6Groups(address: string): number[] {
  const groups = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = "", tail] = address.split("::");
  if (tail === undefined) return groups(head);
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** An IPv4 peer of a dual-stack socket reads `::ffff:192.0.2.1`: the address is the IPv4 one. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** An IP address or CIDR range (`10.0.0.0/8`, `fd00::/8`); null when the entry is neither. */
function parseRange(entry: string): { address: string; prefix: number | null; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefix, extra] = entry.split("/");
  const version = net.isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (prefix === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (version === 4 ? 32 : 128)) return null;
  return { address, prefix: Number(prefix), family };
}

/** `TRUSTED_PROXIES` as a list of addresses and ranges, or null when an entry is neither. */
export function parseTrustedProxies(value: string): string[] | null {
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.length > 0 && entries.every((entry) => parseRange(entry) !== null) ? entries : null;
}

export type TrustedProxies = net.BlockList;

export function trustedProxyList(entries: readonly string[]): TrustedProxies {
  const list = new net.BlockList();
  for (const entry of entries) {
    const range = parseRange(entry)!;
    if (range.prefix === null) list.addAddress(range.address, range.family);
    else list.addSubnet(range.address, range.prefix, range.family);
  }
  return list;
}

const isTrusted = (trusted: TrustedProxies, address: string) => {
  const version = net.isIP(address);
  return version !== 0 && trusted.check(address, version === 4 ? "ipv4" : "ipv6");
};

/** The client a request stands for: the socket's peer, or — through trusted proxies — the first untrusted hop of X-Forwarded-For. */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies | null): string | undefined {
  if (!peer) return undefined;
  let client = plainAddress(peer);
  if (!trusted || !isTrusted(trusted, client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map((hop) => plainAddress(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // Not an address (or nothing recorded): the last trusted proxy is as far as anyone vouches for.
    if (net.isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return client;
  }
  return client;
}
