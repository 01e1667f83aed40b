import { intToIp, ipToInt, isIPv4, maskOf, parseCidr, subnetsOverlap, type Cidr, inSubnet } from '../../util/ipv4';
import { hostNameservers } from './etc-files';
import type { DockerCtx } from '../context';
import { hostNs } from '../context';
import type { IpamConfig, NetworkRec } from '../types';

/**
 * Docker's default IPAM: predefined local pools handed out first-free, lowest first, skipping
 * subnets in use and subnets that overlap the host's on-link routes or nameservers; inside a
 * subnet, the gateway takes the first address and containers the lowest free one.
 */

function* defaultLocalPools(): Generator<Cidr> {
  for (let b = 17; b <= 31; b++) yield { ip: `172.${b}.0.0`, prefix: 16 };
  for (let c = 0; c < 256; c += 16) yield { ip: `192.168.${c}.0`, prefix: 20 };
}

/** Host routes and nameservers the daemon refuses to overlap with a predefined pool. */
function reservedByHost(ctx: DockerCtx): Cidr[] {
  const ns = hostNs(ctx);
  const out: Cidr[] = [];
  for (const r of ns.routes) {
    if (r.dst === 'default' || r.via !== null) continue;
    // Docker's own bridges are tracked as allocated networks, not as host routes.
    if (r.dev === 'docker0' || r.dev.startsWith('br-')) continue;
    const c = parseCidr(r.dst);
    if (c) out.push(c);
  }
  for (const ip of hostNameservers(ctx)) if (isIPv4(ip)) out.push({ ip, prefix: 32 });
  return out;
}

export function networkSubnets(n: NetworkRec): Cidr[] {
  return n.ipam.map((c) => parseCidr(c.Subnet)).filter((c): c is Cidr => c !== null);
}

function subnetsInUse(ctx: DockerCtx): Cidr[] {
  return Object.values(ctx.host.docker.networks).flatMap(networkSubnets);
}

/** The next predefined pool, or null when all 31 are taken. */
export function allocatePredefinedPool(ctx: DockerCtx): Cidr | null {
  const used = subnetsInUse(ctx);
  const reserved = reservedByHost(ctx);
  for (const pool of defaultLocalPools()) {
    if (used.some((u) => subnetsOverlap(u, pool))) continue;
    if (reserved.some((r) => subnetsOverlap(r, pool))) continue;
    return pool;
  }
  return null;
}

export function overlapsExisting(ctx: DockerCtx, subnet: Cidr): boolean {
  return subnetsInUse(ctx).some((u) => subnetsOverlap(u, subnet));
}

function sameCidr(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return !!x && !!y && x.prefix === y.prefix && ipToInt(x.ip) === ipToInt(y.ip);
}

/**
 * The other networks whose pool is exactly this subnet. Networks created with --ip-range on a
 * subnet already in use share its pool (its "children"), and with it the addresses handed out.
 */
export function poolMates(ctx: DockerCtx, subnet: string, except?: NetworkRec): NetworkRec[] {
  return Object.values(ctx.host.docker.networks).filter((n) => n !== except && n.ipam.some((c) => sameCidr(c.Subnet, subnet)));
}

/**
 * allocateSubnet (moby@v28.5.2 libnetwork/ipams/defaultipam/address_space.go): a subnet without
 * --ip-range must not overlap any pool; with one, the overlap is not checked at all (moby#46756)
 * unless that very subnet exists already, where only the same range again is refused.
 */
export function poolOverlaps(ctx: DockerCtx, cfg: IpamConfig): boolean {
  const same = poolMates(ctx, cfg.Subnet).flatMap((n) => n.ipam.filter((c) => sameCidr(c.Subnet, cfg.Subnet)));
  if (same.length > 0) return !cfg.IPRange || same.some((c) => c.IPRange !== undefined && sameCidr(c.IPRange, cfg.IPRange!));
  if (cfg.IPRange) return false;
  return overlapsExisting(ctx, parseCidr(cfg.Subnet)!);
}

