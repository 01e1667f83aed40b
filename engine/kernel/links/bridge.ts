import type { Link, NetNs } from '../types';
import type { Frame } from '../walk-types';
import { REACHED, type L2, type L2Result, type LinkOps } from './types';
import { topology } from './topology';

/**
 * A Linux bridge: a learning switch inside a namespace. Frames arriving on a port teach the
 * forwarding database (source MAC -> port); known destinations go to their port, unknown ones
 * and broadcasts are flooded to every other port and to the bridge's own stack. With
 * br_netfilter on (NetNs.bridgeNfCall), IPv4 frames bridged between two ports meet the
 * namespace's iptables, where Docker's ICC=false rules act. Aging is not modelled: entries last
 * until their port goes away.
 */

const NO_PORTS: Link[] = [];

/** The I/G bit: the low bit of the first octet (its second hex digit is odd). */
function isGroupMac(mac: string): boolean {
  return '13579bdfBDF'.includes(mac.charAt(1));
}

/** Teaches the FDB that `mac` is behind `port` (a MAC that moved is re-learned in place). */
export function learn(br: Link, mac: string, port: Link): void {
  if (mac === br.mac || isGroupMac(mac)) return;
  const fdb = (br.fdb ??= {});
  if (!Object.hasOwn(fdb, mac) || fdb[mac] !== port.ifindex) fdb[mac] = port.ifindex;
}

/** The port the FDB knows `mac` behind, if any. */
export function fdbPort(k: L2, br: Link, mac: string): Link | null {
  const fdb = br.fdb;
  if (!fdb || !Object.hasOwn(fdb, mac)) return null;
  const ifindex = fdb[mac]!;
  for (const l of topology(k.world).ports.get(br) ?? NO_PORTS) if (l.ifindex === ifindex) return l;
  return null;
}

function toLocal(k: L2, ns: NetNs, br: Link, f: Frame): L2Result {
  k.tap(ns, br, f, 'in');
  return k.up(ns, br, f);
}

/** Out of one port: through br_netfilter (when loaded) when the frame was bridged from another port. */
function via(k: L2, ns: NetNs, br: Link, inPort: Link | null, out: Link, f: Frame): L2Result {
  if (inPort && !f.dry && f.arp === null) {
    if (ns.bridgeNfCall) {
      const hop = k.bridged(ns, br, inPort, out, f);
      if (hop.step === 'drop') return k.fail(f.pkt, 'dropped', hop);
      f.pkt.path.push(hop);
    } else f.pkt.path.push({ step: 'bridge', ns: ns.id, host: ns.hostname, dev: inPort.name, to: out.name });
  }
  return k.xmit(ns, out, f);
}

function flood(k: L2, ns: NetNs, br: Link, inPort: Link | null, f: Frame): L2Result {
  const ports = topology(k.world).ports.get(br) ?? NO_PORTS;
  const vlan = f.vlan;
  // Linux keeps ports newest first and floods them in that order. Every port gets a copy: the one
  // whose far side takes the frame decides the outcome; the others only show it leaving.
  let taken: L2Result = null;
  let firstFail: L2Result = null;
  // A broadcast from a port also goes up the bridge's own stack (br_handle_frame_finish local_rcv).
  if (inPort && f.bcast) k.tap(ns, br, f, 'in');
  for (let i = ports.length - 1; i >= 0; i--) {
    const q = ports[i]!;
    if (q === inPort || !q.up) continue;
    if (taken !== null) {
      // The other ports still send their copy (counters, captures on the far side); it leaves no hop behind.
      const hops = f.pkt.path.length;
      k.xmit(ns, q, f);
      f.pkt.path.length = hops;
      f.vlan = vlan;
      continue;
    }
    const hops = f.pkt.path.length;
    const r = f.dry ? k.xmit(ns, q, f) : via(k, ns, br, inPort, q, f);
    f.vlan = vlan;
    if (r === null) {
      // Nobody took this copy: it leaves no hop in the walk's path.
      f.pkt.path.length = hops;
      continue;
    }
    if (r !== REACHED && !r.ok) {
      // Dropped on the way (a tunnel's underlay, a firewall): another port may still lead there.
      firstFail ??= r;
      continue;
    }
    taken = r;
    if (f.dry) break;
  }
  return taken ?? firstFail;
}

