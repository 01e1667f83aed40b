import type { Link, NetNs } from '../types';
import type { NetWorld } from '../world';
import { topology } from './topology';

/**
 * `bridge fdb show`, as rtnl_fdb_dump walks it: device by device; for a bridge port, first what
 * the bridge knows behind it (learned MACs newest first, then the port's own MAC, permanent);
 * then the device's own address lists ("self": the unicast MACs of its macvlan children, the
 * multicast groups it joined); a bridge shows its own groups; a vxlan device its remote VTEPs.
 * Measured with iproute2 6.15 on Linux 6.18 (no per-VLAN local entries with vlan_filtering 0):
 * docs/evidence/kernel-links.md.
 */

export interface FdbLine {
  mac: string;
  dev: string;
  dst?: string;
  self: boolean;
  master?: string;
  /** permanent, or '' for a learned (reachable) entry. */
  state: 'permanent' | '';
}

/**
 * Whether the device runs IPv6 (and so joined ff02::1 and its solicited-node group): every device
 * of a host or machine but lo, a bridge once it has had a port (it keeps the address); none in containers (Docker sets
 * disable_ipv6 on IPv4-only networks). fidelity-plan B7; `ip addr` should print the same.
 */
export function linkHasIpv6(world: NetWorld, ns: NetNs, link: Link): boolean {
  if (ns.kind === 'container' || link.kind === 'loopback') return false;
  return link.kind !== 'bridge' || !!link.hadCarrier || (topology(world).ports.get(link)?.length ?? 0) > 0;
}

function solicitedNode(mac: string): string {
  return `33:33:ff:${mac.slice(9)}`;
}

/** The multicast groups a device joined: all-nodes (IPv6, from creation), all-hosts and solicited-node (once up). */
function groups(world: NetWorld, ns: NetNs, link: Link): string[] {
  const v6 = linkHasIpv6(world, ns, link);
  const out: string[] = [];
  if (v6) out.push('33:33:00:00:00:01');
  if (!link.up) return out;
  // A bridge is a multicast router port: it joins 224.0.0.106 (and ff02::6a) for snooping.
  if (link.kind === 'bridge') out.push('01:00:5e:00:00:6a', ...(v6 ? ['33:33:00:00:00:6a'] : []));
  out.push('01:00:5e:00:00:01');
  if (v6) out.push(solicitedNode(link.mac));
  return out;
}

export function fdbDump(world: NetWorld, ns: NetNs): FdbLine[] {
  const t = topology(world);
  const out: FdbLine[] = [];
  for (const link of ns.links) {
    if (link.kind === 'loopback') continue;
    const br = t.masterOf.get(link);
    if (br) {
      const learned = Object.entries(br.fdb ?? {}).filter(([, port]) => port === link.ifindex);
      for (const [mac] of learned.reverse()) out.push({ mac, dev: link.name, self: false, master: br.name, state: '' });
      out.push({ mac: link.mac, dev: link.name, self: false, master: br.name, state: 'permanent' });
    }
    if (link.kind === 'vxlan') {
      for (const e of link.vxlan?.fdb ?? []) out.push({ mac: e.mac, dev: link.name, dst: e.dst, self: true, state: e.permanent ? 'permanent' : '' });
      continue;
    }
    const ups = t.uppers.get(link);
    for (const c of ups?.macvlanList ?? []) if (c.link.up && c.link.macvlanMode !== 'passthru') out.push({ mac: c.link.mac, dev: link.name, self: true, state: 'permanent' });
    for (const mac of groups(world, ns, link)) out.push({ mac, dev: link.name, self: true, state: 'permanent' });
  }
  return out;
}

/** One line as iproute2's print_fdb writes it (each field followed by a space, the state last). */
export function fdbLineText(l: FdbLine, withDev = true): string {
  let s = `${l.mac} `;
  if (withDev) s += `dev ${l.dev} `;
  if (l.dst) s += `dst ${l.dst} `;
  if (l.self) s += 'self ';
  if (l.master) s += `master ${l.master} `;
  return s + l.state;
}