function takenIn(nets: readonly NetworkRec[], ip: string): boolean {
  return nets.some((n) => Object.hasOwn(n.allocated, ip));
}

/** The lowest address of the subnet nobody in its pool holds (AddAny, not serial): a gateway nobody asked for. */
export function lowestFree(subnet: Cidr, pool: readonly NetworkRec[]): string | null {
  const [lo, hi] = usableRange(subnet);
  for (let n = lo; n <= hi; n++) if (!takenIn(pool, intToIp(n))) return intToIp(n);
  return null;
}

/** Whether another network of the same pool already holds the address. */
export function takenByMates(mates: readonly NetworkRec[], ip: string): boolean {
  return takenIn(mates, ip);
}

function usableRange(subnet: Cidr): [number, number] {
  const net = (ipToInt(subnet.ip) & maskOf(subnet.prefix)) >>> 0;
  const size = 2 ** (32 - subnet.prefix);
  if (subnet.prefix >= 31) return [net, net + size - 1];
  return [net + 1, net + size - 2];
}

/**
 * Per network record, an address below which every usable one is taken: allocation resumes there
 * instead of walking the whole subnet from the bottom each time (lowest-free stays exact, as a
 * release moves the mark back down). Derived, so not saved: a restored lab starts from the bottom.
 */
const FIRST_MAYBE_FREE = new WeakMap<NetworkRec, number>();

/** Lowest free address of the network's (first) subnet, inside its --ip-range if one was given. */
export function allocateAddress(net: NetworkRec, owner: string, mates: readonly NetworkRec[] = []): string | null {
  const cfg = net.ipam[0];
  const subnet = cfg && parseCidr(cfg.Subnet);
  if (!cfg || !subnet) return null;
  const range = cfg.IPRange ? parseCidr(cfg.IPRange) : null;
  let [lo, hi] = usableRange(subnet);
  if (range) {
    const [rlo, rhi] = usableRange({ ...range, prefix: Math.max(range.prefix, subnet.prefix) });
    // The ip-range keeps its own network/broadcast addresses usable unless they are the subnet's.
    const rnet = (ipToInt(range.ip) & maskOf(range.prefix)) >>> 0;
    lo = Math.max(lo, range.prefix >= 31 ? rlo : rnet);
    hi = Math.min(hi, range.prefix >= 31 ? rhi : rnet + 2 ** (32 - range.prefix) - 1);
  }
  // Networks sharing a pool (--ip-range on one subnet) release into each other: no mark then.
  for (let n = mates.length > 0 ? lo : Math.max(lo, FIRST_MAYBE_FREE.get(net) ?? lo); n <= hi; n++) {
    const ip = intToIp(n);
    if (!Object.hasOwn(net.allocated, ip) && !takenIn(mates, ip)) {
      net.allocated[ip] = owner;
      FIRST_MAYBE_FREE.set(net, n + 1);
      return ip;
    }
  }
  return null;
}

export function reserveAddress(net: NetworkRec, ip: string, owner: string, mates: readonly NetworkRec[] = []): 'ok' | 'in-use' | 'outside' {
  const subnet = net.ipam[0] && parseCidr(net.ipam[0].Subnet);
  if (!subnet || !inSubnet(ip, subnet)) return 'outside';
  const [lo, hi] = usableRange(subnet);
  const n = ipToInt(ip);
  if (n < lo || n > hi) return 'outside';
  if (net.allocated[ip] !== undefined || takenIn(mates, ip)) return 'in-use';
  net.allocated[ip] = owner;
  return 'ok';
}

export function releaseAddress(net: NetworkRec, ip: string | null): void {
  if (ip && Object.hasOwn(net.allocated, ip) && net.allocated[ip] !== 'gateway' && net.allocated[ip] !== 'aux') {
    delete net.allocated[ip];
    const n = ipToInt(ip);
    if (n < (FIRST_MAYBE_FREE.get(net) ?? 0)) FIRST_MAYBE_FREE.set(net, n);
  }
}

export function firstHost(subnet: Cidr): string {
  return intToIp(usableRange(subnet)[0]);
}
