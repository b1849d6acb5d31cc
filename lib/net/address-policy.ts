import ipaddr from "ipaddr.js";

/**
 * Whether an address is an ordinary public unicast address, the only kind a URL from outside may
 * make us connect to. Everything else (loopback, private, link-local and cloud metadata, CGNAT,
 * multicast, unspecified, documentation and transition ranges) is refused, and an IPv4 address
 * wrapped in IPv6 is judged as the IPv4 address it reaches.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== "unicast") return false;
  // IPv4-compatible ::a.b.c.d (deprecated) is not in ipaddr's table but can still reach IPv4 hosts.
  if (parsed.kind() === "ipv6" && parsed.toNormalizedString().startsWith("0:0:0:0:0:0:")) return false;
  return true;
}

/** The address range's name, for log lines and test messages ("loopback", "private", …). */
export function addressRange(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).range() : "invalid";
}
