import { linkHasIpv6 } from '../../kernel/links';
import type { Link, NetNs } from '../../kernel/types';
import type { NetWorld } from '../../kernel/world';

/**
 * The IPv6 addresses the kernel gives a device by itself, as `ip addr` prints them: lo's ::1 and
 * the EUI-64 link-local address of every host device that runs IPv6 (the NIC, veths, a bridge
 * once it has had carrier; none in containers on IPv4-only networks, where Docker disables IPv6).
 * Since Linux 6.3 the kernel tags them with their origin, which iproute2 6.15 prints as
 * `proto kernel_lo` / `proto kernel_ll` (fidelity-evidence/real-B1-ip-views.txt; fidelity-plan B7).
 */

/** fe80::/64 from the MAC: flip the universal/local bit, insert ff:fe (RFC 4291 appendix A). */
export function linkLocal(mac: string): string {
  let ll = linkLocals.get(mac);
  if (ll === undefined) {
    ll = eui64(mac);
    // MACs come and go with containers; a bounded memo keeps `ip a` on a busy host cheap.
    if (linkLocals.size >= 4096) linkLocals.clear();
    linkLocals.set(mac, ll);
  }
  return ll;
}

const linkLocals = new Map<string, string>();

function eui64(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] = b[0]! ^ 2;
  const w = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return `fe80::${w.map((x) => x.toString(16)).join(':')}/64`;
}

export interface Inet6 {
  cidr: string;
  scope: 'host' | 'link';
}

export function inet6Of(world: NetWorld, ns: NetNs, l: Link, noIpv6OnLo: boolean): Inet6[] {
  if (!l.up) return [];
  if (l.kind === 'loopback') return noIpv6OnLo ? [] : [{ cidr: '::1/128', scope: 'host' }];
  return linkHasIpv6(world, ns, l) ? [{ cidr: linkLocal(l.mac), scope: 'link' }] : [];
}

/** The `    inet6 …` and `       valid_lft …` lines of one device. */
export function inet6Lines(addrs: Inet6[], busybox: boolean): string[] {
  const out: string[] = [];
  for (const a of addrs) {
    const proto = busybox ? '' : a.scope === 'host' ? ' proto kernel_lo ' : ' proto kernel_ll ';
    out.push(`    inet6 ${a.cidr} scope ${a.scope}${proto}`, '       valid_lft forever preferred_lft forever');
  }
  return out;
}
