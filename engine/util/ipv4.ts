import ipaddr from 'ipaddr.js';

/**
 * IPv4 helpers on top of ipaddr.js: parsing and validation come from the library; the engine
 * works with uint32 numbers for allocation and longest-prefix matching.
 */

export interface Cidr {
  /** Address as written (host bits may be set, e.g. an interface address). */
  ip: string;
  prefix: number;
}

// Names are checked for being addresses on every lookup; the parser is costly next to a map.
const validCache = new Map<string, boolean>();

export function isIPv4(text: string): boolean {
  const hit = validCache.get(text);
  if (hit !== undefined) return hit;
  const ok = ipaddr.IPv4.isValidFourPartDecimal(text);
  if (validCache.size > 10_000) validCache.clear();
  validCache.set(text, ok);
  return ok;
}

// The packet walk converts the same few hundred addresses millions of times in a bench run.
const intCache = new Map<string, number>();

export function ipToInt(ip: string): number {
  const hit = intCache.get(ip);
  if (hit !== undefined) return hit;
  const b = ipaddr.IPv4.parse(ip).toByteArray();
  const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  if (intCache.size > 100_000) intCache.clear();
  intCache.set(ip, n);
  return n;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const parseCache = new Map<string, Cidr | null>();

/** Parses "10.0.0.0/24"; null when it is not a valid IPv4 CIDR (bad octets, prefix > 32, ...). */
export function parseCidr(text: string): Cidr | null {
  const hit = parseCache.get(text);
  if (hit !== undefined) return hit === null ? null : { ...hit };
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  let out: Cidr | null = null;
  if (m && isIPv4(m[1]!) && Number(m[2]) <= 32) out = { ip: m[1]!, prefix: Number(m[2]) };
  if (parseCache.size > 10_000) parseCache.clear();
  parseCache.set(text, out);
  return out === null ? null : { ...out };
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function networkOf(ip: string, prefix: number): string {
  return intToIp((ipToInt(ip) & maskOf(prefix)) >>> 0);
}

export function broadcastOf(ip: string, prefix: number): string {
  return intToIp(((ipToInt(ip) & maskOf(prefix)) | (~maskOf(prefix) >>> 0)) >>> 0);
}

export function cidrString(c: Cidr): string {
  return `${c.ip}/${c.prefix}`;
}

export function inSubnet(ip: string, net: Cidr): boolean {
  const m = maskOf(net.prefix);
  return ((ipToInt(ip) & m) >>> 0) === ((ipToInt(net.ip) & m) >>> 0);
}

export function subnetsOverlap(a: Cidr, b: Cidr): boolean {
  const p = Math.min(a.prefix, b.prefix);
  const m = maskOf(p);
  return ((ipToInt(a.ip) & m) >>> 0) === ((ipToInt(b.ip) & m) >>> 0);
}

/** "10.0.0.0/8" style match for a single address, used by iptables rules ("0.0.0.0/0" matches all). */
const cidrCache = new Map<string, { net: number; mask: number } | null>();

export function matchesCidr(ip: string, cidr: string): boolean {
  let c = cidrCache.get(cidr);
  if (c === undefined) {
    const parsed = parseCidr(cidr.includes('/') ? cidr : `${cidr}/32`);
    c = parsed ? { mask: maskOf(parsed.prefix), net: (ipToInt(parsed.ip) & maskOf(parsed.prefix)) >>> 0 } : null;
    if (cidrCache.size > 10_000) cidrCache.clear();
    cidrCache.set(cidr, c);
  }
  return c !== null && ((ipToInt(ip) & c.mask) >>> 0) === c.net;
}

export function isLoopback(ip: string): boolean {
  return inSubnet(ip, { ip: '127.0.0.0', prefix: 8 });
}