function copyToPorts(k: L2, ns: NetNs, br: Link, inPort: Link, f: Frame): void {
  const ports = topology(k.world).ports.get(br) ?? NO_PORTS;
  const vlan = f.vlan;
  for (let i = ports.length - 1; i >= 0; i--) {
    const q = ports[i]!;
    if (q === inPort || !q.up) continue;
    const hops = f.pkt.path.length;
    k.xmit(ns, q, f);
    f.pkt.path.length = hops;
    f.vlan = vlan;
  }
}

/** Where a frame goes once the bridge has it: its own stack, the port the FDB names, or everywhere. */
function forward(k: L2, ns: NetNs, br: Link, inPort: Link | null, f: Frame): L2Result {
  if (f.dst === br.mac || f.want?.link === br) {
    if (!inPort) return null;
    // br_flood before br_pass_frame_up: the other ports get their copy of a broadcast too.
    if (f.bcast && !f.dry) copyToPorts(k, ns, br, inPort, f);
    return toLocal(k, ns, br, f);
  }
  if (!f.bcast) {
    const out = fdbPort(k, br, f.dst);
    if (out) return out === inPort || !out.up ? null : via(k, ns, br, inPort, out, f);
  }
  return flood(k, ns, br, inPort, f);
}

/** 8000.<mac with unpadded bytes>, as iproute2 prints a bridge id. */
function bridgeId(mac: string): string {
  return `8000.${mac
    .split(':')
    .map((b) => parseInt(b, 16).toString(16))
    .join(':')}`;
}

function timer(seconds: number): string {
  return seconds.toFixed(2).padStart(7);
}

export const bridgeOps: LinkOps = {
  kind: 'bridge',
  details(world, ns, br) {
    const id = bridgeId(br.mac);
    const learned = Object.keys(br.fdb ?? {}).length;
    // The FDB garbage collector runs every 300 s (a countdown, from the lab clock).
    const gc = 300 - (((world.clock ?? 0) / 1000) % 300);
    const nf = ns.bridgeNfCall ? 1 : 0;
    return (
      `forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 ` +
      `bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 ` +
      `hello_timer ${timer(0)} tcn_timer ${timer(0)} topology_change_timer ${timer(0)} gc_timer ${timer(gc)} ` +
      `fdb_n_learned ${learned} fdb_max_learned 0 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 ` +
      `no_linklocal_learn 0 mcast_vlan_snooping 0 mst_enabled 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 ` +
      `mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 ` +
      `mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 ` +
      `mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 ` +
      `mcast_mld_version 1 nf_call_iptables ${nf} nf_call_ip6tables ${nf} nf_call_arptables 0 `
    );
  },
  portDetails(world, _ns, br, port) {
    const n = (topology(world).ports.get(br) ?? NO_PORTS).indexOf(port) + 1;
    const id = bridgeId(br.mac);
    const state = port.up && br.up ? 'forwarding' : 'disabled';
    return (
      `state ${state} priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on ` +
      `port_id 0x${(0x8000 + n).toString(16)} port_no 0x${n.toString(16)} designated_port ${0x8000 + n} designated_cost 0 ` +
      `designated_bridge ${id} designated_root ${id} hold_timer ${timer(0)} message_age_timer ${timer(0)} ` +
      `forward_delay_timer ${timer(0)} topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off ` +
      `mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off ` +
      `neigh_vlan_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off mab off `
    );
  },
  xmit(k, ns, br, f) {
    if (!br.up) return null;
    k.tap(ns, br, f, 'out');
    return forward(k, ns, br, null, f);
  },
  portInput(k, ns, br, port, f) {
    if (!br.up) return f.dry ? null : k.fail(f.pkt, 'dropped', { step: 'drop', ns: ns.id, host: ns.hostname, dev: br.name, why: `${br.name} is down` });
    k.tap(ns, port, f, 'in');
    if (!f.dry && f.pkt.count) learn(br, f.src, port);
    return forward(k, ns, br, port, f);
  },
  carrier(world, ns, br, carrierOf) {
    if (!br.up) return false;
    for (const l of ns.links) if (l.master === br.ifindex && l.up && carrierOf(world, ns, l)) return true;
    return false;
  },
};
