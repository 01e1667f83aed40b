import type { Link, NetNs } from '../types';
import type { NetWorld } from '../world';
import { opsOf } from './registry';
import { topology } from './topology';

/**
 * What `ip -d link` adds (iproute2 6.15, Linux 6.18): after the link/ether line, promiscuity and
 * MTU limits; then the kind's own line (and a bridge port's bridge_slave line), ending with the
 * generic fields. Devices without a kind (lo, a NIC) carry the generic fields on the link line.
 */

export interface LinkDetails {
  /** Appended to the `    link/ether …` line. */
  linkLine: string;
  /** Lines after it, each starting with four spaces. */
  lines: string[];
}

const NO_KIND = new Set(['loopback', 'ether']);

function generic(link: Link): string {
  const queues = link.kind === 'veth' ? 2 : 1;
  const tso = link.kind === 'ether' ? 65536 : 524280;
  let s =
    `addrgenmode eui64 numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 ` +
    `tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536 `;
  if (link.kind === 'ether') s += 'parentbus virtio parentdev virtio0 ';
  return s;
}

export function linkDetails(world: NetWorld, ns: NetNs, link: Link): LinkDetails {
  const t = topology(world);
  const master = t.masterOf.get(link);
  // A bridge puts its ports into promiscuous and allmulti mode, a passthru macvlan its lower
  // device (drivers/net/macvlan.c macvlan_open); other macvlan children only register their MACs.
  const promiscuity = (master ? 1 : 0) + (link.promisc ? 1 : 0) + (t.uppers.get(link)?.passthru ? 1 : 0);
  const allmulti = master ? 1 : 0;
  const [minmtu, maxmtu] = link.kind === 'loopback' || link.kind === 'dummy' ? [0, 0] : [68, 65535];
  let linkLine = ` promiscuity ${promiscuity} allmulti ${allmulti} minmtu ${minmtu} maxmtu ${maxmtu} `;
  if (NO_KIND.has(link.kind)) return { linkLine: linkLine + generic(link), lines: [] };
  const ops = opsOf(link.kind);
  const kindLine = `    ${link.kind} ${ops.details?.(world, ns, link) ?? ''}`;
  const portLine = master ? opsOf(master.kind).portDetails?.(world, ns, master, link) : undefined;
  if (portLine === undefined) return { linkLine, lines: [kindLine + generic(link)] };
  return { linkLine, lines: [kindLine, `    ${master!.kind}_slave ${portLine}${generic(link)}`] };
}
