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
  for (let i = ports.length - 1; i >= 0; i--) {
    const q = ports[i]!;
    if (q === inPort || !q.up) continue;
    if (taken !== null) {
      k.tap(ns, q, f, 'out');
      continue;
    }
    const r = f.dry ? k.xmit(ns, q, f) : via(k, ns, br, inPort, q, f);
    f.vlan = vlan;
    if (r === null) continue;
    if (r !== REACHED && !r.ok) {
      // Dropped on the way (a tunnel's underlay, a firewall): another port may still lead there.
      firstFail ??= r;
      continue;
    }
    taken = r;
    if (f.dry || !k.capturing()) break;
  }
  return taken ?? firstFail;
}

/** Where a frame goes once the bridge has it: its own stack, the port the FDB names, or everywhere. */
function forward(k: L2, ns: NetNs, br: Link, inPort: Link | null, f: Frame): L2Result {
  if (f.dst === br.mac || f.want?.link === br) return inPort ? toLocal(k, ns, br, f) : null;
  if (!f.bcast) {
    const out = fdbPort(k, br, f.dst);
    if (out) return out === inPort || !out.up ? null : via(k, ns, br, inPort, out, f);
  }
  return flood(k, ns, br, inPort, f);
}

export const bridgeOps: LinkOps = {
  kind: 'bridge',
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
  carrier(_world, ns, br, carrierOf) {
    if (!br.up) return false;
    for (const l of ns.links) if (l.master === br.ifindex && l.up && carrierOf(ns, l)) return true;
    return false;
  },
};
